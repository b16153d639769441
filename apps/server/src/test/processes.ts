import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

/** The real CLI, run as separate processes, as an operator runs it. */
const cli = fileURLToPath(new URL("../cli.ts", import.meta.url));
const dirs: string[] = [];
const children: ChildProcess[] = [];

/** Kills every process and removes every folder the test file made (call from afterAll). */
export function cleanUpProcesses(): void {
  for (const child of children) child.kill("SIGKILL");
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
}

export function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "px-cli-"));
  dirs.push(dir);
  return dir;
}

/** Runs a CLI command to its end. */
export function runCli(
  args: string[],
  env: Record<string, string> = {},
): Promise<{ code: number | null; out: string }> {
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

export async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = net.createServer().listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });
}

export type ServerProcess = {
  child: ChildProcess;
  port: number;
  url: string;
  exited: Promise<number | null>;
  /** Everything the process wrote so far (stdout and stderr). */
  log(): string;
};

/** Starts `serve` on a free port and waits until it is ready; fails at once if the process exits. */
export async function serve(dataDir: string, env: Record<string, string> = {}): Promise<ServerProcess> {
  const server = await spawnServer(dataDir, env);
  await server.ready();
  return server;
}

/** Starts `serve` on a free port without waiting: `ready()` waits (bounded) for /api/health. */
export async function spawnServer(
  dataDir: string,
  env: Record<string, string> = {},
): Promise<ServerProcess & { ready(): Promise<void> }> {
  const port = await freePort();
  const child = spawn(process.execPath, ["--import", "tsx", cli, "serve", "--data-dir", dataDir], {
    env: { ...process.env, LOG_LEVEL: "warn", DATABASE_URL: "", PORT: String(port), HOST: "127.0.0.1", ...env },
  });
  children.push(child);
  let log = "";
  child.stdout.on("data", (d: Buffer) => (log += d.toString()));
  child.stderr.on("data", (d: Buffer) => (log += d.toString()));
  let exitCode: number | null | undefined;
  const exited = new Promise<number | null>((resolve) =>
    child.on("exit", (code) => {
      exitCode = code;
      resolve(code);
    }),
  );
  const url = `http://127.0.0.1:${port}`;
  const ready = async () => {
    for (let i = 0; i < 480 && exitCode === undefined; i++) {
      try {
        const r = await fetch(`${url}/api/health`);
        if (r.ok) return;
      } catch {
        // Not listening yet.
      }
      await new Promise((r) => setTimeout(r, 250));
    }
    throw new Error(`server did not start (exit ${String(exitCode)}): ${log}`);
  };
  return { child, port, url, exited, log: () => log, ready };
}

/** Waits (bounded) until `check` holds; the bound is generous: tests never time things. */
export async function eventually(check: () => Promise<boolean>, what: string, attempts = 240): Promise<void> {
  for (let i = 0; i < attempts; i++) {
    if (await check().catch(() => false)) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`never happened: ${what}`);
}

export const login = (url: string, username: string, password: string) =>
  fetch(`${url}/api/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ username, password }),
  });

/** Cookie and CSRF headers of a fetch sign-in response. */
export function sessionOf(response: Response): Record<string, string> {
  const cookies = response.headers.getSetCookie().map((c) => c.split(";")[0] ?? "");
  const csrf = cookies.find((c) => c.startsWith("px_csrf="))?.slice("px_csrf=".length) ?? "";
  return { cookie: cookies.join("; "), "x-csrf-token": csrf };
}
