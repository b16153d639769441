#!/usr/bin/env node
import fs from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { loadConfig } from "./lib/config.js";
import { openDatabase } from "./db/client.js";
import { databaseOptions, startServer, type RunningServer } from "./server.js";
import { backupTo, restoreFrom } from "./modules/backup/service.js";
import { countUsers, createUser, findWard } from "./modules/identity/service.js";
import { createWardFromTemplate, loadSeedTemplate } from "./modules/onboarding/service.js";
import { runReminders } from "./modules/notifications/service.js";
import { createMailer } from "./modules/notifications/mailer.js";
import { systemActor, todayInVietnam } from "./lib/actor.js";
import { stderrLog } from "./lib/data-log.js";
import { DEMO_WARD } from "./modules/demo/service.js";
import { exportReport } from "./modules/reporting/exports.js";
import { AppError } from "./lib/errors.js";

const USAGE = `Phường Xanh — dòng lệnh (command line)

  serve                              chạy máy chủ (API + web) — start the server
  create-ward --code C --name N [--province P]
                                     mở phường mới từ kế hoạch mẫu — open a ward from the seed template
  create-admin --ward C --username U --password P [--name N] [--platform | --city]
                                     tạo tài khoản quản trị — create an admin account;
                                     --platform: quản trị nền tảng, người mở phường mới (opens wards);
                                     --city: thành phố, đọc dữ liệu mọi phường, không ghi (reads every ward)
  backup --out FILE                  sao lưu nhất quán — consistent dump (gzip JSON lines)
  restore --in FILE                  khôi phục vào CSDL trống — restore into an empty database
  remind                             gửi nhắc việc ngay — run reminders now
  export-report --period KỲ --out FILE.docx|FILE.xlsx [--ward C] [--unit C]
                                     xuất báo cáo của phường (hoặc của một đơn vị) như bản tải trên web —
                                     the ward's report (or one unit's) as the web download gives it;
                                     KỲ: 2026-11, 2026-Q4, 2026-H1, 2026-9M, 2026; phường mặc định: ${DEMO_WARD.code}

Chung (common): --data-dir DIR (default ./data, or DATA_DIR); DATABASE_URL selects a PostgreSQL server.`;

