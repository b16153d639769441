import { Link, useParams } from "react-router";
import { Breadcrumb, Button, Card, Col, Descriptions, Row, Space, Table, Tag, Typography } from "antd";
import { FileTextOutlined, FolderOpenOutlined, LockOutlined } from "@ant-design/icons";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import type { ReportPeriodDetail, UnitReportRow } from "@phuong-xanh/shared";
import { api, queryKeys } from "../../lib/endpoints";
import { useI18n } from "../../i18n/i18n";
import { useFormat } from "../../i18n/format";
import { PageHeader } from "../../components/page-header";
import { QueryState } from "../../components/query-state";
import { useConfirmAction } from "../../components/use-admin-list";
import { ButtonLink } from "./button-link";
import { AcceptedProgress, LateTag, PeriodStateTags, UnitReportStatusTag } from "./report-tags";
import { windowText } from "./report-text";
import { unitReportPath } from "./unit-report-path";
import "./reporting.css";

export default function ReportPeriodPage() {
  const { code = "" } = useParams();
  const query = useQuery({
    queryKey: queryKeys.reportPeriod(code),
    queryFn: () => api.reportPeriod(code),
    enabled: code !== "",
  });
  return <QueryState query={query}>{(period) => <PeriodView period={period} />}</QueryState>;
}

/** The breadcrumb of the reporting pages: the list, then the period, then `last`. */
export function ReportCrumbs({ period, last }: { period?: { code: string; title: string }; last?: string }) {
  const { t } = useI18n();
  const items = [{ title: <Link to="/bao-cao">{t("reports.title")}</Link> }];
  if (period)
    items.push({
      title: last ? (
        <Link to={`/bao-cao/${encodeURIComponent(period.code)}`}>{period.title}</Link>
      ) : (
        <>{period.title}</>
      ),
    });
  if (last) items.push({ title: <>{last}</> });
  return <Breadcrumb style={{ marginBottom: 8 }} items={items} />;
}

