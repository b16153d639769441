import { formatDateVi, type IndicatorSummary, type Recurrence, type UnitKind } from "@phuong-xanh/shared";
import type { Db } from "../../db/client.js";
import { todayInVietnam } from "../../lib/actor.js";
import { stderrLog } from "../../lib/data-log.js";
import { notFound } from "../../lib/errors.js";
import {
  formatNumberVi,
  renderOfficialDocx,
  placeOfWard,
  splitSigningAuthority,
  type DocumentBlock,
  type OfficialDocument,
} from "../../lib/official-document/document.js";
import { listUnits, wardById } from "../identity/service.js";
import { listIndicators } from "../indicators/service.js";
import { allTaskRows, listObjectives, loadTaskContext, planOfWard, type TaskRow } from "./service.js";

/**
 * The ward's plan re-issued as a document from its data (Decree 30/2020/NĐ-CP layout): the texts
 * of the adopted plan, the current targets of its indicators (a ward's adjustments included),
 * its tasks and duties as they stand, and an annex listing who does what by when.
 */

const RECURRENCE_VI: Record<Recurrence, string> = {
  none: "Một lần",
  continuous: "Thường xuyên",
  monthly: "Hằng tháng",
  quarterly: "Hằng quý",
  semiannual: "6 tháng một lần",
  yearly: "Hằng năm",
};

/** "/KH-UBND" (not yet numbered) or "15/KH-UBND". */
function numberAndSymbol(documentNumber: string): { number: string | null; symbol: string } {
  const compact = documentNumber.replace(/\s+/g, "");
  const slash = compact.indexOf("/");
  if (slash < 0) return { number: null, symbol: compact || "KH-UBND" };
  const symbol = compact.slice(slash + 1) || "KH-UBND";
  return { number: slash === 0 ? null : compact, symbol };
}

/** The plan's signer ("KT. CHỦ TỊCH" / "PHÓ CHỦ TỊCH" / name) in the document's terms. */
function signerOf(signer: { authority: string; title: string; name: string }): OfficialDocument["signer"] {
  const { prefix, authorityTitle } = splitSigningAuthority(signer.authority);
  if (!prefix) return { title: signer.title || authorityTitle, name: signer.name };
  return { prefix, authorityTitle, title: signer.title, name: signer.name };
}

/**
 * The plan's opening ("Thực hiện … . UBND phường … cụ thể như sau:") holds the basis and the
 * sentence leading into section I. The basis goes with the bases; the lead-in, which ends with
 * ":", stays in the body.
 */
function splitBasis(basis: string): { bases: string[]; leadIn: string | null } {
  const text = basis.trim();
  if (!text.endsWith(":")) return { bases: text ? [text] : [], leadIn: null };
  const breaks = [...text.matchAll(/\.\s+(?=\p{Lu})/gu)];
  const last = breaks[breaks.length - 1];
  if (!last || last.index === undefined) return { bases: [], leadIn: text };
  return { bases: [text.slice(0, last.index + 1)], leadIn: text.slice(last.index + last[0].length) };
}

/** "III.2" -> "2", "II.2.(3)" -> "(3)": the number the document shows. */
const lastNumber = (ref: string) => ref.split(".").pop()?.trim() ?? ref;

const withUnit = (value: number, unit: string) =>
  unit === "%" ? `${formatNumberVi(value)}%` : `${formatNumberVi(value)} ${unit}`.trim();

function indicatorLine(i: IndicatorSummary): string {
  const note = i.targetSource === "ward" ? " (mục tiêu do phường đặt)" : "";
  return `${i.name}: mục tiêu năm ${i.targetYear} là ${withUnit(i.targetValue, i.unitOfMeasure)}${note}`;
}

/** Units a plan is sent to, as the adopted document lists them: the leadership and the units that carry it out. */
function recipientsOf(units: { kind: string; name: string; shortName: string; active: boolean }[]): string[] {
  const out: string[] = [];
  const active = units.filter((u) => u.active);
  for (const u of active.filter((x) => x.kind === "party_committee")) out.push(`Thường trực ${u.shortName} (b/c)`);
  for (const u of active.filter((x) => x.kind === "people_council")) out.push(`${u.name} (b/c)`);
  if (active.some((u) => u.kind === "leadership")) out.push("Chủ tịch, các Phó Chủ tịch UBND phường");
  const carriers: UnitKind[] = ["office", "department", "service_center", "fatherland_front"];
  for (const kind of carriers) for (const u of active.filter((x) => x.kind === kind)) out.push(u.name);
  out.push("Các cơ quan, đơn vị có liên quan", "Lưu: VT, VP");
  return out;
}