async function main(): Promise<number> {
  const [command, ...rest] = process.argv.slice(2);
  const { values } = parseArgs({
    args: rest,
    options: {
      "data-dir": { type: "string" },
      code: { type: "string" },
      name: { type: "string" },
      province: { type: "string" },
      ward: { type: "string" },
      username: { type: "string" },
      password: { type: "string" },
      out: { type: "string" },
      platform: { type: "boolean" },
      city: { type: "boolean" },
      in: { type: "string" },
      period: { type: "string" },
      unit: { type: "string" },
    },
    strict: true,
  });
  const config = loadConfig(process.env, values["data-dir"] ? { dataDir: values["data-dir"] } : {});
  const withDb = async <T>(fn: (db: Awaited<ReturnType<typeof openDatabase>>["db"]) => Promise<T>): Promise<T> => {
    const database = await openDatabase(databaseOptions(config));
    try {
      return await fn(database.db);
    } finally {
      await database.close();
    }
  };
  const need = (name: "code" | "name" | "ward" | "username" | "password" | "out" | "in" | "period"): string => {
    const v = values[name];
    if (typeof v !== "string" || v === "") throw new AppError("VALIDATION_FAILED", `Thiếu tham số --${name}`, 400);
    return v;
  };

  switch (command) {
    case "serve": {
      // Signals may come before the server is up (still waiting for its database).
      const running: { server?: RunningServer } = {};
      let stopping = false;
      const shutdown = async (signal: string) => {
        const server = running.server;
        // A second signal while stopping means "now".
        if (stopping || !server) process.exit(server ? 1 : 0);
        stopping = true;
        server.app.log.info(`${signal}: đang dừng, chờ các yêu cầu đang xử lý (closing cleanly)`);
        try {
          await server.stop();
          process.exit(0);
        } catch (error) {
          server.app.log.error({ err: error }, "stop failed");
          process.exit(1);
        }
      };
      process.on("SIGINT", () => void shutdown("SIGINT"));
      process.on("SIGTERM", () => void shutdown("SIGTERM"));
      // A stray rejected promise is a bug to log, not a reason to drop every user's request.
      process.on("unhandledRejection", (reason) => {
        const log = running.server?.app.log;
        if (log) log.error({ err: reason }, "unhandled promise rejection");
        else console.error("unhandled promise rejection", reason);
      });
      running.server = await startServer(config);
      return -1;
    }
    case "create-ward": {
      const code = need("code");
      const name = need("name");
      await withDb((db) =>
        createWardFromTemplate(
          db,
          { code, name, province: values.province ?? "Hải Phòng", isDemo: false },
          loadSeedTemplate(),
        ),
      );
      console.log(
        `Đã mở phường ${name} (${code}) từ kế hoạch mẫu. Tạo tài khoản quản trị: create-admin --ward ${code} ...`,
      );
      return 0;
    }
    case "create-admin": {
      const wardCode = need("ward");
      const username = need("username");
      const password = need("password");
      if (values.platform && values.city)
        throw new AppError("VALIDATION_FAILED", "Chỉ chọn một trong --platform và --city.", 400);
      // Roles above any ward are given here only, never by a ward's admin (policy: grantRole).
      const role = values.platform ? "platform_admin" : values.city ? "city" : "admin";
      const defaultName = { platform_admin: "Quản trị nền tảng", city: "Thành phố", admin: "Quản trị" }[role];
      await withDb(async (db) => {
        const ward = await findWard(db, wardCode);
        if (!ward) throw new AppError("NOT_FOUND", `Không có phường mã "${wardCode}"`, 404);
        await createUser(
          db,
          systemActor(ward.id, "Dòng lệnh"),
          {
            username,
            password,
            displayName: values.name ?? defaultName,
            role,
            unitId: null,
          },
          { skipPolicy: true },
        );
        console.log(
          `Đã tạo tài khoản ${role === "city" ? "thành phố" : "quản trị"} "${username}" (${ward.name}). Tổng số tài khoản: ${await countUsers(db)}`,
        );
      });
      return 0;
    }
    case "backup": {
      const out = need("out");
      const result = await withDb((db) => backupTo(db, out));
      console.log(`Đã sao lưu ${result.rows} dòng của ${result.tables} bảng vào ${out}`);
      return 0;
    }
    case "restore": {
      const file = need("in");
      const result = await withDb((db) => restoreFrom(db, file));
      console.log(`Đã khôi phục ${result.rows} dòng từ ${file}`);
      return 0;
    }
    case "remind": {
      const result = await withDb((db) => runReminders(db, createMailer(config.smtpUrl, config.mailFrom)));
      console.log(`Đã tạo ${result.created} nhắc việc, gửi ${result.emailed} qua email`);
      return 0;
    }
    case "export-report": {
      const period = need("period");
      const out = need("out");
      const format = path.extname(out).toLowerCase().slice(1);
      if (format !== "docx" && format !== "xlsx")
        throw new AppError("VALIDATION_FAILED", `Tệp ra phải có đuôi .docx hoặc .xlsx (nhận được "${out}").`, 400);
      const file = await withDb(async (db) => {
        const wardCode = values.ward ?? DEMO_WARD.code;
        const ward = await findWard(db, wardCode);
        if (!ward) throw new AppError("NOT_FOUND", `Không có phường mã "${wardCode}".`, 404);
        return exportReport(db, stderrLog, ward.id, { code: period, format, unitCode: values.unit }, todayInVietnam());
      });
      try {
        await fs.promises.writeFile(out, file.bytes);
      } catch (error) {
        const reason = (error as NodeJS.ErrnoException).code ?? String(error);
        throw new AppError("VALIDATION_FAILED", `Không ghi được tệp "${out}" (${reason}).`, 400);
      }
      console.log(`Đã xuất ${file.filename} (${Math.round(file.bytes.length / 1024)} KB) vào ${out}`);
      return 0;
    }
    default:
      console.log(USAGE);
      return command === undefined || command === "help" || command === "--help" ? 0 : 64;
  }
}

main().then(
  (code) => {
    if (code >= 0) process.exit(code);
  },
  (error: unknown) => {
    console.error(error instanceof AppError ? `Lỗi: ${error.message}` : error);
    process.exit(error instanceof AppError && error.code === "DATA_DIR_LOCKED" ? 75 : 1);
  },
);
