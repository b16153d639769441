import crypto from "node:crypto";
import { Secret, TOTP } from "otpauth";
import QRCode from "qrcode";

/** RFC 6238 as every authenticator app reads it: SHA-1, 6 digits, 30-second steps. */
const PERIOD = 30;
const ISSUER = "Phường Xanh";

export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

function totpFor(secret: string, label = ""): TOTP {
  return new TOTP({
    issuer: ISSUER,
    label,
    algorithm: "SHA1",
    digits: 6,
    period: PERIOD,
    secret: Secret.fromBase32(secret),
  });
}

export function otpauthUri(secret: string, label: string): string {
  return totpFor(secret, label).toString();
}

/** The QR code as an SVG data URL: an image the page shows without any script of its own. */
export async function qrCodeDataUrl(text: string): Promise<string> {
  const svg = await QRCode.toString(text, { type: "svg", margin: 2, errorCorrectionLevel: "M" });
  return `data:image/svg+xml;base64,${Buffer.from(svg).toString("base64")}`;
}

/**
 * The time step a code belongs to, or null when it matches none. One step either side is
 * accepted (a phone's clock a little off, a code typed as it changed); the caller refuses a step
 * at or before the last one used, so a code works once.
 */
export function matchTotpStep(secret: string, code: string, now = Date.now()): number | null {
  const delta = totpFor(secret).validate({ token: code, timestamp: now, window: 1 });
  if (delta === null) return null;
  return Math.floor(now / 1000 / PERIOD) + delta;
}

/** Ten codes of 16 base32 characters (80 bits), shown as xxxx-xxxx-xxxx-xxxx. */
export function newRecoveryCodes(count = 10): string[] {
  const alphabet = "abcdefghijklmnopqrstuvwxyz234567";
  return Array.from({ length: count }, () => {
    const bytes = crypto.randomBytes(16);
    const chars = [...bytes].map((b) => alphabet[b % 32] ?? "a").join("");
    return chars.match(/.{4}/g)?.join("-") ?? chars;
  });
}

/** What is hashed and compared: case, spaces and dashes do not matter to the person typing. */
export function normaliseRecoveryCode(code: string): string {
  return code.toLowerCase().replace(/[^a-z0-9]/g, "");
}

export const sha256 = (text: string) => crypto.createHash("sha256").update(text).digest("hex");
