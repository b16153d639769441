import { Table, Typography } from "antd";
import type { AuditEntry } from "@phuong-xanh/shared";
import { useI18n, type Translate } from "../i18n/i18n";
import { formatDate, formatDateTime, formatNumber } from "../i18n/format";
import { labelOr } from "../lib/labels";
import { useStatusLabel, useUnits } from "../app/hooks";

/** Internal ids and bookkeeping that say nothing to a reader of the history. */
const HIDDEN_FIELDS = new Set(["version", "updatedAt", "updateId", "measurementId", "indicatorId", "fileId"]);
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

type Change = { field: string; before: unknown; after: unknown };

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Fields whose value differs between the two snapshots, in the order they first appear. */
export function changedFields(before: unknown, after: unknown): Change[] {
  const b = isRecord(before) ? before : {};
  const a = isRecord(after) ? after : {};
  const fields = [...new Set([...Object.keys(b), ...Object.keys(a)])];
  return fields
    .filter((field) => !HIDDEN_FIELDS.has(field))
    .filter((field) => JSON.stringify(b[field]) !== JSON.stringify(a[field]))
    .map((field) => ({ field, before: b[field], after: a[field] }));
}

type Resolve = (field: string, value: string) => string | undefined;

function renderValue(value: unknown, locale: string, field: string, resolve: Resolve): string {
  if (value === null || value === undefined || value === "") return "—";
  if (typeof value === "number") return formatNumber(value, locale);
  if (typeof value === "boolean") return value ? "✓" : "✗";
  if (Array.isArray(value) && value.every((v) => typeof v === "string")) {
    return value.length === 0 ? "—" : value.map((v: string) => resolve(field, v) ?? v).join(", ");
  }
  if (typeof value === "string") {
    const resolved = resolve(field, value);
    if (resolved) return resolved;
    if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return formatDate(value);
    if (/^\d{4}-\d{2}-\d{2}T/.test(value)) return formatDateTime(value);
    return value.length > 160 ? `${value.slice(0, 157)}…` : value;
  }
  const json = JSON.stringify(value);
  return json.length > 160 ? `${json.slice(0, 157)}…` : json;
}

function fieldLabel(t: Translate, field: string): string {
  return labelOr(t, `field.${field}`, field);
}

export function HistoryTable({ entries, loading }: { entries: AuditEntry[]; loading?: boolean }) {
  const { t, locale } = useI18n();
  const units = useUnits();
  const statusLabel = useStatusLabel();
  // Unit ids become short names and status codes their labels, so a reassignment reads "Phòng KT → VP".
  const resolve: Resolve = (field, value) => {
    if (UUID.test(value)) return units.data?.find((u) => u.id === value)?.shortName;
    if (field === "status") return statusLabel(value);
    if (field === "recurrence") return labelOr(t, `recurrence.${value}`, value);
    return undefined;
  };
  return (
    <Table<AuditEntry>
      size="small"
      rowKey="id"
      loading={loading}
      dataSource={entries}
      pagination={entries.length > 20 ? { pageSize: 20 } : false}
      scroll={{ x: 640 }}
      locale={{ emptyText: t("history.empty") }}
      columns={[
        {
          title: t("history.at"),
          dataIndex: "at",
          width: 150,
          render: (at: string) => <span className="staff-nowrap">{formatDateTime(at)}</span>,
        },
        { title: t("history.actor"), dataIndex: "actorName", width: 160 },
        {
          title: t("history.action"),
          dataIndex: "action",
          width: 160,
          render: (action: string) => labelOr(t, `audit.${action}`, action),
        },
        {
          title: t("history.changes"),
          key: "changes",
          render: (_: unknown, entry) => {
            const changes = changedFields(entry.before, entry.after);
            if (changes.length === 0) return <Typography.Text type="secondary">—</Typography.Text>;
            return (
              <ul className="staff-diff">
                {changes.map((c) => (
                  <li key={c.field}>
                    <strong>{fieldLabel(t, c.field)}</strong>:{" "}
                    <del>{renderValue(c.before, locale, c.field, resolve)}</del> →{" "}
                    <ins>{renderValue(c.after, locale, c.field, resolve)}</ins>
                  </li>
                ))}
              </ul>
            );
          },
        },
      ]}
    />
  );
}
