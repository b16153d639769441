import { execFile } from "node:child_process";
import crypto from "node:crypto";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { withServerClient } from "./harness.js";
import { cleanUpProcesses, eventually, login, serve, sessionOf, spawnServer, tempDir } from "./processes.js";

/**
 * PostgreSQL stopped and started under the running app. It needs a server of its own to stop:
 * CI creates one (`pg_createcluster 15 faults`, see .ci/run) and names it here:
 * TEST_PG_FAULT_CLUSTER="15/faults", TEST_PG_FAULT_URL=postgres://…:5433/postgres.
 */
const cluster = process.env.TEST_PG_FAULT_CLUSTER;
const serverUrl = process.env.TEST_PG_FAULT_URL;
const run = promisify(execFile);

async function pgCluster(action: "stop" | "start") {
  const [version, name] = (cluster ?? "").split("/");
  if (!version || !name) throw new Error(`TEST_PG_FAULT_CLUSTER must read VERSION/NAME, not ${cluster}`);
  // "fast": the server terminates every session ("terminating connection due to administrator command").
  await run("pg_ctlcluster", action === "stop" ? [version, name, "stop", "-m", "fast"] : [version, name, "start"]);
}

const databaseName = `px_fault_${crypto.randomBytes(5).toString("hex")}`;
afterAll(async () => {
  cleanUpProcesses();
  if (!serverUrl) return;
  await pgCluster("start").catch(() => undefined);
  await withServerClient(serverUrl, (c) => c.query(`drop database if exists ${databaseName} with (force)`));
});

describe.skipIf(!cluster || !serverUrl)("PostgreSQL restarted under the running app", () => {
  it("answers 503 while it is down, never exits, recovers by itself and loses no acknowledged write", async () => {
    if (!serverUrl) return;
    await withServerClient(serverUrl, (c) => c.query(`create database ${databaseName}`));
    const url = new URL(serverUrl);
    url.pathname = `/${databaseName}`;
    const app = await serve(tempDir(), { DATABASE_URL: url.toString(), DEMO_MODE: "true" });
    const session = sessionOf(await login(app.url, "admin", "xanh2026"));
    const headers = { ...session, "content-type": "application/json" };

    // Units written one after another, before, during and after the outage.
    const acknowledged: string[] = [];
    const statuses = new Map<number, number>();
    let n = 0;
    const writeUnit = async () => {
      const code = `to-thu-${n++}`;
      const response = await fetch(`${app.url}/api/units`, {
        method: "POST",
        headers,
        body: JSON.stringify({
          code,
          name: `Tổ thử ${code}`,
          shortName: code,
          kind: "residential_group",
          parentId: null,
          households: 10,
        }),
      });
      statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
      if (response.status === 201) acknowledged.push(code);
      return response;
    };
    let writing = true;
    const writer = (async () => {
      for (let i = 0; writing && i < 5_000; i++) await writeUnit().catch(() => undefined);
    })();
    await eventually(async () => acknowledged.length >= 5, "writes before the outage");

    await pgCluster("stop");
    const health = await fetch(`${app.url}/api/health`).catch((error: unknown) => {
      throw new Error(`the app is gone (exit ${String(app.child.exitCode)}): ${app.log()}`, { cause: error });
    });
    expect(health.status).toBe(503);
    expect(await health.json()).toEqual({ status: "unavailable", database: "postgres" });
    expect((await fetch(`${app.url}/api/health/live`)).status).toBe(200);
    const refused = await writeUnit();
    expect(refused.status).toBe(503);
    expect(refused.headers.get("retry-after")).toMatch(/^\d+$/);
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe("DATABASE_UNAVAILABLE");
    const read = await fetch(`${app.url}/api/tasks`, { headers: session });
    expect(read.status).toBe(503);
    expect(app.child.exitCode).toBeNull();

    await pgCluster("start");
    await eventually(async () => (await fetch(`${app.url}/api/health`)).status === 200, "readiness after restart");
    const before = acknowledged.length;
    await eventually(async () => acknowledged.length > before + 3, "writes after the restart");
    writing = false;
    await writer;

    expect(app.child.exitCode).toBeNull();
    expect(statuses.get(500) ?? 0).toBe(0);
    expect(statuses.get(503) ?? 0).toBeGreaterThan(0);
    const units = (await (await fetch(`${app.url}/api/units`, { headers: session })).json()) as {
      units: { code: string }[];
    };
    const stored = new Set(units.units.map((u) => u.code));
    expect(acknowledged.filter((code) => !stored.has(code))).toEqual([]);
    expect(app.log()).not.toMatch(/Unhandled|uncaught/i);
  });

  it("waits for a database that is not up yet at start, instead of exiting", async () => {
    if (!serverUrl) return;
    await pgCluster("stop");
    const url = new URL(serverUrl);
    url.pathname = `/${databaseName}`;
    const app = await spawnServer(tempDir(), { DATABASE_URL: url.toString(), DEMO_MODE: "false" });
    await eventually(async () => app.log().includes("database unreachable, retrying"), "a failed first attempt");
    expect(app.child.exitCode).toBeNull();
    await pgCluster("start");
    await app.ready();
    expect((await fetch(`${app.url}/api/health`)).status).toBe(200);
  });
});
