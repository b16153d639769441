import { useEffect, useState } from "react";
import { Link } from "react-router";
import { App, Button, Card, Input, Select, Table, Tabs, Tag, Typography } from "antd";
import type { TableColumnsType } from "antd";
import { DownloadOutlined, FileAddOutlined, PaperClipOutlined } from "@ant-design/icons";
import { keepPreviousData, useQuery, useQueryClient } from "@tanstack/react-query";
import {
  formatRegisterNumber,
  type DocumentDirection,
  type DocumentListRequest,
  type DocumentSummary,
} from "@phuong-xanh/shared";
import { api, downloads, queryKeys } from "../../lib/endpoints";
import { withQuery } from "../../lib/api";
import { useI18n } from "../../i18n/i18n";
import { useFormat } from "../../i18n/format";
import { PageHeader } from "../../components/page-header";
import { QueryState } from "../../components/query-state";
import { useDialog, useIsPhone } from "../../components/use-admin-list";
import { RegisterDocumentModal, useTypeOptions } from "./document-modals";

type DirectionTab = DocumentDirection | "all";
const PAGE_SIZE = 20;

function useDebounced<T>(value: T, ms: number): T {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const timer = window.setTimeout(() => setDebounced(value), ms);
    return () => window.clearTimeout(timer);
  }, [value, ms]);
  return debounced;
}

/** The document's file as a download link, or a dash. */
export function DocumentFileLink({ document }: { document: DocumentSummary }) {
  const { t } = useI18n();
  if (!document.file) return <Typography.Text type="secondary">—</Typography.Text>;
  const extension = document.file.filename.split(".").pop()?.toUpperCase() ?? "";
  return (
    <a
      href={downloads.documentFile(document.id)}
      download={document.file.filename}
      title={document.file.filename}
      aria-label={t("documents.downloadOf", { number: document.numberAndSymbol })}
      className="staff-nowrap"
    >
      <PaperClipOutlined /> {extension}
    </a>
  );
}

