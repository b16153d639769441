import { useMemo, useState } from "react";
import { Select, Tag, Tooltip, Typography } from "antd";
import type { TableColumnsType } from "antd";
import { CheckCircleOutlined, PlusOutlined, StopOutlined } from "@ant-design/icons";
import { useQueryClient } from "@tanstack/react-query";
import type { Unit } from "@phuong-xanh/shared";
import { api, queryKeys } from "../../lib/endpoints";
import { useI18n } from "../../i18n/i18n";
import { useFormat } from "../../i18n/format";
import { useCurrentUser } from "../../app/current-user";
import { useUnits } from "../../app/hooks";
import { AdminListPage, ForbiddenPage, actionsColumn } from "../../components/admin-list-page";
import { RowActions } from "../../components/row-actions";
import {
  rememberInList,
  useActiveToggle,
  useDialog,
  useIsPhone,
  useListFilter,
  useOnSaved,
} from "../../components/use-admin-list";
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
  if (user.role !== "admin" && user.role !== "office") return <ForbiddenPage title={t("units.title")} />;
  return <UnitsAdmin />;
}

function UnitsAdmin() {
  const { t } = useI18n();
  const format = useFormat();
  const queryClient = useQueryClient();
  const isPhone = useIsPhone();
  const query = useUnits();
  const [kind, setKind] = useState<string | undefined>();
  const [status, setStatus] = useState<StatusFilter | undefined>();
  const { dialog, open: dialogOpen, show: openDialog, close: closeDialog } = useDialog<Dialog>();

  const units = useMemo(() => query.data ?? [], [query.data]);
  const unitById = useMemo(() => new Map(units.map((u) => [u.id, u])), [units]);
  const kinds = useMemo(
    () => [...new Set(units.map((u) => u.kind))].sort((a, b) => kindRank(a) - kindRank(b)),
    [units],
  );

  const { search, setSearch, rows } = useListFilter(units, {
    keep: (unit) => {
      if (kind !== undefined && unit.kind !== kind) return false;
      if (status === "active" && !unit.active) return false;
      if (status === "inactive" && unit.active) return false;
      return true;
    },
    text: (unit) => {
      const parent = unit.parentId ? unitById.get(unit.parentId) : undefined;
      return [unit.code, unit.name, unit.shortName, unitKindLabel(t, unit.kind), parent?.shortName ?? ""];
    },
    sort: byKindThenCode,
  });

  /** Puts the saved unit into the list without waiting for a reload (then reloads anyway). */
  function remember(saved: Unit) {
    rememberInList(queryClient, queryKeys.units, saved);
  }

  const onSaved = useOnSaved(remember);

  const toggleAction = useActiveToggle<Unit>({
    words: ({ shortName: name }, active) =>
      active
        ? {
            label: t("units.reactivate"),
            name: t("units.reactivateOf", { name }),
            confirm: t("units.reactivateConfirm", { name }),
            hint: t("units.reactivateHint"),
            done: t("units.reactivatedDone", { name }),
            icon: <CheckCircleOutlined />,
          }
        : {
            label: t("units.deactivate"),
            name: t("units.deactivateOf", { name }),
            confirm: t("units.deactivateConfirm", { name }),
            hint: t("units.deactivateHint"),
            done: t("units.deactivatedDone", { name }),
            icon: <StopOutlined />,
          },
    update: (unit, active) => api.updateUnit(unit.id, { active }),
    remember,
  });

  function actions(unit: Unit) {
    const name = unit.shortName;
    return (
      <RowActions
        isPhone={isPhone}
        menuName={t("units.actionsOf", { name })}
        actions={[
          {
            key: "edit",
            label: t("units.edit"),
            name: t("units.editOf", { name }),
            onClick: () => openDialog({ kind: "edit", unit }),
          },
          toggleAction(unit),
        ]}
      />
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
    actionsColumn<Unit>({ title: t("units.actions"), isPhone: false, fixedOnPhone: false, render: actions }),
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
    actionsColumn<Unit>({ title: t("units.actions"), isPhone: true, fixedOnPhone: false, render: actions }),
  ];

  return (
    <AdminListPage<Unit>
      title={t("units.title")}
      countText={(count) => t("units.count", { count })}
      create={{ label: t("units.create"), icon: <PlusOutlined />, onClick: () => openDialog({ kind: "create" }) }}
      search={{
        label: t("units.search"),
        placeholder: t("units.searchPlaceholder"),
        value: search,
        onChange: setSearch,
      }}
      filters={
        <>
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
        </>
      }
      query={query}
      rows={rows}
      // On a phone one cell says it all; on a wider screen the table may scroll inside its card.
      scroll={isPhone ? undefined : { x: 1000 }}
      emptyText={t("units.empty")}
      columns={isPhone ? phoneColumns : columns}
    >
      <CreateUnitModal
        open={dialogOpen && dialog?.kind === "create"}
        units={units}
        onClose={closeDialog}
        onSaved={onSaved((saved) => t("units.created", { name: saved.shortName }))}
      />
      {dialog?.kind === "edit" && (
        <EditUnitModal
          open={dialogOpen}
          unit={dialog.unit}
          onClose={closeDialog}
          onSaved={onSaved((saved) => t("units.saved", { name: saved.shortName }))}
        />
      )}
    </AdminListPage>
  );
}
