import type {
  OpenDataCatalogue,
  OpenDataDataset,
  OpenDataDictionary,
  OpenDataFormat,
  OpenDataRows,
  PublicLanguage,
  PublicTask,
} from "@phuong-xanh/shared";
import type { Db } from "../../db/client.js";
import type { DataLog } from "../../lib/data-log.js";
import { formatDateTimeVietnam, indicatorStatusLabel, timelinessLabel } from "../../lib/public-labels.js";
import type { SnapshotContent, SnapshotWard } from "../../lib/snapshots.js";
import { writeCsv, writeXlsx, XLSX_MIME, type Cell, type Column } from "../../lib/spreadsheet.js";
import { indicatorsLastChanged, listIndicators, listPublicMeasurements } from "../indicators/service.js";
import { getPublicPlan } from "../plan/public-plan.js";
import { tasksLastChanged } from "../plan/service.js";
import {
  DATASETS,
  DICTIONARY_REVISED,
  FORMATS,
  INDICATORS,
  MEASUREMENTS,
  TASKS,
  type DatasetDefinition,
} from "./fields.js";

/** One dataset as rows keyed by the dictionary's field names, and when its data last changed. */
export type DatasetTable = {
  definition: DatasetDefinition;
  rows: Record<string, Cell>[];
  lastUpdated: string | null;
};

export const OPEN_DATA_PATH = "/api/public/open-data";

export const LICENCE_URL = "https://creativecommons.org/licenses/by/4.0/";

function licenceOf(ward: SnapshotWard, lang: PublicLanguage) {
  return {
    id: "CC-BY-4.0" as const,
    name: "Creative Commons Attribution 4.0 International (CC BY 4.0)",
    url: LICENCE_URL,
    attribution:
      lang === "vi"
        ? `Nguồn: UBND ${ward.name}, ${ward.province} (Phường Xanh)`
        : `Source: People's Committee of ${ward.name}, ${ward.province} (Phường Xanh)`,
  };
}

function sourceOf(ward: SnapshotWard, lang: PublicLanguage): string {
  return lang === "vi"
    ? `UBND ${ward.name}, ${ward.province} — hệ thống Phường Xanh`
    : `People's Committee of ${ward.name}, ${ward.province} — Phường Xanh system`;
}

const publicWard = (ward: SnapshotWard) => ({ code: ward.code, name: ward.name, province: ward.province });

/**
 * A row with exactly the dictionary's fields, in its order. A value without a field, or a field
 * without a value, is a programming error: the dictionary must describe every column.
 */
function toRow(definition: DatasetDefinition, values: Record<string, Cell>): Record<string, Cell> {
  const names = new Set(definition.fields.map((f) => f.name));
  for (const key of Object.keys(values))
    if (!names.has(key)) throw new Error(`${definition.name}: column ${key} is missing from the data dictionary`);
  return Object.fromEntries(
    definition.fields.map((f) => {
      const value = values[f.name];
      if (value === undefined) throw new Error(`${definition.name}: no value for ${f.name}`);
      return [f.name, value];
    }),
  );
}

const latest = (...dates: (Date | null)[]): string | null => {
  const times = dates.filter((d): d is Date => d !== null).map((d) => d.getTime());
  return times.length ? new Date(Math.max(...times)).toISOString() : null;
};

async function indicatorsTable(
  db: Db,
  log: DataLog,
  ward: SnapshotWard,
  lang: PublicLanguage,
  today: string,
): Promise<DatasetTable> {
  const [list, changed] = await Promise.all([
    listIndicators(db, log, ward.id, today),
    indicatorsLastChanged(db, ward.id),
  ]);
  return {
    definition: INDICATORS,
    lastUpdated: latest(changed.indicators, changed.measurements),
    rows: list.map((i) =>
      toRow(INDICATORS, {
        code: i.code,
        ref: i.ref,
        name: i.name,
        objective_code: i.objectiveCode,
        unit_of_measure: i.unitOfMeasure,
        direction: i.direction,
        baseline_value: i.baselineValue,
        baseline_year: i.baselineYear,
        target_value: i.targetValue,
        target_year: i.targetYear,
        frequency: i.frequency,
        owner_unit_code: i.owner.code,
        owner_unit_name: i.owner.name,
        status: i.status,
        status_label: indicatorStatusLabel(i.status, lang),
        latest_period: i.latest?.period ?? null,
        latest_period_end: i.latest?.periodEnd ?? null,
        latest_value: i.latest?.value ?? null,
      }),
    ),
  };
}

