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
  /** "true" behind a reverse proxy: client addresses (rate limits, logs) come from X-Forwarded-For. */
  TRUST_PROXY: z.enum(["true", "false"]).default("false"),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
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
});

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
  trustProxy: boolean;
  metricsToken: string | undefined;
  backupSchedule: string | undefined;
  backupKeep: number;
  backupDir: string;
};

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
    trustProxy: e.TRUST_PROXY === "true",
    metricsToken: e.METRICS_TOKEN || undefined,
    backupSchedule: e.BACKUP_SCHEDULE?.trim() || undefined,
    backupKeep: e.BACKUP_KEEP,
    backupDir: e.BACKUP_DIR ? path.resolve(e.BACKUP_DIR) : path.join(dataDir, "backups"),
    ...overrides,
  };
}
