import { useMemo, useState } from "react";
import { Alert, Form, Input, Modal, Tag, Typography } from "antd";
import type { TableColumnsType } from "antd";
import { KeyOutlined, StopOutlined } from "@ant-design/icons";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { createApiKeySchema, type createdApiKeySchema } from "@phuong-xanh/shared";
import type { z } from "zod";
import { api, queryKeys } from "../../../lib/endpoints";
import { useFormat } from "../../../i18n/format";
import { AdminListPage, actionsColumn } from "../../../components/admin-list-page";
import { EditModal } from "../../../components/edit-modal";
import { RowActions } from "../../../components/row-actions";
import { useConfirmAction, useDialog, useIsPhone, useListFilter } from "../../../components/use-admin-list";
import { useFeedbackStaffT } from "./messages";

type CreatedKey = z.infer<typeof createdApiKeySchema>;
type KeyRow = Omit<CreatedKey, "key"> & { active: boolean };

/** Khóa API Open311: what another system (the city's app, a tổ dân phố's tablet) writes reports with. */
export function ApiKeySettings() {
  const ft = useFeedbackStaffT();
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
      title: ft("feedback.keys.revokeConfirm", { name: key.name }),
      content: ft("feedback.keys.revokeHint"),
      icon: <StopOutlined />,
      okText: ft("feedback.keys.revoke"),
      danger: true,
      run: async () => {
        await api.revokeFeedbackApiKey(key.id);
        await queryClient.invalidateQueries({ queryKey: queryKeys.feedbackApiKeys });
        return ft("feedback.keys.revoked", { name: key.name });
      },
    });

  const columns: TableColumnsType<KeyRow> = [
    { title: ft("feedback.keys.name"), dataIndex: "name", render: (name: string) => <strong>{name}</strong> },
    {
      title: ft("feedback.keys.prefix"),
      dataIndex: "prefix",
      width: 140,
      render: (prefix: string) => <Typography.Text code>{prefix}…</Typography.Text>,
    },
    {
      title: ft("feedback.keys.createdAt"),
      dataIndex: "createdAt",
      width: 150,
      render: (at: string) => format.dateTime(at),
    },
    {
      title: ft("feedback.keys.lastUsedAt"),
      dataIndex: "lastUsedAt",
      width: 150,
      render: (at: string | null) =>
        at ? format.dateTime(at) : <Typography.Text type="secondary">{ft("feedback.keys.neverUsed")}</Typography.Text>,
    },
    {
      title: ft("feedback.settings.status"),
      key: "status",
      width: 190,
      render: (_: unknown, key) =>
        key.revokedAt ? (
          <Tag icon={<StopOutlined />}>{ft("feedback.keys.revokedAt", { date: format.date(key.revokedAt) })}</Tag>
        ) : (
          <Tag color="green" className="fb-status">
            {ft("feedback.settings.active")}
          </Tag>
        ),
    },
    actionsColumn<KeyRow>({
      title: ft("feedback.settings.actions"),
      isPhone,
      fixedOnPhone: true,
      render: (key) =>
        key.active ? (
          <RowActions
            isPhone={isPhone}
            menuName={ft("feedback.settings.actionsOf", { name: key.name })}
            actions={[
              {
                key: "revoke",
                label: ft("feedback.keys.revoke"),
                name: ft("feedback.keys.revokeOf", { name: key.name }),
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
      title={ft("feedback.settings.apiKeys")}
      countText={(count) => ft("feedback.keys.count", { count })}
      create={{ label: ft("feedback.keys.create"), icon: <KeyOutlined />, onClick: () => show(true) }}
      search={{
        label: ft("feedback.keys.search"),
        placeholder: ft("feedback.keys.search"),
        value: search,
        onChange: setSearch,
      }}
      filters={null}
      query={keyQuery}
      rows={rows}
      columns={columns}
      scroll={{ x: 900 }}
      emptyText={ft("feedback.keys.none")}
    >
      <Typography.Paragraph type="secondary" style={{ marginTop: 12 }}>
        {ft("feedback.keys.hint")}
      </Typography.Paragraph>
      <EditModal<{ name?: string }, { name: string }, CreatedKey>
        open={open}
        title={ft("feedback.keys.create")}
        okText={ft("feedback.keys.createSubmit")}
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
          label={ft("feedback.keys.name")}
          name="name"
          extra={ft("feedback.keys.nameHint")}
          rules={[{ required: true, whitespace: true, message: ft("feedback.keys.nameRequired") }]}
        >
          <Input maxLength={120} autoComplete="off" />
        </Form.Item>
      </EditModal>
      <Modal
        open={keyOpen}
        title={ft("feedback.keys.createdTitle", { name: created?.name ?? "" })}
        okText={ft("feedback.keys.savedIt")}
        onOk={() => setKeyOpen(false)}
        onCancel={() => setKeyOpen(false)}
        afterClose={() => setCreated(undefined)}
        destroyOnHidden
        cancelButtonProps={{ style: { display: "none" } }}
        maskClosable={false}
      >
        <Alert type="warning" showIcon title={ft("feedback.keys.once")} style={{ marginBottom: 12 }} />
        <Typography.Paragraph
          className="fb-key"
          copyable={{ text: created?.key ?? "", tooltips: [ft("feedback.keys.copy"), ft("feedback.keys.copied")] }}
          aria-label={ft("feedback.keys.theKey")}
        >
          {created?.key}
        </Typography.Paragraph>
      </Modal>
    </AdminListPage>
  );
}
