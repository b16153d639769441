import { useEffect, useMemo, useState } from "react";
import { Link, useSearchParams } from "react-router";
import { Button, Card, Checkbox, Grid, Input, Select, Space, Table, Typography } from "antd";
import { DownloadOutlined, FileWordOutlined, FilterOutlined, UploadOutlined } from "@ant-design/icons";
import { keepPreviousData, useQuery, useQueryClient } from "@tanstack/react-query";
import { timelinessSchema, type TaskListQuery } from "@phuong-xanh/shared";
import { api, downloads, queryKeys } from "../../lib/endpoints";
import { withQuery } from "../../lib/api";
import { useI18n } from "../../i18n/i18n";
import { PageHeader } from "../../components/page-header";
import { QueryState } from "../../components/query-state";
import { ProgressCell, TaskStatusTag, TimelinessTag, UnitCell } from "../../components/tags";
import { ImportDialog } from "../../components/import-dialog";
import { deadlineLabel, sectorLabel } from "../../lib/labels";
import { assignableUnits, useStatuses, useUnits } from "../../app/hooks";
import { isPlanManager, useCurrentUser } from "../../app/current-user";
import { buildTaskTree, matchesQuery, rowKeysWithChildren, type TaskRow } from "./task-tree";

const SECTORS = ["transport", "industry", "energy", "construction", "agriculture", "lifestyle"] as const;
const FILTER_KEYS = ["unitId", "includeCoordinated", "section", "sector", "status", "timeliness"] as const;

/** Filters live in the URL, so the dashboard can link to "late tasks of this unit" and a view can be shared. */
function useFilters() {
  const [params, setParams] = useSearchParams();
  const timeliness = timelinessSchema.safeParse(params.get("timeliness"));
  const section = params.get("section");
  const filters: TaskListQuery = {
    ...(params.get("unitId") ? { unitId: params.get("unitId") ?? undefined } : {}),
    ...(params.get("includeCoordinated") === "true" ? { includeCoordinated: true } : {}),
    ...(section === "III" || section === "V" ? { section } : {}),
    ...(params.get("sector") ? { sector: params.get("sector") ?? undefined } : {}),
    ...(params.get("status") ? { status: params.get("status") ?? undefined } : {}),
    ...(timeliness.success ? { timeliness: timeliness.data } : {}),
  };
  const q = params.get("q") ?? "";
  function setFilter(key: (typeof FILTER_KEYS)[number] | "q", value: string | undefined) {
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        if (value) next.set(key, value);
        else next.delete(key);
        if (key === "unitId" && !value) next.delete("includeCoordinated");
        return next;
      },
      { replace: true },
    );
  }
  function clear() {
    setParams(new URLSearchParams(), { replace: true });
  }
  return { filters, q, setFilter, clear };
}

function useDebounced<T>(value: T, ms: number): T {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const timer = window.setTimeout(() => setDebounced(value), ms);
    return () => window.clearTimeout(timer);
  }, [value, ms]);
  return debounced;
}

