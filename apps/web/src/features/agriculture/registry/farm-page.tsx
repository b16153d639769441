import { useState } from "react";
import { Link, useParams } from "react-router";
import { App, Button, Card, Descriptions, Space, Table, Tag, Typography } from "antd";
import {
  ArrowLeftOutlined,
  DownloadOutlined,
  EditOutlined,
  UserAddOutlined,
  EnvironmentOutlined,
  PlusOutlined,
  SafetyCertificateOutlined,
  StopOutlined,
} from "@ant-design/icons";
import { useQueries, useQuery, useQueryClient } from "@tanstack/react-query";
import type { Certification, Farm, Plot, Season } from "@phuong-xanh/shared";
import { useCurrentUser } from "../../../app/current-user";
import { PageHeader } from "../../../components/page-header";
import { QueryState } from "../../../components/query-state";
import { RowActions } from "../../../components/row-actions";
import { actionsColumn } from "../../../components/admin-list-page";
import { useDialog, useIsPhone } from "../../../components/use-admin-list";
import { useFormat } from "../../../i18n/format";
import { registryApi, registryDownloads, registryKeys } from "./registry-api";
import { canKeepRegistry, currentCertification, plotPoint, registryPaths } from "./registry-rules";
import { CertificationDialog, FarmAccountDialog, FarmDialog, PlotDialog, WithdrawDialog } from "./registry-dialogs";
import { CertificateStateTag, CertificationStatusTag } from "./registry-ui";
import { PlotPlace } from "./plot-place";
import { useRegistryT } from "./messages";
import { FarmExtensionCard } from "../../extension/farm-extension-card";
import { canReadExtension } from "../../extension/extension-rules";
import "./registry.css";

type Dialog =
  | { kind: "farm" }
  | { kind: "account" }
  | { kind: "plot"; plot?: Plot }
  | { kind: "certify"; plot: Plot }
  | { kind: "withdraw"; certification: Certification };

/**
 * /nong-ho/:id — one farm: its details and proxy consent, its plots with area, crop, group and
 * certification (added and withdrawn here), a plot's place on a small map, its seasons with a
 * link to each diary, and the diary to download as PDF or XLSX.
 */
export default function FarmPage() {
  const { id = "" } = useParams();
  const t = useRegistryT();
  const farm = useQuery({ queryKey: registryKeys.farm(id), queryFn: () => registryApi.farm(id) });
  return (
    <div className="reg-page">
      <Link to={registryPaths.list} className="reg-back">
        <ArrowLeftOutlined aria-hidden="true" /> {t("reg.back")}
      </Link>
      <QueryState query={farm}>{(data) => <FarmView farm={data} />}</QueryState>
    </div>
  );
}

