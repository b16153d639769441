import { useEffect, useState } from "react";
import { useSearchParams } from "react-router";
import { apiGet, type Parser } from "../../lib/api";
import { useI18n } from "../../i18n/i18n";

/**
 * Data of the public pages. Like the public plan page, these chunks carry no zod: the envelope is
 * checked by hand and the rest trusted, as the server builds it from the shared schema.
 */
export function envelope<T>(name: string, keys: string[]): Parser<T> {
  return {
    parse(data) {
      if (typeof data !== "object" || data === null) throw new TypeError(`${name}: not an object`);
      for (const key of keys) if (!(key in data)) throw new TypeError(`${name}: missing ${key}`);
      return data as T;
    },
  };
}

export type LoadState<T> = { kind: "loading" } | { kind: "error"; error: unknown } | { kind: "ready"; data: T };

/** The ward the address names (`?ward=`), carried on every link between public pages. */
export function useWard(): string | undefined {
  const [params] = useSearchParams();
  return params.get("ward") ?? undefined;
}

/** `/cong-khai/nhiem-vu/iii-1-1` + ward → `/cong-khai/nhiem-vu/iii-1-1?ward=viet-hoa`. */
export function withWard(path: string, ward: string | undefined): string {
  return ward ? `${path}?ward=${encodeURIComponent(ward)}` : path;
}

export const portalPaths = {
  plan: "/cong-khai",
  task: (code: string) => `/cong-khai/nhiem-vu/${encodeURIComponent(code)}`,
  indicator: (code: string) => `/cong-khai/chi-tieu/${encodeURIComponent(code)}`,
  group: (code: string) => `/cong-khai/nhom/${encodeURIComponent(code)}`,
  residentialGroup: (code: string) => `/cong-khai/to-dan-pho/${encodeURIComponent(code)}`,
};

/**
 * Loads a public read for the ward in the address and the chosen language. A new page shows
 * "loading"; a language switch keeps the page on screen until the relabelled copy arrives.
 */
export function usePublicData<T>(path: string, parser: Parser<T>): LoadState<T> {
  const ward = useWard();
  const { language } = useI18n();
  const page = `${path}|${ward ?? ""}`;
  const [loaded, setLoaded] = useState<{ page: string; state: LoadState<T> }>({ page, state: { kind: "loading" } });
  useEffect(() => {
    const controller = new AbortController();
    apiGet(path, parser, { ward, lang: language }, controller.signal).then(
      (data) => setLoaded({ page, state: { kind: "ready", data } }),
      (error: unknown) => {
        if (controller.signal.aborted) return;
        setLoaded({ page, state: { kind: "error", error } });
      },
    );
    return () => controller.abort();
  }, [page, path, parser, ward, language]);
  return loaded.page === page ? loaded.state : { kind: "loading" };
}
