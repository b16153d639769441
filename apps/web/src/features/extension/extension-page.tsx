import { useState } from "react";
import { Link, useNavigate, useSearchParams } from "react-router";
import { Alert, Button, Card, Input, Select, Table, Tabs, Tag, Typography } from "antd";
import { FileDoneOutlined, PlusOutlined } from "@ant-design/icons";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import type { ExtensionTopic, ModelSummary, TrainingSummary } from "@phuong-xanh/shared";
import { useCurrentUser } from "../../app/current-user";
import { PageHeader } from "../../components/page-header";
import { ForbiddenPage } from "../../components/admin-list-page";
import { QueryState } from "../../components/query-state";
import { useDialog, useListFilter } from "../../components/use-admin-list";
import { useFormat } from "../../i18n/format";
import { extensionApi, extensionKeys } from "./extension-api";
import { ModelModal, TrainingModal, useResidentialGroups, useTopicOptions } from "./extension-modals";
import { extensionPaths, tabOfSlug, type ExtensionTab } from "./extension-paths";
import {
  TOPIC_COLOURS,
  canReadExtension,
  canWriteExtension,
  matchesFilters,
  yearsOf,
  type ExtensionFilters,
} from "./extension-rules";
import { useExtensionT } from "./messages";
import "./extension.css";

export function TopicTag({ topic }: { topic: ExtensionTopic }) {
  const t = useExtensionT();
  return <Tag color={TOPIC_COLOURS[topic]}>{t(`ext.topic.${topic}`)}</Tag>;
}

/**
 * /khuyen-nong — the classes and demonstration models of the plan's III.5, with who took part.
 * Phòng Kinh tế and the plan managers add and edit; every other account of the ward reads. The
 * tab is in the address (`?muc=mo-hinh`); the filters work on the list already loaded.
 */
export default function ExtensionPage() {
  const t = useExtensionT();
  const user = useCurrentUser();
  const [params, setParams] = useSearchParams();
  const tab = tabOfSlug(params.get("muc"));
  const [filters, setFilters] = useState<ExtensionFilters>({});
  if (!canReadExtension(user)) return <ForbiddenPage title={t("ext.title")} />;
  const writer = canWriteExtension(user);
  return (
    <>
      <PageHeader title={t("ext.title")} />
      {!writer && <Alert className="ext-summary" type="info" showIcon message={t("ext.readOnly")} />}
      <YearSummary year={filters.year ?? new Date().getFullYear()} />
      <Tabs
        activeKey={tab}
        destroyOnHidden
        onChange={(key) => setParams(key === "models" ? { muc: "mo-hinh" } : {})}
        items={[
          {
            key: "trainings" satisfies ExtensionTab,
            label: t("ext.tab.trainings"),
            children: <TrainingsTab filters={filters} setFilters={setFilters} writer={writer} />,
          },
          {
            key: "models" satisfies ExtensionTab,
            label: t("ext.tab.models"),
            children: <ModelsTab filters={filters} setFilters={setFilters} writer={writer} />,
          },
        ]}
      />
    </>
  );
}

/** The year's counts, as the plan's tasks III.5 ý 2 and ý 4 report them. */
function YearSummary({ year }: { year: number }) {
  const t = useExtensionT();
  const summary = useQuery({ queryKey: extensionKeys.summary(year), queryFn: () => extensionApi.summary(year) });
  if (!summary.data) return null;
  const total = summary.data.total;
  return (
    <Typography.Paragraph className="ext-summary" data-testid="ext-summary">
      <Typography.Text strong>{t("ext.summary.title", { year })}: </Typography.Text>
      {t("ext.summary.line", {
        trainings: total.trainings,
        attendances: total.attendances,
        farms: total.farms,
        models: total.models,
      })}
    </Typography.Paragraph>
  );
}

type TabProps = {
  filters: ExtensionFilters;
  setFilters: (filters: ExtensionFilters) => void;
  writer: boolean;
};

