import { and, asc, eq, isNull, lte, sql } from "drizzle-orm";
import type { Db } from "../../db/client.js";
import type { JobDefinition } from "../jobs/runner.js";
import type { Mailer } from "../notifications/mailer.js";
import { feedbackContacts, feedbackOutbox } from "./tables.js";

/** A mail that failed is tried again later, at most this many times. */
const MAX_ATTEMPTS = 8;

/** How long a claimed mail is left to its sender before another process may try it. */
const LEASE_MS = 10 * 60_000;

/**
 * Sends the queued mails to reporters. Each is claimed in a short transaction (SKIP LOCKED, and a
 * lease: two processes never send the same one) and sent outside it: on the embedded database a
 * transaction held through an SMTP exchange would stop every other request. The address is read
 * at claiming time, so an erased contact gets nothing. Returns how many were sent.
 */
export async function sendQueuedMail(
  db: Db,
  mailer: Mailer | null,
  publicUrl: string | undefined,
  limit = 50,
): Promise<number> {
  if (!mailer) return 0;
  let sent = 0;
  for (let i = 0; i < limit; i++) {
    const claim = await db.transaction(async (tx) => {
      const [row] = await tx
        .select()
        .from(feedbackOutbox)
        .where(
          and(
            isNull(feedbackOutbox.sentAt),
            lte(feedbackOutbox.nextAttemptAt, new Date()),
            sql`${feedbackOutbox.attempts} < ${MAX_ATTEMPTS}`,
          ),
        )
        .orderBy(asc(feedbackOutbox.createdAt))
        .limit(1)
        .for("update", { skipLocked: true });
      if (!row) return null;
      const [contact] = await tx
        .select({ email: feedbackContacts.email, notify: feedbackContacts.notify })
        .from(feedbackContacts)
        .where(and(eq(feedbackContacts.wardId, row.wardId), eq(feedbackContacts.reportId, row.reportId)));
      if (!contact?.email || !contact.notify) {
        await tx.delete(feedbackOutbox).where(eq(feedbackOutbox.id, row.id));
        return { row, to: null };
      }
      await tx
        .update(feedbackOutbox)
        .set({ attempts: row.attempts + 1, nextAttemptAt: new Date(Date.now() + LEASE_MS) })
        .where(eq(feedbackOutbox.id, row.id));
      return { row, to: contact.email };
    });
    if (!claim) break;
    const { row, to } = claim;
    if (!to) continue;
    const body = publicUrl ? row.body.replace(/(Theo dõi phản ánh: )(\/phan-anh\/)/, `$1${publicUrl}$2`) : row.body;
    try {
      await mailer.send({ to: [to], subject: row.subject, text: body });
      await db.update(feedbackOutbox).set({ sentAt: new Date() }).where(eq(feedbackOutbox.id, row.id));
      sent++;
    } catch (error) {
      await db
        .update(feedbackOutbox)
        .set({
          lastError: String(error instanceof Error ? error.message : error).slice(0, 500),
          nextAttemptAt: new Date(Date.now() + Math.min(3_600_000, 60_000 * 2 ** (row.attempts + 1))),
        })
        .where(eq(feedbackOutbox.id, row.id));
    }
  }
  return sent;
}

export const FEEDBACK_MAIL_JOB = "feedback-mail";

/** Thư báo cho người phản ánh: every minute, for what the immediate send after a change missed. */
export function feedbackMailJob(db: Db, mailer: Mailer | null, publicUrl: string | undefined): JobDefinition {
  return {
    name: FEEDBACK_MAIL_JOB,
    schedule: { everyMs: 60_000 },
    retry: { baseMs: 30_000, maxMs: 300_000 },
    timeoutMs: 10 * 60_000,
    async run() {
      return { sent: await sendQueuedMail(db, mailer, publicUrl, 500) };
    },
  };
}
