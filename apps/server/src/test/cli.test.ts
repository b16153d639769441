import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";

/** The real CLI, run as separate processes, as an operator runs it. */
const cli = fileURLToPath(new URL("../cli.ts", import.meta.url));
const dirs: string[] = [];
const children: ChildProcess[] = [];
afterAll(() => {
  for (const child of children) child.kill("SIGKILL");
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});

function tempDir() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "px-cli-"));
  dirs.push(dir);
  return dir;
}

function run(args: string[], env: Record<string, string> = {}): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ["--import", "tsx", cli, ...args], {
      env: { ...process.env, LOG_LEVEL: "warn", DATABASE_URL: "", ...env },
    });
    let out = "";
    child.stdout.on("data", (d: Buffer) => (out += d.toString()));
    child.stderr.on("data", (d: Buffer) => (out += d.toString()));
    child.on("exit", (code) => resolve({ code, out }));
  });
}

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = net.createServer().listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });
}

async function serve(dataDir: string, env: Record<string, string>) {
  const port = await freePort();
  const child = spawn(process.execPath, ["--import", "tsx", cli, "serve", "--data-dir", dataDir], {
    env: { ...process.env, LOG_LEVEL: "warn", DATABASE_URL: "", PORT: String(port), HOST: "127.0.0.1", ...env },
  });
  children.push(child);
  let log = "";
  child.stderr.on("data", (d: Buffer) => (log += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on("exit", resolve));
  for (let i = 0; i < 240; i++) {
    try {
      const r = await fetch(`http://127.0.0.1:${port}/api/health`);
      if (r.ok) return { child, port, exited, log: () => log };
    } catch {
      await new Promise((r) => setTimeout(r, 250));
    }
  }
  throw new Error(`server did not start: ${log}`);
}

const login = (port: number, username: string, password: string) =>
  fetch(`http://127.0.0.1:${port}/api/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ username, password }),
  });

describe("the embedded database's lock", () => {
  it("refuses a second process on the same data folder, and frees it on SIGTERM", async () => {
    const dataDir = tempDir();
    const server = await serve(dataDir, { DEMO_MODE: "false" });
    const second = await run(["backup", "--data-dir", dataDir, "--out", path.join(dataDir, "x.gz")]);
    expect(second.code).toBe(75);
    expect(second.out).toContain("đang được một tiến trình Phường Xanh khác sử dụng");
    const secondServer = await run(["serve", "--data-dir", dataDir], { PORT: String(await freePort()) });
    expect(secondServer.code).toBe(75);
    server.child.kill("SIGTERM");
    expect(await server.exited).toBe(0);
    const after = await run(["backup", "--data-dir", dataDir, "--out", path.join(dataDir, "after.gz")]);
    expect(after.code, after.out).toBe(0);
    expect(fs.existsSync(path.join(dataDir, "after.gz"))).toBe(true);
  });
});

describe("demo mode off", () => {
  it("creates no default account; the CLI opens a ward and its first admin", async () => {
    const dataDir = tempDir();
    const bare = await serve(dataDir, { DEMO_MODE: "false" });
    expect((await login(bare.port, "admin", "xanh2026")).status).toBe(401);
    bare.child.kill("SIGTERM");
    await bare.exited;
    const ward = await run(["create-ward", "--data-dir", dataDir, "--code", "do-son", "--name", "Phường Đồ Sơn"]);
    expect(ward.code, ward.out).toBe(0);
    const admin = await run([
      "create-admin",
      "--data-dir",
      dataDir,
      "--ward",
      "do-son",
      "--username",
      "quantri",
      "--password",
      "do-son-2026-xanh",
    ]);
    expect(admin.code, admin.out).toBe(0);
    const server = await serve(dataDir, { DEMO_MODE: "false" });
    const ok = await login(server.port, "quantri", "do-son-2026-xanh");
    expect(ok.status).toBe(200);
    expect(((await ok.json()) as { ward: { code: string } }).ward.code).toBe("do-son");
    for (const demo of ["admin", "lanhdao", "vanphong", "kinhte"])
      expect((await login(server.port, demo, "xanh2026")).status).toBe(401);
    server.child.kill("SIGINT");
    expect(await server.exited).toBe(0);
  });
});
