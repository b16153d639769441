import os from "node:os";
import { Worker } from "node:worker_threads";

/**
 * Work that could hold the event loop (reading a spreadsheet, decoding a photo) runs in a worker
 * thread with a time and memory limit: one hostile file then costs its own request a clear error
 * instead of freezing every ward's requests. At most a few run at once; the rest wait their turn.
 */

/** Why a worker gave up: over its time limit, out of memory, or the task's own refusal. */
export class WorkerFailure extends Error {
  constructor(
    readonly reason: "time_limit" | "memory" | "refused" | "crashed",
    message: string,
  ) {
    super(message);
    this.name = "WorkerFailure";
  }
}

export type WorkerReply<T> = { ok: true; result: T } | { ok: false; message: string };

const MAX_RUNNING = Math.max(1, Math.min(2, os.availableParallelism() - 1));
let running = 0;
const waiting: (() => void)[] = [];

async function acquire(): Promise<void> {
  if (running < MAX_RUNNING) {
    running++;
    return;
  }
  await new Promise<void>((resolve) => waiting.push(resolve));
}

function release(): void {
  const next = waiting.shift();
  if (next) next();
  else running--;
}

/** Tests and `tsx` run the TypeScript sources: the worker then loads its entry through tsx too. */
const fromSource = import.meta.url.endsWith(".ts");

function spawn(entry: URL, data: unknown, maxMemoryMb: number): Worker {
  const options = { workerData: data, resourceLimits: { maxOldGenerationSizeMb: maxMemoryMb } };
  if (!fromSource) return new Worker(entry, options);
  const source = entry.href.replace(/\.js$/, ".ts");
  const bootstrap = `import("tsx/esm/api").then((tsx) => { tsx.register(); return import(${JSON.stringify(source)}); })`;
  return new Worker(bootstrap, { ...options, eval: true });
}

/**
 * Runs the worker module `entry` (a `.js` URL beside the caller) on `data` and returns what it
 * posts back. The module reads `workerData` and posts one `WorkerReply`.
 */
export async function runInWorker<T>(
  entry: URL,
  data: unknown,
  limits: { timeLimitMs: number; maxMemoryMb: number },
): Promise<T> {
  await acquire();
  try {
    return await new Promise<T>((resolve, reject) => {
      const worker = spawn(entry, data, limits.maxMemoryMb);
      let settled = false;
      const settle = (action: () => void) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        action();
        void worker.terminate();
      };
      const timer = setTimeout(
        () => settle(() => reject(new WorkerFailure("time_limit", `worker over ${limits.timeLimitMs} ms`))),
        limits.timeLimitMs,
      );
      worker.once("message", (reply: WorkerReply<T>) =>
        settle(() => (reply.ok ? resolve(reply.result) : reject(new WorkerFailure("refused", reply.message)))),
      );
      worker.once("error", (error: Error & { code?: string }) =>
        settle(() =>
          reject(new WorkerFailure(error.code === "ERR_WORKER_OUT_OF_MEMORY" ? "memory" : "crashed", error.message)),
        ),
      );
      worker.once("exit", (code) =>
        settle(() => reject(new WorkerFailure("crashed", `worker exited with code ${code} before replying`))),
      );
    });
  } finally {
    release();
  }
}