function FarmView({ farm }: { farm: Farm }) {
  const t = useRegistryT();
  const format = useFormat();
  const user = useCurrentUser();
  const isPhone = useIsPhone();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const keeper = canKeepRegistry(user);
  const plots = useQuery({ queryKey: registryKeys.plots(farm.id), queryFn: () => registryApi.plots(farm.id) });
  const seasons = useQueries({
    queries: (plots.data ?? []).map((plot) => ({
      queryKey: registryKeys.seasons(plot.id),
      queryFn: () => registryApi.seasons(plot.id),
    })),
  });
  const allSeasons: Season[] = seasons.flatMap((q) => q.data ?? []);
  const [shownPlotId, setShownPlotId] = useState<string | undefined>();
  const located = (plots.data ?? []).filter((p) => plotPoint(p) !== null);
  const shownPlot = located.find((p) => p.id === shownPlotId) ?? located[0];
  const shownPoint = shownPlot ? plotPoint(shownPlot) : null;
  const dialog = useDialog<Dialog>();

  const refresh = () => void queryClient.invalidateQueries({ queryKey: registryKeys.all });

  return (
    <>
      <PageHeader
        title={farm.name}
        tags={
          <>
            <Tag>{t(`reg.kind.${farm.kind}`)}</Tag>
            <CertificationStatusTag status={farm.certification} />
            {!farm.active && <Tag>{t("reg.inactive")}</Tag>}
          </>
        }
        extra={
          <>
            <Button icon={<DownloadOutlined />} href={registryDownloads.diary(farm.id, "pdf")} download>
              {t("reg.downloadPdf")}
            </Button>
            <Button icon={<DownloadOutlined />} href={registryDownloads.diary(farm.id, "xlsx")} download>
              {t("reg.downloadXlsx")}
            </Button>
            {keeper && !farm.hasAccount && farm.active && (
              <Button icon={<UserAddOutlined />} onClick={() => dialog.show({ kind: "account" })}>
                {t("reg.openAccount")}
              </Button>
            )}
            {keeper && (
              <Button icon={<EditOutlined />} onClick={() => dialog.show({ kind: "farm" })}>
                {t("reg.editFarm")}
              </Button>
            )}
          </>
        }
      />
      <Card size="small" title={t("reg.details")} className="reg-card">
        <Descriptions size="small" column={isPhone ? 1 : 2}>
          <Descriptions.Item label={t("reg.representative")}>{farm.representative ?? "—"}</Descriptions.Item>
          <Descriptions.Item label={t("reg.phone")}>{farm.phone ?? "—"}</Descriptions.Item>
          <Descriptions.Item label={t("reg.group")}>{farm.residentialGroup?.name ?? "—"}</Descriptions.Item>
          <Descriptions.Item label={t("reg.address")}>{farm.address ?? "—"}</Descriptions.Item>
          <Descriptions.Item label={t("reg.area")}>
            {t("reg.hectares", { value: format.number(farm.areaHa, 4) })}
          </Descriptions.Item>
          <Descriptions.Item label={t("reg.certifiedArea")}>
            {t("reg.hectares", { value: format.number(farm.certifiedAreaHa, 4) })}
          </Descriptions.Item>
          <Descriptions.Item label={t("reg.proxyConsent")} span={isPhone ? 1 : 2}>
            {farm.proxyConsentAt ? (
              <Tag color="green" className="reg-wrap-tag">
                {t("reg.proxyConsentGiven", { date: format.date(farm.proxyConsentAt) })}
              </Tag>
            ) : (
              <Tag>{t("reg.proxyConsentNone")}</Tag>
            )}
            {farm.hasAccount && <Tag>{t("reg.hasAccount")}</Tag>}
          </Descriptions.Item>
        </Descriptions>
      </Card>

      <Card
        size="small"
        title={t("reg.plots")}
        className="reg-card"
        extra={
          keeper && (
            <Button size="small" icon={<PlusOutlined />} onClick={() => dialog.show({ kind: "plot" })}>
              {t("reg.addPlot")}
            </Button>
          )
        }
        styles={{ body: { padding: 0 } }}
      >
        <QueryState query={plots}>
          {(rows) => (
            <Table<Plot>
              size="small"
              rowKey="id"
              dataSource={rows}
              pagination={false}
              scroll={{ x: 960 }}
              locale={{ emptyText: t("reg.noPlots") }}
              columns={[
                {
                  title: t("reg.plotName"),
                  dataIndex: "name",
                  render: (name: string, plot) => (
                    <>
                      {name}
                      {!plot.active && <Tag className="reg-inline-tag">{t("reg.inactive")}</Tag>}
                    </>
                  ),
                },
                {
                  title: t("reg.area"),
                  dataIndex: "areaHa",
                  width: 100,
                  align: "right",
                  render: (ha: number) => t("reg.hectares", { value: format.number(ha, 4) }),
                },
                { title: t("reg.crop"), dataIndex: "crop", width: 100 },
                {
                  title: t("reg.group"),
                  key: "group",
                  width: 130,
                  render: (_: unknown, plot) => plot.residentialGroup.name,
                },
                {
                  title: t("reg.certification"),
                  key: "certification",
                  width: 250,
                  render: (_: unknown, plot) => <PlotCertifications plot={plot} />,
                },
                {
                  title: t("reg.validity"),
                  key: "validity",
                  width: 190,
                  render: (_: unknown, plot) => {
                    const current = currentCertification(plot);
                    if (!current) return "—";
                    return (
                      <>
                        {t("reg.validFromTo", {
                          from: format.date(current.validFrom),
                          until: format.date(current.validUntil),
                        })}
                        <div>
                          <CertificateStateTag certification={current} />
                        </div>
                      </>
                    );
                  },
                },
                actionsColumn<Plot>({
                  title: t("reg.actions"),
                  isPhone,
                  fixedOnPhone: true,
                  render: (plot) => (
                    <RowActions
                      isPhone={isPhone}
                      menuName={t("reg.actions")}
                      actions={[
                        ...(plotPoint(plot)
                          ? [
                              {
                                key: "place",
                                label: t("reg.location"),
                                name: t("reg.locationOf", { name: plot.name }),
                                icon: <EnvironmentOutlined />,
                                onClick: () => setShownPlotId(plot.id),
                              },
                            ]
                          : []),
                        ...(keeper
                          ? [
                              {
                                key: "edit",
                                label: t("reg.editPlot"),
                                name: t("reg.editPlotOf", { name: plot.name }),
                                icon: <EditOutlined />,
                                onClick: () => dialog.show({ kind: "plot", plot }),
                              },
                              {
                                key: "certify",
                                label: t("reg.addCertification"),
                                name: t("reg.addCertificationOf", { name: plot.name }),
                                icon: <SafetyCertificateOutlined />,
                                onClick: () => dialog.show({ kind: "certify", plot }),
                              },
                              ...plot.certifications
                                .filter((c) => c.withdrawnOn === null)
                                .map((c) => ({
                                  key: `withdraw-${c.id}`,
                                  label: t("reg.withdraw"),
                                  name: t("reg.withdrawOf", { number: c.certificateNumber }),
                                  icon: <StopOutlined />,
                                  danger: true,
                                  onClick: () => dialog.show({ kind: "withdraw", certification: c }),
                                })),
                            ]
                          : []),
                      ]}
                    />
                  ),
                }),
              ]}
            />
          )}
        </QueryState>
      </Card>

      <div className="reg-columns">
        <Card size="small" title={t("reg.location")} className="reg-card reg-place-card">
          {shownPlot && shownPoint ? (
            <>
              <Typography.Text strong>{shownPlot.name}</Typography.Text>
              <PlotPlace key={shownPlot.id} at={shownPoint} name={shownPlot.name} />
            </>
          ) : (
            <Typography.Text type="secondary">{t("reg.noLocation")}</Typography.Text>
          )}
        </Card>
        <Card
          size="small"
          title={t("reg.seasons")}
          className="reg-card reg-seasons-card"
          styles={{ body: { padding: 0 } }}
        >
          <Table<Season>
            size="small"
            rowKey="id"
            dataSource={allSeasons}
            loading={seasons.some((q) => q.isPending)}
            pagination={false}
            scroll={{ x: 560 }}
            locale={{ emptyText: t("reg.noSeasons") }}
            columns={[
              {
                title: t("reg.season"),
                dataIndex: "name",
                render: (name: string, season) => (
                  <>
                    {name}
                    <div>
                      <Typography.Text type="secondary">
                        {season.plotName} · {season.crop}
                      </Typography.Text>
                    </div>
                  </>
                ),
              },
              {
                title: t("reg.period"),
                key: "period",
                width: 190,
                render: (_: unknown, season) =>
                  `${format.date(season.startedOn)} – ${season.closedOn ? format.date(season.closedOn) : t("reg.seasonOpen")}`,
              },
              {
                title: t("reg.entries"),
                key: "entries",
                width: 90,
                align: "right",
                render: (_: unknown, season) => format.number(season.entries.length, 0),
              },
              {
                title: t("reg.actions"),
                key: "diary",
                width: 120,
                render: (_: unknown, season) => (
                  <Link to={registryPaths.diary(season)} aria-label={t("reg.toDiaryOf", { name: season.name })}>
                    {t("reg.toDiary")}
                  </Link>
                ),
              },
            ]}
          />
        </Card>
        {canReadExtension(user) && <FarmExtensionCard farmId={farm.id} className="reg-card" />}
      </div>

      {dialog.dialog?.kind === "farm" && (
        <FarmDialog
          farm={farm}
          open={dialog.open}
          onClose={dialog.close}
          onSaved={(saved) => {
            refresh();
            void message.success(t("reg.farmSaved", { name: saved.name }));
          }}
        />
      )}
      {dialog.dialog?.kind === "account" && (
        <FarmAccountDialog
          farm={farm}
          open={dialog.open}
          onClose={dialog.close}
          onSaved={() => {
            refresh();
            void message.success(t("reg.accountOpened", { name: farm.name }));
          }}
        />
      )}
      {dialog.dialog?.kind === "plot" && (
        <PlotDialog
          farm={farm}
          {...(dialog.dialog.plot ? { plot: dialog.dialog.plot } : {})}
          open={dialog.open}
          onClose={dialog.close}
          onSaved={(saved) => {
            refresh();
            void message.success(t("reg.plotSaved", { name: saved.name }));
          }}
        />
      )}
      {dialog.dialog?.kind === "certify" && (
        <CertificationDialog
          plot={dialog.dialog.plot}
          open={dialog.open}
          onClose={dialog.close}
          onSaved={(saved) => {
            refresh();
            const added = saved.certifications.at(-1);
            void message.success(t("reg.certificationSaved", { number: added?.certificateNumber ?? "" }));
          }}
        />
      )}
      {dialog.dialog?.kind === "withdraw" && (
        <WithdrawDialog
          certification={dialog.dialog.certification}
          open={dialog.open}
          onClose={dialog.close}
          onSaved={() => {
            refresh();
            if (dialog.dialog?.kind === "withdraw")
              void message.success(t("reg.withdrawn", { number: dialog.dialog.certification.certificateNumber }));
          }}
        />
      )}
    </>
  );
}

/** A plot's certificates: scheme, number and body, each with its state. */
function PlotCertifications({ plot }: { plot: Plot }) {
  const t = useRegistryT();
  if (plot.certifications.length === 0)
    return <Typography.Text type="secondary">{t("reg.noCertification")}</Typography.Text>;
  return (
    <Space orientation="vertical" size={2}>
      {plot.certifications.map((c) => (
        <span key={c.id}>
          <Tag color={c.valid ? "green" : "default"}>{t(`reg.scheme.${c.scheme}`)}</Tag>
          {c.certificateNumber}
          <div>
            <Typography.Text type="secondary">{c.issuer}</Typography.Text>
          </div>
        </span>
      ))}
    </Space>
  );
}
