import crypto from "node:crypto";
import type { FastifyInstance, LightMyRequestResponse } from "fastify";

/**
 * A browser for sign-in tests: its own cookie jar (session, CSRF, device, pending sign-in), its
 * own address and user agent. It sends the CSRF header as the web app does.
 */
export class TestBrowser {
  readonly cookies = new Map<string, string>();

  constructor(
    private readonly app: FastifyInstance,
    readonly address = "192.0.2.1",
    readonly userAgent = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36",
    private readonly extraHeaders: Record<string, string> = {},
  ) {}

  async request(
    method: "GET" | "POST" | "PATCH" | "PUT" | "DELETE",
    url: string,
    payload?: unknown,
  ): Promise<LightMyRequestResponse> {
    const headers: Record<string, string> = { "user-agent": this.userAgent, ...this.extraHeaders };
    if (this.cookies.size > 0)
      headers.cookie = [...this.cookies.entries()].map(([name, value]) => `${name}=${value}`).join("; ");
    const csrf = this.cookies.get("px_csrf");
    if (csrf && method !== "GET") headers["x-csrf-token"] = csrf;
    const response = await this.app.inject({
      method,
      url,
      headers,
      remoteAddress: this.address,
      ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
    });
    for (const cookie of response.cookies as { name: string; value: string; expires?: Date }[]) {
      if (cookie.value === "" || (cookie.expires && cookie.expires.getTime() < Date.now()))
        this.cookies.delete(cookie.name);
      else this.cookies.set(cookie.name, cookie.value);
    }
    return response;
  }

  login(username: string, password: string) {
    return this.request("POST", "/api/auth/login", { username, password });
  }

  /** Forgets the session (as closing a private window would) but keeps the device cookie. */
  dropSession() {
    this.cookies.delete("px_session");
    this.cookies.delete("px_csrf");
  }
}

/**
 * RFC 6238 written out independently of the server's library: the codes an authenticator app
 * shows for `secret` (base32) at time step `step`.
 */
export function totpCode(secret: string, step = currentStep()): string {
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  let bits = 0;
  let value = 0;
  const key: number[] = [];
  for (const char of secret.replace(/=+$/, "").toUpperCase()) {
    value = (value << 5) | alphabet.indexOf(char);
    bits += 5;
    if (bits >= 8) {
      key.push((value >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(step));
  const mac = crypto.createHmac("sha1", Buffer.from(key)).update(counter).digest();
  const offset = (mac[mac.length - 1] ?? 0) & 0x0f;
  return String((mac.readUInt32BE(offset) & 0x7fffffff) % 1_000_000).padStart(6, "0");
}

export const currentStep = () => Math.floor(Date.now() / 30_000);
