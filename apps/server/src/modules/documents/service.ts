import { and, desc, eq, inArray, sql, type SQL } from "drizzle-orm";
import {
  DOCUMENT_TYPE_CODES,
  documentSymbolSchema,
  foldVietnamese,
  formatNumberAndSymbol,
  type CreateDocument,
  type DocumentDetail,
  type DocumentDirection,
  type DocumentExportQuery,
  type DocumentLink,
  type DocumentLinkInput,
  type DocumentLinkType,
  type DocumentList,
  type DocumentListQuery,
  type DocumentSummary,
  type EditDocument,
  type FileRef,
} from "@phuong-xanh/shared";
import type { Db } from "../../db/client.js";
import { todayInVietnam, type Actor } from "../../lib/actor.js";
import { conflict, forbidden, invalid, notFound } from "../../lib/errors.js";
import { changedFields, recordAudit } from "../audit/service.js";
import { fileRefs, storeFile, type CheckedUpload } from "../files/service.js";
import type { FileStore } from "../files/store.js";
import { can } from "../identity/policy.js";
import { userNames, wardById } from "../identity/service.js";
import { indicatorLabels } from "../indicators/service.js";
import { taskLabels } from "../plan/service.js";
import { reportLabels } from "../reporting/periods.js";

import { documentLinks, documents } from "./tables.js";

/** Links to a report period (and its ward report, same id) or to one unit's report. */
const REPORT_LINKS = new Set<DocumentLinkType>(["report_period", "ward_report", "unit_report"]);

export type { DocumentLinkType, DocumentSummary } from "@phuong-xanh/shared";

type DocumentRow = typeof documents.$inferSelect;

/** The authority symbol of a document the ward's People's Committee sends: "15/KH-UBND". */
export const DEFAULT_AUTHORITY_SYMBOL = "UBND";

function mayRead(actor: Actor): void {
  if (!can.readStaff(actor)) throw forbidden();
}

function mayManage(actor: Actor): void {
  if (!can.manageDocuments(actor)) throw forbidden("Chỉ Văn phòng, lãnh đạo hoặc quản trị được vào sổ và sửa văn bản.");
}

export function documentSearchText(doc: { numberAndSymbol: string; summary: string; issuer: string }): string {
  return foldVietnamese(`${doc.numberAndSymbol} ${doc.summary} ${doc.issuer}`);
}

const yearOf = (isoDate: string) => Number(isoDate.slice(0, 4));

/**
 * The next register number of a ward's register (direction, year), in the caller's transaction.
 * A transaction-scoped advisory lock makes concurrent registrations of the same register queue
 * (the second reads the first's number once it commits); the unique index is the last guard.
 */
