import type { CategoryQuestion } from "@phuong-xanh/shared";
import { MAX_REPORT_PHOTOS } from "@phuong-xanh/shared";
import type { ApiErrorDetail } from "../../../lib/api";
import type { FeedbackMessageKey } from "./messages";

/**
 * The report form as pure data: what the resident typed, the checks made before sending (the
 * same rules as `submitReportSchema`, worded for a phone), the multipart body the API takes, and
 * where each of the API's error details belongs. No React, no I/O: tested on its own.
 */

export type LocationSource = "device" | "map" | "none";
export type Answer = string | string[];

export type ReportDraft = {
  category: string;
  description: string;
  /** Answers to the chosen category's questions, by question code. */
  answers: Record<string, Answer>;
  /** The pin, if any: from the map, typed coordinates or the phone's location. */
  pin: { lat: number; lng: number } | null;
  locationSource: LocationSource;
  residentialGroup: string;
  address: string;
  name: string;
  phone: string;
  email: string;
  notify: boolean;
  consent: boolean;
};

export const emptyDraft: ReportDraft = {
  category: "",
  description: "",
  answers: {},
  pin: null,
  locationSource: "none",
  residentialGroup: "",
  address: "",
  name: "",
  phone: "",
  email: "",
  notify: false,
  consent: false,
};

/**
 * Where an error shows: a field of the form. Answers are `answers.<code>`; the pin's two halves
 * are both "location", next to the map.
 */
export type FieldKey =
  | "category"
  | "description"
  | "photos"
  | "location"
  | "residentialGroup"
  | "address"
  | "name"
  | "phone"
  | "email"
  | "notify"
  | "consent"
  | `answers.${string}`;

/** A message: one of ours (translated on screen), or the server's own text. */
export type FieldMessage = { key: FeedbackMessageKey } | { text: string };
export type FieldErrors = Partial<Record<FieldKey, FieldMessage>>;

/** The order errors are listed in (the order of the form), so the first one is focused. */
export const FIELD_ORDER: readonly FieldKey[] = [
  "category",
  "description",
  "photos",
  "location",
  "residentialGroup",
  "address",
  "name",
  "phone",
  "email",
  "notify",
  "consent",
];

const PHONE_PATTERN = /^\+?[0-9 .-]{8,20}$/;
/** The browser's own rule for type=email, the one the resident meets elsewhere. */
const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function isBlank(answer: Answer | undefined): boolean {
  if (answer === undefined) return true;
  return Array.isArray(answer) ? answer.length === 0 : answer.trim() === "";
}

/** "20,8612" (a Vietnamese keyboard's decimal comma) or "20.8612" → 20.8612; anything else → undefined. */
export function parseDecimal(text: string): number | undefined {
  const cleaned = text.trim().replace(",", ".");
  if (!/^-?\d+(\.\d+)?$/.test(cleaned)) return undefined;
  const value = Number(cleaned);
  return Number.isFinite(value) ? value : undefined;
}

/**
 * Typed coordinates → a pin. Also takes the pair pasted into one box, as map apps copy it:
 * "20.8612, 106.6830" or "20.8612 106.6830".
 */
export function parseCoordinates(latText: string, lngText: string): { lat: number; lng: number } | undefined {
  let a = latText.trim();
  let b = lngText.trim();
  if (b === "") {
    const pair = /^(-?\d+(?:[.,]\d+)?)\s*[,;\s]\s*(-?\d+(?:[.,]\d+)?)$/.exec(a);
    if (pair?.[1] && pair[2]) {
      a = pair[1];
      b = pair[2];
    }
  }
  const lat = parseDecimal(a);
  const lng = parseDecimal(b);
  if (lat === undefined || lng === undefined) return undefined;
  if (lat < -90 || lat > 90 || lng < -180 || lng > 180) return undefined;
  return { lat, lng };
}

/** Six decimals: about 10 cm, more than a phone knows. */
export function roundCoordinate(value: number): number {
  return Math.round(value * 1e6) / 1e6;
}

function hasContact(draft: ReportDraft): boolean {
  return Boolean(draft.name.trim() || draft.phone.trim() || draft.email.trim());
}

/**
 * The checks made before sending, with the schema's rules: a category, a description of 10 to
 * 4000 characters, every required question answered, a place (pin, or group or address),
 * contacts well formed and agreed to, an email when asked to be notified.
 */
