import { useState } from "react";
import { App, Button, Card, Table, Tag } from "antd";
import type { TableColumnsType } from "antd";
import { PlusOutlined } from "@ant-design/icons";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import type { WardSummary } from "@phuong-xanh/shared";
import { api, queryKeys } from "../../lib/endpoints";
import { useI18n } from "../../i18n/i18n";
import { useFormat } from "../../i18n/format";
import { useCurrentUser } from "../../app/current-user";
import { ForbiddenPage } from "../../components/admin-list-page";
import { PageHeader } from "../../components/page-header";
import { QueryState } from "../../components/query-state";
import { OpenWardModal } from "./open-ward-modal";

/** The platform admin's page: every ward on the platform, and opening a new one. */
export default function WardsPage() {
  const { t } = useI18n();
  const user = useCurrentUser();
  // Opening wards is the platform's act; the server refuses everyone else too.
  if (user.role !== "platform_admin") return <ForbiddenPage title={t("wards.title")} />;
  return <WardsList />;
}

function WardsList() {
  const { t } = useI18n();
  const format = useFormat();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const query = useQuery({ queryKey: queryKeys.wards, queryFn: api.wards });
  const [open, setOpen] = useState(false);

  const columns: TableColumnsType<WardSummary> = [
    {
      title: t("wards.name"),
      dataIndex: "name",
      render: (name: string, ward) => (
        <>
          {name} {ward.isDemo && <Tag>{t("wards.demo")}</Tag>}
        </>
      ),
    },
    { title: t("wards.code"), dataIndex: "code" },
    { title: t("wards.province"), dataIndex: "province" },
    { title: t("wards.accounts"), dataIndex: "accounts", align: "right" },
    { title: t("wards.units"), dataIndex: "units", align: "right" },
    { title: t("wards.openedAt"), dataIndex: "createdAt", render: (at: string) => format.date(at) },
  ];

  return (
    <>
      <PageHeader
        title={t("wards.title")}
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setOpen(true)}>
            {t("wards.open")}
          </Button>
        }
      />
      <Card>
        <QueryState query={query}>
          {(wards) => (
            <Table<WardSummary>
              rowKey="id"
              columns={columns}
              dataSource={wards}
              pagination={false}
              scroll={{ x: "max-content" }}
            />
          )}
        </QueryState>
      </Card>
      <OpenWardModal
        open={open}
        onClose={() => setOpen(false)}
        onSaved={() => {
          void message.success(t("wards.opened"));
          void queryClient.invalidateQueries({ queryKey: queryKeys.wards });
        }}
      />
    </>
  );
}
