import { useEffect, useMemo, useState } from "react";
import { Link, useSearchParams } from "react-router";
import { Button, Card, Input, Select, Table, Tabs, Tag, Typography } from "antd";
import type { TableColumnsType } from "antd";
import { BarChartOutlined, DownloadOutlined, SettingOutlined } from "@ant-design/icons";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { REPORT_STATUSES, type ReportStatus, type StaffReportSummary } from "@phuong-xanh/shared";
import { api, downloads, queryKeys } from "../../../lib/endpoints";
import { withQuery } from "../../../lib/api";
import { useI18n } from "../../../i18n/i18n";
import { useFormat } from "../../../i18n/format";
import { useCurrentUser } from "../../../app/current-user";
import { residentialGroups, useUnits } from "../../../app/hooks";
import { PageHeader } from "../../../components/page-header";
import { QueryState } from "../../../components/query-state";
import { useIsPhone } from "../../../components/use-admin-list";
import { ButtonLink } from "../../reporting/button-link";
import { DeadlineText, ReportStatusTag, SensitiveIcon, ShortUnit, useFeedbackCategories } from "./feedback-ui";
import {
  INBOX_QUEUES,
  defaultQueue,
  exportQuery,
  filtersFromParams,
  listQuery,
  paramsFromFilters,
  queueCount,
  shortText,
  withFilter,
  type InboxFilters,
} from "./inbox-filters";
import { reportStatusLabel } from "./report-rules";
import { canConfigure } from "./roles";
import { useFeedbackStaffT } from "./messages";

const PAGE_SIZE = 20;

