import { useState } from "react";
import { Badge, Button, Empty, Popover, Typography } from "antd";
import { ItemList } from "../../components/item-list";
import { BellOutlined } from "@ant-design/icons";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { Notification } from "@phuong-xanh/shared";
import { api, queryKeys } from "../../lib/endpoints";
import { useI18n } from "../../i18n/i18n";
import { formatDateTime } from "../../i18n/format";

/** Hooks the bell and "my work" share: the list, and marking one read. */
export function useNotifications() {
  const queryClient = useQueryClient();
  const list = useQuery({
    queryKey: queryKeys.notifications,
    queryFn: api.notifications,
    refetchInterval: 60_000,
  });
  const markRead = useMutation({
    mutationFn: (id: string) => api.markNotificationRead(id),
    onMutate: (id) => {
      // Optimistic: the badge drops at once; a failed request refetches the truth.
      queryClient.setQueryData<Notification[]>(queryKeys.notifications, (old) =>
        old?.map((n) => (n.id === id ? { ...n, readAt: n.readAt ?? new Date().toISOString() } : n)),
      );
    },
    onSettled: () => void queryClient.invalidateQueries({ queryKey: queryKeys.notifications }),
  });
  return { list, markRead };
}

export function NotificationList({
  notifications,
  onOpenTask,
  onMarkRead,
}: {
  notifications: Notification[];
  onOpenTask?: (taskId: string) => void;
  onMarkRead: (id: string) => void;
}) {
  const { t } = useI18n();
  if (notifications.length === 0)
    return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("notifications.empty")} />;
  return (
    <ItemList
      className="staff-list-compact"
      items={notifications}
      itemKey={(n) => n.id}
      itemClassName={(n) => (n.readAt ? undefined : "staff-notification-unread")}
      actions={(n) =>
        n.readAt ? null : (
          <Button
            size="small"
            type="link"
            onClick={() => onMarkRead(n.id)}
            aria-label={t("notifications.markReadOf", { title: n.title })}
          >
            {t("notifications.markRead")}
          </Button>
        )
      }
      render={(n) => (
        <div>
          <div className="staff-notification-title">
            {n.taskId && onOpenTask ? (
              <Typography.Link
                onClick={() => {
                  if (!n.readAt) onMarkRead(n.id);
                  if (n.taskId) onOpenTask(n.taskId);
                }}
              >
                {n.title}
              </Typography.Link>
            ) : (
              n.title
            )}
          </div>
          <div>{n.body}</div>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {formatDateTime(n.createdAt)}
          </Typography.Text>
        </div>
      )}
    />
  );
}

export function NotificationBell({ onOpenTask }: { onOpenTask: (taskId: string) => void }) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const { list, markRead } = useNotifications();
  const notifications = list.data ?? [];
  const unread = notifications.filter((n) => !n.readAt).length;

  const content = (
    <div className="staff-notifications">
      {list.isError ? (
        <Typography.Text type="danger">{t("common.loadFailed")}</Typography.Text>
      ) : (
        <NotificationList
          notifications={notifications}
          onMarkRead={(id) => markRead.mutate(id)}
          onOpenTask={(taskId) => {
            setOpen(false);
            onOpenTask(taskId);
          }}
        />
      )}
      {unread > 1 && (
        <Button
          block
          size="small"
          onClick={() => notifications.filter((n) => !n.readAt).forEach((n) => markRead.mutate(n.id))}
        >
          {t("notifications.markAllRead")}
        </Button>
      )}
    </div>
  );

  return (
    <Popover
      content={content}
      title={t("notifications.title")}
      trigger="click"
      open={open}
      onOpenChange={setOpen}
      placement="bottomRight"
    >
      <Button
        type="text"
        className="staff-header-button"
        aria-label={unread > 0 ? t("notifications.bellUnread", { count: unread }) : t("notifications.bell")}
      >
        <Badge count={unread} size="small" offset={[2, -2]}>
          <BellOutlined style={{ color: "#fff", fontSize: 18 }} />
        </Badge>
      </Button>
    </Popover>
  );
}
