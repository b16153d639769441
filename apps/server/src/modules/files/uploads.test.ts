import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { checkUpload } from "./service.js";

const MB = 1024 * 1024;

async function phonePhoto(): Promise<Buffer> {
  // A photo as a phone takes it: EXIF with the camera, the time and the GPS position.
  return sharp({ create: { width: 40, height: 20, channels: 3, background: "#2e7d32" } })
    .jpeg()
    .withMetadata({
      orientation: 6,
      exif: {
        IFD0: { Make: "PhoneMaker", Model: "X1" },
        IFD3: {
          GPSLatitudeRef: "N",
          GPSLatitude: "20/1 50/1 0/1",
          GPSLongitudeRef: "E",
          GPSLongitude: "106/1 41/1 0/1",
        },
      },
    })
    .toBuffer();
}

describe("evidence uploads", () => {
  it("strips a photo's metadata (GPS, camera) and keeps it upright", async () => {
    const original = await phonePhoto();
    expect((await sharp(original).metadata()).exif).toBeDefined();
    const checked = await checkUpload({ filename: "hien-truong.jpg", bytes: original }, 20 * MB);
    expect(checked.mimeType).toBe("image/jpeg");
    const meta = await sharp(checked.upload.bytes).metadata();
    expect(meta.exif).toBeUndefined();
    expect(checked.upload.bytes.includes(Buffer.from("PhoneMaker"))).toBe(false);
    // Orientation 6 (rotated 90°) applied: the 40×20 picture now stands 20×40.
    expect([meta.width, meta.height]).toEqual([20, 40]);
  });

  it("refuses a file by its bytes, not its name, and a file over the limit", async () => {
    await expect(
      checkUpload({ filename: "anh.jpg", bytes: Buffer.from("MZ\x90\x00 not a photo") }, MB),
    ).rejects.toMatchObject({ code: "FILE_TYPE_NOT_ALLOWED" });
    const big = await phonePhoto();
    await expect(checkUpload({ filename: "to.jpg", bytes: big }, 100)).rejects.toMatchObject({
      code: "FILE_TOO_LARGE",
      statusCode: 413,
    });
  });

  it("refuses a damaged photo with a clear message", async () => {
    const photo = await phonePhoto();
    const damaged = photo.subarray(0, Math.floor(photo.length / 2));
    await expect(checkUpload({ filename: "hong.jpg", bytes: damaged }, MB)).rejects.toMatchObject({
      code: "FILE_TYPE_NOT_ALLOWED",
    });
  });
});