export async function planDocument(
  db: Db,
  wardId: string,
  options: { today?: string } = {},
): Promise<OfficialDocument> {
  const today = options.today ?? todayInVietnam();
  const [ward, plan] = await Promise.all([wardById(db, wardId), planOfWard(db, wardId)]);
  if (!ward || !plan) throw notFound("Phường chưa có kế hoạch");
  const [objectives, indicators, units, ctx, rows] = await Promise.all([
    listObjectives(db, wardId),
    listIndicators(db, stderrLog, wardId, today),
    listUnits(db, wardId),
    loadTaskContext(db, wardId, today),
    allTaskRows(db, wardId),
  ]);
  const planRows = rows.filter((r) => r.planId === plan.id);
  const children = new Map<string | null, TaskRow[]>();
  for (const row of planRows) children.set(row.parentId, [...(children.get(row.parentId) ?? []), row]);
  const roots = (section: "III" | "V") => (children.get(null) ?? []).filter((r) => r.section === section);
  const unitName = (id: string) => ctx.units.get(id)?.name ?? "";

  /** A group's work: "- " for its tasks or duties, "+ " for the movements under a duty. */
  const work = (group: TaskRow): DocumentBlock[] => {
    const out: DocumentBlock[] = [];
    for (const item of children.get(group.id) ?? []) {
      out.push({ kind: "bullets", items: [item.text] });
      for (const sub of children.get(item.id) ?? []) out.push({ kind: "paragraph", text: `+ ${sub.text}` });
    }
    return out;
  };
  const section = (rootsOf: TaskRow[]): DocumentBlock[] =>
    rootsOf.flatMap((root, i): DocumentBlock[] =>
      root.kind === "group"
        ? [
            {
              kind: "heading",
              level: 2,
              text: `${/^\d+$/.test(lastNumber(root.ref)) ? lastNumber(root.ref) : i + 1}. ${root.title}`,
            },
            ...work(root),
          ]
        : [{ kind: "bullets", items: [root.text] }],
    );

  const { bases, leadIn } = splitBasis(plan.basis);
  const body: DocumentBlock[] = [
    ...(leadIn ? [{ kind: "paragraph" as const, text: leadIn }] : []),
    { kind: "heading", level: 1, text: "I. Mục đích, yêu cầu" },
    { kind: "heading", level: 2, text: "1. Mục đích" },
    { kind: "bullets", items: plan.purposes.map((p) => p.text) },
    { kind: "heading", level: 2, text: "2. Yêu cầu" },
    { kind: "bullets", items: plan.requirements.map((p) => p.text) },
    { kind: "heading", level: 1, text: "II. Mục tiêu" },
    { kind: "heading", level: 2, text: "1. Mục tiêu chung" },
    { kind: "paragraph", text: plan.generalObjective.text },
    { kind: "heading", level: 2, text: "2. Mục tiêu cụ thể đến năm 2030" },
    ...objectives.flatMap((o): DocumentBlock[] => {
      const own = indicators.filter((i) => i.objectiveCode === o.code);
      return [
        { kind: "paragraph", text: `${lastNumber(o.ref)} ${o.area}: ${o.text}` },
        ...(own.length ? [{ kind: "bullets" as const, items: own.map(indicatorLine) }] : []),
      ];
    }),
    { kind: "heading", level: 2, text: "3. Tầm nhìn đến năm 2050" },
    { kind: "paragraph", text: plan.vision2050.text },
    { kind: "heading", level: 1, text: "III. Nhiệm vụ, giải pháp trọng tâm" },
    ...section(roots("III")),
    { kind: "heading", level: 1, text: "IV. Kinh phí thực hiện" },
    { kind: "paragraph", text: plan.funding.text },
    { kind: "heading", level: 1, text: "V. Tổ chức thực hiện" },
    ...section(roots("V")),
    { kind: "paragraph", text: plan.closing },
  ];

  const taskRow = (row: TaskRow, depth: number): (string | null)[] => [
    row.code,
    depth > 1 ? `+ ${row.title}` : row.title,
    unitName(row.ownerUnitId),
    (ctx.coordinators.get(row.id) ?? []).map(unitName).join(", ") || null,
    row.deadline ? formatDateVi(row.deadline) : (RECURRENCE_VI[row.recurrence as Recurrence] ?? row.recurrence),
    row.output,
  ];
  const descendants = (row: TaskRow, depth: number): (string | null)[][] =>
    (children.get(row.id) ?? []).flatMap((c) => [taskRow(c, depth), ...descendants(c, depth + 1)]);
  const annexTables: DocumentBlock[] = [...roots("III"), ...roots("V")].map((root) => ({
    kind: "table",
    title: `${root.ref}. ${root.title}`,
    columns: [
      { header: "Mã", width: 1.6, align: "center" },
      { header: "Nhiệm vụ", width: 5 },
      { header: "Đơn vị chủ trì", width: 2.4 },
      { header: "Đơn vị phối hợp", width: 2.6 },
      { header: "Thời hạn", width: 1.6, align: "center" },
      { header: "Sản phẩm đầu ra", width: 4.6 },
    ],
    rows: root.kind === "group" ? descendants(root, 1) : [taskRow(root, 1)],
  }));

  const { number, symbol } = numberAndSymbol(plan.documentNumber);
  return {
    authority: { name: plan.issuer },
    number,
    symbol,
    place: placeOfWard(ward.name),
    date: null,
    year: Number(today.slice(0, 4)),
    type: "KẾ HOẠCH",
    summary: plan.title,
    bases,
    body,
    signer: signerOf(plan.signer),
    recipients: recipientsOf(units),
    annexes: [
      {
        title: "Danh mục nhiệm vụ và phân công thực hiện",
        subtitle: `Theo dữ liệu phân công đến ngày ${formatDateVi(today)}`,
        landscape: true,
        body: annexTables,
      },
    ],
  };
}

/** The plan as a DOCX file named after the plan's code. */
export async function exportPlanDocx(
  db: Db,
  wardId: string,
  options: { today?: string } = {},
): Promise<{ filename: string; bytes: Buffer }> {
  const [plan, document] = await Promise.all([planOfWard(db, wardId), planDocument(db, wardId, options)]);
  return { filename: `ke-hoach-${plan?.code ?? "phuong"}.docx`, bytes: await renderOfficialDocx(document) };
}
