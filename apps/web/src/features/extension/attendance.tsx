import { useState } from "react";
import { App, Button, Card, Checkbox, Empty, Input, List, Space, Tag, Typography } from "antd";
import { DeleteOutlined, UserAddOutlined } from "@ant-design/icons";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import type { Attendee, ExtensionKind } from "@phuong-xanh/shared";
import { api, queryKeys } from "../../lib/endpoints";
import { errorMessage } from "../../lib/api";
import { useI18n } from "../../i18n/i18n";
import { extensionApi, extensionKeys } from "./extension-api";
import { attendeeLabel, farmsToOffer } from "./extension-rules";
import { useExtensionT } from "./messages";

type Activity = { id: string; version: number; attendees: Attendee[]; attendeeCount: number };

/** After a change: the activity's page reloads (its version moved) and the lists' counts are stale. */
function useRefresh(kind: ExtensionKind, id: string) {
  const queryClient = useQueryClient();
  return async () => {
    await queryClient.invalidateQueries({
      queryKey: kind === "training" ? extensionKeys.training(id) : extensionKeys.model(id),
    });
    void queryClient.invalidateQueries({
      queryKey: kind === "training" ? extensionKeys.trainings : extensionKeys.models,
    });
    void queryClient.invalidateQueries({ queryKey: ["extension", "summary"] });
  };
}

/** Who took part: each person, of a registry farm or by name; a writer may remove one. */
export function AttendeeList({
  kind,
  activity,
  farmCount,
  writer,
}: {
  kind: ExtensionKind;
  activity: Activity;
  farmCount: number;
  writer: boolean;
}) {
  const t = useExtensionT();
  const { t: tg } = useI18n();
  const { message } = App.useApp();
  const refresh = useRefresh(kind, activity.id);
  const [busy, setBusy] = useState<string | null>(null);
  async function remove(attendee: Attendee) {
    setBusy(attendee.id);
    try {
      await extensionApi.removeAttendee(kind, activity.id, attendee.id, activity.version);
      void message.success(t("ext.attendance.removed", { name: attendeeLabel(attendee) }));
    } catch (error) {
      void message.error(errorMessage(error, tg("common.saveFailed")));
    } finally {
      setBusy(null);
      await refresh();
    }
  }
  return (
    <Card
      size="small"
      title={t("ext.attendance.title")}
      extra={<Tag>{t("ext.attendance.count", { people: activity.attendeeCount, farms: farmCount })}</Tag>}
    >
      {activity.attendees.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("ext.attendance.empty")} />
      ) : (
        <List
          size="small"
          data-testid="attendee-list"
          dataSource={activity.attendees}
          renderItem={(attendee) => (
            <List.Item
              actions={
                writer
                  ? [
                      <Button
                        key="remove"
                        size="small"
                        danger
                        icon={<DeleteOutlined />}
                        loading={busy === attendee.id}
                        aria-label={t("ext.attendance.removeOf", { name: attendeeLabel(attendee) })}
                        onClick={() => void remove(attendee)}
                      >
                        {t("ext.attendance.remove")}
                      </Button>,
                    ]
                  : []
              }
            >
              <List.Item.Meta
                title={attendee.farm ? attendee.farm.name : attendee.personName}
                description={
                  attendee.farm ? (
                    <>
                      {attendee.personName ??
                        (attendee.farm.representative
                          ? t("ext.attendance.representative", { name: attendee.farm.representative })
                          : null)}
                      {attendee.residentialGroup && (
                        <Typography.Text type="secondary"> · {attendee.residentialGroup.name}</Typography.Text>
                      )}
                    </>
                  ) : (
                    <Tag>{t("ext.attendance.outside")}</Tag>
                  )
                }
              />
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}

/**
 * Fast attendance: find registry farms by name or household head, tick many, record them in one
 * request; or one person outside the registry by name. Farms already recorded are not offered again.
 */
export function AttendancePicker({ kind, activity }: { kind: ExtensionKind; activity: Activity }) {
  const t = useExtensionT();
  const { t: tg } = useI18n();
  const { message } = App.useApp();
  const refresh = useRefresh(kind, activity.id);
  const farms = useQuery({ queryKey: queryKeys.farms, queryFn: api.farms });
  const [search, setSearch] = useState("");
  const [selected, setSelected] = useState<string[]>([]);
  const [outsider, setOutsider] = useState("");
  const [saving, setSaving] = useState(false);
  const offered = farmsToOffer(farms.data ?? [], activity.attendees, search);

  async function record(attendees: { farmId: string | null; personName: string | null }[]) {
    setSaving(true);
    try {
      const { added } = await extensionApi.addAttendees(kind, activity.id, { version: activity.version, attendees });
      void message.success(t("ext.attendance.added", { count: added }));
      setSelected([]);
      setOutsider("");
    } catch (error) {
      void message.error(errorMessage(error, tg("common.saveFailed")));
    } finally {
      setSaving(false);
      await refresh();
    }
  }

  return (
    <Card size="small" title={t("ext.attendance.take")}>
      <Input.Search
        allowClear
        aria-label={t("ext.attendance.search")}
        placeholder={t("ext.attendance.search")}
        value={search}
        onChange={(e) => setSearch(e.target.value)}
      />
      <div className="ext-picker-list" role="group" aria-label={t("ext.attendance.take")}>
        {farms.isPending ? (
          <Typography.Text type="secondary">{tg("common.loading")}</Typography.Text>
        ) : offered.length === 0 ? (
          <Typography.Text type="secondary">{t("ext.attendance.noFarms")}</Typography.Text>
        ) : (
          offered.map((farm) => (
            <div key={farm.id} className="ext-picker-item">
              <Checkbox
                checked={selected.includes(farm.id)}
                onChange={(e) =>
                  setSelected(e.target.checked ? [...selected, farm.id] : selected.filter((id) => id !== farm.id))
                }
              >
                {farm.name}
                <Typography.Text type="secondary">
                  {farm.representative ? ` · ${t("ext.attendance.representative", { name: farm.representative })}` : ""}
                  {farm.residentialGroup ? ` · ${farm.residentialGroup.name}` : ""}
                </Typography.Text>
              </Checkbox>
            </div>
          ))
        )}
      </div>
      <div className="ext-picker-actions">
        <Button size="small" onClick={() => setSelected([...new Set([...selected, ...offered.map((f) => f.id)])])}>
          {t("ext.attendance.selectAll")}
        </Button>
        <Button size="small" disabled={selected.length === 0} onClick={() => setSelected([])}>
          {t("ext.attendance.clear")}
        </Button>
        <Button
          type="primary"
          icon={<UserAddOutlined />}
          disabled={selected.length === 0}
          loading={saving}
          onClick={() => void record(selected.map((farmId) => ({ farmId, personName: null })))}
        >
          {t("ext.attendance.addSelected", { count: selected.length })}
        </Button>
      </div>
      <Typography.Paragraph style={{ marginTop: 16, marginBottom: 4 }}>
        {t("ext.attendance.outsider")}
      </Typography.Paragraph>
      <Space.Compact style={{ width: "100%" }}>
        <Input
          maxLength={120}
          aria-label={t("ext.attendance.outsider")}
          placeholder={t("ext.attendance.outsiderPlaceholder")}
          value={outsider}
          onChange={(e) => setOutsider(e.target.value)}
        />
        <Button
          disabled={outsider.trim().length < 2}
          loading={saving}
          onClick={() => void record([{ farmId: null, personName: outsider.trim() }])}
        >
          {t("ext.attendance.addOutsider")}
        </Button>
      </Space.Compact>
    </Card>
  );
}
