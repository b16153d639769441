import { useState } from "react";
import { Link, useNavigate } from "react-router";
import { App, Button, Card, Empty, Tag } from "antd";
import { FolderOpenOutlined, PlusOutlined, SettingOutlined } from "@ant-design/icons";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import type { ReportPeriodSummary } from "@phuong-xanh/shared";
import { api, queryKeys } from "../../lib/endpoints";
import { useI18n } from "../../i18n/i18n";
import { useFormat } from "../../i18n/format";
import { PageHeader } from "../../components/page-header";
import { QueryState } from "../../components/query-state";
import { ItemList } from "../../components/item-list";
import { ButtonLink } from "./button-link";
import { OpenPeriodModal } from "./open-period-modal";
import { AcceptedProgress, LateTag, PeriodStateTags, UnitReportStatusTag } from "./report-tags";
import { windowText } from "./report-text";
import { unitReportPath } from "./unit-report-path";
import "./reporting.css";

/** Newest first: by the end of the window, then the start (a thematic report inside a quarter). */
function byNewest(a: ReportPeriodSummary, b: ReportPeriodSummary): number {
  return b.windowEnd.localeCompare(a.windowEnd) || b.windowStart.localeCompare(a.windowStart);
}

export default function ReportPeriodListPage() {
  const { t } = useI18n();
  const format = useFormat();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const query = useQuery({ queryKey: queryKeys.reportPeriods, queryFn: api.reportPeriods });
  const [openDialog, setOpenDialog] = useState(false);
  const canManage = query.data?.can.manage ?? false;

  return (
    <>
      <PageHeader
        title={t("reports.title")}
        tags={
          query.data ? (
            <Tag>{t("reports.count", { count: format.number(query.data.periods.length, 0) })}</Tag>
          ) : undefined
        }
        extra={
          canManage ? (
            <>
              <ButtonLink to="/bao-cao/cai-dat" icon={<SettingOutlined />}>
                {t("reportSettings.title")}
              </ButtonLink>
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setOpenDialog(true)}>
                {t("openPeriod.title")}
              </Button>
            </>
          ) : undefined
        }
      />
      <Card size="small">
        <QueryState query={query}>
          {(data) => (
            <ItemList
              items={[...data.periods].sort(byNewest)}
              itemKey={(period) => period.id}
              label={t("reports.title")}
              empty={<Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("reports.empty")} />}
              render={(period) => <PeriodItem period={period} />}
            />
          )}
        </QueryState>
      </Card>
      {canManage && (
        <OpenPeriodModal
          open={openDialog}
          onClose={() => setOpenDialog(false)}
          onSaved={(period) => {
            queryClient.setQueryData(queryKeys.reportPeriod(period.code), period);
            void queryClient.invalidateQueries({ queryKey: queryKeys.reportPeriods });
            void message.success(t("openPeriod.opened", { title: period.title }));
            void navigate(`/bao-cao/${encodeURIComponent(period.code)}`);
          }}
        />
      )}
    </>
  );
}

function PeriodItem({ period }: { period: ReportPeriodSummary }) {
  const { t } = useI18n();
  const format = useFormat();
  const path = `/bao-cao/${encodeURIComponent(period.code)}`;
  return (
    <div className="report-period">
      <div className="report-period-title">
        <Link to={path}>{period.title}</Link>
        <PeriodStateTags period={period} />
      </div>
      <div className="report-period-dates staff-muted">
        <span>{t("reports.windowValue", { window: windowText(period.windowStart, period.windowEnd) })}</span>
        <span>{t("reports.unitDeadlineOn", { date: format.date(period.unitDeadline) })}</span>
        <span>{t("reports.wardDeadlineOn", { date: format.date(period.wardDeadline) })}</span>
      </div>
      <AcceptedProgress period={period} />
      {period.myReport && (
        <div className="report-mine">
          <span>{t("reports.myReport")}</span>
          <UnitReportStatusTag status={period.myReport.status} />
          <LateTag late={period.myReport.late} />
          <ButtonLink
            size="small"
            type="primary"
            icon={<FolderOpenOutlined />}
            to={unitReportPath(period.code, period.myReport.id)}
            aria-label={t("reports.openMyReportOf", { title: period.title })}
          >
            {t("reports.openMyReport")}
          </ButtonLink>
        </div>
      )}
    </div>
  );
}