async function measurementsTable(db: Db, ward: SnapshotWard): Promise<DatasetTable> {
  const [list, changed] = await Promise.all([listPublicMeasurements(db, ward.id), indicatorsLastChanged(db, ward.id)]);
  return {
    definition: MEASUREMENTS,
    lastUpdated: latest(changed.measurements),
    rows: list.map((m) =>
      toRow(MEASUREMENTS, {
        indicator_code: m.indicatorCode,
        period: m.period,
        period_end: m.periodEnd,
        residential_group_code: m.residentialGroup?.code ?? null,
        residential_group_name: m.residentialGroup?.name ?? null,
        value: m.value,
        numerator: m.numerator,
        denominator: m.denominator,
        source: m.source,
      }),
    ),
  };
}

async function tasksTable(db: Db, log: DataLog, ward: SnapshotWard, lang: PublicLanguage): Promise<DatasetTable> {
  const [plan, changed] = await Promise.all([getPublicPlan(db, ward.code, log, lang), tasksLastChanged(db, ward.id)]);
  const rows: Record<string, Cell>[] = [];
  const walk = (task: PublicTask, section: "III" | "V", group: PublicTask | null, parent: PublicTask | null) => {
    rows.push(
      toRow(TASKS, {
        code: task.code,
        ref: task.ref,
        kind: task.kind,
        section,
        group_code: group?.code ?? null,
        parent_code: parent?.code ?? null,
        title: task.title,
        owner_unit_code: task.owner.code,
        owner_unit_name: task.owner.name,
        coordinators: task.coordinators.map((c) => c.name).join("; ") || null,
        recurrence: task.recurrence,
        deadline: task.deadline,
        status: task.status,
        status_label: task.statusLabel,
        progress: task.progress,
        timeliness: task.timeliness,
        timeliness_label: timelinessLabel(task.timeliness, lang),
      }),
    );
    for (const child of task.children) walk(child, section, group ?? task, task);
  };
  for (const root of plan.tasks) walk(root, "III", null, null);
  for (const root of plan.duties) walk(root, "V", null, null);
  return { definition: TASKS, lastUpdated: latest(changed), rows };
}

export async function datasetTable(
  db: Db,
  log: DataLog,
  ward: SnapshotWard,
  dataset: OpenDataDataset,
  lang: PublicLanguage,
  today: string,
): Promise<DatasetTable> {
  switch (dataset) {
    case "indicators":
      return indicatorsTable(db, log, ward, lang, today);
    case "measurements":
      return measurementsTable(db, ward);
    case "tasks":
      return tasksTable(db, log, ward, lang);
  }
}

const WIDE_FIELDS = new Set(["name", "title", "owner_unit_name", "residential_group_name", "coordinators", "source"]);

function columnsOf(definition: DatasetDefinition, lang: PublicLanguage): Column[] {
  return definition.fields.map((f) => ({
    header: f.name,
    key: f.name,
    width: WIDE_FIELDS.has(f.name) ? 48 : Math.max(12, f.name.length + 2),
    note: f.description[lang],
  }));
}

