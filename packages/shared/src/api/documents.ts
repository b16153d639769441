import { z } from "zod";
import { MAX_YEAR, MIN_YEAR } from "../bounds.js";
import { DOCUMENT_TYPE_CODES, normalizeNumberAndSymbol } from "../documents.js";
import { isoDateSchema } from "./common.js";
import { boundedDateSchema, boundedText, versionSchema } from "./fields.js";
import { fileRefSchema } from "./tasks.js";

/** Văn bản đến (received) or văn bản đi (sent by the ward). */
export const documentDirectionSchema = z.enum(["incoming", "outgoing"]);
export type DocumentDirection = z.infer<typeof documentDirectionSchema>;

/** What a document may be linked to: the plan's work, and the reports built on it. */
export const documentLinkTypeSchema = z.enum(["task", "indicator", "unit_report", "ward_report", "report_period"]);
export type DocumentLinkType = z.infer<typeof documentLinkTypeSchema>;

/** A kind of document an incoming one may be: Annex III's, or another issuer's own ("KL", "TTr"). */
export const documentTypeCodeSchema = z
  .string()
  .trim()
  .regex(/^[A-Za-zĐđ]{1,8}$/, "Loại văn bản: chữ viết tắt như KH, BC, NQ, QĐ, CV");

/** The authority's or the drafting unit's symbol in a number: "UBND", "HĐND", "VP", "VX". */
export const documentSymbolSchema = z
  .string()
  .trim()
  .regex(/^[A-ZĐ][A-Za-zĐđ0-9]{0,11}$/, "Ký hiệu viết hoa, không dấu cách, tối đa 12 ký tự (ví dụ UBND, VP)");

/** "15/BC-UBND", "08-NQ/TU": as printed, without "Số:" and without spaces around "/" and "-". */
export const numberAndSymbolSchema = boundedText({ min: 1, max: 60 })
  .transform(normalizeNumberAndSymbol)
  .pipe(z.string().min(1, "Nhập số, ký hiệu văn bản"));

const summaryTextSchema = boundedText({ min: 1, max: 2000, multiline: true });
const issuerSchema = boundedText({ min: 1, max: 300 });
const recipientsSchema = boundedText({ max: 1000, multiline: true });

/** A multipart field left empty is a field not given. */
const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((value) => (value === "" ? undefined : value), schema.optional());

/**
 * Fields of "Vào sổ văn bản" (multipart, with an optional `file`: the scan or the DOCX). The
 * register number (số đến / số đi) is never sent: the system gives the next one.
 */
export const createDocumentSchema = z.discriminatedUnion("direction", [
  z.object({
    direction: z.literal("incoming"),
    numberAndSymbol: numberAndSymbolSchema,
    typeCode: documentTypeCodeSchema,
    issuedOn: boundedDateSchema,
    receivedOn: boundedDateSchema,
    issuer: issuerSchema,
    recipients: optional(recipientsSchema),
    summary: summaryTextSchema,
  }),
  z.object({
    direction: z.literal("outgoing"),
    typeCode: z.enum(DOCUMENT_TYPE_CODES, "Chọn một loại văn bản trong danh sách"),
    /** "UBND" unless the document is the People's Council's or another body's of the ward. */
    authoritySymbol: optional(documentSymbolSchema),
    /** A letter's drafting unit: "12/UBND-VX". */
    unitSymbol: optional(documentSymbolSchema),
    issuedOn: boundedDateSchema,
    recipients: optional(recipientsSchema),
    summary: summaryTextSchema,
  }),
]);
export type CreateDocument = z.infer<typeof createDocumentSchema>;

/**
 * A correction of a registered document. The register number never changes, nor, for a
 * document the ward sent, the number and symbol built from it.
 */
export const editDocumentSchema = z.object({
  version: versionSchema,
  numberAndSymbol: numberAndSymbolSchema.optional(),
  typeCode: documentTypeCodeSchema.optional(),
  issuedOn: boundedDateSchema.optional(),
  receivedOn: boundedDateSchema.optional(),
  issuer: issuerSchema.optional(),
  recipients: recipientsSchema.nullable().optional(),
  summary: summaryTextSchema.optional(),
});
export type EditDocument = z.infer<typeof editDocumentSchema>;

