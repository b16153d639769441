import pg from "pg";
import { describe, expect, it } from "vitest";
import { DatabaseMonitor, isDatabaseUnavailable, isPoolSaturated } from "./availability.js";

const serverUrl = process.env.TEST_DATABASE_URL;
const quiet = { warn: () => undefined, info: () => undefined };

/** A query failed, as drizzle hands it on: its own error with the driver's as the cause. */
const wrapped = (cause: Error) => new Error("Failed query: select 1", { cause });
const errno = (code: string) => Object.assign(new Error(`connect ${code} 127.0.0.1:5432`), { code });

describe("which errors mean the database is away", () => {
  it("takes connection faults, through drizzle's wrapping, as the database being away", () => {
    expect(isDatabaseUnavailable(wrapped(errno("ECONNREFUSED")))).toBe(true);
    expect(isDatabaseUnavailable(Object.assign(new Error("terminating connection"), { code: "57P01" }))).toBe(true);
    expect(isDatabaseUnavailable(wrapped(new Error("Connection terminated due to connection timeout")))).toBe(true);
    expect(isDatabaseUnavailable(Object.assign(new Error("syntax error"), { code: "42601" }))).toBe(false);
  });

  it("answers a saturated pool's request with a retry, without marking the database down", () => {
    const saturated = wrapped(new Error("timeout exceeded when trying to connect"));
    expect(isPoolSaturated(saturated)).toBe(true);
    expect(isDatabaseUnavailable(saturated)).toBe(false);
    const monitor = new DatabaseMonitor(async () => undefined, quiet);
    expect(monitor.report(saturated)).toBe(false);
    expect(monitor.isDown).toBe(false);
    expect(monitor.report(wrapped(errno("ECONNREFUSED")))).toBe(true);
    expect(monitor.isDown).toBe(true);
    monitor.stop();
  });

  it.skipIf(!serverUrl)("recognises the error a real pool gives when every connection stays busy", async () => {
    const pool = new pg.Pool({ connectionString: serverUrl, max: 1, connectionTimeoutMillis: 200 });
    const held = await pool.connect();
    try {
      const error = await pool.query("select 1").then(
        () => null,
        (e: unknown) => e,
      );
      expect(isPoolSaturated(error)).toBe(true);
      expect(isDatabaseUnavailable(error)).toBe(false);
    } finally {
      held.release();
      await pool.end();
    }
  });
});
