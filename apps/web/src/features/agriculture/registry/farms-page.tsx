import { useDeferredValue, useState } from "react";
import { Link, useNavigate } from "react-router";
import { Button, Card, Input, Select, Table, Tag, Typography } from "antd";
import { PlusOutlined } from "@ant-design/icons";
import { keepPreviousData, useQuery, useQueryClient } from "@tanstack/react-query";
import {
  FARM_CERTIFICATION_STATUSES,
  FARM_KINDS,
  type CertifiedShare,
  type Farm,
  type FarmCertificationStatus,
  type FarmKind,
} from "@phuong-xanh/shared";
import { useCurrentUser } from "../../../app/current-user";
import { PageHeader } from "../../../components/page-header";
import { QueryState } from "../../../components/query-state";
import { useDialog } from "../../../components/use-admin-list";
import { useFormat } from "../../../i18n/format";
import { api, queryKeys } from "../../../lib/endpoints";
import { registryApi, registryKeys } from "./registry-api";
import { canKeepRegistry, registryPaths } from "./registry-rules";
import { FarmDialog } from "./registry-dialogs";
import { CertificationStatusTag } from "./registry-ui";
import { useRegistryT } from "./messages";
import "./registry.css";

/** The indicator's target: ≥ 20% of cultivated area at GAP or organic. */
const TARGET_PERCENT = 20;

/**
 * /nong-ho — Sổ nông hộ: the share of certified area per residential group at the top (computed,
 * never typed), then the farms, searched without minding accents and filtered by kind, group and
 * certification, each opening its page.
 */
