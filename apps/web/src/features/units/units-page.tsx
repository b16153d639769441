import { useMemo, useState } from "react";
import { App, Button, Card, Dropdown, Grid, Input, Select, Space, Table, Tag, Tooltip, Typography } from "antd";
import type { MenuProps, TableColumnsType } from "antd";
import { CheckCircleOutlined, EllipsisOutlined, PlusOutlined, StopOutlined } from "@ant-design/icons";
import { useQueryClient } from "@tanstack/react-query";
import { foldVietnamese, type Unit } from "@phuong-xanh/shared";
import { api, queryKeys } from "../../lib/endpoints";
import { errorMessage } from "../../lib/api";
import { useI18n } from "../../i18n/i18n";
import { useFormat } from "../../i18n/format";
import { useCurrentUser } from "../../app/current-user";
import { useUnits } from "../../app/hooks";
import { PageHeader } from "../../components/page-header";
import { Forbidden, QueryState } from "../../components/query-state";
import { CreateUnitModal, EditUnitModal } from "./unit-modals";
import { kindRank, unitKindLabel } from "./unit-kinds";

type StatusFilter = "active" | "inactive";

/** Which dialog is open, and for which unit. */
type Dialog = { kind: "create" } | { kind: "edit"; unit: Unit };

/** The plan's order of kinds, then "TDP 2" before "TDP 10". */
function byKindThenCode(a: Unit, b: Unit): number {
  return kindRank(a.kind) - kindRank(b.kind) || a.code.localeCompare(b.code, "vi", { numeric: true });
}

export default function UnitsPage() {
  const { t } = useI18n();
  const user = useCurrentUser();
  // The admin and the Office keep the ward's units; the server refuses the others' changes too.
  if (user.role !== "admin" && user.role !== "office") {
    return (
      <>
        <PageHeader title={t("units.title")} />
        <Forbidden />
      </>
    );
  }
  return <UnitsAdmin />;
}