/** Sổ văn bản: the ward's documents in and out, newest first, searched and paged by the server. */
export default function DocumentListPage() {
  const { t } = useI18n();
  const format = useFormat();
  const isPhone = useIsPhone();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const typeOptions = useTypeOptions();
  const [tab, setTab] = useState<DirectionTab>("incoming");
  const [year, setYear] = useState<number | undefined>();
  const [typeCode, setTypeCode] = useState<string | undefined>();
  const [search, setSearch] = useState("");
  const q = useDebounced(search.trim(), 350);
  const [page, setPage] = useState(1);
  const { open: registerOpen, show: openRegister, close: closeRegister } = useDialog<true>();

  // A new filter starts again from its first page.
  useEffect(() => setPage(1), [tab, year, typeCode, q]);

  const filters: DocumentListRequest = {
    ...(tab !== "all" ? { direction: tab } : {}),
    ...(year !== undefined ? { year } : {}),
    ...(typeCode ? { typeCode } : {}),
    ...(q ? { q } : {}),
  };
  const request: DocumentListRequest = { ...filters, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE };
  const list = useQuery({
    queryKey: queryKeys.documents(request),
    queryFn: () => api.documents(request),
    placeholderData: keepPreviousData,
  });
  const canRegister = list.data?.can.register ?? false;

  const numberTitle =
    tab === "incoming"
      ? t("documents.registerNumberIn")
      : tab === "outgoing"
        ? t("documents.registerNumberOut")
        : t("documents.registerNumber");

  const directionTag = (doc: DocumentSummary) => (
    <Tag color={doc.direction === "incoming" ? "blue" : "green"} className="staff-nowrap">
      {doc.direction === "incoming" ? t("documents.incoming") : t("documents.outgoing")}
    </Tag>
  );
  const symbolLink = (doc: DocumentSummary) => (
    <Link to={`/van-ban/${doc.id}`} className="staff-nowrap">
      {doc.numberAndSymbol}
    </Link>
  );
  const dateCell = (doc: DocumentSummary) => (
    <div className="staff-unit-cell">
      <span className="staff-nowrap">{format.date(doc.issuedOn)}</span>
      {doc.receivedOn && (
        <Typography.Text type="secondary" className="staff-nowrap">
          {t("documents.receivedOnShort", { date: format.date(doc.receivedOn) })}
        </Typography.Text>
      )}
    </div>
  );

  const columns: TableColumnsType<DocumentSummary> = [
    {
      title: numberTitle,
      dataIndex: "registerNumber",
      width: tab === "all" ? 110 : 80,
      render: (n: number, doc) => (
        <span className="staff-nowrap">
          {tab === "all" && directionTag(doc)}
          <strong>{formatRegisterNumber(n)}</strong>
        </span>
      ),
    },
    {
      title: t("documents.numberAndSymbol"),
      dataIndex: "numberAndSymbol",
      width: 150,
      render: (_: string, doc) => symbolLink(doc),
    },
    { title: t("documents.date"), key: "date", width: 130, render: (_: unknown, doc) => dateCell(doc) },
    { title: t("documents.issuer"), dataIndex: "issuer", width: 220 },
    { title: t("documents.summary"), dataIndex: "summary" },
    {
      title: t("documents.file"),
      key: "file",
      width: 80,
      render: (_: unknown, doc) => <DocumentFileLink document={doc} />,
    },
  ];

  /** A phone gets one cell per document: number and symbol, dates, issuer, summary. */
  const phoneColumns: TableColumnsType<DocumentSummary> = [
    {
      title: t("documents.title"),
      key: "document",
      render: (_: unknown, doc) => (
        <div className="staff-unit-cell">
          <span>
            {directionTag(doc)}
            <strong>{formatRegisterNumber(doc.registerNumber)}</strong> · {symbolLink(doc)}
          </span>
          <span>{doc.summary}</span>
          <Typography.Text type="secondary">
            {[
              doc.issuer,
              format.date(doc.issuedOn),
              ...(doc.receivedOn ? [t("documents.receivedOnShort", { date: format.date(doc.receivedOn) })] : []),
            ].join(" · ")}
          </Typography.Text>
          {doc.file && <DocumentFileLink document={doc} />}
        </div>
      ),
    },
  ];

  return (
    <>
      <PageHeader
        title={t("documents.title")}
        tags={list.data ? <Tag>{t("documents.count", { count: format.number(list.data.total, 0) })}</Tag> : undefined}
        extra={
          <>
            <Button icon={<DownloadOutlined />} href={withQuery(downloads.documentsXlsx, filters)}>
              {t("common.exportXlsx")}
            </Button>
            {canRegister && (
              <Button type="primary" icon={<FileAddOutlined />} onClick={() => openRegister(true)}>
                {t("documents.register")}
              </Button>
            )}
          </>
        }
      />
      <Card size="small" style={{ marginBottom: 12 }}>
        <Tabs
          activeKey={tab}
          onChange={(key) => setTab(key === "outgoing" || key === "all" ? key : "incoming")}
          items={[
            { key: "incoming", label: t("documents.tabIncoming") },
            { key: "outgoing", label: t("documents.tabOutgoing") },
            { key: "all", label: t("documents.tabAll") },
          ]}
        />
        <div className="staff-filters" role="search" style={{ marginBottom: 0 }}>
          <Input.Search
            allowClear
            className="staff-filter-search"
            aria-label={t("documents.search")}
            placeholder={t("documents.searchPlaceholder")}
            value={search}
            onChange={(e) => setSearch(e.target.value)}
            onSearch={(value) => setSearch(value)}
          />
          <Select<number>
            allowClear
            aria-label={t("documents.filterYear")}
            placeholder={t("documents.allYears")}
            value={year}
            onChange={(value?: number) => setYear(value)}
            options={(list.data?.years ?? []).map((y) => ({ value: y, label: String(y) }))}
          />
          <Select<string>
            allowClear
            showSearch={{ optionFilterProp: "label" }}
            virtual={false}
            aria-label={t("documents.filterType")}
            placeholder={t("documents.filterType")}
            value={typeCode}
            onChange={(value?: string) => setTypeCode(value)}
            options={typeOptions}
          />
        </div>
      </Card>
      <Card size="small" styles={{ body: { padding: 0 } }}>
        <QueryState query={list}>
          {(data) => (
            <Table<DocumentSummary>
              size="small"
              rowKey="id"
              loading={list.isFetching && list.isPlaceholderData}
              dataSource={data.documents}
              columns={isPhone ? phoneColumns : columns}
              scroll={isPhone ? undefined : { x: 960 }}
              locale={{ emptyText: t("documents.empty") }}
              pagination={
                data.total > PAGE_SIZE
                  ? {
                      current: page,
                      pageSize: PAGE_SIZE,
                      total: data.total,
                      showSizeChanger: false,
                      onChange: setPage,
                    }
                  : false
              }
            />
          )}
        </QueryState>
      </Card>
      {canRegister && (
        <RegisterDocumentModal
          open={registerOpen}
          direction={tab === "outgoing" ? "outgoing" : "incoming"}
          onClose={closeRegister}
          onSaved={(saved) => {
            void queryClient.invalidateQueries({ queryKey: queryKeys.allDocuments });
            void message.success(
              t(saved.direction === "incoming" ? "documents.registeredIn" : "documents.registeredOut", {
                number: formatRegisterNumber(saved.registerNumber),
                symbol: saved.numberAndSymbol,
              }),
            );
          }}
        />
      )}
    </>
  );
}