function Filters({
  filters,
  setFilters,
  years,
  search,
  setSearch,
}: Pick<TabProps, "filters" | "setFilters"> & { years: number[]; search: string; setSearch: (v: string) => void }) {
  const t = useExtensionT();
  const topics = useTopicOptions();
  const groups = useResidentialGroups();
  return (
    <>
      <div role="search" className="ext-search">
        <Input.Search
          allowClear
          aria-label={t("ext.search")}
          placeholder={t("ext.searchPlaceholder")}
          value={search}
          onChange={(e) => setSearch(e.target.value)}
        />
      </div>
      <Select<ExtensionTopic>
        className="ext-filter"
        allowClear
        aria-label={t("ext.filter.topic")}
        placeholder={t("ext.filter.topic")}
        value={filters.topic}
        onChange={(topic) => setFilters({ ...filters, topic })}
        options={topics}
        popupMatchSelectWidth={false}
      />
      <Select<number>
        className="ext-filter"
        allowClear
        aria-label={t("ext.filter.year")}
        placeholder={t("ext.filter.year")}
        value={filters.year}
        onChange={(year) => setFilters({ ...filters, year })}
        options={years.map((y) => ({ value: y, label: String(y) }))}
      />
      <Select<string>
        className="ext-filter"
        allowClear
        aria-label={t("ext.filter.group")}
        placeholder={t("ext.filter.group")}
        value={filters.group}
        onChange={(group) => setFilters({ ...filters, group })}
        options={groups}
        popupMatchSelectWidth={false}
      />
    </>
  );
}

function TrainingsTab({ filters, setFilters, writer }: TabProps) {
  const t = useExtensionT();
  const format = useFormat();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const query = useQuery({ queryKey: extensionKeys.trainings, queryFn: extensionApi.trainings });
  const spans = (query.data ?? []).map((x) => ({ from: x.heldOn, until: null }));
  const { search, setSearch, rows } = useListFilter(query.data ?? [], {
    keep: (x) => matchesFilters({ ...x, from: x.heldOn, until: null }, filters),
    text: (x) => [x.title, x.place, x.organiser ?? "", x.trainer ?? "", x.residentialGroup?.name ?? ""],
  });
  const dialog = useDialog<null>();
  return (
    <>
      <div className="ext-toolbar">
        <Filters
          filters={filters}
          setFilters={setFilters}
          years={yearsOf(spans)}
          search={search}
          setSearch={setSearch}
        />
        {query.data && <Tag>{t("ext.training.count", { count: format.number(rows.length, 0) })}</Tag>}
        {writer && (
          <Button className="ext-toolbar-end" type="primary" icon={<PlusOutlined />} onClick={() => dialog.show(null)}>
            {t("ext.training.add")}
          </Button>
        )}
      </div>
      <Card size="small" styles={{ body: { padding: 0 } }}>
        <QueryState query={query}>
          {() => (
            <Table<TrainingSummary>
              size="small"
              rowKey="id"
              dataSource={rows}
              pagination={rows.length > 50 ? { pageSize: 50, showSizeChanger: false } : false}
              scroll={{ x: 900 }}
              locale={{ emptyText: t("ext.training.empty") }}
              columns={[
                {
                  title: t("ext.training.heldOn"),
                  dataIndex: "heldOn",
                  width: 110,
                  render: (day: string) => format.date(day),
                },
                {
                  title: t("ext.training.title"),
                  dataIndex: "title",
                  render: (title: string, row) => (
                    <>
                      <Link to={extensionPaths.training(row.id)}>{title}</Link>
                      <div>
                        <TopicTag topic={row.topic} />
                      </div>
                    </>
                  ),
                },
                { title: t("ext.training.place"), dataIndex: "place", width: 220 },
                {
                  title: t("ext.training.group"),
                  key: "group",
                  width: 150,
                  render: (_: unknown, row) => row.residentialGroup?.name ?? t("ext.training.wholeWard"),
                },
                { title: t("ext.training.people"), dataIndex: "attendeeCount", width: 90, align: "right" },
                { title: t("ext.training.farms"), dataIndex: "farmCount", width: 90, align: "right" },
                {
                  title: t("ext.training.sheet"),
                  key: "sheet",
                  width: 90,
                  render: (_: unknown, row) =>
                    row.hasSheet ? (
                      <FileDoneOutlined aria-label={t("ext.training.hasSheet")} title={t("ext.training.hasSheet")} />
                    ) : (
                      <Typography.Text type="secondary">—</Typography.Text>
                    ),
                },
              ]}
            />
          )}
        </QueryState>
      </Card>
      {dialog.dialog !== undefined && (
        <TrainingModal
          training={null}
          open={dialog.open}
          onClose={dialog.close}
          onSaved={(saved) => {
            void queryClient.invalidateQueries({ queryKey: extensionKeys.all });
            void navigate(extensionPaths.training(saved.id));
          }}
        />
      )}
    </>
  );
}

