import { Link } from "react-router";
import { Card, Col, Empty, Row, Table, Tag, Typography } from "antd";
import { ItemList } from "../../components/item-list";
import { TaskLine } from "../../components/task-line";
import { useQuery } from "@tanstack/react-query";
import { daysBetween, periodLabel, type Dashboard, type IndicatorSummary, type TaskSummary } from "@phuong-xanh/shared";
import { api, queryKeys } from "../../lib/endpoints";
import { useI18n } from "../../i18n/i18n";
import { formatDate, useFormat } from "../../i18n/format";
import { PageHeader } from "../../components/page-header";
import { StatCard } from "../../components/stat-card";
import { QueryState } from "../../components/query-state";
import { IndicatorStatusTag, ProgressCell, TrendArrow } from "../../components/tags";
import { indicatorStatusRank, sectorLabel, targetSymbol, type IndicatorStatus } from "../../lib/labels";
import { UnitReportStatusTag } from "../reporting/report-tags";
import { unitReportPath } from "../reporting/unit-report-path";

type ByUnit = Dashboard["byUnit"][number];
type BySector = Dashboard["bySector"][number];

export default function DashboardPage() {
  const { t } = useI18n();
  const query = useQuery({
    queryKey: queryKeys.dashboard,
    queryFn: api.dashboard,
    refetchInterval: 5 * 60_000,
  });
  return (
    <>
      <PageHeader
        title={t("dashboard.title")}
        tags={
          query.data ? (
            <>
              <Typography.Text type="secondary">
                {t("dashboard.asOf", { date: formatDate(query.data.today) })}
              </Typography.Text>
              {query.data.ward.isDemo && <Tag color="gold">{t("common.demoData")}</Tag>}
            </>
          ) : undefined
        }
      />
      <QueryState query={query} rows={12}>
        {(data) => <DashboardView data={data} />}
      </QueryState>
    </>
  );
}

