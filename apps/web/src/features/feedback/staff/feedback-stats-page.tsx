import { useState } from "react";
import { Button, Card, Col, DatePicker, Progress, Row, Table, Typography } from "antd";
import type { TableColumnsType } from "antd";
import { DownloadOutlined } from "@ant-design/icons";
import type { Dayjs } from "dayjs";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { REPORT_STATUS_LABELS, isOpenStatus, type FeedbackStats, type ReportStatus } from "@phuong-xanh/shared";
import { api, downloads, queryKeys, type FeedbackStatsQuery } from "../../../lib/endpoints";
import { withQuery } from "../../../lib/api";
import { useI18n } from "../../../i18n/i18n";
import { useFormat } from "../../../i18n/format";
import { PageHeader } from "../../../components/page-header";
import { QueryState } from "../../../components/query-state";
import { StatCard } from "../../../components/stat-card";
import type { MapPoint } from "../map/map-types";
import { FeedbackCrumbs, ReportStatusTag, ShortUnit } from "./feedback-ui";
import { ReportsMap } from "./report-location";
import { barPercent, byTotal, centreOf, maxOf, reportStatusLabel } from "./report-rules";
import { useFeedbackStaffT } from "./messages";

type CountRow = FeedbackStats["byCategory"][number];
type StatusRow = FeedbackStats["byStatus"][number];

const iso = (day: Dayjs | null | undefined) => (day ? day.format("YYYY-MM-DD") : undefined);

/** Thống kê phản ánh: how many, how late, how fast, by category, unit and residential group, on a map. */
export default function FeedbackStatsPage() {
  const { t } = useI18n();
  const ft = useFeedbackStaffT();
  const [range, setRange] = useState<[Dayjs | null, Dayjs | null] | null>(null);
  const from = iso(range?.[0]);
  const to = iso(range?.[1]);
  const request: FeedbackStatsQuery = { ...(from ? { from } : {}), ...(to ? { to } : {}) };
  const query = useQuery({
    queryKey: queryKeys.feedbackStats(request),
    queryFn: () => api.feedbackStats(request),
    placeholderData: keepPreviousData,
  });

  return (
    <>
      <FeedbackCrumbs last={ft("feedback.stats.title")} />
      <PageHeader
        title={ft("feedback.stats.title")}
        extra={
          <>
            <DatePicker.RangePicker
              format="DD/MM/YYYY"
              allowEmpty={[true, true]}
              aria-label={ft("feedback.stats.period")}
              placeholder={[ft("feedback.stats.from"), ft("feedback.stats.to")]}
              value={range}
              onChange={(value) => setRange(value)}
            />
            <Button icon={<DownloadOutlined />} href={withQuery(downloads.feedbackCsv, { queue: "all" })}>
              {t("common.exportCsv")}
            </Button>
            <Button icon={<DownloadOutlined />} href={withQuery(downloads.feedbackXlsx, { queue: "all" })}>
              {t("common.exportXlsx")}
            </Button>
          </>
        }
      />
      <QueryState query={query} rows={12}>
        {(stats) => <StatsView stats={stats} />}
      </QueryState>
    </>
  );
}

function StatsView({ stats }: { stats: FeedbackStats }) {
  const { language } = useI18n();
  const ft = useFeedbackStaffT();
  const format = useFormat();
  const closed = stats.total - stats.open;

  const points: MapPoint[] = stats.points.map((p) => ({
    id: p.id,
    lat: p.lat,
    lng: p.lng,
    approximate: false,
    tone: isOpenStatus(p.status) ? "open" : "closed",
    title: p.code,
    detail: `${p.category} · ${reportStatusLabel(p.status, language)}`,
    href: `/xu-ly-phan-anh/${p.id}`,
  }));
  const centre = centreOf(points);

  return (
    <Row gutter={[16, 16]}>
      <Col span={24}>
        <div className="staff-stats">
          <StatCard title={ft("feedback.stats.total")} value={format.number(stats.total, 0)} />
          <StatCard title={ft("feedback.stats.open")} value={format.number(stats.open, 0)} />
          <StatCard title={ft("feedback.stats.closed")} value={format.number(closed, 0)} />
          <StatCard
            title={ft("feedback.stats.overdue")}
            value={format.number(stats.overdue, 0)}
            tone={stats.overdue > 0 ? "bad" : undefined}
          />
          <StatCard
            title={ft("feedback.stats.median")}
            value={
              stats.medianDaysToClose === null
                ? "—"
                : ft("feedback.stats.days", { days: format.number(stats.medianDaysToClose, 1) })
            }
          />
        </div>
      </Col>
      <Col xs={24} xl={9}>
        <Card size="small" title={ft("feedback.stats.byStatus")}>
          <StatusTable rows={stats.byStatus} />
        </Card>
      </Col>
      <Col xs={24} xl={15}>
        <Card size="small" title={ft("feedback.stats.byCategory")}>
          <CountTable rows={stats.byCategory} labelTitle={ft("feedback.category")} />
        </Card>
      </Col>
      <Col xs={24} xl={12}>
        <Card size="small" title={ft("feedback.stats.byUnit")}>
          <CountTable rows={stats.byUnit} labelTitle={ft("feedback.unit")} units />
        </Card>
      </Col>
      <Col xs={24} xl={12}>
        <Card size="small" title={ft("feedback.stats.byResidentialGroup")}>
          <CountTable rows={stats.byResidentialGroup} labelTitle={ft("feedback.residentialGroup")} units />
        </Card>
      </Col>
      <Col span={24}>
        <Card size="small" title={ft("feedback.stats.map", { count: format.number(points.length, 0) })}>
          {centre ? (
            <ReportsMap points={points} centre={centre} />
          ) : (
            <Typography.Text type="secondary">{ft("feedback.stats.noPoints")}</Typography.Text>
          )}
        </Card>
      </Col>
    </Row>
  );
}

