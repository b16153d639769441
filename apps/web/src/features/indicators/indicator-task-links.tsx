import { Link } from "react-router";
import { Card, Space, Typography } from "antd";
import { useQuery } from "@tanstack/react-query";
import type { IndicatorTaskLinks } from "@phuong-xanh/shared";
import { api, queryKeys } from "../../lib/endpoints";
import { useI18n } from "../../i18n/i18n";
import { ItemList } from "../../components/item-list";
import { QueryState } from "../../components/query-state";
import { ProgressCell, TaskStatusTag } from "../../components/tags";

type LinkedTask = IndicatorTaskLinks["tasks"][number];

/** The tasks staff linked to this indicator (links are made on each task's page). */
export function IndicatorTaskLinksCard({ indicatorId }: { indicatorId: string }) {
  const { t } = useI18n();
  const query = useQuery({
    queryKey: queryKeys.indicatorTasks(indicatorId),
    queryFn: () => api.indicatorTasks(indicatorId),
  });
  return (
    <Card size="small" title={t("indicatorLinks.title")}>
      <QueryState query={query} rows={2}>
        {(links) => (
          <ItemList<LinkedTask>
            items={links.tasks}
            itemKey={(task) => task.id}
            label={t("indicatorLinks.title")}
            empty={<Typography.Text type="secondary">{t("indicatorLinks.none")}</Typography.Text>}
            render={(task) => (
              <Space wrap size={6}>
                <Typography.Text type="secondary">{task.ref}</Typography.Text>
                <Link to={`/nhiem-vu/${task.id}`}>{task.title}</Link>
                <span title={task.owner.name}>{task.owner.shortName}</span>
                <TaskStatusTag status={task.status} />
                <span style={{ display: "inline-block", width: 120 }}>
                  <ProgressCell value={task.progress} label={t("task.progressOf", { title: task.title })} />
                </span>
              </Space>
            )}
          />
        )}
      </QueryState>
    </Card>
  );
}