/** Xử lý phản ánh: the queues of citizen reports, filtered and paged by the server. */
export default function FeedbackInboxPage() {
  const { t, language } = useI18n();
  const ft = useFeedbackStaffT();
  const format = useFormat();
  const user = useCurrentUser();
  const isPhone = useIsPhone();
  const fallbackQueue = defaultQueue(user.role);
  const [params, setParams] = useSearchParams();
  const filters = useMemo(() => filtersFromParams(params, fallbackQueue), [params, fallbackQueue]);
  const [search, setSearch] = useState(filters.q ?? "");
  const units = useUnits();
  const categories = useFeedbackCategories();

  function go(next: InboxFilters) {
    setParams(paramsFromFilters(next, fallbackQueue), { replace: true });
  }

  // The search box writes the address once the officer stops typing.
  const [typed, setTyped] = useState(search.trim());
  useEffect(() => {
    const timer = window.setTimeout(() => setTyped(search.trim()), 350);
    return () => window.clearTimeout(timer);
  }, [search]);
  useEffect(() => {
    if (typed !== (filters.q ?? "")) go(withFilter(filters, { q: typed }));
  }, [typed]);

  const request = listQuery(filters, PAGE_SIZE);
  const list = useQuery({
    queryKey: queryKeys.feedbackReports(request),
    queryFn: () => api.feedbackReports(request),
    placeholderData: keepPreviousData,
  });
  const counts = list.data?.counts;

  const groupOptions = residentialGroups(units.data).map((u) => ({ value: u.id, label: u.name }));
  const unitOptions = (units.data ?? [])
    .filter((u) => u.active && u.kind !== "residential_group" && u.kind !== "external")
    .map((u) => ({ value: u.id, label: u.name }));
  const categoryOptions = (categories.data ?? []).map((c) => ({ value: c.id, label: c.name }));
  const statusOptions = REPORT_STATUSES.map((s) => ({ value: s, label: reportStatusLabel(s, language) }));

  const tabLabel = (queue: (typeof INBOX_QUEUES)[number]) => {
    const count = queueCount(queue, counts);
    return (
      <span className="staff-nowrap">
        {ft(`feedback.queue.${queue}`)}
        {count !== undefined && " "}
        {count !== undefined && (
          <span className={`fb-tab-count${queue === "overdue" && count > 0 ? " fb-tab-count-late" : ""}`}>
            {format.number(count, 0)}
          </span>
        )}
      </span>
    );
  };

  const codeLink = (report: StaffReportSummary) => (
    <Link to={`/xu-ly-phan-anh/${report.id}`} className="staff-nowrap fb-code">
      {report.code}
    </Link>
  );
  const none = <Typography.Text type="secondary">—</Typography.Text>;

  const columns: TableColumnsType<StaffReportSummary> = [
    { title: ft("feedback.code"), dataIndex: "code", width: 105, render: (_: string, r) => codeLink(r) },
    {
      title: ft("feedback.category"),
      key: "category",
      width: 160,
      render: (_: unknown, r) => r.category.name,
    },
    {
      title: ft("feedback.description"),
      dataIndex: "description",
      render: (text: string, r) => (
        <span>
          {r.sensitive && <SensitiveIcon />} {shortText(text)}
        </span>
      ),
    },
    {
      title: ft("feedback.residentialGroup"),
      key: "residentialGroup",
      width: 90,
      render: (_: unknown, r) => (r.residentialGroup ? <ShortUnit unit={r.residentialGroup} /> : none),
    },
    {
      title: ft("feedback.unit"),
      key: "unit",
      width: 140,
      render: (_: unknown, r) => (
        <div className="staff-unit-cell">
          <ShortUnit unit={r.unit} />
          {r.assignee && <Typography.Text type="secondary">{r.assignee.name}</Typography.Text>}
        </div>
      ),
    },
    {
      title: ft("feedback.status"),
      dataIndex: "status",
      width: 150,
      render: (status: ReportStatus) => <ReportStatusTag status={status} />,
    },
    {
      title: ft("feedback.dueOn"),
      dataIndex: "dueOn",
      width: 105,
      render: (_: string, r) => <DeadlineText report={r} />,
    },
  ];

  /** A phone: one cell per report. */
  const phoneColumns: TableColumnsType<StaffReportSummary> = [
    {
      title: ft("feedback.title"),
      key: "report",
      render: (_: unknown, r) => (
        <div className="staff-unit-cell">
          <span>
            {codeLink(r)} · {r.category.name}
          </span>
          <span>{shortText(r.description, 120)}</span>
          <Typography.Text type="secondary">
            {[r.residentialGroup?.name, r.unit.name].filter(Boolean).join(" · ")}
          </Typography.Text>
          <span>
            <ReportStatusTag status={r.status} /> <DeadlineText report={r} />
          </span>
        </div>
      ),
    },
  ];

  const exported = exportQuery(filters);

  return (
    <>
      <PageHeader
        title={ft("feedback.title")}
        tags={list.data ? <Tag>{ft("feedback.count", { count: format.number(list.data.total, 0) })}</Tag> : undefined}
        extra={
          <>
            <ButtonLink to="/xu-ly-phan-anh/thong-ke" icon={<BarChartOutlined />}>
              {ft("feedback.stats.title")}
            </ButtonLink>
            {canConfigure(user) && (
              <ButtonLink to="/xu-ly-phan-anh/cau-hinh" icon={<SettingOutlined />}>
                {ft("feedback.settings.title")}
              </ButtonLink>
            )}
            <Button icon={<DownloadOutlined />} href={withQuery(downloads.feedbackCsv, exported)}>
              {t("common.exportCsv")}
            </Button>
            <Button icon={<DownloadOutlined />} href={withQuery(downloads.feedbackXlsx, exported)}>
              {t("common.exportXlsx")}
            </Button>
          </>
        }
      />
      <Card size="small" style={{ marginBottom: 12 }}>
        <Tabs
          // The counts widen the labels once they arrive: a new bar under the active tab then.
          key={counts ? `${counts.new}-${counts.open}-${counts.dueSoon}-${counts.overdue}` : "uncounted"}
          activeKey={filters.queue}
          onChange={(key) => {
            const queue = INBOX_QUEUES.find((q) => q === key);
            if (queue) go(withFilter(filters, { queue }));
          }}
          items={INBOX_QUEUES.map((queue) => ({ key: queue, label: tabLabel(queue) }))}
        />
        <div className="staff-filters" role="search" style={{ marginBottom: 0 }}>
          <Input.Search
            allowClear
            className="staff-filter-search"
            aria-label={ft("feedback.search")}
            placeholder={ft("feedback.searchPlaceholder")}
            value={search}
            onChange={(e) => setSearch(e.target.value)}
            onSearch={(value) => {
              setSearch(value);
              go(withFilter(filters, { q: value.trim() }));
            }}
          />
          <Select<string>
            allowClear
            showSearch={{ optionFilterProp: "label" }}
            virtual={false}
            aria-label={ft("feedback.filterCategory")}
            placeholder={ft("feedback.filterCategory")}
            value={filters.category}
            onChange={(value?: string) => go(withFilter(filters, { category: value }))}
            options={categoryOptions}
          />
          <Select<string>
            allowClear
            showSearch={{ optionFilterProp: "label" }}
            virtual={false}
            aria-label={ft("feedback.filterUnit")}
            placeholder={ft("feedback.filterUnit")}
            value={filters.unit}
            onChange={(value?: string) => go(withFilter(filters, { unit: value }))}
            options={unitOptions}
          />
          <Select<string>
            allowClear
            showSearch={{ optionFilterProp: "label" }}
            virtual={false}
            aria-label={ft("feedback.filterResidentialGroup")}
            placeholder={ft("feedback.filterResidentialGroup")}
            value={filters.residentialGroup}
            onChange={(value?: string) => go(withFilter(filters, { residentialGroup: value }))}
            options={groupOptions}
          />
          <Select<ReportStatus>
            allowClear
            virtual={false}
            aria-label={ft("feedback.filterStatus")}
            placeholder={ft("feedback.filterStatus")}
            value={filters.status}
            onChange={(value?: ReportStatus) => go(withFilter(filters, { status: value }))}
            options={statusOptions}
          />
        </div>
      </Card>
      <Card size="small" styles={{ body: { padding: 0 } }}>
        <QueryState query={list}>
          {(data) => (
            <Table<StaffReportSummary>
              size="small"
              rowKey="id"
              loading={list.isFetching && list.isPlaceholderData}
              dataSource={data.reports}
              columns={isPhone ? phoneColumns : columns}
              scroll={isPhone ? undefined : { x: 1000 }}
              rowClassName={(r) => (r.late ? "fb-row-late" : "")}
              locale={{ emptyText: ft("feedback.empty") }}
              pagination={
                data.total > data.pageSize
                  ? {
                      current: data.page,
                      pageSize: data.pageSize,
                      total: data.total,
                      showSizeChanger: false,
                      onChange: (page) => go({ ...filters, page }),
                    }
                  : false
              }
            />
          )}
        </QueryState>
      </Card>
    </>
  );
}