export const documentLinkInputSchema = z.object({ entityType: documentLinkTypeSchema, entityId: z.uuid() });
export type DocumentLinkInput = z.infer<typeof documentLinkInputSchema>;

/** The whole set of a document's links, replaced at once. */
export const setDocumentLinksSchema = z.object({ links: z.array(documentLinkInputSchema).max(200) });
export type SetDocumentLinks = z.infer<typeof setDocumentLinksSchema>;

export const documentSummarySchema = z.object({
  id: z.uuid(),
  direction: documentDirectionSchema,
  /** Số đến / số đi: sequential per ward, direction and year. */
  registerNumber: z.number().int(),
  /** The year of the register it is in: of receipt for incoming, of issue for outgoing. */
  registerYear: z.number().int(),
  numberAndSymbol: z.string(),
  typeCode: z.string(),
  issuedOn: isoDateSchema,
  receivedOn: isoDateSchema.nullable(),
  issuer: z.string(),
  recipients: z.string().nullable(),
  /** Trích yếu */
  summary: z.string(),
  file: fileRefSchema.nullable(),
  version: z.number().int(),
});
export type DocumentSummary = z.infer<typeof documentSummarySchema>;

/** A link with what it points at, named: "III.4 ý 3 — …" for a task. Null when it is gone or not known here. */
export const documentLinkSchema = documentLinkInputSchema.extend({
  ref: z.string().nullable(),
  label: z.string().nullable(),
});
export type DocumentLink = z.infer<typeof documentLinkSchema>;

export const documentDetailSchema = documentSummarySchema.extend({
  links: z.array(documentLinkSchema),
  registeredBy: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  can: z.object({ edit: z.boolean(), viewHistory: z.boolean() }),
});
export type DocumentDetail = z.infer<typeof documentDetailSchema>;

export const DOCUMENT_PAGE_MAX = 200;

/** Filters of the register; the list pages them, the export takes them all. */
const documentFilterFields = {
  /** Accent-insensitive, over the number and symbol, the summary and the issuer. */
  q: boundedText({ max: 200 }).optional(),
  direction: documentDirectionSchema.optional(),
  year: z.coerce.number().int().min(MIN_YEAR).max(MAX_YEAR).optional(),
  typeCode: documentTypeCodeSchema.optional(),
  /** Documents linked to one record: both or neither. */
  entityType: documentLinkTypeSchema.optional(),
  entityId: z.uuid().optional(),
};

const linkFilterPaired = {
  check: (q: { entityType?: unknown; entityId?: unknown }) =>
    (q.entityType === undefined) === (q.entityId === undefined),
  message: { message: "entityType và entityId phải đi cùng nhau", path: ["entityId"] },
};

export const documentExportQuerySchema = z
  .object(documentFilterFields)
  .refine(linkFilterPaired.check, linkFilterPaired.message);
export type DocumentExportQuery = z.infer<typeof documentExportQuerySchema>;

export const documentListQuerySchema = z
  .object({
    ...documentFilterFields,
    limit: z.coerce.number().int().min(1).max(DOCUMENT_PAGE_MAX).default(50),
    offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
  })
  .refine(linkFilterPaired.check, linkFilterPaired.message);
export type DocumentListQuery = z.infer<typeof documentListQuerySchema>;

export const documentListSchema = z.object({
  documents: z.array(documentSummarySchema),
  /** All documents that pass the filters, of which `documents` is one page. */
  total: z.number().int(),
  /** Years the ward's registers hold, newest first (the year filter). */
  years: z.array(z.number().int()),
  can: z.object({ register: z.boolean() }),
});
export type DocumentList = z.infer<typeof documentListSchema>;

/** The list's query as a client sends it: paging may be left to the server's defaults. */
export type DocumentListRequest = Omit<DocumentListQuery, "limit" | "offset"> & { limit?: number; offset?: number };
