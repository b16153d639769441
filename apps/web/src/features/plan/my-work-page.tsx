import { Link, useNavigate } from "react-router";
import { Button, Card, Col, Empty, Row, Space, Tag, Typography } from "antd";
import { ItemList } from "../../components/item-list";
import { TaskLine } from "../../components/task-line";
import { useQuery } from "@tanstack/react-query";
import { daysBetween, type MyWork, type TaskSummary } from "@phuong-xanh/shared";
import { api, queryKeys } from "../../lib/endpoints";
import { useI18n } from "../../i18n/i18n";
import { useFormat } from "../../i18n/format";
import { PageHeader } from "../../components/page-header";
import { QueryState } from "../../components/query-state";
import { TaskStatusTag, TimelinessTag } from "../../components/tags";
import { deadlineLabel, safePeriodLabel, timelinessRank } from "../../lib/labels";
import { NotificationList, useNotifications } from "../notifications/notification-bell";

export default function MyWorkPage() {
  const { t } = useI18n();
  const query = useQuery({ queryKey: queryKeys.myWork, queryFn: api.myWork });
  return (
    <>
      <PageHeader
        title={t("myWork.title")}
        tags={query.data?.unit ? <Tag color="green">{query.data.unit.name}</Tag> : undefined}
      />
      <QueryState query={query}>{(data) => <MyWorkView data={data} />}</QueryState>
    </>
  );
}

/** Late first, then due soon, then owed an update; within each, the nearest deadline first. */
function byUrgency(a: TaskSummary, b: TaskSummary): number {
  return (
    timelinessRank[a.timeliness] - timelinessRank[b.timeliness] ||
    (a.deadline ?? a.nextUpdateDue ?? "9999").localeCompare(b.deadline ?? b.nextUpdateDue ?? "9999")
  );
}

function MyWorkView({ data }: { data: MyWork }) {
  const { t, language } = useI18n();
  const navigate = useNavigate();
  const { list, markRead } = useNotifications();
  const owned = [...data.owned].filter((task) => task.kind !== "group").sort(byUrgency);
  const coordinated = [...data.coordinated].filter((task) => task.kind !== "group").sort(byUrgency);
  const notReported = data.indicators.filter((i) => !i.reported).length;
  const notifications = list.data ?? data.notifications;

  return (
    <Row gutter={[16, 16]}>
      {!data.unit && (
        <Col span={24}>
          <Typography.Text type="secondary">{t("myWork.noUnit")}</Typography.Text>
        </Col>
      )}
      <Col xs={24} xl={14}>
        <Card title={t("myWork.owned", { count: owned.length })} style={{ marginBottom: 16 }}>
          <TaskLines tasks={owned} today={data.today} showUpdate />
        </Card>
        <Card title={t("myWork.coordinated", { count: coordinated.length })}>
          <TaskLines tasks={coordinated} today={data.today} />
        </Card>
      </Col>
      <Col xs={24} xl={10}>
        <Card
          title={t("myWork.indicators")}
          extra={
            notReported > 0 ? <Tag color="red">{t("myWork.notReportedCount", { count: notReported })}</Tag> : undefined
          }
          style={{ marginBottom: 16 }}
        >
          <ItemList
            items={data.indicators}
            itemKey={(indicator) => indicator.id}
            empty={<Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("myWork.noIndicators")} />}
            actions={(indicator) => (
              <Link
                to={`/chi-tieu/${indicator.id}#nhap-so-lieu`}
                aria-label={`${indicator.reported ? t("myWork.viewIndicator") : t("myWork.record")}: ${indicator.name}`}
              >
                {indicator.reported ? t("myWork.viewIndicator") : t("myWork.record")}
              </Link>
            )}
            render={(indicator) => (
              <div className="staff-task-line">
                <Link to={`/chi-tieu/${indicator.id}`}>{indicator.name}</Link>
                <Space wrap size={4}>
                  <Typography.Text type="secondary">
                    {safePeriodLabel(indicator.currentPeriod, language)}
                  </Typography.Text>
                  {indicator.reported ? (
                    <Tag color="green">{t("myWork.reported")}</Tag>
                  ) : (
                    <Tag color="red">{t("myWork.notReported")}</Tag>
                  )}
                </Space>
              </div>
            )}
          />
        </Card>
        <Card title={t("notifications.title")}>
          <NotificationList
            notifications={notifications}
            onMarkRead={(id) => markRead.mutate(id)}
            onOpenTask={(taskId) => void navigate(`/nhiem-vu/${taskId}`)}
          />
        </Card>
      </Col>
    </Row>
  );
}

function TaskLines({ tasks, today, showUpdate }: { tasks: TaskSummary[]; today: string; showUpdate?: boolean }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const format = useFormat();
  return (
    <ItemList
      items={tasks}
      itemKey={(task) => task.id}
      empty={<Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("myWork.noTasks")} />}
      actions={(task) =>
        showUpdate && task.timeliness !== "closed" ? (
          <Button
            size="small"
            type={task.timeliness === "overdue" || task.timeliness === "update_due" ? "primary" : "default"}
            aria-label={t("myWork.updateTask", { title: task.title })}
            onClick={() => void navigate(`/nhiem-vu/${task.id}`)}
          >
            {t("myWork.update")}
          </Button>
        ) : null
      }
      render={(task) => {
        const days = task.deadline ? daysBetween(today, task.deadline) : null;
        return (
          <TaskLine
            task={task}
            meta={
              <>
                <TimelinessTag timeliness={task.timeliness} />
                <TaskStatusTag status={task.status} />
                <span>{deadlineLabel(t, task)}</span>
                {days !== null && days < 0 && task.timeliness === "overdue" && (
                  <Typography.Text type="danger">{t("task.daysLate", { days: -days })}</Typography.Text>
                )}
                {task.timeliness === "update_due" && task.nextUpdateDue && (
                  <span>
                    {t("task.updateDueOn", {
                      date: format.date(task.nextUpdateDue),
                    })}
                  </span>
                )}
              </>
            }
          />
        );
      }}
    />
  );
}