function DashboardView({ data }: { data: Dashboard }) {
  const { t } = useI18n();
  const format = useFormat();
  const counts = data.taskCounts;
  const offTrack = (data.indicatorCounts.off_track ?? 0) + (data.indicatorCounts.at_risk ?? 0);

  // Columns the by-unit and by-sector tables share (both rows carry the same counts).
  const countColumn = (title: string, dataIndex: "total" | "dueSoon" | "updateDue", width: number) => ({
    title,
    dataIndex,
    align: "right" as const,
    width,
    render: (n: number) => format.number(n),
  });
  const totalColumn = countColumn(t("dashboard.total"), "total", 70);
  const overdueColumn = {
    title: t("timeliness.overdue"),
    dataIndex: "overdue",
    align: "right" as const,
    width: 80,
    render: (n: number) =>
      n > 0 ? (
        <Typography.Text type="danger" strong>
          {format.number(n)}
        </Typography.Text>
      ) : (
        "0"
      ),
  };
  const progressColumn = (width: number) => ({
    title: t("dashboard.averageProgress"),
    dataIndex: "averageProgress",
    width,
    render: (n: number) => <ProgressCell value={n} />,
  });

  return (
    <Row gutter={[16, 16]}>
      <Col span={24}>
        <div className="staff-stats">
          <StatCard title={t("dashboard.tasksTotal")} value={format.number(counts.total)} />
          <StatCard
            title={t("timeliness.overdue")}
            value={format.number(counts.overdue)}
            tone={counts.overdue > 0 ? "bad" : undefined}
          />
          <StatCard
            title={t("timeliness.due_soon")}
            value={format.number(counts.dueSoon)}
            tone={counts.dueSoon > 0 ? "warn" : undefined}
          />
          <StatCard title={t("timeliness.update_due")} value={format.number(counts.updateDue)} />
          <StatCard title={t("dashboard.closed")} value={format.number(counts.closed)} />
          <StatCard title={t("dashboard.averageProgress")} value={format.percent(counts.averageProgress)} />
          <StatCard
            title={t("dashboard.targetsBehind")}
            value={format.number(offTrack)}
            tone={offTrack > 0 ? "bad" : undefined}
          />
        </div>
      </Col>

      {data.lateReports.length > 0 && (
        <Col span={24}>
          <Card title={t("dashboard.lateReports", { count: data.lateReports.length })}>
            <LateReports reports={data.lateReports} />
          </Card>
        </Col>
      )}

      <Col xs={24} xl={14}>
        <Card title={t("dashboard.indicators")} extra={<Link to="/chi-tieu">{t("common.viewAll")}</Link>}>
          <IndicatorCountTags counts={data.indicatorCounts} />
          <IndicatorList indicators={data.indicators} />
        </Card>
      </Col>

      <Col xs={24} xl={10}>
        <Card title={t("dashboard.lateTasks", { count: data.late.length })} style={{ marginBottom: 16 }}>
          <TasksByUnit tasks={data.late} today={data.today} mode="late" />
        </Card>
        <Card title={t("dashboard.dueSoonTasks", { count: data.dueSoon.length })}>
          <TasksByUnit tasks={data.dueSoon} today={data.today} mode="dueSoon" />
        </Card>
      </Col>

      <Col xs={24} xl={14}>
        <Card title={t("dashboard.byUnit")}>
          <Table<ByUnit>
            size="small"
            rowKey={(r) => r.unit.id}
            dataSource={data.byUnit}
            pagination={false}
            scroll={{ x: 560 }}
            columns={[
              {
                title: t("task.unit"),
                key: "unit",
                width: 130,
                fixed: "left",
                render: (_: unknown, r) => (
                  <Link to={`/nhiem-vu?unitId=${r.unit.id}`} title={r.unit.name}>
                    {r.unit.shortName}
                  </Link>
                ),
              },
              totalColumn,
              overdueColumn,
              countColumn(t("timeliness.due_soon"), "dueSoon", 90),
              countColumn(t("timeliness.update_due"), "updateDue", 100),
              progressColumn(160),
            ]}
          />
        </Card>
      </Col>

      <Col xs={24} xl={10}>
        <Card title={t("dashboard.bySector")}>
          <Table<BySector>
            size="small"
            rowKey="sector"
            dataSource={data.bySector}
            pagination={false}
            scroll={{ x: 400 }}
            columns={[
              {
                title: t("task.sector"),
                dataIndex: "sector",
                width: 120,
                fixed: "left",
                render: (s: string) => (
                  <Link to={`/nhiem-vu?sector=${encodeURIComponent(s)}`}>{sectorLabel(t, s)}</Link>
                ),
              },
              totalColumn,
              overdueColumn,
              progressColumn(150),
            ]}
          />
        </Card>
      </Col>

      <Col span={24}>
        <Card title={t("dashboard.latestUpdates")}>
          <ItemList
            items={data.latestUpdates}
            itemKey={(u) => u.id}
            empty={<Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("dashboard.noUpdates")} />}
            render={(u) => (
              <TaskLine
                task={{ id: u.taskId, ref: u.taskRef, title: u.taskTitle, progress: u.progress }}
                meta={
                  <>
                    <span>{u.unit}</span>
                    <span>{format.date(u.reportedOn)}</span>
                  </>
                }
              >
                <Typography.Paragraph
                  ellipsis={{
                    rows: 2,
                    expandable: true,
                    symbol: t("common.more"),
                  }}
                  style={{ margin: 0 }}
                >
                  {u.text}
                </Typography.Paragraph>
              </TaskLine>
            )}
          />
        </Card>
      </Col>
    </Row>
  );
}

/** Units' reports past their deadline and not sent: each links to the report. */
function LateReports({ reports }: { reports: Dashboard["lateReports"] }) {
  const { t } = useI18n();
  const format = useFormat();
  return (
    <ItemList
      className="staff-list-compact"
      items={reports}
      itemKey={(report) => report.unitReportId}
      render={(report) => (
        <div className="staff-task-line">
          <Link to={unitReportPath(report.periodCode, report.unitReportId)}>
            {t("dashboard.lateReportOf", { unit: report.unit.name, period: report.periodTitle })}
          </Link>
          <span className="staff-indicator-values">
            <Typography.Text type="danger">
              {t("task.deadlineOn", { date: format.date(report.deadline) })}
            </Typography.Text>
            <UnitReportStatusTag status={report.status} />
          </span>
        </div>
      )}
    />
  );
}

