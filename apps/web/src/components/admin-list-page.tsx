import type { ReactNode } from "react";
import { Button, Card, Input, Table, Tag } from "antd";
import type { TableColumnType, TableColumnsType, TableProps } from "antd";
import { useFormat } from "../i18n/format";
import { PageHeader } from "./page-header";
import { Forbidden, QueryState, type QueryLike } from "./query-state";

/** What a role that may not manage the list gets: the page's title, then "no access". */
export function ForbiddenPage({ title }: { title: string }) {
  return (
    <>
      <PageHeader title={title} />
      <Forbidden />
    </>
  );
}

/**
 * The actions column: its title is read aloud only on a phone, where the column is narrow enough
 * for one "…" button. `fixedOnPhone` keeps it on the right while a wide table scrolls under it.
 */
export function actionsColumn<T>({
  title,
  isPhone,
  fixedOnPhone,
  render,
}: {
  title: string;
  isPhone: boolean;
  fixedOnPhone: boolean;
  render: (row: T) => ReactNode;
}): TableColumnType<T> {
  return {
    title: isPhone ? <span className="px-visually-hidden">{title}</span> : title,
    key: "actions",
    ...(isPhone && !fixedOnPhone ? {} : { fixed: "right" as const }),
    width: isPhone ? 56 : 150,
    render: (_: unknown, row: T) => render(row),
  };
}

/**
 * An admin list (accounts, units): the title with the count and the create button, a search
 * box with the page's own filters, then the table; inactive rows are dimmed. `children` are the
 * page's dialogs.
 */
export function AdminListPage<T extends { id: string; active: boolean }>({
  title,
  countText,
  create,
  search,
  filters,
  query,
  rows,
  columns,
  scroll,
  emptyText,
  children,
}: {
  title: string;
  /** "12 tài khoản", given the formatted count. */
  countText: (count: string) => string;
  create: { label: string; icon: ReactNode; onClick: () => void };
  search: { label: string; placeholder: string; value: string; onChange: (value: string) => void };
  filters: ReactNode;
  query: QueryLike<readonly T[]>;
  rows: readonly T[];
  columns: TableColumnsType<T>;
  scroll: TableProps<T>["scroll"];
  emptyText: string;
  children: ReactNode;
}) {
  const format = useFormat();
  return (
    <>
      <PageHeader
        title={title}
        tags={query.data ? <Tag>{countText(format.number(query.data.length, 0))}</Tag> : undefined}
        extra={
          <Button type="primary" icon={create.icon} onClick={create.onClick}>
            {create.label}
          </Button>
        }
      />
      <Card size="small" style={{ marginBottom: 12 }}>
        <div className="staff-filters" role="search" style={{ marginBottom: 0 }}>
          <Input.Search
            allowClear
            className="staff-filter-search"
            aria-label={search.label}
            placeholder={search.placeholder}
            value={search.value}
            onChange={(e) => search.onChange(e.target.value)}
          />
          {filters}
        </div>
      </Card>
      <Card size="small" styles={{ body: { padding: 0 } }}>
        <QueryState query={query}>
          {() => (
            <Table<T>
              size="small"
              rowKey="id"
              dataSource={rows}
              pagination={rows.length > 50 ? { pageSize: 50, showSizeChanger: false } : false}
              scroll={scroll}
              rowClassName={(row) => (row.active ? "" : "staff-row-context")}
              locale={{ emptyText }}
              columns={columns}
            />
          )}
        </QueryState>
      </Card>
      {children}
    </>
  );
}