function PeriodView({ period }: { period: ReportPeriodDetail }) {
  const { t } = useI18n();
  const format = useFormat();
  const queryClient = useQueryClient();
  const confirm = useConfirmAction();
  const path = `/bao-cao/${encodeURIComponent(period.code)}`;

  function lock() {
    confirm({
      title: t("period.lockConfirm", { title: period.title }),
      content: t("period.lockHint"),
      icon: <LockOutlined />,
      okText: t("period.lock"),
      danger: true,
      run: async () => {
        const locked = await api.lockReportPeriod(period.code);
        queryClient.setQueryData(queryKeys.reportPeriod(period.code), locked);
        void queryClient.invalidateQueries({ queryKey: queryKeys.reportPeriods });
        void queryClient.invalidateQueries({ queryKey: queryKeys.wardReport(period.code) });
        void queryClient.invalidateQueries({ queryKey: queryKeys.allUnitReports });
        return t("period.lockedDone", { title: period.title });
      },
    });
  }

  return (
    <>
      <ReportCrumbs period={period} />
      <PageHeader
        title={period.title}
        tags={
          <Space wrap size={4}>
            <Tag>{t(`reportKind.${period.kind}`)}</Tag>
            <PeriodStateTags period={period} />
          </Space>
        }
        extra={
          <>
            <ButtonLink to={`${path}/tong-hop`} icon={<FileTextOutlined />}>
              {t("period.wardReport")}
            </ButtonLink>
            {period.can.lock && !period.locked && (
              <Button danger icon={<LockOutlined />} onClick={lock}>
                {t("period.lock")}
              </Button>
            )}
          </>
        }
      />
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={9}>
          <Card size="small" title={t("period.facts")}>
            <Descriptions column={1} size="small">
              <Descriptions.Item label={t("reports.window")}>
                {windowText(period.windowStart, period.windowEnd)}
              </Descriptions.Item>
              <Descriptions.Item label={t("reports.unitDeadline")}>
                {format.date(period.unitDeadline)}
              </Descriptions.Item>
              <Descriptions.Item label={t("reports.wardDeadline")}>
                {format.date(period.wardDeadline)}
              </Descriptions.Item>
              <Descriptions.Item label={t("period.progress")}>
                <AcceptedProgress period={period} />
              </Descriptions.Item>
              {period.lockedAt && (
                <Descriptions.Item label={t("reports.locked")}>{format.dateTime(period.lockedAt)}</Descriptions.Item>
              )}
              {period.wardReportVersion !== null && (
                <Descriptions.Item label={t("period.wardReport")}>
                  <Link to={`${path}/tong-hop`}>
                    {t("period.wardReportVersion", { version: period.wardReportVersion })}
                  </Link>
                </Descriptions.Item>
              )}
              {period.sent && (
                <Descriptions.Item label={t("period.sent")}>
                  {t("period.sentValue", {
                    number: period.sent.numberAndSymbol,
                    date: format.date(period.sent.issuedOn),
                  })}
                </Descriptions.Item>
              )}
            </Descriptions>
            {period.myReport && (
              <div className="report-mine" style={{ marginTop: 8 }}>
                <span>{t("reports.myReport")}</span>
                <UnitReportStatusTag status={period.myReport.status} />
                <LateTag late={period.myReport.late} />
                <ButtonLink
                  size="small"
                  type="primary"
                  icon={<FolderOpenOutlined />}
                  to={unitReportPath(period.code, period.myReport.id)}
                >
                  {t("reports.openMyReport")}
                </ButtonLink>
              </div>
            )}
          </Card>
        </Col>
        <Col xs={24} lg={15}>
          <Card
            size="small"
            title={t("period.unitReports", { count: period.unitReports.length })}
            styles={{ body: { padding: 0 } }}
          >
            <UnitReportsTable period={period} />
          </Card>
        </Col>
      </Row>
    </>
  );
}

function UnitReportsTable({ period }: { period: ReportPeriodDetail }) {
  const { t } = useI18n();
  const format = useFormat();
  const rows = [...period.unitReports].sort((a, b) => a.unit.shortName.localeCompare(b.unit.shortName, "vi"));
  return (
    <Table<UnitReportRow>
      size="small"
      rowKey="id"
      dataSource={rows}
      pagination={rows.length > 50 ? { pageSize: 50, showSizeChanger: false } : false}
      scroll={{ x: 760 }}
      locale={{ emptyText: t("period.noUnits") }}
      columns={[
        {
          title: t("period.unit"),
          key: "unit",
          width: 200,
          render: (_: unknown, row) => <Link to={unitReportPath(period.code, row.id)}>{row.unit.name}</Link>,
        },
        {
          title: t("period.status"),
          key: "status",
          width: 170,
          render: (_: unknown, row) => (
            <Space wrap size={4}>
              <UnitReportStatusTag status={row.status} />
              <LateTag late={row.late} />
            </Space>
          ),
        },
        {
          title: t("period.submittedAt"),
          dataIndex: "submittedAt",
          width: 110,
          render: (at: string | null) => (at ? <span className="staff-nowrap">{format.date(at)}</span> : "—"),
        },
        {
          title: t("period.reviewedAt"),
          dataIndex: "reviewedAt",
          width: 110,
          render: (at: string | null) => (at ? <span className="staff-nowrap">{format.date(at)}</span> : "—"),
        },
        {
          title: t("period.comment"),
          dataIndex: "reviewComment",
          render: (comment: string | null) =>
            comment ? (
              <Typography.Paragraph
                className="report-text"
                style={{ margin: 0 }}
                ellipsis={{ rows: 2, expandable: true, symbol: t("common.more") }}
              >
                {comment}
              </Typography.Paragraph>
            ) : (
              ""
            ),
        },
      ]}
    />
  );
}
