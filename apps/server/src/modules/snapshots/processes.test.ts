import crypto from "node:crypto";
import { afterAll, describe, expect, it, vi } from "vitest";
import { cleanUpProcesses, eventually, login, serve, sessionOf, tempDir } from "../../test/processes.js";
import { withServerClient } from "../../test/harness.js";

/**
 * Two app processes on one PostgreSQL database agree on what a page shows: the revision lives in
 * the database, so a write through one is served by the other (within its revision TTL, 1 s).
 */
// Two servers start (migrations, demo data) before anything is asked.
vi.setConfig({ testTimeout: 240_000 });
const serverUrl = process.env.TEST_DATABASE_URL;
const name = `px_test_procs_${crypto.randomBytes(4).toString("hex")}`;

afterAll(async () => {
  cleanUpProcesses();
  if (serverUrl) await withServerClient(serverUrl, (c) => c.query(`drop database if exists ${name} with (force)`));
});

describe.skipIf(!serverUrl)("two app processes on one PostgreSQL database", () => {
  it("serve the same snapshot, and both follow a write made through either", async () => {
    if (!serverUrl) return;
    await withServerClient(serverUrl, (c) => c.query(`create database ${name}`));
    const url = new URL(serverUrl);
    url.pathname = `/${name}`;
    const env = { DATABASE_URL: url.toString(), DEMO_MODE: "true" };
    const a = await serve(tempDir(), env);
    const b = await serve(tempDir(), env);
    const plan = async (base: string) => {
      const response = await fetch(`${base}/api/public/plan`);
      return { status: response.status, etag: response.headers.get("etag"), body: await response.text() };
    };
    const [fromA, fromB] = [await plan(a.url), await plan(b.url)];
    // On failure, what each process answered and logged.
    const told = (r: { status: number; body: string }) =>
      `${r.status} ${r.body.slice(0, 500)}\nA: ${a.log()}\nB: ${b.log()}`;
    expect(fromA.status, told(fromA)).toBe(200);
    expect(fromB.status, told(fromB)).toBe(200);
    expect(fromA.etag).toBeTruthy();
    expect(fromB.etag).toBe(fromA.etag);
    expect(fromB.body).toBe(fromA.body);

    // A leader renames a task through A.
    const session = sessionOf(await login(a.url, "admin", "xanh2026"));
    const tasks = (await (await fetch(`${a.url}/api/tasks`, { headers: session })).json()) as {
      tasks: { id: string; kind: string; version: number }[];
    };
    const task = tasks.tasks.find((x) => x.kind === "task");
    if (!task) throw new Error("no task");
    const title = `Nhiệm vụ của hai tiến trình ${Date.now()}`;
    const edited = await fetch(`${a.url}/api/tasks/${task.id}`, {
      method: "PATCH",
      headers: { ...session, "content-type": "application/json" },
      body: JSON.stringify({ version: task.version, title }),
    });
    expect(edited.status).toBe(200);
    // A shows it at once; B as soon as its reading of the revision is older than the TTL.
    const afterA = await plan(a.url);
    expect(afterA.body).toContain(title);
    expect(afterA.etag).not.toBe(fromA.etag);
    await eventually(async () => (await plan(b.url)).etag === afterA.etag, "B serves A's write");
    expect((await plan(b.url)).body).toBe(afterA.body);

    // A 304 from either process for the other's ETag: the bytes are the same.
    const revalidated = await fetch(`${b.url}/api/public/plan`, { headers: { "if-none-match": afterA.etag ?? "" } });
    expect(revalidated.status).toBe(304);
  });
});
