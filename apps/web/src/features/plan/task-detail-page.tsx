import { useState } from "react";
import { Link } from "react-router";
import { App, Button, Card, Col, Descriptions, Empty, Row, Space, Table, Tag, Timeline, Typography } from "antd";
import { EditOutlined, GlobalOutlined, TeamOutlined } from "@ant-design/icons";
import type { TaskDetail, TaskSummary } from "@phuong-xanh/shared";
import { useI18n } from "../../i18n/i18n";
import { useFormat } from "../../i18n/format";
import { DetailHeader, DetailLayout, DetailPage, historyTabs, useRecordSaved } from "../../components/detail-page";
import { ProgressCell, TaskStatusTag, TimelinessTag } from "../../components/tags";
import { deadlineLabel, recurrenceLabel, sectorLabel } from "../../lib/labels";
import { TaskUpdateForm } from "./task-update-form";
import { useCurrentUser } from "../../app/current-user";
import { AssignTaskModal, EditTaskModal } from "./task-edit-modals";
import { TaskIndicatorLinksCard } from "./task-indicator-links";
import { TaskUpdateFiles } from "./task-update-files";

export default function TaskDetailPage() {
  return <DetailPage kind="task">{(task) => <TaskDetailView task={task} />}</DetailPage>;
}

/** After a change, every list that shows this task is stale. */
export function useTaskSaved() {
  return useRecordSaved("task");
}

function TaskDetailView({ task }: { task: TaskDetail }) {
  const { t } = useI18n();
  const format = useFormat();
  const [assignOpen, setAssignOpen] = useState(false);
  const [editOpen, setEditOpen] = useState(false);
  const onSaved = useTaskSaved();
  const { message } = App.useApp();
  const user = useCurrentUser();

  const tabs = [
    {
      key: "updates",
      label: t("task.updatesTab", { count: task.updates.length }),
      children: (
        <Row gutter={[16, 16]}>
          {task.can.update && (
            <Col xs={24} lg={10}>
              <Card title={t("update.formTitle")} size="small">
                <TaskUpdateForm
                  task={task}
                  onSaved={(saved) => {
                    onSaved(saved);
                    void message.success(t("update.saved"));
                  }}
                />
              </Card>
            </Col>
          )}
          <Col xs={24} lg={task.can.update ? 14 : 24}>
            <UpdatesTimeline task={task} />
          </Col>
        </Row>
      ),
    },
    ...(task.children.length > 0
      ? [
          {
            key: "children",
            label: t("task.childrenTab", { count: task.children.length }),
            children: <ChildrenTable tasks={task.children} />,
          },
        ]
      : []),
    ...historyTabs(t, "task", task),
  ];

  return (
    <>
      <DetailHeader
        list={{ to: "/nhiem-vu", label: t("nav.tasks") }}
        crumb={task.ref}
        title={task.title}
        tags={
          <Space wrap size={4}>
            <Tag>{t(`kind.${task.kind}`)}</Tag>
            <TaskStatusTag status={task.status} />
            <TimelinessTag timeliness={task.timeliness} />
          </Space>
        }
        extra={
          <>
            <Button
              icon={<GlobalOutlined />}
              href={`/cong-khai/nhiem-vu/${encodeURIComponent(task.code)}?ward=${encodeURIComponent(user.ward.code)}`}
            >
              {t("task.publicPage")}
            </Button>
            {task.can.assign && (
              <Button icon={<TeamOutlined />} onClick={() => setAssignOpen(true)}>
                {t("assign.button")}
              </Button>
            )}
            {task.can.edit && (
              <Button icon={<EditOutlined />} onClick={() => setEditOpen(true)}>
                {t("edit.button")}
              </Button>
            )}
          </>
        }
      />
      <DetailLayout
        main={
          <Card size="small" title={t("task.documentText")}>
            <blockquote className="staff-quote">{task.text}</blockquote>
          </Card>
        }
        facts={
          <>
            <Descriptions.Item label={t("task.ref")}>{task.ref}</Descriptions.Item>
            <Descriptions.Item label={t("task.owner")}>{task.owner.name}</Descriptions.Item>
            <Descriptions.Item label={t("task.coordinators")}>
              {task.coordinators.length > 0 ? task.coordinators.map((c) => c.name).join("; ") : "—"}
            </Descriptions.Item>
            <Descriptions.Item label={t("task.output")}>{task.output || "—"}</Descriptions.Item>
            <Descriptions.Item label={t("task.deadline")}>
              {task.deadline ? format.date(task.deadline) : t("task.noDeadline")}
            </Descriptions.Item>
            <Descriptions.Item label={t("task.recurrence")}>{recurrenceLabel(t, task.recurrence)}</Descriptions.Item>
            {task.nextUpdateDue && (
              <Descriptions.Item label={t("task.nextUpdateDue")}>{format.date(task.nextUpdateDue)}</Descriptions.Item>
            )}
            <Descriptions.Item label={t("task.lastUpdateOn")}>
              {task.lastUpdateOn ? format.date(task.lastUpdateOn) : t("task.neverUpdated")}
            </Descriptions.Item>
            <Descriptions.Item label={t("task.section")}>{t(`section.${task.section}Short`)}</Descriptions.Item>
            {task.sector && (
              <Descriptions.Item label={t("task.sector")}>{sectorLabel(t, task.sector)}</Descriptions.Item>
            )}
            <Descriptions.Item label={t("task.weight")}>{format.number(task.weight)}</Descriptions.Item>
            <Descriptions.Item label={t("task.progress")}>
              <div style={{ width: "100%", minWidth: 140 }}>
                <ProgressCell value={task.progress} label={t("task.progressOf", { title: task.title })} />
              </div>
            </Descriptions.Item>
          </>
        }
        tabs={tabs}
      >
        <Col span={24}>
          <TaskIndicatorLinksCard task={task} />
        </Col>
      </DetailLayout>
      {task.can.assign && (
        <AssignTaskModal open={assignOpen} task={task} onClose={() => setAssignOpen(false)} onSaved={onSaved} />
      )}
      {task.can.edit && (
        <EditTaskModal open={editOpen} task={task} onClose={() => setEditOpen(false)} onSaved={onSaved} />
      )}
    </>
  );
}

