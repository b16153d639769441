import { useMemo, useState } from "react";
import { Link } from "react-router";
import { Card, Input, Select, Table, Typography } from "antd";
import { useQuery } from "@tanstack/react-query";
import { foldVietnamese, indicatorStatusSchema, periodLabel, type IndicatorSummary } from "@phuong-xanh/shared";
import { api, queryKeys } from "../../lib/endpoints";
import { useI18n } from "../../i18n/i18n";
import { useFormat } from "../../i18n/format";
import { PageHeader } from "../../components/page-header";
import { QueryState } from "../../components/query-state";
import { IndicatorStatusTag, TrendArrow, UnitCell } from "../../components/tags";
import { indicatorStatusRank, targetSymbol, type IndicatorStatus } from "../../lib/labels";

export default function IndicatorListPage() {
  const { t, language } = useI18n();
  const format = useFormat();
  const query = useQuery({
    queryKey: queryKeys.indicators,
    queryFn: api.indicators,
  });
  const [search, setSearch] = useState("");
  const [status, setStatus] = useState<IndicatorStatus | undefined>();

  const rows = useMemo(() => {
    const words = foldVietnamese(search).split(" ").filter(Boolean);
    return (query.data ?? []).filter((i) => {
      if (status && i.status !== status) return false;
      const text = foldVietnamese(`${i.name} ${i.ref} ${i.code} ${i.owner.shortName}`);
      return words.every((w) => text.includes(w));
    });
  }, [query.data, search, status]);

  return (
    <>
      <PageHeader title={t("indicators.title")} />
      <Card size="small" style={{ marginBottom: 12 }}>
        <div className="staff-filters" role="search">
          <Input.Search
            allowClear
            aria-label={t("indicators.search")}
            placeholder={t("indicators.searchPlaceholder")}
            value={search}
            onChange={(e) => setSearch(e.target.value)}
          />
          <Select<IndicatorStatus>
            allowClear
            aria-label={t("indicator.status")}
            placeholder={t("indicators.filterStatus")}
            value={status}
            onChange={(value?: IndicatorStatus) => setStatus(value)}
            options={indicatorStatusSchema.options.map((s) => ({
              value: s,
              label: t(`indicatorStatus.${s}`),
            }))}
          />
        </div>
      </Card>
      <Card size="small" styles={{ body: { padding: 0 } }}>
        <QueryState query={query}>
          {() => (
            <Table<IndicatorSummary>
              size="small"
              rowKey="id"
              dataSource={rows}
              pagination={false}
              scroll={{ x: 980 }}
              locale={{ emptyText: t("common.empty") }}
              columns={[
                { title: t("task.ref"), dataIndex: "ref", width: 110 },
                {
                  title: t("indicator.name"),
                  dataIndex: "name",
                  render: (name: string, row) => <Link to={`/chi-tieu/${row.id}`}>{name}</Link>,
                },
                {
                  title: t("indicator.owner"),
                  key: "owner",
                  width: 120,
                  render: (_: unknown, row) => <UnitCell unit={row.owner} />,
                },
                {
                  title: t("indicator.latest"),
                  key: "latest",
                  width: 170,
                  render: (_: unknown, row) =>
                    row.latest ? (
                      <span>
                        <strong>{format.quantity(row.latest.value, row.unitOfMeasure, row.valueKind)}</strong>{" "}
                        <TrendArrow trend={row.trend} direction={row.direction} />
                        <br />
                        <Typography.Text type="secondary">{periodLabel(row.latest.period, language)}</Typography.Text>
                      </span>
                    ) : (
                      <Typography.Text type="secondary">—</Typography.Text>
                    ),
                },
                {
                  title: t("indicator.expectedNow"),
                  dataIndex: "expectedNow",
                  width: 120,
                  render: (v: number | null, row) =>
                    v === null ? "—" : format.quantity(v, row.unitOfMeasure, row.valueKind),
                },
                {
                  title: t("indicator.target"),
                  key: "target",
                  width: 140,
                  render: (_: unknown, row) => (
                    <span className="staff-nowrap">
                      {targetSymbol(row.direction)} {format.quantity(row.targetValue, row.unitOfMeasure, row.valueKind)}{" "}
                      ({row.targetYear})
                    </span>
                  ),
                },
                {
                  title: t("indicator.status"),
                  dataIndex: "status",
                  width: 160,
                  sorter: (a, b) => indicatorStatusRank[a.status] - indicatorStatusRank[b.status],
                  render: (s: IndicatorStatus) => <IndicatorStatusTag status={s} />,
                },
              ]}
            />
          )}
        </QueryState>
      </Card>
    </>
  );
}