async function allocateRegisterNumber(
  tx: Db,
  wardId: string,
  direction: DocumentDirection,
  year: number,
): Promise<number> {
  const key = `documents:${wardId}:${direction}:${year}`;
  await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${key}, 0))`);
  const [row] = await tx
    .select({ last: sql<number | null>`max(${documents.registerNumber})` })
    .from(documents)
    .where(and(eq(documents.wardId, wardId), eq(documents.direction, direction), eq(documents.registerYear, year)));
  return Number(row?.last ?? 0) + 1;
}

/** Links without repeats; a task or an indicator must be the ward's own. */
async function checkedLinks(db: Db, wardId: string, links: DocumentLinkInput[]): Promise<DocumentLinkInput[]> {
  const unique = [...new Map(links.map((l) => [`${l.entityType}:${l.entityId}`, l])).values()];
  const idsOf = (type: DocumentLinkType) => unique.filter((l) => l.entityType === type).map((l) => l.entityId);
  const [taskIds, indicatorIds] = [idsOf("task"), idsOf("indicator")];
  const reportIds = unique.filter((l) => REPORT_LINKS.has(l.entityType)).map((l) => l.entityId);
  const [tasksFound, indicatorsFound, reportsFound] = await Promise.all([
    taskLabels(db, wardId, taskIds),
    indicatorLabels(db, wardId, indicatorIds),
    reportLabels(db, wardId, reportIds),
  ]);
  const problems = links.flatMap((link, i) => {
    const missing =
      (link.entityType === "task" && !tasksFound.has(link.entityId)) ||
      (link.entityType === "indicator" && !indicatorsFound.has(link.entityId)) ||
      (REPORT_LINKS.has(link.entityType) && !reportsFound.has(link.entityId));
    if (!missing) return [];
    const what = link.entityType === "task" ? "nhiệm vụ" : link.entityType === "indicator" ? "chỉ tiêu" : "báo cáo";
    return [{ path: `links.${i}.entityId`, message: `Không tìm thấy ${what} này trong phường` }];
  });
  if (problems.length) throw invalid("Văn bản chỉ liên kết được với nhiệm vụ, chỉ tiêu, báo cáo của phường.", problems);
  return unique;
}

/** The stored file of a registration: an upload already checked, or bytes another module made. */
type DocumentFile = CheckedUpload;

type NewDocument = {
  direction: DocumentDirection;
  registerYear: number;
  /** The number as printed, given the register number (outgoing builds it from the number). */
  numberAndSymbol: (registerNumber: number) => string;
  typeCode: string;
  issuedOn: string;
  receivedOn: string | null;
  issuer: string;
  recipients: string | null;
  summary: string;
};

/** Writes one registration in the caller's transaction: number, file, row, links, audit. */
async function insertDocument(
  tx: Db,
  store: FileStore,
  actor: Actor,
  doc: NewDocument,
  file: DocumentFile | null,
  links: DocumentLinkInput[],
): Promise<DocumentRow> {
  const registerNumber = await allocateRegisterNumber(tx, actor.wardId, doc.direction, doc.registerYear);
  const numberAndSymbol = doc.numberAndSymbol(registerNumber);
  const stored = file ? await storeFile(tx, store, actor, file.upload, file.mimeType) : null;
  const [row] = await tx
    .insert(documents)
    .values({
      wardId: actor.wardId,
      direction: doc.direction,
      registerNumber,
      registerYear: doc.registerYear,
      numberAndSymbol,
      typeCode: doc.typeCode,
      issuedOn: doc.issuedOn,
      receivedOn: doc.receivedOn,
      issuer: doc.issuer,
      recipients: doc.recipients,
      summary: doc.summary,
      fileId: stored?.id ?? null,
      searchText: documentSearchText({ numberAndSymbol, summary: doc.summary, issuer: doc.issuer }),
      registeredBy: actor.userId,
    })
    .returning();
  if (!row) throw new Error("document insert returned nothing");
  if (links.length)
    await tx
      .insert(documentLinks)
      .values(links.map((l) => ({ wardId: actor.wardId, documentId: row.id, ...l })))
      .onConflictDoNothing();
  await recordAudit(tx, actor, {
    action: "document.register",
    entityType: "document",
    entityId: row.id,
    before: null,
    after: {
      direction: row.direction,
      registerYear: row.registerYear,
      registerNumber: row.registerNumber,
      numberAndSymbol: row.numberAndSymbol,
      typeCode: row.typeCode,
      issuedOn: row.issuedOn,
      receivedOn: row.receivedOn,
      issuer: row.issuer,
      recipients: row.recipients,
      summary: row.summary,
      file: stored?.filename ?? null,
      links,
    },
  });
  return row;
}

/** The ward's name as an issuer: "UBND phường Việt Hòa". */
async function wardIssuer(db: Db, wardId: string, authoritySymbol: string): Promise<string> {
  const ward = await wardById(db, wardId);
  const name = ward?.name ?? "";
  return `${authoritySymbol} ${name.charAt(0).toLocaleLowerCase("vi")}${name.slice(1)}`.trim();
}

/**
 * Vào sổ văn bản đi from another module (a report sent, a plan issued), in the caller's
 * transaction: takes the next outgoing number of the issue date's year and prints it as
 * "NN/BC-UBND" (a letter, "CV": "NN/UBND"), stores the file, links the document.
 */
export async function registerOutgoing(
  tx: Db,
  actor: Actor,
  input: {
    typeCode: string;
    /** "UBND" */
    authoritySymbol: string;
    /** A letter's drafting unit: "12/UBND-VX". */
    unitSymbol?: string;
    issuedOn: string;
    summary: string;
    recipients?: string;
    /** Who issued it, when not the authority of the ward ("UBND phường Việt Hòa"). */
    issuer?: string;
    file?: { filename: string; bytes: Buffer; mimeType: string };
    links: { entityType: DocumentLinkType; entityId: string }[];
  },
  store: FileStore,
): Promise<{ id: string; registerNumber: number; numberAndSymbol: string }> {
  mayManage(actor);
  const typeCode = DOCUMENT_TYPE_CODES.find((code) => code === input.typeCode);
  if (!typeCode) throw invalid(`Loại văn bản "${input.typeCode}" không có trong danh mục.`);
  for (const symbol of [input.authoritySymbol, input.unitSymbol]) {
    if (symbol !== undefined && !documentSymbolSchema.safeParse(symbol).success)
      throw invalid(`Ký hiệu "${symbol}" không hợp lệ.`);
  }
  const links = await checkedLinks(tx, actor.wardId, input.links);
  const row = await insertDocument(
    tx,
    store,
    actor,
    {
      direction: "outgoing",
      registerYear: yearOf(input.issuedOn),
      numberAndSymbol: (n) => formatNumberAndSymbol(n, typeCode, input.authoritySymbol, input.unitSymbol),
      typeCode,
      issuedOn: input.issuedOn,
      receivedOn: null,
      issuer: input.issuer ?? (await wardIssuer(tx, actor.wardId, input.authoritySymbol)),
      recipients: input.recipients ?? null,
      summary: input.summary,
    },
    input.file
      ? { upload: { filename: input.file.filename, bytes: input.file.bytes }, mimeType: input.file.mimeType }
      : null,
    links,
  );
  return { id: row.id, registerNumber: row.registerNumber, numberAndSymbol: row.numberAndSymbol };
}

/** Vào sổ from the registry's own form: incoming as printed, outgoing numbered by the system. */
export async function createDocument(
  db: Db,
  store: FileStore,
  actor: Actor,
  input: CreateDocument,
  file: CheckedUpload | null,
): Promise<DocumentDetail> {
  mayManage(actor);
  if (input.direction === "outgoing") {
    const { id } = await db.transaction((tx) =>
      registerOutgoing(
        tx,
        actor,
        {
          typeCode: input.typeCode,
          authoritySymbol: input.authoritySymbol ?? DEFAULT_AUTHORITY_SYMBOL,
          ...(input.unitSymbol ? { unitSymbol: input.unitSymbol } : {}),
          issuedOn: input.issuedOn,
          summary: input.summary,
          ...(input.recipients ? { recipients: input.recipients } : {}),
          ...(file ? { file: { ...file.upload, mimeType: file.mimeType } } : {}),
          links: [],
        },
        store,
      ),
    );
    return getDocument(db, actor, id);
  }
  if (input.receivedOn < input.issuedOn)
    throw invalid("Ngày đến không được trước ngày ban hành văn bản.", [
      { path: "receivedOn", message: "Trước ngày ban hành" },
    ]);
  if (input.receivedOn > todayInVietnam())
    throw invalid("Ngày đến không được ở tương lai.", [{ path: "receivedOn", message: "Ngày ở tương lai" }]);
  const row = await db.transaction((tx) =>
    insertDocument(
      tx,
      store,
      actor,
      {
        direction: "incoming",
        registerYear: yearOf(input.receivedOn),
        numberAndSymbol: () => input.numberAndSymbol,
        typeCode: input.typeCode,
        issuedOn: input.issuedOn,
        receivedOn: input.receivedOn,
        issuer: input.issuer,
        recipients: input.recipients ?? null,
        summary: input.summary,
      },
      file,
      [],
    ),
  );
  return getDocument(db, actor, row.id);
}

function toSummary(row: DocumentRow, files: Map<string, FileRef>): DocumentSummary {
  return {
    id: row.id,
    direction: row.direction as DocumentDirection,
    registerNumber: row.registerNumber,
    registerYear: row.registerYear,
    numberAndSymbol: row.numberAndSymbol,
    typeCode: row.typeCode,
    issuedOn: row.issuedOn,
    receivedOn: row.receivedOn,
    issuer: row.issuer,
    recipients: row.recipients,
    summary: row.summary,
    file: row.fileId ? (files.get(row.fileId) ?? null) : null,
    version: row.version,
  };
}

async function summarize(db: Db, wardId: string, rows: DocumentRow[]): Promise<DocumentSummary[]> {
  const files = await fileRefs(
    db,
    wardId,
    rows.flatMap((r) => (r.fileId ? [r.fileId] : [])),
  );
  return rows.map((row) => toSummary(row, files));
}

function filterConditions(db: Db, wardId: string, query: DocumentExportQuery): SQL[] {
  const conditions: SQL[] = [eq(documents.wardId, wardId)];
  // The folded query as one phrase, as the task search does: "nghi quyet" finds "Nghị quyết".
  const phrase = query.q ? foldVietnamese(query.q) : "";
  if (phrase) conditions.push(sql`strpos(${documents.searchText}, ${phrase}) > 0`);
  if (query.direction) conditions.push(eq(documents.direction, query.direction));
  if (query.year !== undefined) conditions.push(eq(documents.registerYear, query.year));
  if (query.typeCode) conditions.push(eq(documents.typeCode, query.typeCode));
  if (query.entityType && query.entityId)
    conditions.push(
      inArray(
        documents.id,
        db
          .select({ id: documentLinks.documentId })
          .from(documentLinks)
          .where(
            and(
              eq(documentLinks.wardId, wardId),
              eq(documentLinks.entityType, query.entityType),
              eq(documentLinks.entityId, query.entityId),
            ),
          ),
      ),
    );
  return conditions;
}

/** Newest first: by the date it entered the register, then the later number. */
const NEWEST_FIRST = [
  desc(sql`coalesce(${documents.receivedOn}, ${documents.issuedOn})`),
  desc(documents.registerNumber),
  desc(documents.createdAt),
];

async function selectDocuments(db: Db, wardId: string, query: DocumentExportQuery, limit: number, offset = 0) {
  return db
    .select()
    .from(documents)
    .where(and(...filterConditions(db, wardId, query)))
    .orderBy(...NEWEST_FIRST)
    .limit(limit)
    .offset(offset);
}

export async function listDocuments(db: Db, actor: Actor, query: DocumentListQuery): Promise<DocumentList> {
  mayRead(actor);
  const [rows, [counted], years] = await Promise.all([
    selectDocuments(db, actor.wardId, query, query.limit, query.offset),
    db
      .select({ n: sql<number>`count(*)::int` })
      .from(documents)
      .where(and(...filterConditions(db, actor.wardId, query))),
    db
      .selectDistinct({ year: documents.registerYear })
      .from(documents)
      .where(eq(documents.wardId, actor.wardId))
      .orderBy(desc(documents.registerYear)),
  ]);
  return {
    documents: await summarize(db, actor.wardId, rows),
    total: Number(counted?.n ?? 0),
    years: years.map((y) => y.year),
    can: { register: can.manageDocuments(actor) },
  };
}

/** Every document that passes the filters, for the register's spreadsheet (bounded by a sheet's rows). */
export async function allDocuments(
  db: Db,
  actor: Actor,
  query: DocumentExportQuery,
  maxRows: number,
): Promise<DocumentSummary[]> {
  mayRead(actor);
  return summarize(db, actor.wardId, await selectDocuments(db, actor.wardId, query, maxRows));
}

async function documentRow(db: Db, wardId: string, id: string, forUpdate = false): Promise<DocumentRow> {
  const query = db
    .select()
    .from(documents)
    .where(and(eq(documents.wardId, wardId), eq(documents.id, id)));
  const [row] = forUpdate ? await query.for("update") : await query;
  if (!row) throw notFound("Không tìm thấy văn bản");
  return row;
}

async function linkRows(db: Db, wardId: string, documentId: string): Promise<DocumentLinkInput[]> {
  const rows = await db
    .select({ entityType: documentLinks.entityType, entityId: documentLinks.entityId })
    .from(documentLinks)
    .where(and(eq(documentLinks.wardId, wardId), eq(documentLinks.documentId, documentId)))
    .orderBy(documentLinks.createdAt, documentLinks.entityType, documentLinks.entityId);
  return rows.map((r) => ({ entityType: r.entityType as DocumentLinkType, entityId: r.entityId }));
}

/** Links named through the modules that own what they point at (tasks by plan, indicators by indicators). */
async function resolveLinks(db: Db, wardId: string, links: DocumentLinkInput[]): Promise<DocumentLink[]> {
  const idsOf = (type: DocumentLinkType) => links.filter((l) => l.entityType === type).map((l) => l.entityId);
  const [tasks, indicators, reports] = await Promise.all([
    taskLabels(db, wardId, idsOf("task")),
    indicatorLabels(db, wardId, idsOf("indicator")),
    reportLabels(
      db,
      wardId,
      links.filter((l) => REPORT_LINKS.has(l.entityType)).map((l) => l.entityId),
    ),
  ]);
  return links.map((link) => {
    if (link.entityType === "task") {
      const task = tasks.get(link.entityId);
      return { ...link, ref: task?.ref ?? null, label: task?.title ?? null };
    }
    if (link.entityType === "indicator") {
      const indicator = indicators.get(link.entityId);
      return { ...link, ref: indicator?.ref ?? null, label: indicator?.name ?? null };
    }
    const report = reports.get(link.entityId);
    return { ...link, ref: report?.ref ?? null, label: report?.label ?? null };
  });
}

export async function getDocument(db: Db, actor: Actor, id: string): Promise<DocumentDetail> {
  mayRead(actor);
  const row = await documentRow(db, actor.wardId, id);
  const [[summary], links, names] = await Promise.all([
    summarize(db, actor.wardId, [row]),
    linkRows(db, actor.wardId, id).then((l) => resolveLinks(db, actor.wardId, l)),
    userNames(db, actor.wardId, row.registeredBy ? [row.registeredBy] : []),
  ]);
  if (!summary) throw notFound("Không tìm thấy văn bản");
  return {
    ...summary,
    links,
    registeredBy: row.registeredBy ? (names.get(row.registeredBy) ?? null) : null,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    can: { edit: can.manageDocuments(actor), viewHistory: can.viewHistory(actor) },
  };
}

/** The document's file, for download; 404 when it has none. */
export async function documentFileId(db: Db, actor: Actor, id: string): Promise<string> {
  mayRead(actor);
  const row = await documentRow(db, actor.wardId, id);
  if (!row.fileId) throw notFound("Văn bản này chưa có tệp");
  return row.fileId;
}

/** Fields that print the number a document the ward sent was given: never edited. */
const FIXED_WHEN_OUTGOING = ["numberAndSymbol", "typeCode", "receivedOn"] as const;

/**
 * Corrects a registered document (optimistic `version`). The register number stays, so a date
 * that would move the document to another year's register is refused.
 */
export async function editDocument(db: Db, actor: Actor, id: string, input: EditDocument): Promise<DocumentDetail> {
  mayManage(actor);
  await db.transaction(async (tx) => {
    const row = await documentRow(tx, actor.wardId, id, true);
    if (row.version !== input.version) throw conflict();
    const { version: _version, ...fields } = input;
    const changes = Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)) as Partial<
      Omit<EditDocument, "version">
    >;
    if (row.direction === "outgoing") {
      const fixed = FIXED_WHEN_OUTGOING.filter((key) => changes[key] !== undefined && changes[key] !== row[key]);
      if (fixed.length)
        throw invalid(
          "Số, ký hiệu, loại và ngày đến của văn bản đi do hệ thống cấp, không sửa được.",
          fixed.map((path) => ({ path, message: "Không sửa được với văn bản đi" })),
        );
    }
    const next = { ...row, ...changes };
    const registerDate = row.direction === "incoming" ? next.receivedOn : next.issuedOn;
    const datePath = row.direction === "incoming" ? "receivedOn" : "issuedOn";
    if (registerDate && yearOf(registerDate) !== row.registerYear)
      throw invalid(`Văn bản đã vào sổ năm ${row.registerYear}; ngày mới phải thuộc cùng năm.`, [
        { path: datePath, message: `Phải trong năm ${row.registerYear}` },
      ]);
    if (next.receivedOn && next.receivedOn < next.issuedOn)
      throw invalid("Ngày đến không được trước ngày ban hành văn bản.", [
        { path: "receivedOn", message: "Trước ngày ban hành" },
      ]);
    const diff = changedFields(row as unknown as Record<string, unknown>, changes as Record<string, unknown>);
    if (Object.keys(diff.after).length === 0) return;
    await tx
      .update(documents)
      .set({
        ...changes,
        searchText: documentSearchText(next),
        version: row.version + 1,
        updatedAt: new Date(),
      })
      .where(eq(documents.id, id));
    await recordAudit(tx, actor, {
      action: "document.edit",
      entityType: "document",
      entityId: id,
      before: diff.before,
      after: diff.after,
    });
  });
  return getDocument(db, actor, id);
}

/** Replaces the document's links (link and unlink in one), audited with the set before and after. */
export async function setDocumentLinks(
  db: Db,
  actor: Actor,
  id: string,
  links: DocumentLinkInput[],
): Promise<DocumentDetail> {
  mayManage(actor);
  await db.transaction(async (tx) => {
    await documentRow(tx, actor.wardId, id, true);
    const next = await checkedLinks(tx, actor.wardId, links);
    const before = await linkRows(tx, actor.wardId, id);
    const key = (l: DocumentLinkInput) => `${l.entityType}:${l.entityId}`;
    const nextKeys = new Set(next.map(key));
    const beforeKeys = new Set(before.map(key));
    const removed = before.filter((l) => !nextKeys.has(key(l)));
    const added = next.filter((l) => !beforeKeys.has(key(l)));
    if (removed.length === 0 && added.length === 0) return;
    for (const link of removed)
      await tx
        .delete(documentLinks)
        .where(
          and(
            eq(documentLinks.documentId, id),
            eq(documentLinks.entityType, link.entityType),
            eq(documentLinks.entityId, link.entityId),
          ),
        );
    if (added.length)
      await tx.insert(documentLinks).values(added.map((l) => ({ wardId: actor.wardId, documentId: id, ...l })));
    await recordAudit(tx, actor, {
      action: "document.links",
      entityType: "document",
      entityId: id,
      before: { links: before },
      after: { links: next, added, removed },
    });
  });
  return getDocument(db, actor, id);
}

/**
 * The documents linked to each of the records (a task's page, a report's annex), newest first,
 * by record id. Reads only: the caller decides who may see them.
 */
export async function documentsLinkedTo(
  db: Db,
  wardId: string,
  entityType: DocumentLinkType,
  entityIds: string[],
): Promise<Map<string, DocumentSummary[]>> {
  const out = new Map<string, DocumentSummary[]>();
  if (entityIds.length === 0) return out;
  const rows = await db
    .select({ entityId: documentLinks.entityId, document: documents })
    .from(documentLinks)
    .innerJoin(documents, eq(documents.id, documentLinks.documentId))
    .where(
      and(
        eq(documentLinks.wardId, wardId),
        eq(documentLinks.entityType, entityType),
        inArray(documentLinks.entityId, entityIds),
      ),
    )
    .orderBy(...NEWEST_FIRST);
  const files = await fileRefs(
    db,
    wardId,
    rows.flatMap((r) => (r.document.fileId ? [r.document.fileId] : [])),
  );
  for (const { entityId, document } of rows)
    out.set(entityId, [...(out.get(entityId) ?? []), toSummary(document, files)]);
  return out;
}

/**
 * Puts the issued file on a document registered just before, in the caller's transaction: a
 * report is printed with its number, so the number must exist before the file can.
 */
export async function attachDocumentFile(
  tx: Db,
  store: FileStore,
  actor: Actor,
  documentId: string,
  file: { filename: string; bytes: Buffer; mimeType: string },
): Promise<void> {
  const stored = await storeFile(tx, store, actor, { filename: file.filename, bytes: file.bytes }, file.mimeType);
  const [row] = await tx
    .update(documents)
    .set({ fileId: stored.id, version: sql`${documents.version} + 1`, updatedAt: new Date() })
    .where(and(eq(documents.wardId, actor.wardId), eq(documents.id, documentId)))
    .returning({ id: documents.id });
  if (!row) throw notFound("Không tìm thấy văn bản");
  await recordAudit(tx, actor, {
    action: "document.file",
    entityType: "document",
    entityId: documentId,
    before: null,
    after: { file: stored.filename },
  });
}
