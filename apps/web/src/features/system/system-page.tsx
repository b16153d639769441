import { Alert, Card, Descriptions, Table, Tag, Typography } from "antd";
import { useQuery } from "@tanstack/react-query";
import type { JobRunSummary, SystemStatus } from "@phuong-xanh/shared";
import { api, queryKeys } from "../../lib/endpoints";
import { useI18n } from "../../i18n/i18n";
import { formatDateTime, useFormat } from "../../i18n/format";
import { useCurrentUser } from "../../app/current-user";
import { PageHeader } from "../../components/page-header";
import { Forbidden, QueryState } from "../../components/query-state";

/** Hệ thống: the admin sees whether backups are taken and background jobs run. */
export default function SystemPage() {
  const { t } = useI18n();
  const user = useCurrentUser();
  if (user.role !== "admin")
    return (
      <>
        <PageHeader title={t("system.title")} />
        <Forbidden />
      </>
    );
  return <SystemStatusView />;
}

function SystemStatusView() {
  const { t } = useI18n();
  const query = useQuery({ queryKey: queryKeys.systemStatus, queryFn: api.systemStatus, refetchInterval: 60_000 });
  return (
    <>
      <PageHeader title={t("system.title")} />
      <QueryState query={query} rows={10}>
        {(status) => (
          <div style={{ display: "grid", gap: 16 }}>
            <BackupCard status={status} />
            <JobsCard status={status} />
          </div>
        )}
      </QueryState>
    </>
  );
}

function RunStatusTag({ status }: { status: JobRunSummary["status"] }) {
  const { t } = useI18n();
  const color = status === "succeeded" ? "green" : status === "failed" ? "red" : "blue";
  return <Tag color={color}>{t(`system.run.${status}`)}</Tag>;
}

function BackupCard({ status }: { status: SystemStatus }) {
  const { t } = useI18n();
  const format = useFormat();
  const { backup } = status;
  const megabytes = (bytes: number) => `${format.number(bytes / 1_048_576, 2)} MB`;
  return (
    <Card title={t("system.backup.title")}>
      {!backup.schedule && (
        <Alert type="warning" showIcon style={{ marginBottom: 16 }} title={t("system.backup.notScheduled")} />
      )}
      {backup.lastAttempt?.status === "failed" && (
        <Alert
          type="error"
          showIcon
          role="alert"
          style={{ marginBottom: 16 }}
          title={t("system.backup.lastFailed", { at: formatDateTime(backup.lastAttempt.startedAt) })}
          description={backup.lastAttempt.error}
        />
      )}
      <Descriptions column={{ xs: 1, md: 2 }} bordered size="small">
        <Descriptions.Item label={t("system.backup.last")}>
          {backup.last ? (
            <span data-testid="last-backup">
              {formatDateTime(backup.last.finishedAt)} · {megabytes(backup.last.bytes)} ·{" "}
              {t("system.backup.rows", { count: format.number(backup.last.rows, 0) })}
            </span>
          ) : (
            t("system.backup.none")
          )}
        </Descriptions.Item>
        <Descriptions.Item label={t("system.backup.file")}>
          {backup.last ? <Typography.Text code>{backup.last.file}</Typography.Text> : "—"}
        </Descriptions.Item>
        <Descriptions.Item label={t("system.backup.status")}>
          {backup.lastAttempt ? <RunStatusTag status={backup.lastAttempt.status} /> : "—"}
        </Descriptions.Item>
        <Descriptions.Item label={t("system.backup.next")}>
          {backup.nextRunAt ? formatDateTime(backup.nextRunAt) : "—"}
        </Descriptions.Item>
        <Descriptions.Item label={t("system.backup.schedule")}>
          {backup.schedule ? <Typography.Text code>{backup.schedule}</Typography.Text> : "—"}
        </Descriptions.Item>
        <Descriptions.Item label={t("system.backup.keep")}>
          {t("system.backup.keepCount", { count: format.number(backup.keep, 0) })}
        </Descriptions.Item>
        <Descriptions.Item label={t("system.backup.directory")}>
          <Typography.Text code>{backup.directory}</Typography.Text>
        </Descriptions.Item>
        <Descriptions.Item label={t("system.database")}>{t(`system.database.${status.database}`)}</Descriptions.Item>
      </Descriptions>
    </Card>
  );
}

function JobsCard({ status }: { status: SystemStatus }) {
  const { t } = useI18n();
  const jobName = (name: string) =>
    name === "backup" || name === "reminders" || name === "sign-in-housekeeping" ? t(`system.job.${name}`) : name;
  return (
    <Card title={t("system.jobs.title")}>
      <Table
        size="small"
        rowKey="name"
        pagination={false}
        dataSource={status.jobs}
        style={{ marginBottom: 16 }}
        columns={[
          { title: t("system.jobs.name"), dataIndex: "name", render: jobName },
          { title: t("system.jobs.schedule"), dataIndex: "schedule" },
          {
            title: t("system.jobs.next"),
            dataIndex: "nextRunAt",
            render: (at: string | null) => (at ? formatDateTime(at) : "—"),
          },
        ]}
      />
      <Typography.Title level={2} style={{ fontSize: 16 }}>
        {t("system.runs.title")}
      </Typography.Title>
      <Table<JobRunSummary>
        size="small"
        rowKey="id"
        pagination={false}
        scroll={{ x: true }}
        dataSource={status.recentRuns}
        locale={{ emptyText: t("system.runs.empty") }}
        columns={[
          { title: t("system.jobs.name"), dataIndex: "job", render: jobName },
          { title: t("system.runs.started"), dataIndex: "startedAt", render: (at: string) => formatDateTime(at) },
          { title: t("system.runs.attempt"), dataIndex: "attempt", align: "right" },
          {
            title: t("system.runs.status"),
            dataIndex: "status",
            render: (s: JobRunSummary["status"]) => <RunStatusTag status={s} />,
          },
          {
            title: t("system.runs.finished"),
            dataIndex: "finishedAt",
            render: (at: string | null) => (at ? formatDateTime(at) : "—"),
          },
          {
            title: t("system.runs.error"),
            dataIndex: "error",
            render: (error: string | null) => (error ? <Typography.Text type="danger">{error}</Typography.Text> : ""),
          },
        ]}
      />
    </Card>
  );
}
