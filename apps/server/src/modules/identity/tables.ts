import { sql } from "drizzle-orm";
import {
  bigint,
  bigserial,
  boolean,
  check,
  doublePrecision,
  foreignKey,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  unique,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";

/**
 * Phường / xã: the tenant. Not itself keyed by ward_id: on Citus it is a reference table (a copy
 * on every node), which every ward-owned table may reference (README "Outgrowing one database").
 */
export const wards = pgTable(
  "wards",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    code: text("code").notNull().unique(),
    name: text("name").notNull(),
    /** "Hải Phòng" */
    province: text("province").notNull(),
    /** Demo wards carry generated activity, labelled as such in the UI. */
    isDemo: boolean("is_demo").notNull().default(false),
    /** Where the ward is (WGS 84 degrees), for the city's map; null until someone sets it. */
    latitude: doublePrecision("latitude"),
    longitude: doublePrecision("longitude"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check(
      "wards_position_check",
      sql`(${t.latitude} is null) = (${t.longitude} is null) and ${t.latitude} between -90 and 90 and ${t.longitude} between -180 and 180`,
    ),
  ],
);

/**
 * The tenant key every ward-owned row carries (DESIGN: many wards, one database). A ward-owned
 * table also has ward_id in its primary key or a unique key (`(ward_id, id)` beside the `id`
 * primary key), and its foreign keys to other ward-owned tables are composite
 * `(ward_id, x_id) -> x(ward_id, id)`: a row cannot point into another ward, and the tables can be
 * distributed by ward_id (src/db/tenant-keys.test.ts holds the rule).
 */
export const wardIdColumn = () =>
  uuid("ward_id")
    .notNull()
    .references(() => wards.id);

/** Cơ quan, đơn vị — also tổ dân phố, trường học, doanh nghiệp (kind tells which). */
export const units = pgTable(
  "units",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    wardId: wardIdColumn(),
    code: text("code").notNull(),
    name: text("name").notNull(),
    shortName: text("short_name").notNull(),
    kind: text("kind").notNull(),
    parentId: uuid("parent_id"),
    /** Số hộ — residential groups only; the denominator of household indicators. */
    households: integer("households"),
    position: integer("position").notNull().default(0),
    active: boolean("active").notNull().default(true),
  },
  (t) => [
    unique("units_ward_id_id_uq").on(t.wardId, t.id),
    uniqueIndex("units_ward_code_uq").on(t.wardId, t.code),
    index("units_ward_kind_idx").on(t.wardId, t.kind),
    /** Đơn vị cấp trên: in the same ward. */
    foreignKey({ name: "units_parent_fk", columns: [t.wardId, t.parentId], foreignColumns: [t.wardId, t.id] }),
  ],
);

