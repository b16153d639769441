import { Link } from "react-router";
import { Card, List, Tag, Typography } from "antd";
import { useQuery } from "@tanstack/react-query";
import { useFormat } from "../../i18n/format";
import { extensionApi, extensionKeys } from "./extension-api";
import { extensionPaths } from "./extension-paths";
import { useExtensionT } from "./messages";

/**
 * On a farm's page in the registry: the classes its people attended and the demonstration models
 * it hosted or visited (khuyến nông), each linked to its page.
 */
export function FarmExtensionCard({ farmId, className }: { farmId: string; className?: string }) {
  const t = useExtensionT();
  const format = useFormat();
  const taken = useQuery({
    queryKey: [...extensionKeys.all, "farm", farmId],
    queryFn: () => extensionApi.farm(farmId),
  });
  const items = [
    ...(taken.data?.trainings ?? []).map((training) => ({
      key: training.id,
      to: extensionPaths.training(training.id),
      title: training.title,
      detail: `${t(`ext.topic.${training.topic}`)} · ${format.date(training.heldOn)}`,
      tag: t("ext.farm.attended"),
    })),
    ...(taken.data?.models ?? []).map((model) => ({
      key: model.id,
      to: extensionPaths.model(model.id),
      title: model.name,
      detail: `${t(`ext.topic.${model.topic}`)} · ${t(`ext.status.${model.status}`)}`,
      tag: model.host ? t("ext.farm.hosted") : t("ext.farm.visited"),
    })),
  ];
  return (
    <Card size="small" title={t("ext.farm.title")} className={className}>
      <List
        size="small"
        loading={taken.isPending}
        dataSource={items}
        locale={{ emptyText: t("ext.farm.none") }}
        renderItem={(item) => (
          <List.Item key={item.key}>
            <div>
              <Link to={item.to}>{item.title}</Link> <Tag>{item.tag}</Tag>
              <div>
                <Typography.Text type="secondary">{item.detail}</Typography.Text>
              </div>
            </div>
          </List.Item>
        )}
      />
    </Card>
  );
}
