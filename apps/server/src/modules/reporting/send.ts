import { eq } from "drizzle-orm";
import type { Db } from "../../db/client.js";
import type { Actor } from "../../lib/actor.js";
import type { DataLog } from "../../lib/data-log.js";
import { conflict, forbidden, invalid } from "../../lib/errors.js";
import { renderOfficialDocx } from "../../lib/official-document/document.js";
import { recordAudit } from "../audit/service.js";
import { attachDocumentFile, registerOutgoing } from "../documents/service.js";
import type { FileStore } from "../files/store.js";
import { can } from "../identity/policy.js";
import { DOCX_MIME, wardReportDocument } from "./exports.js";
import { ensurePeriod } from "./periods.js";
import { reportPeriods } from "./tables.js";

/**
 * Phát hành: the ward's report is entered in the register of outgoing documents, which gives it
 * its number ("15/BC-UBND"); the DOCX is printed with that number and date and kept with the
 * register entry, so what was sent can always be found as it was sent.
 */
export async function sendWardReport(
  db: Db,
  store: FileStore,
  log: DataLog,
  actor: Actor,
  code: string,
  input: { issuedOn: string },
  today: string,
): Promise<{ documentId: string; numberAndSymbol: string; issuedOn: string }> {
  if (!can.managePlan(actor)) throw forbidden("Chỉ Văn phòng hoặc lãnh đạo được phát hành báo cáo tổng hợp.");
  const period = await ensurePeriod(db, actor.wardId, code, today);
  if (today <= period.windowEnd)
    throw conflict(`Kỳ báo cáo ${period.title} chưa kết thúc nên chưa phát hành được báo cáo (bản tải về là dự thảo).`);
  if (input.issuedOn > today)
    throw invalid("Ngày ban hành không được sau hôm nay.", [{ path: "issuedOn", message: "Sau hôm nay" }]);
  return db.transaction(async (tx) => {
    const [current] = await tx.select().from(reportPeriods).where(eq(reportPeriods.id, period.id)).for("update");
    if (!current) throw conflict();
    if (current.sentDocumentId) throw conflict(`Báo cáo tổng hợp đã phát hành, số ${current.sentNumber}.`);
    const { document, content, version } = await wardReportDocument(tx, log, actor.wardId, current, today);
    // What goes out is a version someone saved and can find again, never a draft made on the fly.
    if (version === null) throw conflict("Hãy tổng hợp và lưu báo cáo của phường trước khi phát hành.");
    const registered = await registerOutgoing(
      tx,
      actor,
      {
        typeCode: "BC",
        authoritySymbol: "UBND",
        issuedOn: input.issuedOn,
        summary: content.summary,
        recipients: content.recipients.join("; "),
        links: [
          { entityType: "report_period", entityId: current.id },
          { entityType: "ward_report", entityId: current.id },
        ],
      },
      store,
    );
    const sent = {
      ...current,
      sentDocumentId: registered.id,
      sentNumber: registered.numberAndSymbol,
      sentOn: input.issuedOn,
    };
    const bytes = await renderOfficialDocx({
      ...document,
      number: sent.sentNumber,
      date: sent.sentOn,
      year: Number(sent.sentOn.slice(0, 4)),
    });
    await attachDocumentFile(tx, store, actor, registered.id, {
      filename: `bao-cao-${code.toLowerCase()}-${registered.registerNumber}.docx`,
      bytes,
      mimeType: DOCX_MIME,
    });
    await tx
      .update(reportPeriods)
      .set({ sentDocumentId: registered.id, sentNumber: registered.numberAndSymbol, sentOn: input.issuedOn })
      .where(eq(reportPeriods.id, current.id));
    await recordAudit(tx, actor, {
      action: "ward_report.send",
      entityType: "ward_report",
      entityId: current.id,
      before: null,
      after: { documentId: registered.id, number: registered.numberAndSymbol, issuedOn: input.issuedOn },
    });
    return { documentId: registered.id, numberAndSymbol: registered.numberAndSymbol, issuedOn: input.issuedOn };
  });
}
