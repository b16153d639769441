import net from "node:net";
import path from "node:path";
import { Cron } from "croner";
import { z } from "zod";

/** Configuration comes from the environment only (twelve-factor); see README "Configuration". */
const envSchema = z.object({
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  HOST: z.string().default("0.0.0.0"),
  DATABASE_URL: z.string().optional(),
  DATA_DIR: z.string().default("./data"),
  /** "true" (default for the quick start) loads the demo ward, its accounts and activity. */
  DEMO_MODE: z.enum(["true", "false"]).default("true"),
  /** Set when served over HTTPS so cookies carry the Secure flag. */
  COOKIE_SECURE: z.enum(["true", "false"]).default("false"),
  SESSION_HOURS: z.coerce
    .number()
    .positive()
    .max(24 * 30)
    .default(12),
  MAX_UPLOAD_MB: z.coerce.number().positive().max(200).default(20),
  SMTP_URL: z.string().optional(),
  MAIL_FROM: z.string().default("Phường Xanh <no-reply@localhost>"),
  /** Minutes between reminder runs. */
  REMINDER_INTERVAL_MINUTES: z.coerce.number().positive().default(60),
  /**
   * Behind a reverse proxy: the number of proxies in front of the app (`1`), or their addresses
   * and CIDR ranges (`127.0.0.1,10.0.0.0/8`). Client addresses (limits, sessions, logs) are then
   * read from X-Forwarded-For, right to left, past the trusted hops only.
   */
  TRUST_PROXY: z.string().default("false"),
  /** "true": an admin without a second factor must enrol one before doing anything else. */
  REQUIRE_2FA_ADMIN: z.enum(["true", "false"]).default("false"),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  /**
   * The address people reach the site at (https://xanh.example.vn): absolute links in share
   * previews. Unset = taken from each request's Host (and X-Forwarded-Host/-Proto behind a
   * trusted proxy).
   */
  PUBLIC_URL: z
    .string()
    .optional()
    .refine(
      (v) => !v || isSiteOrigin(v),
      "PUBLIC_URL phải là địa chỉ http(s) của trang, không có đường dẫn (ví dụ https://xanh.example.vn)",
    ),
  /** Bearer token of GET /metrics; unset = no metrics endpoint (404). */
  METRICS_TOKEN: z
    .string()
    .optional()
    .refine((v) => !v || v.length >= 16, "METRICS_TOKEN phải dài ít nhất 16 ký tự"),
  /** Cron expression (Vietnam time) of scheduled backups; unset = none. */
  BACKUP_SCHEDULE: z
    .string()
    .optional()
    .refine((v) => !v || isCron(v), "BACKUP_SCHEDULE không phải biểu thức cron hợp lệ (ví dụ 0 2 * * *)"),
  /** How many scheduled backups to keep. */
  BACKUP_KEEP: z.coerce.number().int().min(1).max(10_000).default(14),
  /** Where scheduled backups go; default DATA_DIR/backups. */
  BACKUP_DIR: z.string().optional(),
  /** Days a reporter's name, phone and email are kept after their report closes (then erased). */
  FEEDBACK_CONTACT_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(180),
  /**
   * Public report submissions per client address per hour. Generous: a mobile carrier puts many
   * residents behind one address; the per-device limit (10 an hour) is the tight one.
   */
  FEEDBACK_SUBMISSIONS_PER_ADDRESS_PER_HOUR: z.coerce.number().int().min(1).max(1_000_000).default(600),
  /** Largest photo of a report, in MB (before it is re-encoded). */
  FEEDBACK_PHOTO_MB: z.coerce.number().positive().max(50).default(10),
});

/** An http(s) origin, optionally with a trailing slash: no path, query, fragment or credentials. */
function isSiteOrigin(value: string): boolean {
  try {
    const url = new URL(value);
    return (
      (url.protocol === "https:" || url.protocol === "http:") &&
      url.pathname === "/" &&
      !url.search &&
      !url.hash &&
      !url.username &&
      !url.password
    );
  } catch {
    return false;
  }
}

function isCron(expression: string): boolean {
  try {
    new Cron(expression, { paused: true });
    return true;
  } catch {
    return false;
  }
}

export type Config = {
  port: number;
  host: string;
  databaseUrl: string | undefined;
  dataDir: string;
  filesDir: string;
  demoMode: boolean;
  cookieSecure: boolean;
  sessionHours: number;
  maxUploadBytes: number;
  smtpUrl: string | undefined;
  mailFrom: string;
  reminderIntervalMinutes: number;
  logLevel: string;
  /** false (the socket's address is the client's), a hop count, or the proxies' addresses. */
  trustProxy: TrustProxy;
  require2faAdmin: boolean;
  metricsToken: string | undefined;
  /** The site's origin (no trailing slash) for absolute links; undefined = from the request. */
  publicUrl: string | undefined;
  backupSchedule: string | undefined;
  backupKeep: number;
  backupDir: string;
  feedbackContactRetentionDays: number;
  feedbackSubmissionsPerAddressPerHour: number;
  feedbackPhotoBytes: number;
};