export function checkReport(draft: ReportDraft, questions: readonly CategoryQuestion[]): FieldErrors {
  const errors: FieldErrors = {};
  if (!draft.category) errors.category = { key: "report.error.category" };
  const description = draft.description.trim();
  if (description.length < 10) errors.description = { key: "report.error.descriptionShort" };
  else if (description.length > 4000) errors.description = { key: "report.error.descriptionLong" };
  for (const question of questions) {
    const answer = draft.answers[question.code];
    if (question.required && isBlank(answer)) errors[`answers.${question.code}`] = { key: "report.error.question" };
    else if (question.datatype === "number" && typeof answer === "string" && answer.trim() !== "") {
      if (parseDecimal(answer) === undefined) errors[`answers.${question.code}`] = { key: "report.error.number" };
    }
  }
  if (!draft.pin && !draft.residentialGroup && !draft.address.trim())
    errors.location = { key: "report.error.location" };
  if (draft.phone.trim() && !PHONE_PATTERN.test(draft.phone.trim())) errors.phone = { key: "report.error.phone" };
  if (draft.email.trim() && !EMAIL_PATTERN.test(draft.email.trim())) errors.email = { key: "report.error.email" };
  else if (draft.notify && !draft.email.trim()) errors.email = { key: "report.error.notifyEmail" };
  if (hasContact(draft) && !draft.consent) errors.consent = { key: "report.error.consent" };
  return errors;
}

/** A datetime-local value ("2026-05-01T14:30", the phone's time) → an ISO instant. */
export function datetimeAnswer(value: string): string {
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? value : date.toISOString();
}

/**
 * The answers the API takes: only the chosen category's questions, blanks left out, numbers
 * with a point, datetimes as ISO instants.
 */
export function answersFor(draft: ReportDraft, questions: readonly CategoryQuestion[]): Record<string, Answer> {
  const out: Record<string, Answer> = {};
  for (const question of questions) {
    const answer = draft.answers[question.code];
    if (answer === undefined || isBlank(answer)) continue;
    if (Array.isArray(answer)) {
      const allowed = new Set((question.values ?? []).map((v) => v.key));
      const kept = answer.filter((v) => allowed.size === 0 || allowed.has(v));
      if (kept.length > 0) out[question.code] = kept;
      continue;
    }
    const text = answer.trim();
    if (question.datatype === "number") out[question.code] = String(parseDecimal(text) ?? text);
    else if (question.datatype === "datetime") out[question.code] = datetimeAnswer(text);
    else out[question.code] = text;
  }
  return out;
}

/** The multipart body of POST /api/public/feedback/reports (fields of `submitReportSchema`, files in `photos`). */
export function reportFormData(
  draft: ReportDraft,
  questions: readonly CategoryQuestion[],
  photos: readonly File[],
): FormData {
  const form = new FormData();
  form.set("category", draft.category);
  form.set("description", draft.description.trim());
  const answers = answersFor(draft, questions);
  if (Object.keys(answers).length > 0) form.set("answers", JSON.stringify(answers));
  if (draft.pin) {
    form.set("lat", String(roundCoordinate(draft.pin.lat)));
    form.set("lng", String(roundCoordinate(draft.pin.lng)));
    form.set("locationSource", draft.locationSource === "device" ? "device" : "map");
  } else {
    form.set("locationSource", "none");
  }
  const optional: [string, string][] = [
    ["residentialGroup", draft.residentialGroup],
    ["address", draft.address.trim()],
    ["name", draft.name.trim()],
    ["phone", draft.phone.trim()],
    ["email", draft.email.trim()],
  ];
  for (const [name, value] of optional) if (value) form.set(name, value);
  if (draft.notify) form.set("notify", "true");
  if (draft.consent && hasContact(draft)) form.set("consent", "true");
  for (const photo of photos.slice(0, MAX_REPORT_PHOTOS)) form.append("photos", photo, photo.name);
  return form;
}

/**
 * The API's error details onto the form's fields: `body.` and array indices dropped,
 * `lat`/`lng` to the location, `answers.<code>` to its question, anything the form has no field
 * for kept apart to show above the form (never dropped).
 */
export function apiErrorsToFields(
  details: readonly ApiErrorDetail[],
  questions: readonly CategoryQuestion[],
): { fields: FieldErrors; other: string[] } {
  const fields: FieldErrors = {};
  const other: string[] = [];
  const codes = new Set(questions.map((q) => q.code));
  for (const detail of details) {
    const path = detail.path.replace(/^(body|fields)\./, "");
    const [head = "", second] = path.split(".");
    let key: FieldKey | undefined;
    if (head === "lat" || head === "lng" || head === "locationSource") key = "location";
    else if (head === "photos" || head === "files") key = "photos";
    else if (head === "answers" && second && codes.has(second)) key = `answers.${second}`;
    else if ((FIELD_ORDER as readonly string[]).includes(head)) key = head as FieldKey;
    if (key === undefined) other.push(detail.message);
    else if (!fields[key]) fields[key] = { text: detail.message };
  }
  return { fields, other };
}

/** The keys with an error, in the order of the form (questions after the description). */
export function orderedErrorKeys(errors: FieldErrors, questions: readonly CategoryQuestion[]): FieldKey[] {
  const order: FieldKey[] = [
    "category",
    ...questions.map((q): FieldKey => `answers.${q.code}`),
    ...FIELD_ORDER.filter((k) => k !== "category"),
  ];
  const present = Object.keys(errors) as FieldKey[];
  return [...order.filter((k) => errors[k]), ...present.filter((k) => !order.includes(k))];
}

// ---------------------------------------------------------------------------------------------
// What the phone keeps: the draft, its device id, the reports it sent.

