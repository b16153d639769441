import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../test/harness.js";
import { serializeError } from "./logging.js";

let t: TestApp;
const logLines: string[] = [];
beforeAll(async () => {
  t = await startTestApp({ logStream: { write: (line: string) => logLines.push(line) } });
});
afterAll(async () => t?.close());

const logged = () => logLines.map((l) => JSON.parse(l) as Record<string, unknown>);

describe("request ids", () => {
  it("keep a well-formed x-request-id, echo it, and put it in error bodies", async () => {
    const response = await t.app.inject({
      method: "GET",
      url: "/api/tasks",
      headers: { "x-request-id": "proxy-7f3a.91:2" },
    });
    expect(response.statusCode).toBe(401);
    expect(response.headers["x-request-id"]).toBe("proxy-7f3a.91:2");
    expect(response.json().error).toMatchObject({ code: "UNAUTHENTICATED", requestId: "proxy-7f3a.91:2" });
    // The log line of that request carries the same id.
    expect(logged().some((l) => l.reqId === "proxy-7f3a.91:2")).toBe(true);
  });

  it("replace a malformed or oversized one with a new id", async () => {
    for (const bad of ["có dấu", "a".repeat(129), "x\r\nset-cookie: y", "<script>"]) {
      const response = await t.app.inject({ method: "GET", url: "/api/khong-co", headers: { "x-request-id": bad } });
      const id = response.headers["x-request-id"];
      expect(id).toMatch(/^[0-9a-f-]{36}$/);
      expect(response.json().error).toMatchObject({ code: "NOT_FOUND", requestId: id });
    }
    const plain = await t.app.inject({ method: "GET", url: "/api/health" });
    expect(plain.headers["x-request-id"]).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe("error logs", () => {
  it("of a failed query carry neither its parameters nor a password hash", async () => {
    const admin = await t.login("admin");
    const users = (await t.app.inject({ method: "GET", url: "/api/users", headers: admin })).json().users as {
      id: string;
      username: string;
    }[];
    const target = users.find((u) => u.username === "kinhte");
    // Any new row version of users is refused: the password change fails inside PostgreSQL.
    await t.database.db.execute(sql`alter table users add constraint px_test_frozen check (false) not valid`);
    try {
      const newPassword = "mat-khau-moi-rat-dai-2026";
      const response = await t.app.inject({
        method: "PATCH",
        url: `/api/users/${target?.id}`,
        headers: { ...admin, "x-request-id": "forced-db-error" },
        payload: { password: newPassword },
      });
      expect(response.statusCode).toBe(500);
      expect(response.json().error).toMatchObject({ code: "INTERNAL", requestId: "forced-db-error" });
      const line = logged().find((l) => l.reqId === "forced-db-error" && l.level === 50);
      expect(line).toBeDefined();
      const err = line?.err as { type: string; message: string; params?: unknown; cause?: Record<string, unknown> };
      expect(err.type).toBe("DrizzleQueryError");
      expect(err.message).toMatch(/^Failed query: update "users"/);
      expect(err.message).toContain("params: [redacted]");
      expect(err.params).toBeUndefined();
      expect(err.cause).toMatchObject({ code: "23514", constraint: "px_test_frozen" });
      // PostgreSQL's "Failing row contains (…)" detail would quote the whole row.
      expect(err.cause?.detail).toBeUndefined();
      const text = logLines.join("");
      expect(text).not.toContain("$argon2");
      expect(text).not.toContain(newPassword);
    } finally {
      await t.database.db.execute(sql`alter table users drop constraint px_test_frozen`);
    }
  });

  it("serializer: what the raw error holds (values, hash, row detail) is dropped; secrets by name are redacted", async () => {
    const hash = "$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA";
    const cause = Object.assign(new Error('new row for relation "users" violates check constraint "x"'), {
      code: "23514",
      detail: `Failing row contains (kinhte, ${hash}).`,
      where: "SQL statement",
    });
    const error = Object.assign(
      new Error(`Failed query: update "users" set "password_hash" = $1 where "id" = $2\nparams: ${hash},42`),
      { params: [hash, 42], query: 'update "users" set "password_hash" = $1', cause, sessionToken: "abc" },
    );
    expect(JSON.stringify({ message: error.message, params: error.params, detail: cause.detail })).toContain(hash);
    const out = serializeError(error);
    expect(JSON.stringify(out)).not.toContain(hash);
    expect(out).toMatchObject({
      message: 'Failed query: update "users" set "password_hash" = $1 where "id" = $2\nparams: [redacted]',
      query: 'update "users" set "password_hash" = $1',
      sessionToken: "[redacted]",
      cause: { code: "23514" },
    });
    expect(String(out.stack)).toContain("params: [redacted]");
  });
});
