import { Link } from "react-router";
import { Alert, Card, Table, Tabs, Tag, Typography } from "antd";
import {
  indicatorStatusSchema,
  valueKindOf,
  type FigureDifference,
  type FigureIndicator,
  type FigureTask,
  type ReportFigures,
} from "@phuong-xanh/shared";
import { useI18n } from "../../i18n/i18n";
import { formatDate, useFormat } from "../../i18n/format";
import { IndicatorStatusTag, ProgressCell, UnitCell } from "../../components/tags";
import { labelOr, safePeriodLabel } from "../../lib/labels";
import { LateTag } from "./report-tags";
import { windowText } from "./report-text";

/** The indicator status tag, or the code as it came when this web app does not know it. */
function IndicatorStatusCell({ status }: { status: string }) {
  const known = indicatorStatusSchema.safeParse(status);
  return known.success ? <IndicatorStatusTag status={known.data} /> : <Tag>{status}</Tag>;
}

/** Số liệu của kỳ: the counts, then the tasks and the indicators of the window. */
export function FiguresCard({ figures, locked }: { figures: ReportFigures; locked: boolean }) {
  const { t } = useI18n();
  const format = useFormat();
  return (
    <Card
      size="small"
      title={t("figures.title")}
      extra={
        <Typography.Text type="secondary">
          {t(locked ? "figures.lockedAsOf" : "figures.asOf", {
            date: format.date(figures.asOf),
            window: windowText(figures.windowStart, figures.windowEnd),
          })}
        </Typography.Text>
      }
    >
      {figures.counts.length > 0 && (
        <dl className="report-counts" aria-label={t("figures.counts")}>
          {figures.counts.map((count) => (
            <div key={count.key}>
              <dt>{count.label}</dt>
              <dd>{format.number(count.value)}</dd>
            </div>
          ))}
        </dl>
      )}
      <Tabs
        items={[
          {
            key: "tasks",
            label: t("figures.tasksTab", { count: figures.tasks.length }),
            children: <FigureTasksTable tasks={figures.tasks} />,
          },
          {
            key: "indicators",
            label: t("figures.indicatorsTab", { count: figures.indicators.length }),
            children: <FigureIndicatorsTable indicators={figures.indicators} />,
          },
        ]}
      />
    </Card>
  );
}

function FigureTasksTable({ tasks }: { tasks: FigureTask[] }) {
  const { t } = useI18n();
  const format = useFormat();
  return (
    <Table<FigureTask>
      size="small"
      rowKey="id"
      dataSource={tasks}
      pagination={tasks.length > 30 ? { pageSize: 30, showSizeChanger: false } : false}
      scroll={{ x: 980 }}
      locale={{ emptyText: t("figures.noTasks") }}
      expandable={{
        rowExpandable: (task) => task.updates.length > 0,
        expandedRowRender: (task) => (
          <ul className="report-updates">
            {task.updates.map((u, i) => (
              <li key={`${u.reportedOn}-${i}`}>
                <strong>{format.date(u.reportedOn)}</strong> ({format.percent(u.progress)}):{" "}
                <span className="report-text">{u.text}</span>
              </li>
            ))}
          </ul>
        ),
      }}
      columns={[
        {
          title: t("task.ref"),
          key: "ref",
          width: 110,
          render: (_: unknown, task) => (
            <span className="staff-nowrap" title={task.code}>
              {task.ref || task.code}
            </span>
          ),
        },
        {
          title: t("task.title"),
          dataIndex: "title",
          render: (title: string, task) => <Link to={`/nhiem-vu/${task.id}`}>{title}</Link>,
        },
        {
          title: t("task.owner"),
          key: "owner",
          width: 110,
          render: (_: unknown, task) => <UnitCell unit={task.owner} />,
        },
        {
          title: t("task.status"),
          dataIndex: "statusLabel",
          width: 140,
          render: (label: string) => <Tag className="staff-nowrap">{label}</Tag>,
        },
        {
          title: t("task.progress"),
          dataIndex: "progress",
          width: 140,
          render: (p: number, task) => <ProgressCell value={p} label={t("task.progressOf", { title: task.title })} />,
        },
        {
          title: t("task.deadline"),
          key: "deadline",
          width: 120,
          render: (_: unknown, task) => (
            <span className="staff-nowrap">
              {task.deadline ? formatDate(task.deadline) : "—"} <LateTag late={task.late} />
            </span>
          ),
        },
        {
          title: t("figures.updates"),
          key: "updates",
          width: 120,
          align: "right",
          render: (_: unknown, task) =>
            task.updates.length > 0 ? (
              format.number(task.updates.length, 0)
            ) : (
              <Typography.Text type="secondary">0</Typography.Text>
            ),
        },
      ]}
    />
  );
}