/** The dataset as a file of the given format: the same rows and columns in each. */
export async function renderDataset(
  table: DatasetTable,
  format: OpenDataFormat,
  ward: SnapshotWard,
  lang: PublicLanguage,
): Promise<SnapshotContent> {
  const { definition, rows, lastUpdated } = table;
  const filename = `${ward.code}-${definition.name}.${format}`;
  switch (format) {
    case "json": {
      const json: OpenDataRows = {
        meta: {
          dataset: definition.name,
          licence: licenceOf(ward, lang),
          source: sourceOf(ward, lang),
          lastUpdated,
          ward: publicWard(ward),
          isDemo: ward.isDemo,
        },
        rows,
      };
      return { json, lastModified: lastUpdated };
    }
    case "csv":
      return {
        body: writeCsv(columnsOf(definition, lang), rows),
        contentType: "text/csv; charset=utf-8",
        filename,
        lastModified: lastUpdated,
      };
    case "xlsx": {
      const licence = licenceOf(ward, lang);
      const info = [
        `Bộ dữ liệu (dataset): ${definition.title.vi} (${definition.name})`,
        `Đơn vị công bố (publisher): UBND ${ward.name}, ${ward.province}`,
        `Nguồn (source): ${sourceOf(ward, lang)}`,
        `Giấy phép (licence): ${licence.name} — ${licence.url}`,
        `Ghi nguồn khi dùng lại (attribution): ${licence.attribution}`,
        `Cập nhật lần cuối (last updated): ${lastUpdated ? `${formatDateTimeVietnam(lastUpdated)} (giờ Việt Nam; ${lastUpdated})` : "chưa có dữ liệu (no data yet)"}`,
        `Từ điển dữ liệu (data dictionary): ${OPEN_DATA_PATH}/dictionary.json?ward=${ward.code}`,
        ...(ward.isDemo ? ["Dữ liệu minh họa (demo data): không phải số liệu thật của phường."] : []),
      ];
      return {
        body: await writeXlsx(
          definition.title[lang],
          columnsOf(definition, lang),
          rows,
          info,
          lastUpdated ? { notesSheet: "Thông tin", modified: new Date(lastUpdated) } : { notesSheet: "Thông tin" },
        ),
        contentType: XLSX_MIME,
        filename,
        lastModified: lastUpdated,
      };
    }
  }
}

export function buildDictionary(ward: SnapshotWard, lang: PublicLanguage): OpenDataDictionary {
  return {
    meta: {
      licence: licenceOf(ward, lang),
      source: sourceOf(ward, lang),
      lastUpdated: DICTIONARY_REVISED,
      ward: publicWard(ward),
    },
    formats: FORMATS,
    datasets: DATASETS.map((d) => ({ name: d.name, title: d.title, description: d.description, fields: d.fields })),
  };
}

export async function buildCatalogue(
  db: Db,
  log: DataLog,
  ward: SnapshotWard,
  lang: PublicLanguage,
  today: string,
): Promise<OpenDataCatalogue> {
  const tables = await Promise.all(DATASETS.map((d) => datasetTable(db, log, ward, d.name, lang, today)));
  const query = `?ward=${encodeURIComponent(ward.code)}`;
  return {
    title: { vi: `Dữ liệu mở — ${ward.name}`, en: `Open data — ${ward.name}` },
    publisher: publicWard(ward),
    licence: licenceOf(ward, lang),
    isDemo: ward.isDemo,
    lastUpdated: tables.map((t) => t.lastUpdated).reduce<string | null>((a, b) => (b && (!a || b > a) ? b : a), null),
    datasets: tables.map(({ definition, rows, lastUpdated }) => ({
      name: definition.name,
      title: definition.title,
      description: definition.description,
      rows: rows.length,
      lastUpdated,
      distributions: FORMATS.map((f) => ({
        format: f.format,
        mediaType: f.mediaType,
        url: `${OPEN_DATA_PATH}/${definition.name}.${f.format}${query}`,
      })),
    })),
    dictionaryUrl: `${OPEN_DATA_PATH}/dictionary.json${query}`,
    openApiUrl: "/api/openapi.json",
    apiDocsUrl: "/api/docs",
  };
}
