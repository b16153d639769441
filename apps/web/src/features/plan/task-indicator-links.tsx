import { useState } from "react";
import { Link } from "react-router";
import { App, Button, Card, Select, Space, Typography } from "antd";
import { DisconnectOutlined, LinkOutlined } from "@ant-design/icons";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { foldVietnamese, type TaskDetail, type TaskIndicatorLinks } from "@phuong-xanh/shared";
import { api, queryKeys } from "../../lib/endpoints";
import { errorMessage } from "../../lib/api";
import { useI18n } from "../../i18n/i18n";
import { ItemList } from "../../components/item-list";
import { QueryState } from "../../components/query-state";
import { IndicatorStatusTag } from "../../components/tags";

type Option = { value: string; label: string };
type Linked = TaskIndicatorLinks["indicators"][number];

/** Every word typed, accents and case aside. */
function matches(input: string, option?: Option): boolean {
  if (!option) return false;
  const label = foldVietnamese(option.label);
  return foldVietnamese(input)
    .split(" ")
    .every((word) => label.includes(word));
}

/**
 * The indicators a task moves. The task's owner unit and the plan's managers link and unlink
 * them; the public pages of the task and of each indicator show the link.
 */
export function TaskIndicatorLinksCard({ task }: { task: TaskDetail }) {
  const { t } = useI18n();
  const query = useQuery({ queryKey: queryKeys.taskIndicators(task.id), queryFn: () => api.taskIndicators(task.id) });
  return (
    <Card size="small" title={t("taskLinks.title")}>
      <QueryState query={query}>{(links) => <LinksEditor task={task} links={links} />}</QueryState>
    </Card>
  );
}

function LinksEditor({ task, links }: { task: TaskDetail; links: TaskIndicatorLinks }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [picked, setPicked] = useState<string | undefined>();
  const [saving, setSaving] = useState(false);
  // A group heading takes no links of its own: its tasks do.
  const canEdit = links.canEdit && task.kind !== "group";
  const indicators = useQuery({ queryKey: queryKeys.indicators, queryFn: api.indicators, enabled: canEdit });
  const linked = new Set(links.indicators.map((i) => i.id));
  const options: Option[] = (indicators.data ?? [])
    .filter((i) => !linked.has(i.id))
    .map((i) => ({ value: i.id, label: `${i.ref} — ${i.name}` }));

  async function change(indicatorId: string, link: boolean) {
    setSaving(true);
    try {
      const saved = link
        ? await api.linkTaskIndicator(task.id, indicatorId)
        : await api.unlinkTaskIndicator(task.id, indicatorId);
      queryClient.setQueryData(queryKeys.taskIndicators(task.id), saved);
      void queryClient.invalidateQueries({ queryKey: queryKeys.indicatorTasks(indicatorId) });
      void queryClient.invalidateQueries({ queryKey: queryKeys.taskHistory(task.id) });
      setPicked(undefined);
      void message.success(link ? t("taskLinks.linked") : t("taskLinks.unlinked"));
    } catch (cause) {
      void message.error(errorMessage(cause, t("common.saveFailed")));
    } finally {
      setSaving(false);
    }
  }

  return (
    <Space orientation="vertical" size="middle" style={{ width: "100%" }}>
      {canEdit && <Typography.Text type="secondary">{t("taskLinks.hint")}</Typography.Text>}
      {canEdit && (
        <div style={{ display: "flex", flexWrap: "wrap", gap: 8 }}>
          <Select<string, Option>
            style={{ flex: "1 1 260px", maxWidth: 640 }}
            showSearch={{ filterOption: matches }}
            virtual={false}
            allowClear
            aria-label={t("taskLinks.pick")}
            placeholder={t("taskLinks.pickPlaceholder")}
            loading={indicators.isPending}
            value={picked}
            onChange={(value?: string) => setPicked(value)}
            options={options}
          />
          <Button
            type="primary"
            icon={<LinkOutlined />}
            disabled={!picked}
            loading={saving}
            onClick={() => {
              if (picked) void change(picked, true);
            }}
          >
            {t("taskLinks.add")}
          </Button>
        </div>
      )}
      <ItemList<Linked>
        items={links.indicators}
        itemKey={(i) => i.id}
        label={t("taskLinks.title")}
        empty={<Typography.Text type="secondary">{t("taskLinks.none")}</Typography.Text>}
        render={(i) => (
          <Space wrap size={4}>
            <Typography.Text type="secondary">{i.ref}</Typography.Text>
            <Link to={`/chi-tieu/${i.id}`}>{i.name}</Link>
            <IndicatorStatusTag status={i.status} />
          </Space>
        )}
        actions={
          canEdit
            ? (i) => (
                <Button
                  size="small"
                  icon={<DisconnectOutlined />}
                  aria-label={t("taskLinks.removeOf", { name: i.name })}
                  disabled={saving}
                  onClick={() => void change(i.id, false)}
                >
                  {t("documents.unlink")}
                </Button>
              )
            : undefined
        }
      />
    </Space>
  );
}
