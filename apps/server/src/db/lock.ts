import crypto from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import { AppError } from "../lib/errors.js";

export type DataDirLock = { release(): Promise<void> };

const OWNER_FILE = ".lock-owner";

/**
 * PGlite does nothing to stop a second process opening the same folder, and two writers silently
 * lose committed rows; so the app holds its own exclusive lock for as long as it runs.
 *
 * The lock is a listening Unix socket, which the kernel closes the instant the process dies:
 * after `kill -9` or a crash the next start takes the folder at once, with no stale lock to wait
 * out. On Linux it lives in the abstract namespace (no file at all, named after the folder's
 * real path); elsewhere it is a socket file in the folder, and a file nobody listens on is stale.
 */
export async function lockDataDir(dataDir: string): Promise<DataDirLock> {
  const realDir = fs.realpathSync(dataDir);
  const server = net.createServer((socket) => socket.destroy());
  // The lock must not keep a finished process alive.
  server.unref();
  if (process.platform === "linux") {
    const name = crypto.createHash("sha256").update(realDir).digest("hex").slice(0, 32);
    await listenOrLocked(server, `\0phuong-xanh-${name}`, realDir);
  } else {
    const socketPath = path.join(realDir, ".lock.sock");
    try {
      await listenOrLocked(server, socketPath, realDir);
    } catch (error) {
      if (!(error instanceof AppError) || (await someoneListens(socketPath))) throw error;
      fs.rmSync(socketPath, { force: true });
      await listenOrLocked(server, socketPath, realDir);
    }
  }
  // Only for the operator's message ("held by pid N"); the socket is the lock.
  const ownerFile = path.join(realDir, OWNER_FILE);
  fs.writeFileSync(ownerFile, `${process.pid}\n`);
  return {
    release: () =>
      new Promise<void>((resolve) => {
        fs.rmSync(ownerFile, { force: true });
        server.close(() => resolve());
      }),
  };
}

function listenOrLocked(server: net.Server, address: string, dataDir: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException) => {
      server.off("listening", onListening);
      reject(error.code === "EADDRINUSE" ? lockedError(dataDir) : error);
    };
    const onListening = () => {
      server.off("error", onError);
      resolve();
    };
    server.once("error", onError);
    server.once("listening", onListening);
    server.listen({ path: address, exclusive: true });
  });
}

function someoneListens(socketPath: string): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(socketPath);
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}

function lockedError(dataDir: string): AppError {
  let owner = "";
  try {
    const pid = fs.readFileSync(path.join(dataDir, OWNER_FILE), "utf8").trim();
    if (/^\d+$/.test(pid)) owner = ` (pid ${pid})`;
  } catch {
    // No owner file: the message simply names no process.
  }
  return new AppError(
    "DATA_DIR_LOCKED",
    `Thư mục dữ liệu ${dataDir} đang được một tiến trình Phường Xanh khác sử dụng${owner}. Hãy dừng tiến trình đó trước (The data folder is in use by another process).`,
    409,
  );
}
