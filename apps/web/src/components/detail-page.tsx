import type { ReactNode } from "react";
import { Link, useParams } from "react-router";
import { Breadcrumb, Card, Col, Descriptions, Row, Tabs, type TabsProps } from "antd";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { api, queryKeys } from "../lib/endpoints";
import { useI18n, type Translate } from "../i18n/i18n";
import { HistoryTable } from "./history-table";
import { PageHeader } from "./page-header";
import { QueryState } from "./query-state";

/** What the detail pages need to know of each kind of record: where it lives in the cache and how to load it. */
const records = {
  task: {
    key: queryKeys.task,
    list: queryKeys.allTasks,
    historyKey: queryKeys.taskHistory,
    load: api.task,
    loadHistory: api.taskHistory,
  },
  indicator: {
    key: queryKeys.indicator,
    list: queryKeys.indicators,
    historyKey: queryKeys.indicatorHistory,
    load: api.indicator,
    loadHistory: api.indicatorHistory,
  },
  document: {
    key: queryKeys.document,
    list: queryKeys.allDocuments,
    historyKey: queryKeys.documentHistory,
    load: api.document,
    loadHistory: api.documentHistory,
  },
};

type Kind = keyof typeof records;
type RecordOf<K extends Kind> = Awaited<ReturnType<(typeof records)[K]["load"]>>;

/** Loads the record named by the route's `:id` and renders it; skeleton, 404 and errors come from QueryState. */
export function DetailPage<K extends Kind>({
  kind,
  children,
}: {
  kind: K;
  children: (record: RecordOf<K>) => ReactNode;
}) {
  const { id = "" } = useParams();
  const { key, load } = records[kind];
  const query = useQuery({
    queryKey: key(id),
    queryFn: () => load(id) as Promise<RecordOf<K>>,
    enabled: id !== "",
  });
  return <QueryState query={query}>{children}</QueryState>;
}
/** Breadcrumb back to the list, then the page's header. */
export function DetailHeader({
  list,
  crumb,
  title,
  tags,
  extra,
}: {
  list: { to: string; label: string };
  crumb: string;
  title: string;
  tags?: ReactNode;
  extra?: ReactNode;
}) {
  return (
    <>
      <Breadcrumb
        style={{ marginBottom: 8 }}
        items={[{ title: <Link to={list.to}>{list.label}</Link> }, { title: crumb }]}
      />
      <PageHeader title={title} tags={tags} extra={extra} />
    </>
  );
}

/**
 * The body of a detail page: the main card (left on wide screens) beside the facts, then the
 * page's own sections (each a `Col`), then the tabs.
 */
export function DetailLayout({
  main,
  facts,
  tabs,
  children,
}: {
  main: ReactNode;
  /** `Descriptions.Item`s. */
  facts: ReactNode;
  tabs: TabsProps["items"];
  children?: ReactNode;
}) {
  const { t } = useI18n();
  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} lg={14}>
        {main}
      </Col>
      <Col xs={24} lg={10}>
        <Card size="small" title={t("task.facts")}>
          <Descriptions column={1} size="small">
            {facts}
          </Descriptions>
        </Card>
      </Col>
      {children}
      <Col span={24}>
        <Card size="small">
          <Tabs items={tabs} />
        </Card>
      </Col>
    </Row>
  );
}

/** After a change the record's page gets the saved copy, and every list that shows it is stale. */
export function useRecordSaved<K extends Kind>(kind: K) {
  const queryClient = useQueryClient();
  const { key, list, historyKey } = records[kind];
  return (record: RecordOf<K>) => {
    queryClient.setQueryData(key(record.id), record);
    void queryClient.invalidateQueries({ queryKey: list });
    void queryClient.invalidateQueries({ queryKey: historyKey(record.id) });
    void queryClient.invalidateQueries({ queryKey: queryKeys.dashboard });
    void queryClient.invalidateQueries({ queryKey: queryKeys.myWork });
  };
}

function RecordHistory({ kind, id }: { kind: Kind; id: string }) {
  const { historyKey, loadHistory } = records[kind];
  const query = useQuery({ queryKey: historyKey(id), queryFn: () => loadHistory(id) });
  return <QueryState query={query}>{(entries) => <HistoryTable entries={entries} />}</QueryState>;
}

/** The "history" tab of a detail page, or none when the officer may not see it. */
export function historyTabs(t: Translate, kind: Kind, record: { id: string; can: { viewHistory: boolean } }) {
  return record.can.viewHistory
    ? [
        {
          key: "history",
          label: t("history.tab"),
          children: <RecordHistory kind={kind} id={record.id} />,
        },
      ]
    : [];
}
