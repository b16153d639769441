import { useEffect, useState } from "react";
import { Link, useParams } from "react-router";
import type { PublicCertificate } from "@phuong-xanh/shared";
import { PublicShell } from "../../components/public-shell";
import { ApiError, apiRequest, errorMessage } from "../../lib/api";
import { useI18n } from "../../i18n/i18n";
import { formatDate, formatNumber } from "../../i18n/format";
import { envelope, portalPaths, useWard, withWard, type LoadState } from "../public/portal-data";
import { Facts } from "../public/portal-ui";
import { publicCertificateApi } from "./certificate-paths";
import { useVerifyT } from "./verify-messages";
import "../public/public.css";
import "../public/portal.css";
import "./verify.css";

const parser = envelope<PublicCertificate>("certificate", ["number", "state", "productName", "validUntil"]);

/** The certificate as it stands now (the server's answer is `no-cache`: a revocation shows at once). */
function useCertificate(number: string, ward: string | undefined): LoadState<PublicCertificate> {
  const key = `${number}|${ward ?? ""}`;
  const [loaded, setLoaded] = useState<{ key: string; state: LoadState<PublicCertificate> }>({
    key,
    state: { kind: "loading" },
  });
  useEffect(() => {
    const controller = new AbortController();
    apiRequest(publicCertificateApi(number), {
      schema: parser,
      query: { ward },
      noLoginRedirect: true,
      signal: controller.signal,
    }).then(
      (data) => setLoaded({ key, state: { kind: "ready", data } }),
      (error: unknown) => {
        if (!controller.signal.aborted) setLoaded({ key, state: { kind: "error", error } });
      },
    );
    return () => controller.abort();
  }, [key, number, ward]);
  return loaded.key === key ? loaded.state : { kind: "loading" };
}

/**
 * /chung-nhan/:number — what the QR code on a green product's package opens: whether the
 * certificate is in force, expired or revoked (with when and why), and what it certifies.
 * Plain React and the public CSS: a buyer's phone loads no admin code.
 */
export default function VerifyPage() {
  const { number = "" } = useParams();
  const t = useVerifyT();
  const { t: tg } = useI18n();
  const ward = useWard();
  const state = useCertificate(number, ward);
  useEffect(() => {
    document.title = `${t("verify.pageTitle", { number })} — ${tg("app.name")}`;
  }, [number, t, tg]);
  // A malformed number is refused (400) before it is looked up: to a buyer it is the same "not found".
  const notFound =
    state.kind === "error" &&
    state.error instanceof ApiError &&
    (state.error.status === 404 || state.error.status === 400);

  return (
    <PublicShell
      nav={
        <Link to={withWard(portalPaths.plan, ward)} className="pub-link-button">
          {tg("portal.plan")}
        </Link>
      }
    >
      <main className="pub-main pp-main cv-main" id="noi-dung">
        {state.kind === "loading" && (
          <p className="pub-status" role="status">
            {tg("common.loading")}
          </p>
        )}
        {state.kind === "error" && (
          <>
            <header className="pp-heading">
              <p className="pub-eyebrow">{t("verify.eyebrow")}</p>
              <h1>{t("verify.title", { number })}</h1>
            </header>
            <p className="pub-error" role="alert">
              {notFound ? t("verify.notFound", { number }) : errorMessage(state.error, tg("common.loadFailed"))}
            </p>
          </>
        )}
        {state.kind === "ready" && <CertificateView certificate={state.data} />}
        <footer className="pub-footer">
          <p>{t("verify.about")}</p>
        </footer>
      </main>
    </PublicShell>
  );
}

const MARKS = { valid: "✓", expired: "!", revoked: "✕" } as const;

function CertificateView({ certificate: c }: { certificate: PublicCertificate }) {
  const t = useVerifyT();
  const { locale } = useI18n();
  const explain =
    c.state === "valid"
      ? t("verify.explain.valid", { ward: c.ward.name, date: formatDate(c.validUntil) })
      : c.state === "expired"
        ? t("verify.explain.expired", { date: formatDate(c.validUntil) })
        : t("verify.explain.revoked", { ward: c.ward.name });
  return (
    <>
      <header className="pp-heading">
        <p className="pub-eyebrow">{t("verify.eyebrow")}</p>
        <h1>{t("verify.title", { number: c.number })}</h1>
      </header>
      <section className={`cv-verdict cv-verdict-${c.state}`} aria-labelledby="cv-state">
        <span className="cv-mark" aria-hidden="true">
          {MARKS[c.state]}
        </span>
        <div>
          <h2 id="cv-state" className="cv-state">
            {t(`verify.state.${c.state}`)}
          </h2>
          <p className="cv-explain">{explain}</p>
          {c.state === "revoked" && (
            <dl className="cv-revocation">
              <div>
                <dt>{t("verify.revokedOn")}</dt>
                <dd>{formatDate(c.revokedOn)}</dd>
              </div>
              {c.revokedReason && (
                <div>
                  <dt>{t("verify.revokedReason")}</dt>
                  <dd lang="vi">{c.revokedReason}</dd>
                </div>
              )}
            </dl>
          )}
        </div>
      </section>
      <section className="pub-card pp-section" aria-labelledby="cv-details">
        <h2 id="cv-details">{t("verify.details")}</h2>
        <Facts
          items={[
            { label: t("verify.number"), value: c.number },
            { label: t("verify.product"), value: <span lang="vi">{c.productName}</span> },
            { label: t("verify.producer"), value: <span lang="vi">{c.producer}</span> },
            {
              label: t("verify.season"),
              value: (
                <span lang="vi">
                  {c.seasonName} · {c.crop}
                </span>
              ),
            },
            {
              label: t("verify.footprint"),
              value:
                c.kgCo2ePerKg === null
                  ? null
                  : t("verify.footprintValue", { value: formatNumber(c.kgCo2ePerKg, locale, 2) }),
            },
            { label: t("verify.factorSet"), value: c.factorSet },
            { label: t("verify.issuedOn"), value: formatDate(c.issuedOn) },
            { label: t("verify.validUntil"), value: formatDate(c.validUntil) },
            { label: t("verify.issuer"), value: <span lang="vi">{c.ward.name}</span> },
          ]}
        />
      </section>
    </>
  );
}