export default function TaskListPage() {
  const { t, language } = useI18n();
  const user = useCurrentUser();
  const queryClient = useQueryClient();
  const { filters, q, setFilter, clear } = useFilters();
  const [search, setSearch] = useState(q);
  const debouncedSearch = useDebounced(search.trim(), 350);
  const [importOpen, setImportOpen] = useState(false);

  useEffect(() => {
    if (debouncedSearch !== q) setFilter("q", debouncedSearch || undefined);
    // Only the debounced text drives the URL (`q` follows it, so it is no dependency).
  }, [debouncedSearch]);

  const serverQuery: TaskListQuery = {
    ...filters,
    ...(debouncedSearch ? { q: debouncedSearch } : {}),
  };
  const hasServerFilter = Object.keys(serverQuery).length > 0;

  // The whole plan, to place filtered tasks under their groups; the filtered list from the server.
  const all = useQuery({
    queryKey: queryKeys.tasks({}),
    queryFn: () => api.tasks({}),
  });
  const filtered = useQuery({
    queryKey: queryKeys.tasks(serverQuery),
    queryFn: () => api.tasks(serverQuery),
    enabled: hasServerFilter,
    placeholderData: keepPreviousData,
  });
  const current = hasServerFilter ? filtered : all;

  const units = useUnits();
  const statuses = useStatuses();
  const isPhone = !Grid.useBreakpoint().md;
  const [filtersOpen, setFiltersOpen] = useState(false);
  // On a phone the five selects would fill the screen: they fold behind one "Bộ lọc" button.
  const showFilters = !isPhone || filtersOpen;
  const activeFilters = FILTER_KEYS.filter((key) => key !== "includeCoordinated" && filters[key] !== undefined).length;

  const rows = useMemo(() => {
    const data = current.data;
    if (!data) return [];
    // While the server's answer for the newest text is on its way, filter what we have at once.
    const isStale = search.trim() !== debouncedSearch || (hasServerFilter && filtered.isPlaceholderData);
    const matching = isStale && search.trim() ? data.tasks.filter((task) => matchesQuery(task, search)) : data.tasks;
    return buildTaskTree(matching, all.data?.tasks ?? []);
  }, [current.data, all.data, search, debouncedSearch, hasServerFilter, filtered.isPlaceholderData]);

  const expandKeys = useMemo(() => rowKeysWithChildren(rows), [rows]);
  const [collapsedKeys, setCollapsedKeys] = useState<Set<string>>(new Set());
  const expandedRowKeys = expandKeys.filter((key) => !collapsedKeys.has(key));

  const exportQuery = { ...serverQuery };
  const isManager = isPlanManager(user);

  return (
    <>
      <PageHeader
        title={t("tasks.title")}
        extra={
          <>
            <Button icon={<DownloadOutlined />} href={withQuery(downloads.tasksXlsx, exportQuery)}>
              {t("common.exportXlsx")}
            </Button>
            <Button icon={<DownloadOutlined />} href={withQuery(downloads.tasksCsv, exportQuery)}>
              {t("common.exportCsv")}
            </Button>
            {/* The plan re-issued from its data (Decree 30 layout): an adjusted plan prints as it now stands. */}
            <Button icon={<FileWordOutlined />} href={downloads.planDocx} download>
              {t("tasks.planDocx")}
            </Button>
            {isManager && (
              <Button icon={<UploadOutlined />} onClick={() => setImportOpen(true)}>
                {t("tasks.import")}
              </Button>
            )}
          </>
        }
      />
      <Card size="small" style={{ marginBottom: 12 }}>
        <div className="staff-filters" role="search">
          <Input.Search
            className="staff-filter-search"
            allowClear
            aria-label={t("tasks.search")}
            placeholder={t("tasks.searchPlaceholder")}
            value={search}
            onChange={(e) => setSearch(e.target.value)}
            onSearch={(value) => setSearch(value)}
          />
          {showFilters && (
            <>
              <Select
                allowClear
                showSearch={{ optionFilterProp: "label" }}
                aria-label={t("task.unit")}
                placeholder={t("tasks.filterUnit")}
                value={filters.unitId}
                onChange={(value?: string) => setFilter("unitId", value)}
                loading={units.isPending}
                // Active units only; a filter already set on a closed unit (a saved link) still shows.
                options={assignableUnits(units.data, [filters.unitId]).map((u) => ({
                  value: u.id,
                  label: u.active ? u.shortName : `${u.shortName} (${t("units.inactiveMark")})`,
                }))}
              />
              <Select
                allowClear
                aria-label={t("task.section")}
                placeholder={t("tasks.filterSection")}
                value={filters.section}
                onChange={(value?: string) => setFilter("section", value)}
                options={[
                  { value: "III", label: t("section.IIIShort") },
                  { value: "V", label: t("section.VShort") },
                ]}
              />
              <Select
                allowClear
                aria-label={t("task.sector")}
                placeholder={t("tasks.filterSector")}
                value={filters.sector}
                onChange={(value?: string) => setFilter("sector", value)}
                options={SECTORS.map((s) => ({
                  value: s,
                  label: sectorLabel(t, s),
                }))}
              />
              <Select
                allowClear
                aria-label={t("task.status")}
                placeholder={t("tasks.filterStatus")}
                value={filters.status}
                onChange={(value?: string) => setFilter("status", value)}
                loading={statuses.isPending}
                options={(statuses.data ?? []).map((s) => ({
                  value: s.code,
                  label: language === "vi" ? s.labelVi : s.labelEn,
                }))}
              />
              <Select
                allowClear
                aria-label={t("task.timeliness")}
                placeholder={t("tasks.filterTimeliness")}
                value={filters.timeliness}
                onChange={(value?: string) => setFilter("timeliness", value)}
                options={timelinessSchema.options.map((code) => ({
                  value: code,
                  label: t(`timeliness.${code}`),
                }))}
              />
            </>
          )}
          {isPhone && (
            <Button
              onClick={() => setFiltersOpen((open) => !open)}
              aria-expanded={filtersOpen}
              icon={<FilterOutlined />}
            >
              {activeFilters > 0 ? t("tasks.filtersActive", { count: activeFilters }) : t("tasks.filters")}
            </Button>
          )}
        </div>
        <Space wrap>
          {filters.unitId && (
            <Checkbox
              checked={filters.includeCoordinated === true}
              onChange={(e) => setFilter("includeCoordinated", e.target.checked ? "true" : undefined)}
            >
              {t("tasks.includeCoordinated")}
            </Checkbox>
          )}
          {(hasServerFilter || search) && (
            <Button
              size="small"
              onClick={() => {
                setSearch("");
                clear();
              }}
            >
              {t("tasks.clearFilters")}
            </Button>
          )}
          {current.data && (
            <Typography.Text type="secondary" aria-live="polite">
              {t("tasks.count", { count: countRows(rows) })}
            </Typography.Text>
          )}
        </Space>
      </Card>
      <Card size="small" styles={{ body: { padding: 0 } }}>
        <QueryState query={current}>
          {() => (
            <Table<TaskRow>
              size="small"
              rowKey="id"
              dataSource={rows}
              pagination={false}
              loading={current.isFetching && !current.isPending}
              scroll={{ x: 980 }}
              rowClassName={(row) =>
                row.kind === "group" ? "staff-row-group" : row.isContext ? "staff-row-context" : ""
              }
              expandable={{
                expandedRowKeys,
                onExpand: (expanded, row) =>
                  setCollapsedKeys((prev) => {
                    const next = new Set(prev);
                    if (expanded) next.delete(row.id);
                    else next.add(row.id);
                    return next;
                  }),
              }}
              locale={{ emptyText: t("tasks.empty") }}
              columns={[
                {
                  title: t("task.ref"),
                  dataIndex: "ref",
                  width: 110,
                  render: (ref: string) => <span className="staff-nowrap">{ref}</span>,
                },
                {
                  title: t("task.title"),
                  dataIndex: "title",
                  render: (_: string, row) => (
                    <Link to={`/nhiem-vu/${row.id}`} style={row.kind === "group" ? { fontWeight: 600 } : undefined}>
                      {row.title}
                    </Link>
                  ),
                },
                {
                  title: t("task.owner"),
                  key: "owner",
                  width: 125,
                  render: (_: unknown, row) => <UnitCell unit={row.owner} />,
                },
                {
                  title: t("task.deadline"),
                  key: "deadline",
                  width: 110,
                  render: (_: unknown, row) => <span className="staff-nowrap">{deadlineLabel(t, row)}</span>,
                },
                {
                  title: t("task.status"),
                  dataIndex: "status",
                  width: 150,
                  render: (status: string) => <TaskStatusTag status={status} />,
                },
                {
                  title: t("task.progress"),
                  dataIndex: "progress",
                  width: 130,
                  render: (progress: number, row) => (
                    <ProgressCell value={progress} label={t("task.progressOf", { title: row.title })} />
                  ),
                },
                {
                  title: t("task.timeliness"),
                  dataIndex: "timeliness",
                  width: 130,
                  render: (_: unknown, row) => <TimelinessTag timeliness={row.timeliness} />,
                },
              ]}
            />
          )}
        </QueryState>
      </Card>
      <ImportDialog
        open={importOpen}
        title={t("tasks.import")}
        onClose={() => setImportOpen(false)}
        submit={(form, mode, onProgress) => api.importTasks(form, mode, onProgress)}
        onSaved={() => void queryClient.invalidateQueries({ queryKey: queryKeys.allTasks })}
      />
    </>
  );
}

function countRows(rows: TaskRow[]): number {
  return rows.reduce(
    (sum, row) => sum + (row.isContext || row.kind === "group" ? 0 : 1) + countRows(row.children ?? []),
    0,
  );
}