/** The bits of localStorage used here; a Map-backed stand-in in tests. */
export type KeyValueStore = Pick<Storage, "getItem" | "setItem" | "removeItem">;

export const DRAFT_KEY = "px.feedback.draft";
export const DEVICE_KEY = "px.feedback.device";
export const MINE_KEY = "px.feedback.mine";

/** The draft as kept: the typed text and the pin. Not the consent (asked again each time), not photos. */
export function saveDraft(store: KeyValueStore, draft: ReportDraft): void {
  const { consent: _consent, ...kept } = draft;
  const empty =
    !draft.category &&
    !draft.description.trim() &&
    !draft.pin &&
    !draft.address.trim() &&
    !draft.residentialGroup &&
    !hasContact(draft) &&
    Object.keys(draft.answers).length === 0;
  try {
    if (empty) store.removeItem(DRAFT_KEY);
    else store.setItem(DRAFT_KEY, JSON.stringify({ v: 1, ...kept }));
  } catch {
    // Full or private storage: the form still works, it just does not survive a reload.
  }
}

const str = (v: unknown): string => (typeof v === "string" ? v.slice(0, 4000) : "");

/** The kept draft, checked field by field (an old or tampered value never breaks the form). */
export function loadDraft(store: KeyValueStore): ReportDraft | undefined {
  let raw: unknown;
  try {
    const text = store.getItem(DRAFT_KEY);
    if (!text) return undefined;
    raw = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof raw !== "object" || raw === null) return undefined;
  const r = raw as Record<string, unknown>;
  const answers: Record<string, Answer> = {};
  if (typeof r.answers === "object" && r.answers !== null) {
    for (const [code, value] of Object.entries(r.answers as Record<string, unknown>)) {
      if (typeof value === "string") answers[code] = value;
      else if (Array.isArray(value)) answers[code] = value.filter((v): v is string => typeof v === "string");
    }
  }
  const pinRaw = r.pin as { lat?: unknown; lng?: unknown } | null | undefined;
  const pin =
    pinRaw &&
    typeof pinRaw.lat === "number" &&
    typeof pinRaw.lng === "number" &&
    Math.abs(pinRaw.lat) <= 90 &&
    Math.abs(pinRaw.lng) <= 180
      ? { lat: pinRaw.lat, lng: pinRaw.lng }
      : null;
  const source = r.locationSource === "device" || r.locationSource === "map" ? r.locationSource : "none";
  return {
    category: str(r.category),
    description: str(r.description),
    answers,
    pin,
    locationSource: pin ? source : "none",
    residentialGroup: str(r.residentialGroup),
    address: str(r.address),
    name: str(r.name),
    phone: str(r.phone),
    email: str(r.email),
    notify: r.notify === true,
    consent: false,
  };
}

export function clearDraft(store: KeyValueStore): void {
  try {
    store.removeItem(DRAFT_KEY);
  } catch {
    // Nothing kept, nothing to clear.
  }
}

/** 24 random bytes as base64url: 32 characters of [A-Za-z0-9_-], as the API's x-device-id wants. */
export function newDeviceId(random: (bytes: Uint8Array) => Uint8Array): string {
  const bytes = random(new Uint8Array(24));
  let binary = "";
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

/** This phone's id for the API (its rate limit), made once and kept. */
export function deviceId(store: KeyValueStore, random: (bytes: Uint8Array) => Uint8Array): string {
  try {
    const kept = store.getItem(DEVICE_KEY);
    if (kept && /^[A-Za-z0-9_-]{16,64}$/.test(kept)) return kept;
  } catch {
    // Private mode: a new id for this page.
  }
  const id = newDeviceId(random);
  try {
    store.setItem(DEVICE_KEY, id);
  } catch {
    // Not kept: the next page makes another.
  }
  return id;
}

/** A report this phone sent: its code and the reporter's key, and when. */
export type MyReport = { code: string; reporterKey: string; at: string };

export function myReports(store: KeyValueStore): MyReport[] {
  try {
    const raw: unknown = JSON.parse(store.getItem(MINE_KEY) ?? "[]");
    if (!Array.isArray(raw)) return [];
    return raw.filter(
      (r): r is MyReport =>
        typeof r === "object" &&
        r !== null &&
        typeof (r as MyReport).code === "string" &&
        typeof (r as MyReport).reporterKey === "string" &&
        typeof (r as MyReport).at === "string",
    );
  } catch {
    return [];
  }
}

/** Keeps a report (newest first, one entry per code, at most 50). Returns whether it was kept. */
export function rememberReport(store: KeyValueStore, report: MyReport): boolean {
  const list = [report, ...myReports(store).filter((r) => r.code !== report.code)].slice(0, 50);
  try {
    store.setItem(MINE_KEY, JSON.stringify(list));
    return true;
  } catch {
    return false;
  }
}

export function reporterKeyFor(store: KeyValueStore, code: string): string | undefined {
  return myReports(store).find((r) => r.code === code)?.reporterKey;
}