export default function FarmsPage() {
  const t = useRegistryT();
  const format = useFormat();
  const user = useCurrentUser();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const keeper = canKeepRegistry(user);
  const [search, setSearch] = useState("");
  const [kind, setKind] = useState<FarmKind | undefined>();
  const [group, setGroup] = useState<string | undefined>();
  const [certification, setCertification] = useState<FarmCertificationStatus | undefined>();
  const q = useDeferredValue(search.trim());
  const filters = {
    ...(q ? { q } : {}),
    ...(kind ? { kind } : {}),
    ...(group ? { residentialGroup: group } : {}),
    ...(certification ? { certification } : {}),
  };
  const farms = useQuery({
    queryKey: registryKeys.farms(filters),
    queryFn: () => registryApi.farms(filters),
    placeholderData: keepPreviousData,
  });
  const shares = useQuery({ queryKey: registryKeys.shares, queryFn: registryApi.shares, enabled: keeper });
  const units = useQuery({ queryKey: queryKeys.units, queryFn: api.units, enabled: keeper });
  const groups = (units.data ?? []).filter((u) => u.kind === "residential_group");
  const dialog = useDialog<"create">();

  return (
    <div className="reg-page">
      <PageHeader
        title={t("reg.title")}
        extra={
          keeper && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => dialog.show("create")}>
              {t("reg.addFarm")}
            </Button>
          )
        }
      />
      {keeper && shares.data && <SharesCard shares={shares.data} />}
      {keeper && (
        <div className="reg-toolbar">
          <Input.Search
            allowClear
            value={search}
            onChange={(e) => setSearch(e.target.value)}
            placeholder={t("reg.search")}
            aria-label={t("reg.searchLabel")}
            className="reg-search"
          />
          <Select<FarmKind>
            allowClear
            value={kind}
            onChange={setKind}
            placeholder={t("reg.allKinds")}
            aria-label={t("reg.kind")}
            options={FARM_KINDS.map((k) => ({ value: k, label: t(`reg.kind.${k}`) }))}
            className="reg-filter"
          />
          <Select<string>
            allowClear
            value={group}
            onChange={setGroup}
            placeholder={t("reg.allGroups")}
            aria-label={t("reg.group")}
            options={groups.map((g) => ({ value: g.code, label: g.name }))}
            className="reg-filter"
          />
          <Select<FarmCertificationStatus>
            allowClear
            value={certification}
            onChange={setCertification}
            placeholder={t("reg.allCertifications")}
            aria-label={t("reg.certification")}
            options={FARM_CERTIFICATION_STATUSES.map((s) => ({ value: s, label: t(`reg.cert.${s}`) }))}
            className="reg-filter reg-filter-wide"
          />
          {farms.data && <Tag>{t("reg.farmsCount", { count: format.number(farms.data.length, 0) })}</Tag>}
        </div>
      )}
      <Card size="small" styles={{ body: { padding: 0 } }}>
        <QueryState query={farms}>
          {(rows) => (
            <Table<Farm>
              size="small"
              rowKey="id"
              dataSource={rows}
              pagination={rows.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
              scroll={{ x: 1040 }}
              locale={{ emptyText: t("reg.empty") }}
              columns={[
                {
                  title: t("reg.name"),
                  dataIndex: "name",
                  width: 240,
                  render: (name: string, farm) => (
                    <>
                      <Link to={registryPaths.farm(farm.id)}>{name}</Link>
                      {!farm.active && <Tag className="reg-inline-tag">{t("reg.inactive")}</Tag>}
                      {farm.representative && (
                        <div>
                          <Typography.Text type="secondary">{farm.representative}</Typography.Text>
                        </div>
                      )}
                    </>
                  ),
                },
                { title: t("reg.kind"), dataIndex: "kind", width: 120, render: (k: FarmKind) => t(`reg.kind.${k}`) },
                {
                  title: t("reg.group"),
                  key: "group",
                  width: 150,
                  render: (_: unknown, farm) => farm.residentialGroup?.name ?? "—",
                },
                {
                  title: t("reg.plots"),
                  dataIndex: "plots",
                  width: 90,
                  align: "right",
                  render: (n: number) => format.number(n, 0),
                },
                {
                  title: t("reg.area"),
                  dataIndex: "areaHa",
                  width: 110,
                  align: "right",
                  render: (ha: number) => t("reg.hectares", { value: format.number(ha, 4) }),
                },
                {
                  title: t("reg.certifiedArea"),
                  dataIndex: "certifiedAreaHa",
                  width: 130,
                  align: "right",
                  render: (ha: number) => t("reg.hectares", { value: format.number(ha, 4) }),
                },
                {
                  title: t("reg.certification"),
                  dataIndex: "certification",
                  width: 200,
                  render: (status: FarmCertificationStatus) => <CertificationStatusTag status={status} />,
                },
              ]}
            />
          )}
        </QueryState>
      </Card>
      {dialog.dialog === "create" && (
        <FarmDialog
          open={dialog.open}
          onClose={dialog.close}
          onSaved={(saved) => {
            void queryClient.invalidateQueries({ queryKey: registryKeys.all });
            void navigate(registryPaths.farm(saved.id));
          }}
        />
      )}
    </div>
  );
}

/** Each group's certified share today, against the 20% target. */
function SharesCard({ shares }: { shares: CertifiedShare[] }) {
  const t = useRegistryT();
  const format = useFormat();
  return (
    <Card size="small" title={t("reg.sharesTitle")} className="reg-shares">
      <Typography.Paragraph type="secondary" className="reg-shares-hint">
        {t("reg.sharesHint")}
      </Typography.Paragraph>
      {shares.length === 0 ? (
        <Typography.Text>{t("reg.sharesEmpty")}</Typography.Text>
      ) : (
        <ul className="reg-share-list">
          {shares.map((share) => {
            const met = share.percent !== null && share.percent >= TARGET_PERCENT;
            return (
              <li key={share.residentialGroup.id} data-testid={`share-${share.residentialGroup.code}`}>
                <span className="reg-share-group">{share.residentialGroup.name}</span>
                <span className={met ? "reg-share-met" : "reg-share-below"}>
                  {share.percent === null ? t("reg.shareNone") : `${format.number(share.percent, 1)}%`}
                </span>
                <Typography.Text type="secondary" className="reg-share-area">
                  {t("reg.shareOf", {
                    certified: format.number(share.certifiedHa, 4),
                    cultivated: format.number(share.cultivatedHa, 4),
                  })}
                </Typography.Text>
              </li>
            );
          })}
        </ul>
      )}
    </Card>
  );
}
