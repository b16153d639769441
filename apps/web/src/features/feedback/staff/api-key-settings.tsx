import { useMemo, useState } from "react";
import { Alert, Form, Input, Modal, Tag, Typography } from "antd";
import type { TableColumnsType } from "antd";
import { KeyOutlined, StopOutlined } from "@ant-design/icons";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { createApiKeySchema, type createdApiKeySchema } from "@phuong-xanh/shared";
import type { z } from "zod";
import { api, queryKeys } from "../../../lib/endpoints";
import { useI18n } from "../../../i18n/i18n";
import { useFormat } from "../../../i18n/format";
import { AdminListPage, actionsColumn } from "../../../components/admin-list-page";
import { EditModal } from "../../../components/edit-modal";
import { RowActions } from "../../../components/row-actions";
import { useConfirmAction, useDialog, useIsPhone, useListFilter } from "../../../components/use-admin-list";

type CreatedKey = z.infer<typeof createdApiKeySchema>;
type KeyRow = Omit<CreatedKey, "key"> & { active: boolean };

/** Khóa API Open311: what another system (the city's app, a tổ dân phố's tablet) writes reports with. */
export function ApiKeySettings() {
  const { t } = useI18n();
  const format = useFormat();
  const isPhone = useIsPhone();
  const queryClient = useQueryClient();
  const confirm = useConfirmAction();
  const query = useQuery({ queryKey: queryKeys.feedbackApiKeys, queryFn: api.feedbackApiKeys });
  const keys = useMemo(
    () => (query.data ?? []).map((key): KeyRow => ({ ...key, active: key.revokedAt === null })),
    [query.data],
  );
  const keyQuery = { ...query, data: query.data ? keys : undefined };
  const { open, show, close } = useDialog<true>();
  // The new key, shown once: it leaves the page (and the DOM) when its dialog closes.
  const [created, setCreated] = useState<CreatedKey | undefined>();
  const [keyOpen, setKeyOpen] = useState(false);
  const { search, setSearch, rows } = useListFilter(keys, {
    text: (key) => [key.name, key.prefix],
    sort: (a, b) => Number(b.active) - Number(a.active) || b.createdAt.localeCompare(a.createdAt),
  });

  const revoke = (key: KeyRow) =>
    confirm({
      title: t("feedback.keys.revokeConfirm", { name: key.name }),
      content: t("feedback.keys.revokeHint"),
      icon: <StopOutlined />,
      okText: t("feedback.keys.revoke"),
      danger: true,
      run: async () => {
        await api.revokeFeedbackApiKey(key.id);
        await queryClient.invalidateQueries({ queryKey: queryKeys.feedbackApiKeys });
        return t("feedback.keys.revoked", { name: key.name });
      },
    });

  const columns: TableColumnsType<KeyRow> = [
    { title: t("feedback.keys.name"), dataIndex: "name", render: (name: string) => <strong>{name}</strong> },
    {
      title: t("feedback.keys.prefix"),
      dataIndex: "prefix",
      width: 140,
      render: (prefix: string) => <Typography.Text code>{prefix}…</Typography.Text>,
    },
    {
      title: t("feedback.keys.createdAt"),
      dataIndex: "createdAt",
      width: 150,
      render: (at: string) => format.dateTime(at),
    },
    {
      title: t("feedback.keys.lastUsedAt"),
      dataIndex: "lastUsedAt",
      width: 150,
      render: (at: string | null) =>
        at ? format.dateTime(at) : <Typography.Text type="secondary">{t("feedback.keys.neverUsed")}</Typography.Text>,
    },
    {
      title: t("feedback.settings.status"),
      key: "status",
      width: 190,
      render: (_: unknown, key) =>
        key.revokedAt ? (
          <Tag icon={<StopOutlined />}>{t("feedback.keys.revokedAt", { date: format.date(key.revokedAt) })}</Tag>
        ) : (
          <Tag color="green" className="fb-status">
            {t("feedback.settings.active")}
          </Tag>
        ),
    },
    actionsColumn<KeyRow>({
      title: t("feedback.settings.actions"),
      isPhone,
      fixedOnPhone: true,
      render: (key) =>
        key.active ? (
          <RowActions
            isPhone={isPhone}
            menuName={t("feedback.settings.actionsOf", { name: key.name })}
            actions={[
              {
                key: "revoke",
                label: t("feedback.keys.revoke"),
                name: t("feedback.keys.revokeOf", { name: key.name }),
                danger: true,
                icon: <StopOutlined />,
                onClick: () => revoke(key),
              },
            ]}
          />
        ) : null,
    }),
  ];

  return (
    <AdminListPage<KeyRow>
      title={t("feedback.settings.apiKeys")}
      countText={(count) => t("feedback.keys.count", { count })}
      create={{ label: t("feedback.keys.create"), icon: <KeyOutlined />, onClick: () => show(true) }}
      search={{
        label: t("feedback.keys.search"),
        placeholder: t("feedback.keys.search"),
        value: search,
        onChange: setSearch,
      }}
      filters={null}
      query={keyQuery}
      rows={rows}
      columns={columns}
      scroll={{ x: 900 }}
      emptyText={t("feedback.keys.none")}
    >
      <Typography.Paragraph type="secondary" style={{ marginTop: 12 }}>
        {t("feedback.keys.hint")}
      </Typography.Paragraph>
      <EditModal<{ name?: string }, { name: string }, CreatedKey>
        open={open}
        title={t("feedback.keys.create")}
        okText={t("feedback.keys.createSubmit")}
        initialValues={{}}
        schema={createApiKeySchema}
        fields={["name"]}
        toBody={(values) => ({ name: values.name ?? "" })}
        save={(body) => api.createFeedbackApiKey(body.name)}
        conflictKey={queryKeys.feedbackApiKeys}
        onClose={close}
        onSaved={(saved) => {
          setCreated(saved);
          setKeyOpen(true);
          void queryClient.invalidateQueries({ queryKey: queryKeys.feedbackApiKeys });
        }}
      >
        <Form.Item
          label={t("feedback.keys.name")}
          name="name"
          extra={t("feedback.keys.nameHint")}
          rules={[{ required: true, whitespace: true, message: t("feedback.keys.nameRequired") }]}
        >
          <Input maxLength={120} autoComplete="off" />
        </Form.Item>
      </EditModal>
      <Modal
        open={keyOpen}
        title={t("feedback.keys.createdTitle", { name: created?.name ?? "" })}
        okText={t("feedback.keys.savedIt")}
        onOk={() => setKeyOpen(false)}
        onCancel={() => setKeyOpen(false)}
        afterClose={() => setCreated(undefined)}
        destroyOnHidden
        cancelButtonProps={{ style: { display: "none" } }}
        maskClosable={false}
      >
        <Alert type="warning" showIcon title={t("feedback.keys.once")} style={{ marginBottom: 12 }} />
        <Typography.Paragraph
          className="fb-key"
          copyable={{ text: created?.key ?? "", tooltips: [t("feedback.keys.copy"), t("feedback.keys.copied")] }}
          aria-label={t("feedback.keys.theKey")}
        >
          {created?.key}
        </Typography.Paragraph>
      </Modal>
    </AdminListPage>
  );
}
