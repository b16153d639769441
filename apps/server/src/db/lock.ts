import lockfile from "proper-lockfile";
import { AppError } from "../lib/errors.js";

export type DataDirLock = { release(): Promise<void> };

/**
 * PGlite does nothing to stop a second process opening the same folder, and two writers silently
 * lose committed rows; so the app holds its own exclusive lock for as long as it runs.
 */
export async function lockDataDir(dataDir: string): Promise<DataDirLock> {
  try {
    const release = await lockfile.lock(dataDir, {
      lockfilePath: `${dataDir}/.lock`,
      stale: 30_000,
      update: 10_000,
      retries: 0,
      realpath: false,
      onCompromised: (error) => {
        // Another process took the folder: stop writing at once rather than corrupt it.
        console.error(`Mất khóa thư mục dữ liệu ${dataDir}: ${error.message}`);
        process.exit(70);
      },
    });
    return { release: () => release().catch(() => undefined) };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ELOCKED") {
      throw new AppError(
        "DATA_DIR_LOCKED",
        `Thư mục dữ liệu ${dataDir} đang được một tiến trình Phường Xanh khác sử dụng. Hãy dừng tiến trình đó trước (The data folder is in use by another process).`,
        409,
      );
    }
    throw error;
  }
}