export const users = pgTable(
  "users",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    wardId: wardIdColumn(),
    username: text("username").notNull(),
    displayName: text("display_name").notNull(),
    email: text("email"),
    passwordHash: text("password_hash").notNull(),
    role: text("role").notNull(),
    unitId: uuid("unit_id"),
    active: boolean("active").notNull().default(true),
    /** Xác thực hai bước: the TOTP secret (base32) once enrolment is confirmed. */
    totpSecret: text("totp_secret"),
    /** A secret shown during enrolment, not yet confirmed with a code. */
    totpPendingSecret: text("totp_pending_secret"),
    totpEnabledAt: timestamp("totp_enabled_at", { withTimezone: true }),
    /** The last TOTP time step accepted: a code of that step or an earlier one is a replay. */
    totpLastStep: bigint("totp_last_step", { mode: "number" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique("users_ward_id_id_uq").on(t.wardId, t.id),
    // User names are global: login carries no ward. The one unique key without ward_id, which is
    // why users is a reference table on Citus, not a distributed one (README).
    uniqueIndex("users_username_uq").on(sql`lower(${t.username})`),
    foreignKey({ name: "users_unit_fk", columns: [t.wardId, t.unitId], foreignColumns: [units.wardId, units.id] }),
  ],
);

export const sessions = pgTable(
  "sessions",
  {
    /** sha256 of the cookie token: a leaked table does not leak live sessions. */
    tokenHash: text("token_hash").primaryKey(),
    /** What the profile page names a session by (the token hash is never shown). */
    id: uuid("id").notNull().unique().defaultRandom(),
    userId: uuid("user_id").notNull(),
    /** The user's ward. */
    wardId: wardIdColumn(),
    csrfToken: text("csrf_token").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    /** Updated at most once a minute, so reading a page does not write a row each time. */
    lastUsedAt: timestamp("last_used_at", { withTimezone: true }).notNull().defaultNow(),
    /** Client address (behind TRUST_PROXY) and browser of the last use, shown to the user. */
    address: text("address"),
    userAgent: text("user_agent"),
    /**
     * A city account's choice of ward to read (Thành phố xem phường): its reads show that ward,
     * read-only. Null: its own ward. Ignored for every other role.
     */
    viewingWardId: uuid("viewing_ward_id").references(() => wards.id),
  },
  (t) => [
    index("sessions_user_idx").on(t.userId),
    foreignKey({ name: "sessions_user_fk", columns: [t.wardId, t.userId], foreignColumns: [users.wardId, users.id] }),
  ],
);

/**
 * Failed sign-in counters, one row per key: `account:<name>` (any name typed, known or not),
 * `address:<ip>`, `device:<id>`, `second-factor:<user id>`, `reauth:<user id>`. Each attempt is
 * counted by one atomic upsert before the password is checked (see throttle.ts).
 */
export const loginThrottles = pgTable(
  "login_throttles",
  {
    key: text("key").primaryKey(),
    /** Every attempt since the counter last started, refused ones included. */
    attempts: integer("attempts").notNull(),
    /** Attempts let through to a password check that did not (yet) succeed. */
    failures: integer("failures").notNull(),
    /** Attempts before this time are refused without checking anything. */
    blockedUntil: timestamp("blocked_until", { withTimezone: true }),
    /** Whether the last attempt was let through (read back by the same statement). */
    allowed: boolean("allowed").notNull(),
    lastAttemptAt: timestamp("last_attempt_at", { withTimezone: true }).notNull(),
  },
  (t) => [index("login_throttles_last_idx").on(t.lastAttemptAt)],
);

/**
 * Thiết bị đã đăng nhập: a browser where the user signed in before carries a device cookie
 * (OWASP "device cookies"); its sign-ins are throttled per device, so strangers hammering the
 * account cannot lock the user out of a browser they already use.
 */
export const loginDevices = pgTable(
  "login_devices",
  {
    /** sha256 of the cookie value, like session tokens. */
    tokenHash: text("token_hash").primaryKey(),
    id: uuid("id").notNull().unique().defaultRandom(),
    userId: uuid("user_id").notNull(),
    /** The user's ward. */
    wardId: wardIdColumn(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    lastUsedAt: timestamp("last_used_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("login_devices_user_idx").on(t.userId),
    foreignKey({
      name: "login_devices_user_fk",
      columns: [t.wardId, t.userId],
      foreignColumns: [users.wardId, users.id],
    }),
  ],
);

/** Mã khôi phục: single-use codes for when the authenticator is lost; only hashes are kept. */
export const recoveryCodes = pgTable(
  "recovery_codes",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    /** The user's ward. */
    wardId: wardIdColumn(),
    userId: uuid("user_id").notNull(),
    codeHash: text("code_hash").notNull(),
    usedAt: timestamp("used_at", { withTimezone: true }),
  },
  (t) => [
    unique("recovery_codes_ward_id_id_uq").on(t.wardId, t.id),
    uniqueIndex("recovery_codes_user_hash_uq").on(t.wardId, t.userId, t.codeHash),
    foreignKey({
      name: "recovery_codes_user_fk",
      columns: [t.wardId, t.userId],
      foreignColumns: [users.wardId, users.id],
    }),
  ],
);

/** A password accepted, a second factor awaited: short-lived and no session. */
export const loginChallenges = pgTable(
  "login_challenges",
  {
    tokenHash: text("token_hash").primaryKey(),
    userId: uuid("user_id").notNull(),
    /** The user's ward. */
    wardId: wardIdColumn(),
    /** The device cookie's throttle key the password step used, if any (kept for the session). */
    viaDevice: boolean("via_device").notNull(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
  },
  (t) => [
    foreignKey({
      name: "login_challenges_user_fk",
      columns: [t.wardId, t.userId],
      foreignColumns: [users.wardId, users.id],
    }),
  ],
);

/**
 * Nhật ký đăng nhập: every sign-in, failure, throttle, second-factor step and sign-out. Apart
 * from audit_log because a name that exists nowhere has no ward (audit_log.ward_id is not
 * null), and because it is kept for a bounded time (SIGN_IN_EVENT_DAYS in sign-in.ts): the
 * names typed are personal data, sometimes a password typed in the wrong field.
 */
export const signInEvents = pgTable(
  "sign_in_events",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
    event: text("event").notNull(),
    /** The name as typed (lower-cased, cut to 100 characters). */
    username: text("username"),
    userId: uuid("user_id"),
    wardId: uuid("ward_id"),
    address: text("address"),
    userAgent: text("user_agent"),
    detail: jsonb("detail"),
  },
  (t) => [
    index("sign_in_events_at_idx").on(t.at),
    index("sign_in_events_user_idx").on(t.userId, t.at),
    index("sign_in_events_ward_idx").on(t.wardId, t.at),
  ],
);
