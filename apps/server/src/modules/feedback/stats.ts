import { and, eq, gte, isNotNull, lt, sql } from "drizzle-orm";
import {
  OPEN_REPORT_STATUSES,
  REPORT_STATUSES,
  REPORT_STATUS_LABELS,
  formatDateVi,
  type FeedbackStats,
  type ReportStatus,
  type StaffReportListQuery,
} from "@phuong-xanh/shared";
import type { Db } from "../../db/client.js";
import { todayInVietnam, type Actor } from "../../lib/actor.js";
import { forbidden } from "../../lib/errors.js";
import { SHEET_LIMITS, writeCsv, writeXlsx, XLSX_MIME, type Cell, type Column } from "../../lib/spreadsheet.js";
import { can } from "../identity/policy.js";
import { listStaffReports } from "./handling.js";
import { loadRefs } from "./service.js";
import { feedbackReports } from "./tables.js";

/** The staff dashboard: counts by status, category, unit and residential group, and the points. */
export async function feedbackStats(
  db: Db,
  actor: Actor,
  range: { from?: string; to?: string },
): Promise<FeedbackStats> {
  if (!can.readStaff(actor)) throw forbidden();
  const today = todayInVietnam();
  const where = and(
    eq(feedbackReports.wardId, actor.wardId),
    range.from ? gte(feedbackReports.createdAt, new Date(`${range.from}T00:00:00+07:00`)) : undefined,
    range.to
      ? lt(feedbackReports.createdAt, new Date(new Date(`${range.to}T00:00:00+07:00`).getTime() + 86_400_000))
      : undefined,
  );
  const openList = sql.join(
    OPEN_REPORT_STATUSES.map((s) => sql`${s}`),
    sql`, `,
  );
  const isOpen = sql`${feedbackReports.status} in (${openList})`;
  const counted = {
    open: sql<number>`count(*) filter (where ${isOpen})::int`,
    closed: sql<number>`count(*) filter (where not ${isOpen})::int`,
    late: sql<number>`count(*) filter (where ${isOpen} and ${feedbackReports.dueOn} < ${today})::int`,
  };
  const [refs, byStatus, byCategory, byUnit, byGroup, [median], points] = await Promise.all([
    loadRefs(db, actor.wardId),
    db
      .select({ status: feedbackReports.status, n: sql<number>`count(*)::int` })
      .from(feedbackReports)
      .where(where)
      .groupBy(feedbackReports.status),
    db
      .select({ key: feedbackReports.categoryId, ...counted })
      .from(feedbackReports)
      .where(where)
      .groupBy(feedbackReports.categoryId),
    db
      .select({ key: feedbackReports.unitId, ...counted })
      .from(feedbackReports)
      .where(where)
      .groupBy(feedbackReports.unitId),
    db
      .select({ key: feedbackReports.residentialGroupId, ...counted })
      .from(feedbackReports)
      .where(where)
      .groupBy(feedbackReports.residentialGroupId),
    db
      .select({
        days: sql<
          number | null
        >`percentile_cont(0.5) within group (order by extract(epoch from (${feedbackReports.closedAt} - ${feedbackReports.createdAt})) / 86400)`,
      })
      .from(feedbackReports)
      .where(and(where, isNotNull(feedbackReports.closedAt), sql`${feedbackReports.status} <> 'duplicate'`)),
    db
      .select({
        id: feedbackReports.id,
        code: feedbackReports.code,
        lat: feedbackReports.latitude,
        lng: feedbackReports.longitude,
        status: feedbackReports.status,
        categoryId: feedbackReports.categoryId,
      })
      .from(feedbackReports)
      .where(and(where, isNotNull(feedbackReports.latitude)))
      .orderBy(sql`${feedbackReports.createdAt} desc`)
      .limit(5_000),
  ]);
  const statusCount = new Map(byStatus.map((r) => [r.status, r.n]));
  const total = byStatus.reduce((s, r) => s + r.n, 0);
  const label = (id: string | null, fallback: string) =>
    id ? (refs.categories.get(id)?.name ?? refs.units.get(id)?.name ?? fallback) : fallback;
  const rows = (list: { key: string | null; open: number; closed: number; late: number }[], fallback: string) =>
    list
      .map((r) => ({ key: r.key ?? "", label: label(r.key, fallback), open: r.open, closed: r.closed, late: r.late }))
      .sort((a, b) => b.open + b.closed - (a.open + a.closed) || a.label.localeCompare(b.label, "vi"));
  return {
    total,
    open: OPEN_REPORT_STATUSES.reduce((s, st) => s + (statusCount.get(st) ?? 0), 0),
    overdue: byCategory.reduce((s, r) => s + r.late, 0),
    medianDaysToClose: median?.days == null ? null : Math.round(Number(median.days) * 10) / 10,
    byStatus: REPORT_STATUSES.map((status) => ({
      status,
      label: REPORT_STATUS_LABELS[status],
      count: statusCount.get(status) ?? 0,
    })),
    byCategory: rows(byCategory, "(không rõ)"),
    byUnit: rows(byUnit, "(không rõ)"),
    byResidentialGroup: rows(byGroup, "Chưa xác định tổ dân phố"),
    points: points.map((p) => ({
      id: p.id,
      code: p.code,
      lat: p.lat ?? 0,
      lng: p.lng ?? 0,
      status: p.status as ReportStatus,
      category: refs.categories.get(p.categoryId)?.name ?? "",
    })),
  };
}