function Bar({ value, max, label }: { value: number; max: number; label: string }) {
  return (
    <div aria-hidden="true" title={label}>
      <Progress percent={barPercent(value, max)} showInfo={false} size="small" strokeColor="#2e7d32" />
    </div>
  );
}

function StatusTable({ rows }: { rows: StatusRow[] }) {
  const ft = useFeedbackStaffT();
  const format = useFormat();
  const max = maxOf(rows.map((r) => r.count));
  // The server's order is the statuses' own (new first); empty ones say nothing.
  const shown = rows.filter((r) => r.count > 0 && r.status in REPORT_STATUS_LABELS);
  const columns: TableColumnsType<StatusRow> = [
    {
      title: ft("feedback.status"),
      dataIndex: "status",
      render: (status: ReportStatus) => <ReportStatusTag status={status} />,
    },
    {
      title: ft("feedback.stats.count"),
      dataIndex: "count",
      align: "right",
      width: 84,
      render: (n: number) => format.number(n, 0),
    },
    {
      title: <span className="px-visually-hidden">{ft("feedback.stats.bar")}</span>,
      key: "bar",
      width: 100,
      render: (_: unknown, r) => <Bar value={r.count} max={max} label={format.number(r.count, 0)} />,
    },
  ];
  return (
    <Table<StatusRow>
      size="small"
      rowKey="status"
      dataSource={shown}
      columns={columns}
      pagination={false}
      locale={{ emptyText: ft("feedback.stats.none") }}
    />
  );
}

/**
 * Counts per category, unit or residential group, largest first, with a bar for the total. Units
 * and groups go by their short names (the full name on hover) so the numbers keep their room.
 */
function CountTable({ rows, labelTitle, units = false }: { rows: CountRow[]; labelTitle: string; units?: boolean }) {
  const ft = useFeedbackStaffT();
  const format = useFormat();
  const sorted = byTotal(rows);
  const max = maxOf(sorted.map((r) => r.open + r.closed));
  const number = (n: number) => format.number(n, 0);
  const numberColumn = { align: "right" as const, width: 64 };
  const columns: TableColumnsType<CountRow> = [
    {
      title: labelTitle,
      dataIndex: "label",
      render: (label: string, r) => (units && r.key ? <ShortUnit unit={{ id: r.key, name: label }} /> : label),
    },
    { title: ft("feedback.stats.openShort"), dataIndex: "open", ...numberColumn, render: number },
    { title: ft("feedback.stats.closedShort"), dataIndex: "closed", ...numberColumn, render: number },
    {
      title: ft("feedback.stats.overdue"),
      dataIndex: "late",
      ...numberColumn,
      render: (n: number) => (n > 0 ? <span className="fb-late">{number(n)}</span> : number(n)),
    },
    {
      title: ft("feedback.stats.total"),
      key: "total",
      ...numberColumn,
      render: (_: unknown, r) => <strong>{number(r.open + r.closed)}</strong>,
    },
    {
      title: <span className="px-visually-hidden">{ft("feedback.stats.bar")}</span>,
      key: "bar",
      width: 96,
      render: (_: unknown, r) => <Bar value={r.open + r.closed} max={max} label={number(r.open + r.closed)} />,
    },
  ];
  return (
    <Table<CountRow>
      size="small"
      rowKey="key"
      dataSource={sorted}
      columns={columns}
      tableLayout="fixed"
      pagination={sorted.length > 15 ? { pageSize: 15, showSizeChanger: false } : false}
      scroll={{ x: 500 }}
      locale={{ emptyText: ft("feedback.stats.none") }}
    />
  );
}
