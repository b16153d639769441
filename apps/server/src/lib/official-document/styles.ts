/**
 * The paragraph styles of an official document, one per element of the layout table of Decree
 * 30/2020/NĐ-CP (Annex I). The renderer writes every paragraph in one of them and the layout
 * check finds each element by its style, then checks the formatting Word would actually apply.
 */
export const STYLE = {
  parentAuthority: "PxParentAuthority",
  authority: "PxAuthority",
  nationalTitle: "PxNationalTitle",
  motto: "PxMotto",
  /** An empty paragraph whose bottom border is a short rule (under the authority, motto, summary). */
  rule: "PxRule",
  number: "PxNumber",
  dateLine: "PxDateLine",
  draftNotice: "PxDraftNotice",
  docType: "PxDocType",
  summary: "PxSummary",
  basis: "PxBasis",
  body: "PxBody",
  bullet: "PxBullet",
  heading1: "PxHeading1",
  heading2: "PxHeading2",
  heading3: "PxHeading3",
  tableTitle: "PxTableTitle",
  tableHeader: "PxTableHeader",
  tableText: "PxTableText",
  tableNote: "PxTableNote",
  figure: "PxFigure",
  caption: "PxCaption",
  signAuthority: "PxSignAuthority",
  signTitle: "PxSignTitle",
  signSpace: "PxSignSpace",
  signName: "PxSignName",
  recipientsLabel: "PxRecipientsLabel",
  recipient: "PxRecipient",
  annexLabel: "PxAnnexLabel",
  annexTitle: "PxAnnexTitle",
  annexSubtitle: "PxAnnexSubtitle",
  pageNumber: "PxPageNumber",
} as const;

export type StyleId = (typeof STYLE)[keyof typeof STYLE];

/** Twips (1/20 pt) in a millimetre. */
export const TWIPS_PER_MM = 1440 / 25.4;
export const mm = (value: number) => Math.round(value * TWIPS_PER_MM);

/** A4 in twips, portrait. */
export const A4 = { width: 11906, height: 16838 } as const;

/** Margins used: the low end of each range of the Decree (top/bottom 20–25, left 30–35, right 15–20 mm). */
export const MARGINS = { top: mm(20), bottom: mm(20), left: mm(30), right: mm(15), header: mm(10), footer: mm(10) };

/** Width of the text between the margins, in twips. */
export const textWidth = (landscape: boolean) => (landscape ? A4.height : A4.width) - MARGINS.left - MARGINS.right;

/** Left/right cell margin Word and LibreOffice give a table cell unless told otherwise. */
export const DEFAULT_CELL_MARGIN = 108;
