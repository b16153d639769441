import { useState } from "react";
import { Link } from "react-router";
import { App, Button, Select, Space, Tag, Typography } from "antd";
import { DisconnectOutlined, LinkOutlined } from "@ant-design/icons";
import { useQuery } from "@tanstack/react-query";
import {
  foldVietnamese,
  type DocumentDetail,
  type DocumentLink,
  type DocumentLinkInput,
  type DocumentLinkType,
} from "@phuong-xanh/shared";
import { api, queryKeys } from "../../lib/endpoints";
import { errorMessage } from "../../lib/api";
import { useI18n } from "../../i18n/i18n";
import { ItemList } from "../../components/item-list";

type Option = { value: string; label: string };

const keyOf = (link: DocumentLinkInput) => `${link.entityType}:${link.entityId}`;

function linkFromKey(key: string): DocumentLinkInput | undefined {
  const [entityType, entityId] = key.split(":");
  if ((entityType === "task" || entityType === "indicator") && entityId) return { entityType, entityId };
  return undefined;
}

/** Where a link leads in the staff app, when it leads anywhere yet. */
function pathOf(link: DocumentLink): string | undefined {
  if (link.entityType === "task") return `/nhiem-vu/${link.entityId}`;
  if (link.entityType === "indicator") return `/chi-tieu/${link.entityId}`;
  return undefined;
}

/** Every word typed, accents and case aside: "ra soat chieu sang" finds "rà soát, … chiếu sáng". */
function matches(input: string, option?: Option | { options?: Option[] }): boolean {
  if (option === undefined || !("label" in option)) return false;
  const label = foldVietnamese(option.label);
  return foldVietnamese(input)
    .split(" ")
    .every((word) => label.includes(word));
}

/**
 * The tasks and indicators a document concerns. Managers add one through a search over the
 * plan's tasks (/api/tasks) and indicators (/api/indicators), and remove any; the whole set is
 * sent each time (PUT), so the server keeps no half-applied change.
 */
export function DocumentLinks({
  document,
  onSaved,
}: {
  document: DocumentDetail;
  onSaved: (saved: DocumentDetail) => void;
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [picked, setPicked] = useState<string | undefined>();
  const [saving, setSaving] = useState(false);
  const canEdit = document.can.edit;
  const tasks = useQuery({ queryKey: queryKeys.tasks({}), queryFn: () => api.tasks({}), enabled: canEdit });
  const indicators = useQuery({ queryKey: queryKeys.indicators, queryFn: api.indicators, enabled: canEdit });

  const linked = new Set(document.links.map(keyOf));
  const options = [
    {
      label: t("documents.linkTasks"),
      options: (tasks.data?.tasks ?? [])
        .filter((task) => !linked.has(`task:${task.id}`))
        .map((task) => ({ value: `task:${task.id}`, label: `${task.ref} — ${task.title}` })),
    },
    {
      label: t("documents.linkIndicators"),
      options: (indicators.data ?? [])
        .filter((indicator) => !linked.has(`indicator:${indicator.id}`))
        .map((indicator) => ({ value: `indicator:${indicator.id}`, label: `${indicator.ref} — ${indicator.name}` })),
    },
  ];

  async function save(links: DocumentLinkInput[], done: string) {
    setSaving(true);
    try {
      onSaved(await api.setDocumentLinks(document.id, { links }));
      setPicked(undefined);
      void message.success(done);
    } catch (cause) {
      void message.error(errorMessage(cause, t("common.saveFailed")));
    } finally {
      setSaving(false);
    }
  }

  const current: DocumentLinkInput[] = document.links.map(({ entityType, entityId }) => ({ entityType, entityId }));
  const typeLabel = (type: DocumentLinkType) => t(`documents.linkType.${type}`);
  const nameOf = (link: DocumentLink) => link.label ?? t("documents.linkUnknown");

  return (
    <Space orientation="vertical" size="middle" style={{ width: "100%" }}>
      {canEdit && (
        <div style={{ display: "flex", flexWrap: "wrap", gap: 8 }}>
          <Select<string, Option | { label: string; options: Option[] }>
            style={{ flex: "1 1 280px", maxWidth: 720 }}
            showSearch={{ filterOption: matches }}
            // Not virtual: every option that passes is in the page, with role="option" and its name.
            virtual={false}
            allowClear
            aria-label={t("documents.linkPick")}
            placeholder={t("documents.linkPlaceholder")}
            loading={tasks.isPending || indicators.isPending}
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
              const link = picked ? linkFromKey(picked) : undefined;
              if (link) void save([...current, link], t("documents.linked"));
            }}
          >
            {t("documents.addLink")}
          </Button>
        </div>
      )}
      <ItemList<DocumentLink>
        items={document.links}
        itemKey={keyOf}
        label={t("documents.links")}
        empty={<Typography.Text type="secondary">{t("documents.noLinks")}</Typography.Text>}
        render={(link) => {
          const path = pathOf(link);
          return (
            <Space wrap size={4}>
              <Tag>{typeLabel(link.entityType)}</Tag>
              {link.ref && <Typography.Text type="secondary">{link.ref}</Typography.Text>}
              {path && link.label ? <Link to={path}>{nameOf(link)}</Link> : <span>{nameOf(link)}</span>}
            </Space>
          );
        }}
        actions={
          canEdit
            ? (link) => (
                <Button
                  size="small"
                  icon={<DisconnectOutlined />}
                  aria-label={t("documents.unlinkOf", { name: nameOf(link) })}
                  disabled={saving}
                  onClick={() =>
                    void save(
                      current.filter((l) => keyOf(l) !== keyOf(link)),
                      t("documents.unlinked"),
                    )
                  }
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