function UnitsAdmin() {
  const { t } = useI18n();
  const format = useFormat();
  const { modal, message } = App.useApp();
  const queryClient = useQueryClient();
  const screens = Grid.useBreakpoint();
  const isPhone = !screens.md;
  const query = useUnits();
  const [search, setSearch] = useState("");
  const [kind, setKind] = useState<string | undefined>();
  const [status, setStatus] = useState<StatusFilter | undefined>();
  // The dialog stays mounted while it closes (`open` false), so it can animate out.
  const [dialog, setDialog] = useState<Dialog | undefined>();
  const [dialogOpen, setDialogOpen] = useState(false);
  const openDialog = (next: Dialog) => {
    setDialog(next);
    setDialogOpen(true);
  };
  const closeDialog = () => setDialogOpen(false);

  const units = useMemo(() => query.data ?? [], [query.data]);
  const unitById = useMemo(() => new Map(units.map((u) => [u.id, u])), [units]);
  const kinds = useMemo(
    () => [...new Set(units.map((u) => u.kind))].sort((a, b) => kindRank(a) - kindRank(b)),
    [units],
  );

  const rows = useMemo(() => {
    const words = foldVietnamese(search).split(" ").filter(Boolean);
    return units
      .filter((unit) => {
        if (kind !== undefined && unit.kind !== kind) return false;
        if (status === "active" && !unit.active) return false;
        if (status === "inactive" && unit.active) return false;
        const parent = unit.parentId ? unitById.get(unit.parentId) : undefined;
        const text = foldVietnamese(
          [unit.code, unit.name, unit.shortName, unitKindLabel(t, unit.kind), parent?.shortName ?? ""].join(" "),
        );
        return words.every((w) => text.includes(w));
      })
      .sort(byKindThenCode);
  }, [units, unitById, search, kind, status, t]);

  /** Puts the saved unit into the list without waiting for a reload (then reloads anyway). */
  function remember(saved: Unit) {
    queryClient.setQueryData<Unit[]>(queryKeys.units, (list) => {
      if (!list) return list;
      return [...list.filter((u) => u.id !== saved.id), saved];
    });
    void queryClient.invalidateQueries({ queryKey: queryKeys.units });
  }

  function confirmActive(unit: Unit, active: boolean) {
    const name = unit.shortName;
    void modal.confirm({
      title: t(active ? "units.reactivateConfirm" : "units.deactivateConfirm", { name }),
      content: t(active ? "units.reactivateHint" : "units.deactivateHint"),
      icon: active ? <CheckCircleOutlined /> : <StopOutlined />,
      okText: t(active ? "units.reactivate" : "units.deactivate"),
      okButtonProps: { danger: !active },
      cancelText: t("common.cancel"),
      onOk: async () => {
        try {
          remember(await api.updateUnit(unit.id, { active }));
          void message.success(t(active ? "units.reactivatedDone" : "units.deactivatedDone", { name }));
        } catch (cause) {
          void message.error(errorMessage(cause, t("common.saveFailed")));
        }
      },
    });
  }

  function actions(unit: Unit) {
    const name = unit.shortName;
    const toggle = unit.active
      ? { label: t("units.deactivate"), name: t("units.deactivateOf", { name }), icon: <StopOutlined /> }
      : { label: t("units.reactivate"), name: t("units.reactivateOf", { name }), icon: <CheckCircleOutlined /> };

    if (isPhone) {
      const items: MenuProps["items"] = [
        { key: "edit", label: t("units.edit"), onClick: () => openDialog({ kind: "edit", unit }) },
        {
          key: "active",
          icon: toggle.icon,
          danger: unit.active,
          label: toggle.label,
          onClick: () => confirmActive(unit, !unit.active),
        },
      ];
      return (
        <Dropdown menu={{ items }} trigger={["click"]} placement="bottomRight">
          <Button icon={<EllipsisOutlined />} aria-label={t("units.actionsOf", { name })} />
        </Dropdown>
      );
    }

    return (
      <Space size={[0, 0]} wrap>
        <Button
          type="link"
          size="small"
          aria-label={t("units.editOf", { name })}
          onClick={() => openDialog({ kind: "edit", unit })}
        >
          {t("units.edit")}
        </Button>
        <Button
          type="link"
          size="small"
          danger={unit.active}
          aria-label={toggle.name}
          onClick={() => confirmActive(unit, !unit.active)}
        >
          {toggle.label}
        </Button>
      </Space>
    );
  }

  const none = <Typography.Text type="secondary">—</Typography.Text>;
  const statusTag = (active: boolean) =>
    active ? (
      <Tag color="green" className="staff-nowrap">
        {t("units.active")}
      </Tag>
    ) : (
      <Tag color="default" icon={<StopOutlined />} className="staff-nowrap">
        {t("units.inactive")}
      </Tag>
    );
  const parentOf = (unit: Unit) => (unit.parentId ? unitById.get(unit.parentId) : undefined);

  const columns: TableColumnsType<Unit> = [
    {
      title: t("units.code"),
      dataIndex: "code",
      width: 120,
      sorter: (a, b) => a.code.localeCompare(b.code, "vi", { numeric: true }),
      // A long code breaks at its dashes rather than run into the name.
      render: (code: string) => <Typography.Text code>{code}</Typography.Text>,
    },
    { title: t("units.name"), dataIndex: "name" },
    {
      title: t("units.shortName"),
      dataIndex: "shortName",
      width: 110,
      render: (shortName: string) => <strong>{shortName}</strong>,
    },
    {
      title: t("units.kind"),
      dataIndex: "kind",
      width: 150,
      sorter: byKindThenCode,
      render: (k: string) => unitKindLabel(t, k),
    },
    {
      title: t("units.parent"),
      key: "parent",
      width: 110,
      render: (_: unknown, unit) => {
        const parent = parentOf(unit);
        if (!parent) return none;
        return (
          <Tooltip title={parent.name}>
            <span className="staff-nowrap">{parent.shortName}</span>
          </Tooltip>
        );
      },
    },
    {
      title: t("units.households"),
      dataIndex: "households",
      width: 80,
      align: "right",
      render: (households: number | null) => (households === null ? none : format.number(households, 0)),
    },
    {
      title: t("units.status"),
      dataIndex: "active",
      width: 140,
      render: statusTag,
    },
    {
      title: t("units.actions"),
      key: "actions",
      fixed: "right",
      width: 150,
      render: (_: unknown, unit) => actions(unit),
    },
  ];

  /** A phone gets one cell per unit: its name, then short name, code, kind and households. */
  const phoneColumns: TableColumnsType<Unit> = [
    {
      title: t("units.title"),
      key: "unit",
      render: (_: unknown, unit) => (
        <div className="staff-unit-cell">
          <strong>{unit.name}</strong>
          <Typography.Text type="secondary">
            {[
              unit.shortName,
              unit.code,
              unitKindLabel(t, unit.kind),
              ...(unit.households === null
                ? []
                : [t("units.householdsCount", { count: format.number(unit.households, 0) })]),
            ].join(" · ")}
          </Typography.Text>
          {!unit.active && <span>{statusTag(false)}</span>}
        </div>
      ),
    },
    {
      title: <span className="px-visually-hidden">{t("units.actions")}</span>,
      key: "actions",
      width: 56,
      render: (_: unknown, unit) => actions(unit),
    },
  ];

  return (
    <>
      <PageHeader
        title={t("units.title")}
        tags={query.data ? <Tag>{t("units.count", { count: format.number(query.data.length, 0) })}</Tag> : undefined}
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => openDialog({ kind: "create" })}>
            {t("units.create")}
          </Button>
        }
      />
      <Card size="small" style={{ marginBottom: 12 }}>
        <div className="staff-filters" role="search" style={{ marginBottom: 0 }}>
          <Input.Search
            allowClear
            className="staff-filter-search"
            aria-label={t("units.search")}
            placeholder={t("units.searchPlaceholder")}
            value={search}
            onChange={(e) => setSearch(e.target.value)}
          />
          <Select<string>
            allowClear
            virtual={false}
            aria-label={t("units.filterKind")}
            placeholder={t("units.filterKind")}
            value={kind}
            onChange={(value?: string) => setKind(value)}
            options={kinds.map((k) => ({ value: k, label: unitKindLabel(t, k) }))}
          />
          <Select<StatusFilter>
            allowClear
            aria-label={t("units.filterStatus")}
            placeholder={t("units.filterStatus")}
            value={status}
            onChange={(value?: StatusFilter) => setStatus(value)}
            options={[
              { value: "active", label: t("units.active") },
              { value: "inactive", label: t("units.inactive") },
            ]}
          />
        </div>
      </Card>
      <Card size="small" styles={{ body: { padding: 0 } }}>
        <QueryState query={query}>
          {() => (
            <Table<Unit>
              size="small"
              rowKey="id"
              dataSource={rows}
              pagination={rows.length > 50 ? { pageSize: 50, showSizeChanger: false } : false}
              // On a phone one cell says it all; on a wider screen the table may scroll inside its card.
              scroll={isPhone ? undefined : { x: 1000 }}
              rowClassName={(unit) => (unit.active ? "" : "staff-row-context")}
              locale={{ emptyText: t("units.empty") }}
              columns={isPhone ? phoneColumns : columns}
            />
          )}
        </QueryState>
      </Card>

      <CreateUnitModal
        open={dialogOpen && dialog?.kind === "create"}
        units={units}
        onClose={closeDialog}
        onSaved={(saved) => {
          remember(saved);
          void message.success(t("units.created", { name: saved.shortName }));
        }}
      />
      {dialog?.kind === "edit" && (
        <EditUnitModal
          open={dialogOpen}
          unit={dialog.unit}
          onClose={closeDialog}
          onSaved={(saved) => {
            remember(saved);
            void message.success(t("units.saved", { name: saved.shortName }));
          }}
        />
      )}
    </>
  );
}
