import crypto from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";

/** Where file bytes live. Local disk by default; an S3-compatible bucket can implement the same. */
export type FileStore = {
  put(key: string, bytes: Buffer): Promise<void>;
  get(key: string): Promise<Buffer>;
};

export function localDiskStore(root: string): FileStore {
  const resolve = (key: string) => {
    const full = path.resolve(root, key);
    if (!full.startsWith(path.resolve(root) + path.sep)) throw new Error(`bad storage key ${key}`);
    return full;
  };
  return {
    async put(key, bytes) {
      const full = resolve(key);
      await fs.mkdir(path.dirname(full), { recursive: true });
      // Write then rename: a crash never leaves a half file under the final name. The temporary
      // name is the writer's own: two uploads of the same photo at once (same key) must not share it.
      const tmp = `${full}.${process.pid}.${crypto.randomBytes(6).toString("hex")}.tmp`;
      await fs.writeFile(tmp, bytes);
      await fs.rename(tmp, full);
    },
    async get(key) {
      return fs.readFile(resolve(key));
    },
  };
}
