import { documentTypeName, formatDateVi, type DocumentExportQuery } from "@phuong-xanh/shared";
import type { Db } from "../../db/client.js";
import type { Actor } from "../../lib/actor.js";
import { SHEET_LIMITS, writeXlsx, XLSX_MIME, type Cell, type Column } from "../../lib/spreadsheet.js";
import { allDocuments } from "./service.js";

/** Columns of the register as the Office keeps it on paper (sổ đăng ký văn bản đến / đi). */
export const DOCUMENT_COLUMNS: Column[] = [
  { header: "Sổ", key: "direction", width: 10 },
  { header: "Năm", key: "year", width: 8 },
  { header: "Số đến/đi", key: "registerNumber", width: 10 },
  { header: "Số, ký hiệu", key: "numberAndSymbol", width: 18 },
  { header: "Loại văn bản", key: "type", width: 16 },
  { header: "Ngày văn bản", key: "issuedOn", width: 13, note: "dd/mm/yyyy" },
  { header: "Ngày đến", key: "receivedOn", width: 13, note: "dd/mm/yyyy" },
  { header: "Cơ quan ban hành", key: "issuer", width: 32 },
  { header: "Trích yếu", key: "summary", width: 60 },
  { header: "Nơi nhận", key: "recipients", width: 30 },
  { header: "Tệp", key: "file", width: 24 },
];

export async function exportDocuments(db: Db, actor: Actor, query: DocumentExportQuery) {
  const rows = await allDocuments(db, actor, query, SHEET_LIMITS.maxRows);
  const data: Record<string, Cell>[] = rows.map((d) => ({
    direction: d.direction === "incoming" ? "Đến" : "Đi",
    year: d.registerYear,
    registerNumber: d.registerNumber,
    numberAndSymbol: d.numberAndSymbol,
    type: documentTypeName(d.typeCode),
    issuedOn: formatDateVi(d.issuedOn),
    receivedOn: d.receivedOn ? formatDateVi(d.receivedOn) : null,
    issuer: d.issuer,
    summary: d.summary,
    recipients: d.recipients,
    file: d.file?.filename ?? null,
  }));
  const name =
    query.direction === "incoming" ? "so-van-ban-den" : query.direction === "outgoing" ? "so-van-ban-di" : "so-van-ban";
  const notes = [
    "Sổ đăng ký văn bản của phường, mới nhất trước, theo bộ lọc đang chọn.",
    `Tối đa ${SHEET_LIMITS.maxRows} dòng; lọc theo năm hoặc theo sổ đến, sổ đi nếu cần xuất nhiều hơn.`,
  ];
  return {
    filename: `${name}${query.year ? `-${query.year}` : ""}.xlsx`,
    bytes: await writeXlsx("So van ban", DOCUMENT_COLUMNS, data, notes),
    mimeType: XLSX_MIME,
  };
}
