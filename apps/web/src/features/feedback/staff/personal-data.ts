import type { personDataSchema } from "@phuong-xanh/shared";
import type { z } from "zod";
import type { FeedbackPersonQuery } from "../../../lib/endpoints";

export type PersonData = z.infer<typeof personDataSchema>;
export type PersonValues = { email?: string; phone?: string };

/** The person asked for, as the API takes it: blanks left out. */
export function personQuery(values: PersonValues): FeedbackPersonQuery {
  const email = values.email?.trim();
  const phone = values.phone?.trim();
  return { ...(email ? { email } : {}), ...(phone ? { phone } : {}) };
}

/** The file a person receives: what was asked, when, and every report with their contact. */
export function personExport(query: FeedbackPersonQuery, data: PersonData, exportedAt: string): string {
  return `${JSON.stringify({ query, exportedAt, reports: data.reports }, null, 2)}\n`;
}
