import { isMainThread, parentPort, workerData } from "node:worker_threads";
import decode from "heic-decode";
import type { WorkerReply } from "../../lib/workers.js";

/**
 * Worker thread: decodes a HEIC/HEIF photo (HEVC, as phones take them) to raw RGBA pixels with
 * libheif compiled to WebAssembly. Decoding is synchronous and can take seconds for a large
 * photo, so it runs here, off the request thread and under a time limit (see `workers.ts`).
 * The image transforms the file declares (rotation, mirror) are applied by libheif.
 */

export type DecodedImage = { width: number; height: number; data: Uint8Array };

async function reply(): Promise<WorkerReply<DecodedImage>> {
  try {
    const image = await decode({ buffer: workerData as Uint8Array });
    return { ok: true, result: { width: image.width, height: image.height, data: new Uint8Array(image.data.buffer) } };
  } catch (error) {
    return { ok: false, message: error instanceof Error ? error.message : "HEIC decoding failed" };
  }
}

if (!isMainThread && parentPort) {
  const port = parentPort;
  void reply().then((message) => port.postMessage(message));
}