export const EXPORT_COLUMNS: Column[] = [
  { header: "Mã phản ánh", key: "code", width: 12 },
  { header: "Ngày nhận", key: "createdAt", width: 12, note: "dd/mm/yyyy" },
  { header: "Loại", key: "category", width: 26 },
  { header: "Nội dung", key: "description", width: 60 },
  { header: "Tổ dân phố", key: "group", width: 16 },
  { header: "Địa chỉ", key: "address", width: 30 },
  { header: "Vĩ độ", key: "lat", width: 10 },
  { header: "Kinh độ", key: "lng", width: 10 },
  { header: "Đơn vị xử lý", key: "unit", width: 28 },
  { header: "Trạng thái", key: "status", width: 22 },
  { header: "Hạn xử lý", key: "dueOn", width: 12, note: "dd/mm/yyyy" },
  { header: "Quá hạn", key: "late", width: 9 },
  { header: "Nguồn", key: "source", width: 10 },
];

/**
 * The inbox as a table, with the list's filters. No reporter contact: an export travels (email,
 * USB sticks), and the contact is for handling, not for tables.
 */
export async function exportReports(db: Db, actor: Actor, query: StaffReportListQuery, format: "csv" | "xlsx") {
  const rows: Record<string, Cell>[] = [];
  const pageSize = 200;
  for (let page = 1; rows.length < SHEET_LIMITS.maxRows; page++) {
    const list = await listStaffReports(db, actor, { ...query, page, pageSize });
    for (const r of list.reports)
      rows.push({
        code: r.code,
        createdAt: formatDateVi(todayInVietnam(new Date(r.createdAt))),
        category: r.category.name,
        description: r.description,
        group: r.residentialGroup?.name ?? null,
        address: r.address,
        lat: r.sensitive ? null : r.lat,
        lng: r.sensitive ? null : r.lng,
        unit: r.unit.name,
        status: r.statusLabel,
        dueOn: formatDateVi(r.dueOn),
        late: r.late ? "Có" : "",
        source: r.source === "open311" ? "Open311" : r.source === "staff" ? "Cán bộ" : "Trang web",
      });
    if (list.reports.length < pageSize) break;
  }
  const name = `phan-anh-${todayInVietnam()}`;
  if (format === "csv")
    return { filename: `${name}.csv`, bytes: writeCsv(EXPORT_COLUMNS, rows), mimeType: "text/csv; charset=utf-8" };
  return {
    filename: `${name}.xlsx`,
    bytes: await writeXlsx("Phan anh", EXPORT_COLUMNS, rows, [
      "Phản ánh, kiến nghị của người dân theo bộ lọc đang chọn (không gồm thông tin liên hệ của người phản ánh).",
      "Tọa độ của phản ánh nhạy cảm được để trống.",
    ]),
    mimeType: XLSX_MIME,
  };
}
