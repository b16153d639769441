import os from "node:os";
import path from "node:path";
import { defineConfig } from "@playwright/test";

const port = Number(process.env.E2E_PORT ?? 3210);
// A fresh data folder per run: the journeys start from the demo ward as a newcomer sees it.
const dataDir = path.join(os.tmpdir(), `px-e2e-${process.pid}`);

export default defineConfig({
  testDir: "e2e",
  outputDir: "test-results",
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  reporter: [["list"]],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    locale: "vi-VN",
    timezoneId: "Asia/Ho_Chi_Minh",
    screenshot: "only-on-failure",
    launchOptions: {
      // Debian's Chromium: never a downloaded browser.
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
      ],
    },
  },
  webServer: {
    command: `node apps/server/dist/cli.js serve --data-dir ${dataDir}`,
    url: `http://127.0.0.1:${port}/api/health`,
    reuseExistingServer: false,
    timeout: 120_000,
    env: {
      PORT: String(port),
      HOST: "127.0.0.1",
      DEMO_MODE: "true",
      LOG_LEVEL: "warn",
      DATABASE_URL: "",
      // Nightly backups: the first start catches up on last night's, which the system page shows.
      BACKUP_SCHEDULE: "0 2 * * *",
    },
  },
});