export type TrustProxy = false | number | string[];

// proxy-addr's names for ranges (Fastify hands the list to it).
const PROXY_RANGE_NAMES = new Set(["loopback", "linklocal", "uniquelocal"]);

function isAddressOrCidr(entry: string): boolean {
  if (PROXY_RANGE_NAMES.has(entry)) return true;
  const [address = "", prefix, ...rest] = entry.split("/");
  const family = net.isIP(address);
  if (family === 0 || rest.length > 0) return false;
  if (prefix === undefined) return true;
  if (!/^\d{1,3}$/.test(prefix)) return false;
  return Number(prefix) <= (family === 4 ? 32 : 128);
}

/**
 * TRUST_PROXY: never "trust everyone". With `true`, Fastify takes the left-most
 * X-Forwarded-For address — the one the client writes itself — so every per-address limit
 * could be dodged by a made-up header.
 */
export function parseTrustProxy(value: string): TrustProxy {
  const text = value.trim().toLowerCase();
  if (text === "" || text === "false" || text === "0") return false;
  if (text === "true" || text === "*") {
    throw new Error(
      "TRUST_PROXY=true không được chấp nhận: nó tin mọi địa chỉ trong X-Forwarded-For, kể cả địa chỉ do trình duyệt tự ghi. " +
        "Hãy ghi số proxy đứng trước ứng dụng (ví dụ TRUST_PROXY=1 khi chỉ có một nginx/Caddy), " +
        "hoặc địa chỉ của proxy (ví dụ TRUST_PROXY=127.0.0.1 hoặc TRUST_PROXY=10.0.0.0/8,192.168.1.10). " +
        "(TRUST_PROXY=true trusts any client-written X-Forwarded-For: write the number of proxy hops, e.g. 1, or the proxies' addresses.)",
    );
  }
  if (/^\d+$/.test(text)) {
    const hops = Number(text);
    if (hops > 10) throw new Error(`TRUST_PROXY=${value}: số proxy quá lớn (tối đa 10).`);
    return hops;
  }
  const entries = text.split(",").map((e) => e.trim());
  const bad = entries.filter((e) => !isAddressOrCidr(e));
  if (bad.length > 0 || entries.length === 0) {
    throw new Error(
      `TRUST_PROXY: "${bad.join(", ")}" không phải địa chỉ IP hay dải CIDR. Ghi số proxy (ví dụ 1) hoặc danh sách địa chỉ cách nhau bởi dấu phẩy (ví dụ 127.0.0.1,10.0.0.0/8).`,
    );
  }
  return entries;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env, overrides: Partial<Config> = {}): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
    throw new Error(`Cấu hình không hợp lệ (invalid configuration): ${issues}`);
  }
  const e = parsed.data;
  const dataDir = path.resolve(overrides.dataDir ?? e.DATA_DIR);
  return {
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL || undefined,
    dataDir,
    filesDir: path.join(dataDir, "files"),
    demoMode: e.DEMO_MODE === "true",
    cookieSecure: e.COOKIE_SECURE === "true",
    sessionHours: e.SESSION_HOURS,
    maxUploadBytes: Math.round(e.MAX_UPLOAD_MB * 1024 * 1024),
    smtpUrl: e.SMTP_URL || undefined,
    mailFrom: e.MAIL_FROM,
    reminderIntervalMinutes: e.REMINDER_INTERVAL_MINUTES,
    logLevel: e.LOG_LEVEL,
    trustProxy: parseTrustProxy(e.TRUST_PROXY),
    require2faAdmin: e.REQUIRE_2FA_ADMIN === "true",
    metricsToken: e.METRICS_TOKEN || undefined,
    publicUrl: e.PUBLIC_URL ? new URL(e.PUBLIC_URL).origin : undefined,
    backupSchedule: e.BACKUP_SCHEDULE?.trim() || undefined,
    backupKeep: e.BACKUP_KEEP,
    backupDir: e.BACKUP_DIR ? path.resolve(e.BACKUP_DIR) : path.join(dataDir, "backups"),
    feedbackContactRetentionDays: e.FEEDBACK_CONTACT_RETENTION_DAYS,
    feedbackSubmissionsPerAddressPerHour: e.FEEDBACK_SUBMISSIONS_PER_ADDRESS_PER_HOUR,
    feedbackPhotoBytes: Math.round(e.FEEDBACK_PHOTO_MB * 1024 * 1024),
    ...overrides,
  };
}