function IndicatorCountTags({ counts }: { counts: Record<string, number> }) {
  const statuses: IndicatorStatus[] = ["off_track", "at_risk", "on_track", "achieved", "no_data", "no_baseline"];
  return (
    <div style={{ display: "flex", flexWrap: "wrap", gap: 8, marginBottom: 12 }}>
      {statuses
        .filter((s) => (counts[s] ?? 0) > 0)
        .map((s) => (
          <span key={s}>
            <IndicatorStatusTag status={s} /> <strong>{counts[s]}</strong>
          </span>
        ))}
    </div>
  );
}

function IndicatorList({ indicators }: { indicators: IndicatorSummary[] }) {
  const { t, language } = useI18n();
  const format = useFormat();
  const sorted = [...indicators].sort((a, b) => indicatorStatusRank[a.status] - indicatorStatusRank[b.status]);
  return (
    <ItemList
      items={sorted}
      itemKey={(indicator) => indicator.id}
      empty={t("common.empty")}
      render={(indicator) => (
        <div className="staff-indicator-row">
          <Link to={`/chi-tieu/${indicator.id}`}>{indicator.name}</Link>
          <div className="staff-indicator-values">
            <IndicatorStatusTag status={indicator.status} />
            <span>
              {indicator.latest && (
                <>
                  <strong>
                    {format.quantity(indicator.latest.value, indicator.unitOfMeasure, indicator.valueKind)}
                  </strong>{" "}
                  <span className="staff-muted">({periodLabel(indicator.latest.period, language)})</span>
                </>
              )}
            </span>
            <TrendArrow trend={indicator.trend} direction={indicator.direction} />
            <span className="staff-muted">
              {t("indicator.targetShort", {
                target: `${targetSymbol(indicator.direction)} ${format.quantity(indicator.targetValue, indicator.unitOfMeasure, indicator.valueKind)}`,
                year: indicator.targetYear,
              })}
            </span>
            {indicator.expectedNow !== null && indicator.status !== "achieved" && (
              <span className="staff-muted">
                {t("indicator.expectedNowShort", {
                  value: format.quantity(indicator.expectedNow, indicator.unitOfMeasure, indicator.valueKind),
                })}
              </span>
            )}
          </div>
        </div>
      )}
    />
  );
}

function TasksByUnit({ tasks, today, mode }: { tasks: TaskSummary[]; today: string; mode: "late" | "dueSoon" }) {
  const { t } = useI18n();
  const format = useFormat();
  if (tasks.length === 0)
    return (
      <Empty
        image={Empty.PRESENTED_IMAGE_SIMPLE}
        description={mode === "late" ? t("dashboard.noLate") : t("dashboard.noDueSoon")}
      />
    );
  const groups = new Map<string, { name: string; shortName: string; tasks: TaskSummary[] }>();
  for (const task of tasks) {
    const group = groups.get(task.owner.id) ?? {
      name: task.owner.name,
      shortName: task.owner.shortName,
      tasks: [],
    };
    group.tasks.push(task);
    groups.set(task.owner.id, group);
  }
  return (
    <div>
      {[...groups.entries()].map(([unitId, group]) => (
        <section key={unitId} aria-label={group.name}>
          <div className="staff-unit-heading" title={group.name}>
            {group.shortName} <Tag>{group.tasks.length}</Tag>
          </div>
          <ItemList
            className="staff-list-compact"
            items={group.tasks}
            itemKey={(task) => task.id}
            render={(task) => {
              const days = task.deadline ? daysBetween(today, task.deadline) : null;
              return (
                <TaskLine
                  task={task}
                  meta={
                    <>
                      {task.deadline && (
                        <span>
                          {t("task.deadlineOn", {
                            date: format.date(task.deadline),
                          })}
                        </span>
                      )}
                      {days !== null && mode === "late" && (
                        <Typography.Text type="danger">{t("task.daysLate", { days: -days })}</Typography.Text>
                      )}
                      {days !== null && mode === "dueSoon" && (
                        <Typography.Text type="warning">{t("task.daysLeft", { days })}</Typography.Text>
                      )}
                    </>
                  }
                />
              );
            }}
          />
        </section>
      ))}
    </div>
  );
}