function UpdatesTimeline({ task }: { task: TaskDetail }) {
  const { t } = useI18n();
  const format = useFormat();
  if (task.updates.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("update.none")} />;
  const hasPhotos = task.updates.some((u) => u.files.some((f) => f.mimeType.startsWith("image/")));
  const updates = [...task.updates].sort(
    (a, b) => b.reportedOn.localeCompare(a.reportedOn) || b.createdAt.localeCompare(a.createdAt),
  );
  return (
    <>
      {task.can.update && hasPhotos && (
        <Typography.Paragraph type="secondary" style={{ fontSize: 13 }}>
          {t("photo.publicHint")}
        </Typography.Paragraph>
      )}
      <Timeline
        items={updates.map((u) => ({
          key: u.id,
          color: "green",
          content: (
            <div>
              <Space wrap size={4} style={{ marginBottom: 4 }}>
                <strong>{format.date(u.reportedOn)}</strong>
                <TaskStatusTag status={u.status} />
                <Tag color="green">{t("task.progressValue", { value: u.progress })}</Tag>
                <Typography.Text type="secondary">
                  {[u.authorName, u.authorUnit].filter(Boolean).join(" · ")}
                  {u.authorName || u.authorUnit ? " · " : ""}
                  {t("update.recordedAt", { at: format.dateTime(u.createdAt) })}
                </Typography.Text>
              </Space>
              <Typography.Paragraph style={{ whiteSpace: "pre-line", marginBottom: 4 }}>{u.text}</Typography.Paragraph>
              <TaskUpdateFiles task={task} files={u.files} />
            </div>
          ),
        }))}
      />
    </>
  );
}

function ChildrenTable({ tasks }: { tasks: TaskSummary[] }) {
  const { t } = useI18n();
  return (
    <Table<TaskSummary>
      size="small"
      rowKey="id"
      dataSource={tasks}
      pagination={false}
      scroll={{ x: 820 }}
      columns={[
        { title: t("task.ref"), dataIndex: "ref", width: 120 },
        {
          title: t("task.title"),
          dataIndex: "title",
          render: (title: string, row) => <Link to={`/nhiem-vu/${row.id}`}>{title}</Link>,
        },
        {
          title: t("task.owner"),
          key: "owner",
          width: 120,
          render: (_: unknown, row) => <span title={row.owner.name}>{row.owner.shortName}</span>,
        },
        {
          title: t("task.deadline"),
          key: "deadline",
          width: 120,
          render: (_: unknown, row) => deadlineLabel(t, row),
        },
        {
          title: t("task.progress"),
          dataIndex: "progress",
          width: 140,
          render: (p: number, row) => <ProgressCell value={p} label={t("task.progressOf", { title: row.title })} />,
        },
        {
          title: t("task.timeliness"),
          key: "timeliness",
          width: 130,
          render: (_: unknown, row) => <TimelinessTag timeliness={row.timeliness} />,
        },
      ]}
    />
  );
}