function FigureIndicatorsTable({ indicators }: { indicators: FigureIndicator[] }) {
  const { t, language } = useI18n();
  const format = useFormat();
  const quantity = (value: number | null, row: FigureIndicator) =>
    value === null ? "—" : format.quantity(value, row.unitOfMeasure, valueKindOf(row));
  return (
    <Table<FigureIndicator>
      size="small"
      rowKey="id"
      dataSource={indicators}
      pagination={indicators.length > 30 ? { pageSize: 30, showSizeChanger: false } : false}
      scroll={{ x: 900 }}
      locale={{ emptyText: t("figures.noIndicators") }}
      columns={[
        { title: t("task.ref"), dataIndex: "ref", width: 90 },
        {
          title: t("indicator.name"),
          dataIndex: "name",
          render: (name: string, row) => <Link to={`/chi-tieu/${row.id}`}>{name}</Link>,
        },
        {
          title: t("indicator.baseline"),
          key: "baseline",
          width: 130,
          render: (_: unknown, row) =>
            row.baselineValue === null
              ? "—"
              : `${quantity(row.baselineValue, row)}${row.baselineYear ? ` (${row.baselineYear})` : ""}`,
        },
        {
          title: t("indicator.target"),
          key: "target",
          width: 130,
          render: (_: unknown, row) => `${quantity(row.targetValue, row)} (${row.targetYear})`,
        },
        {
          title: t("figures.value"),
          key: "value",
          width: 160,
          render: (_: unknown, row) =>
            row.value === null ? (
              <Typography.Text type="secondary">{t("indicatorStatus.no_data")}</Typography.Text>
            ) : (
              <span>
                <strong>{quantity(row.value, row)}</strong>
                {row.valuePeriod && (
                  <>
                    <br />
                    <Typography.Text type="secondary">{safePeriodLabel(row.valuePeriod, language)}</Typography.Text>
                  </>
                )}
              </span>
            ),
        },
        {
          title: t("indicator.status"),
          dataIndex: "status",
          width: 160,
          render: (status: string) => <IndicatorStatusCell status={status} />,
        },
      ]}
    />
  );
}

/**
 * After a lock the report keeps the locked figures; when the data moved on since, the officer
 * sees what differs (and that the document shows the locked value).
 */
export function DifferencesAlert({ differences }: { differences: FigureDifference[] }) {
  const { t, locale } = useI18n();
  if (differences.length === 0) return null;
  const value = (v: string | number | null) => {
    if (v === null || v === "") return "—";
    if (typeof v === "number") return new Intl.NumberFormat(locale, { maximumFractionDigits: 2 }).format(v);
    return /^\d{4}-\d{2}-\d{2}$/.test(v) ? formatDate(v) : v;
  };
  return (
    <Alert
      type="warning"
      showIcon
      style={{ marginBottom: 16 }}
      title={t("figures.differencesTitle", { count: differences.length })}
      description={
        <>
          <Typography.Paragraph style={{ marginBottom: 8 }}>{t("figures.differencesHint")}</Typography.Paragraph>
          <Table<FigureDifference>
            size="small"
            rowKey={(d) => `${d.kind}:${d.code}:${d.field}`}
            dataSource={differences}
            pagination={false}
            scroll={{ x: 560 }}
            columns={[
              {
                title: t("figures.item"),
                key: "item",
                render: (_: unknown, d) => (
                  <span>
                    <Tag>{t(`figures.kind.${d.kind}`)}</Tag>
                    {d.label}
                  </span>
                ),
              },
              {
                title: t("figures.field"),
                dataIndex: "field",
                width: 130,
                render: (field: string) => labelOr(t, `field.${field}`, field),
              },
              {
                title: t("figures.locked"),
                dataIndex: "locked",
                width: 140,
                render: (v: string | number | null) => value(v),
              },
              {
                title: t("figures.current"),
                dataIndex: "current",
                width: 140,
                render: (v: string | number | null) => <strong>{value(v)}</strong>,
              },
            ]}
          />
        </>
      }
    />
  );
}
