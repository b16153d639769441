import { useQuery } from "@tanstack/react-query";
import { Button, Card, Col, Row, Statistic, Table, Tag, Typography } from "antd";
import type { CityDashboard, CityWard } from "@phuong-xanh/shared";
import { api, queryKeys } from "../../lib/endpoints";
import { useI18n } from "../../i18n/i18n";
import { formatDate } from "../../i18n/format";
import { PageHeader } from "../../components/page-header";
import { Forbidden, QueryState } from "../../components/query-state";
import { useCurrentUser } from "../../app/current-user";
import {
  CityMap,
  IndicatorCounts,
  IndicatorMatrix,
  LateGroups,
  ProgressLabel,
  WardLink,
  WardStatusChip,
  type WardAction,
} from "./city-views";
import { useViewWard } from "./use-view-ward";

type WardRow = CityDashboard["wards"][number];

/**
 * Thành phố: every ward side by side. The city account opens a ward from here to read it
 * (its dashboard, tasks, indicators, reports — read-only); the platform admin sees the same
 * comparison and reaches a ward's public page.
 */
export default function CityPage() {
  const { t } = useI18n();
  const user = useCurrentUser();
  const allowed = user.role === "city" || user.role === "platform_admin";
  const query = useQuery({
    queryKey: queryKeys.cityDashboard,
    queryFn: api.cityDashboard,
    enabled: allowed,
    refetchInterval: 5 * 60_000,
  });
  if (!allowed) return <Forbidden />;
  return (
    <>
      <PageHeader
        title={t("city.title")}
        tags={
          query.data ? (
            <>
              <Typography.Text type="secondary">
                {t("city.asOf", { date: formatDate(query.data.today) })}
              </Typography.Text>
              {query.data.wards.some((w) => w.isDemo) && <Tag color="gold">{t("common.demoData")}</Tag>}
            </>
          ) : undefined
        }
        extra={
          <a href="/cong-khai/thanh-pho" target="_blank" rel="noopener">
            {t("city.publicLink")}
          </a>
        }
      />
      <QueryState query={query} rows={12}>
        {(data) => <CityView data={data} />}
      </QueryState>
    </>
  );
}

function CityView({ data }: { data: CityDashboard }) {
  const { t } = useI18n();
  const user = useCurrentUser();
  const viewWard = useViewWard();
  const canView = user.role === "city";
  const actionOf = (ward: CityWard): WardAction =>
    canView
      ? {
          href: "/",
          label: t("city.viewWardLabel", { name: ward.name }),
          onActivate: () => void viewWard(ward.code, "/"),
        }
      : {
          href: `/cong-khai?ward=${encodeURIComponent(ward.code)}`,
          label: t("city.publicWardLink", { name: ward.name }),
        };
  const work = data.wards.reduce((sum, w) => sum + w.tasks.total, 0);
  const overdue = data.wards.reduce((sum, w) => sum + w.tasks.overdue, 0);
  const progress = work ? data.wards.reduce((sum, w) => sum + w.tasks.averageProgress * w.tasks.total, 0) / work : 0;
  const late = data.wards.filter((w) => w.status === "off_track").length;

  return (
    <>
      <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
        <Col xs={12} md={6}>
          <Card>
            <Statistic title={t("city.wards")} value={data.wards.length} />
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card>
            <Statistic title={t("public.summaryProgress")} value={progress} precision={1} suffix="%" />
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card>
            <Statistic title={t("public.summaryOverdue")} value={overdue} />
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card>
            <Statistic title={t("city.wardsOffTrack")} value={late} />
          </Card>
        </Col>
      </Row>

      <section className="city-section" aria-labelledby="city-map">
        <h2 id="city-map">{t("city.map")}</h2>
        <CityMap wards={data.wards} actionOf={actionOf} />
      </section>

      <section className="city-section" aria-labelledby="city-wards">
        <h2 id="city-wards">{t("city.table")}</h2>
        <p className="city-hint">{t(canView ? "city.tableHintCity" : "city.tableHintPlatform")}</p>
        <Table<WardRow>
          rowKey="code"
          size="small"
          pagination={false}
          scroll={{ x: 900 }}
          dataSource={data.wards}
          columns={[
            {
              title: t("city.ward"),
              key: "name",
              sorter: (a, b) => a.name.localeCompare(b.name, "vi"),
              render: (_, ward) => <WardLink action={actionOf(ward)}>{ward.name}</WardLink>,
            },
            {
              title: t("city.status"),
              key: "status",
              render: (_, ward) => <WardStatusChip status={ward.status} />,
            },
            {
              title: t("city.progress"),
              key: "progress",
              align: "right",
              sorter: (a, b) => a.tasks.averageProgress - b.tasks.averageProgress,
              render: (_, ward) => <ProgressLabel value={ward.tasks.averageProgress} name={ward.name} />,
            },
            {
              title: t("city.overdue"),
              key: "overdue",
              align: "right",
              defaultSortOrder: "descend",
              sorter: (a, b) => a.tasks.overdue - b.tasks.overdue,
              render: (_, ward) => t("city.overdueOf", { overdue: ward.tasks.overdue, total: ward.tasks.total }),
            },
            {
              title: t("city.indicators"),
              key: "indicators",
              render: (_, ward) => <IndicatorCounts ward={ward} />,
            },
            {
              title: t("city.lastUpdate"),
              key: "lastUpdate",
              render: (_, ward) => (ward.lastUpdateOn ? formatDate(ward.lastUpdateOn) : t("city.never")),
            },
            {
              title: t("city.accounts"),
              key: "accounts",
              align: "right",
              render: (_, ward) => ward.activeAccounts,
            },
            ...(canView
              ? [
                  {
                    title: <span className="px-visually-hidden">{t("city.actions")}</span>,
                    key: "view",
                    render: (_: unknown, ward: WardRow) => (
                      <Button size="small" onClick={() => void viewWard(ward.code, "/")}>
                        {t("city.viewWard")}
                        <span className="px-visually-hidden"> {ward.name}</span>
                      </Button>
                    ),
                  },
                ]
              : []),
          ]}
        />
      </section>

      <section className="city-section" aria-labelledby="city-late">
        <h2 id="city-late">{t("city.lateGroups")}</h2>
        <LateGroups data={data} actionOf={actionOf} />
      </section>

      <section className="city-section" aria-labelledby="city-indicators">
        <h2 id="city-indicators">{t("city.indicatorMatrix")}</h2>
        <IndicatorMatrix data={data} actionOf={actionOf} />
      </section>
    </>
  );
}