function ModelsTab({ filters, setFilters, writer }: TabProps) {
  const t = useExtensionT();
  const format = useFormat();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const query = useQuery({ queryKey: extensionKeys.models, queryFn: extensionApi.models });
  const spans = (query.data ?? []).map((x) => ({ from: x.startedOn, until: x.endedOn }));
  const { search, setSearch, rows } = useListFilter(query.data ?? [], {
    keep: (x) => matchesFilters({ ...x, from: x.startedOn, until: x.endedOn }, filters),
    text: (x) => [x.name, x.farm.name, x.plot.name, x.residentialGroup?.name ?? ""],
  });
  const dialog = useDialog<null>();
  return (
    <>
      <div className="ext-toolbar">
        <Filters
          filters={filters}
          setFilters={setFilters}
          years={yearsOf(spans)}
          search={search}
          setSearch={setSearch}
        />
        {query.data && <Tag>{t("ext.model.count", { count: format.number(rows.length, 0) })}</Tag>}
        {writer && (
          <Button className="ext-toolbar-end" type="primary" icon={<PlusOutlined />} onClick={() => dialog.show(null)}>
            {t("ext.model.add")}
          </Button>
        )}
      </div>
      <Card size="small" styles={{ body: { padding: 0 } }}>
        <QueryState query={query}>
          {() => (
            <Table<ModelSummary>
              size="small"
              rowKey="id"
              dataSource={rows}
              pagination={rows.length > 50 ? { pageSize: 50, showSizeChanger: false } : false}
              scroll={{ x: 900 }}
              locale={{ emptyText: t("ext.model.empty") }}
              columns={[
                {
                  title: t("ext.model.name"),
                  dataIndex: "name",
                  render: (name: string, row) => (
                    <>
                      <Link to={extensionPaths.model(row.id)}>{name}</Link>
                      <div>
                        <TopicTag topic={row.topic} />
                      </div>
                    </>
                  ),
                },
                {
                  title: t("ext.model.host"),
                  key: "host",
                  width: 240,
                  render: (_: unknown, row) => (
                    <>
                      {row.farm.name}
                      <div className="staff-muted">{row.plot.name}</div>
                    </>
                  ),
                },
                {
                  title: t("ext.model.startedOn"),
                  key: "span",
                  width: 190,
                  render: (_: unknown, row) =>
                    `${format.date(row.startedOn)} – ${row.endedOn ? format.date(row.endedOn) : t("ext.model.ongoing")}`,
                },
                {
                  title: t("ext.model.area"),
                  dataIndex: "areaHa",
                  width: 100,
                  align: "right",
                  render: (value: number) => format.number(value, 2),
                },
                {
                  title: t("ext.model.status"),
                  dataIndex: "status",
                  width: 140,
                  render: (status: ModelSummary["status"]) => <Tag>{t(`ext.status.${status}`)}</Tag>,
                },
                { title: t("ext.training.people"), dataIndex: "attendeeCount", width: 90, align: "right" },
              ]}
            />
          )}
        </QueryState>
      </Card>
      {dialog.dialog !== undefined && (
        <ModelModal
          model={null}
          open={dialog.open}
          onClose={dialog.close}
          onSaved={(saved) => {
            void queryClient.invalidateQueries({ queryKey: extensionKeys.all });
            void navigate(extensionPaths.model(saved.id));
          }}
        />
      )}
    </>
  );
}
