import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import { afterAll, describe, expect, it, vi } from "vitest";
import { cleanUpProcesses, eventually, freePort, login, runCli as run, serve, tempDir } from "./processes.js";

afterAll(cleanUpProcesses);
// Each test starts real server processes (a few seconds each, more on a busy 2-core machine).
vi.setConfig({ testTimeout: 180_000 });

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

describe("restart and stop", () => {
  it("serves again right after kill -9: the kernel frees the data-folder lock with the process", async () => {
    const dataDir = tempDir();
    const first = await serve(dataDir, { DEMO_MODE: "false" });
    first.child.kill("SIGKILL");
    await first.exited;
    // Before, the stale lock file kept the folder "in use by another process" for up to 30 s.
    const second = await serve(dataDir, { DEMO_MODE: "false" });
    const health = await fetch(`${second.url}/api/health`);
    expect(health.status).toBe(200);
    expect(second.log()).not.toContain("đang được một tiến trình Phường Xanh khác sử dụng");
    second.child.kill("SIGTERM");
    expect(await second.exited).toBe(0);
  });

  it("on SIGTERM refuses new connections, finishes the request in flight, then exits cleanly", async () => {
    const dataDir = tempDir();
    const server = await serve(dataDir, { DEMO_MODE: "false", LOG_LEVEL: "debug" });
    // A slow client: headers and half the body now, the rest after the signal.
    const body = JSON.stringify({ username: "khong-co-ai", password: "mat-khau-sai-2026" });
    const half = Math.floor(body.length / 2);
    const socket = net.connect(server.port, "127.0.0.1");
    let answer = "";
    socket.on("data", (d: Buffer) => (answer += d.toString()));
    const closed = new Promise<void>((resolve) => socket.on("close", () => resolve()));
    socket.write(
      `POST /api/auth/login HTTP/1.1\r\nhost: 127.0.0.1\r\ncontent-type: application/json\r\ncontent-length: ${Buffer.byteLength(body)}\r\n\r\n${body.slice(0, half)}`,
    );
    // The server has the request once it logs its arrival (onRequest runs before the body is read).
    await eventually(
      async () => server.log().includes('"url":"/api/auth/login"') && server.log().includes("incoming request"),
      "request received",
    );
    server.child.kill("SIGTERM");
    await eventually(async () => {
      try {
        await fetch(`${server.url}/api/health/live`);
        return false;
      } catch {
        return true;
      }
    }, "new connections refused while stopping");
    expect(server.child.exitCode).toBeNull();
    socket.write(body.slice(half));
    await closed;
    expect(answer).toMatch(/^HTTP\/1.1 401/);
    expect(answer).toContain("LOGIN_FAILED");
    expect(await server.exited).toBe(0);
  });
});

describe("demo mode off", () => {
  it("creates no default account; the CLI opens a ward and its first admin", async () => {
    const dataDir = tempDir();
    const bare = await serve(dataDir, { DEMO_MODE: "false" });
    expect((await login(bare.url, "admin", "xanh2026")).status).toBe(401);
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
    // The city's account (reads every ward, writes none) is given here, like the platform's.
    const cityArgs = ["create-admin", "--data-dir", dataDir, "--ward", "do-son", "--password", "thanh-pho-2026-xanh"];
    const both = await run([...cityArgs, "--username", "ca-hai", "--city", "--platform"]);
    expect(both.code).not.toBe(0);
    expect(both.out).toContain("Chỉ chọn một trong --platform và --city");
    const city = await run([...cityArgs, "--username", "thanhpho", "--city"]);
    expect(city.code, city.out).toBe(0);
    expect(city.out).toContain('Đã tạo tài khoản thành phố "thanhpho"');
    const server = await serve(dataDir, { DEMO_MODE: "false" });
    const ok = await login(server.url, "quantri", "do-son-2026-xanh");
    expect(ok.status).toBe(200);
    expect(((await ok.json()) as { ward: { code: string } }).ward.code).toBe("do-son");
    const cityLogin = await login(server.url, "thanhpho", "thanh-pho-2026-xanh");
    expect(((await cityLogin.json()) as { role: string; displayName: string }).role).toBe("city");
    for (const demo of ["admin", "lanhdao", "vanphong", "kinhte"])
      expect((await login(server.url, demo, "xanh2026")).status).toBe(401);
    server.child.kill("SIGINT");
    expect(await server.exited).toBe(0);
  });
});

describe("export-report", () => {
  it("gives, with the server stopped, the report the web download gives; clear errors otherwise", async () => {
    const dataDir = tempDir();
    const server = await serve(dataDir);
    const signedIn = await login(server.url, "vanphong", "xanh2026");
    const cookie = (signedIn.headers.getSetCookie() ?? []).map((c) => c.split(";")[0]).join("; ");
    const periods = (await (await fetch(`${server.url}/api/reports/periods`, { headers: { cookie } })).json()) as {
      periods: { code: string; kind: string; inProgress: boolean }[];
    };
    const quarter = periods.periods.find((p) => p.kind === "quarterly" && !p.inProgress)?.code ?? "";
    const web = Buffer.from(
      await (
        await fetch(`${server.url}/api/reports/periods/${quarter}/ward-report/export.xlsx`, { headers: { cookie } })
      ).arrayBuffer(),
    );
    server.child.kill("SIGTERM");
    expect(await server.exited).toBe(0);

    const xlsx = path.join(dataDir, "bao-cao.xlsx");
    const docx = path.join(dataDir, "bao-cao.docx");
    const fromCli = await run(["export-report", "--data-dir", dataDir, "--period", quarter, "--out", xlsx]);
    expect(fromCli.code, fromCli.out).toBe(0);
    expect(await sheetValues(fs.readFileSync(xlsx))).toEqual(await sheetValues(web));
    const unit = await run([
      "export-report",
      "--data-dir",
      dataDir,
      "--period",
      quarter,
      "--unit",
      "kinh-te",
      "--out",
      docx,
    ]);
    expect(unit.code, unit.out).toBe(0);
    expect(fs.readFileSync(docx).subarray(0, 2).toString()).toBe("PK");

    const failures = [
      [["--period", "2026-Q7", "--out", docx], "không hợp lệ"],
      [["--period", "2099-Q1", "--out", docx], "chưa bắt đầu"],
      [["--period", quarter, "--ward", "khong-co", "--out", docx], 'Không có phường mã "khong-co"'],
      [["--period", quarter, "--unit", "khong-co", "--out", docx], 'Không có đơn vị mã "khong-co"'],
      [["--period", quarter, "--out", path.join(dataDir, "khong-co-thu-muc", "x.docx")], "Không ghi được tệp"],
      [["--period", quarter, "--out", path.join(dataDir, "x.pdf")], "đuôi .docx hoặc .xlsx"],
    ] as const;
    for (const [args, message] of failures) {
      const result = await run(["export-report", "--data-dir", dataDir, ...args]);
      expect(result.code, result.out).not.toBe(0);
      expect(result.out).toContain(message);
    }
  });
});

/** Every sheet's cell values (not the bytes: a workbook records when it was written). */
async function sheetValues(bytes: Buffer): Promise<unknown[][]> {
  const { default: ExcelJS } = await import("exceljs");
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  return workbook.worksheets.map((sheet) => sheet.getSheetValues());
}
