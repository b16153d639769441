import { useEffect } from "react";
import { Link } from "react-router";
import type { CityComparison, CityWard } from "@phuong-xanh/shared";
import { errorMessage } from "../../lib/api";
import { useI18n } from "../../i18n/i18n";
import { formatDate, formatNumber } from "../../i18n/format";
import { PublicShell } from "../../components/public-shell";
import { envelope, usePublicData } from "../public/portal-data";
import { CityMap, IndicatorMatrix, LateGroups, WardTable, type WardAction } from "./city-views";
import "../public/public.css";
import "./city.css";

/** Light like the public plan: the envelope is checked by hand, the rest is the server's shared schema. */
const cityParser = envelope<CityComparison>("city", ["today", "groups", "indicators", "wards"]);

/** Các phường của thành phố: the public comparison (no login, no personal data). */
export default function PublicCityPage() {
  const { t } = useI18n();
  const state = usePublicData("/api/public/city", cityParser);

  useEffect(() => {
    document.title = `${t("city.publicTitle")} — ${t("app.name")}`;
  }, [t]);

  return (
    <PublicShell
      nav={
        <Link to="/dang-nhap" className="pub-link-button">
          {t("public.staffLogin")}
        </Link>
      }
    >
      <main className="pub-main city-public" id="noi-dung">
        {state.kind === "loading" && (
          <p className="pub-status" role="status">
            {t("common.loading")}
          </p>
        )}
        {state.kind === "error" && (
          <p className="pub-error" role="alert">
            {errorMessage(state.error, t("common.loadFailed"))}
          </p>
        )}
        {state.kind === "ready" && <CityView data={state.data} />}
      </main>
    </PublicShell>
  );
}

function CityView({ data }: { data: CityComparison }) {
  const { t, locale } = useI18n();
  const actionOf = (ward: CityWard): WardAction => ({
    href: `/cong-khai?ward=${encodeURIComponent(ward.code)}`,
    label: t("city.publicWardLink", { name: ward.name }),
  });
  const work = data.wards.reduce((sum, w) => sum + w.tasks.total, 0);
  const overdue = data.wards.reduce((sum, w) => sum + w.tasks.overdue, 0);
  const progress = work ? data.wards.reduce((sum, w) => sum + w.tasks.averageProgress * w.tasks.total, 0) / work : 0;
  return (
    <>
      <section className="pub-hero" aria-labelledby="city-title">
        <p className="pub-eyebrow">{t("city.eyebrow")}</p>
        <h1 id="city-title">{t("city.publicTitle")}</h1>
        <p className="pub-meta">{t("city.asOf", { date: formatDate(data.today) })}</p>
        {data.wards.some((w) => w.isDemo) && (
          <p className="pub-demo" role="note">
            <strong>{t("common.demoData")}.</strong> {t("city.demoNote")}
          </p>
        )}
      </section>

      <section className="pub-summary" aria-label={t("public.summary")}>
        <Summary label={t("city.wards")} value={formatNumber(data.wards.length, locale)} />
        <Summary label={t("public.summaryTasks")} value={formatNumber(work, locale)} />
        <Summary label={t("public.summaryProgress")} value={`${formatNumber(progress, locale, 1)}%`} />
        <Summary label={t("public.summaryOverdue")} value={formatNumber(overdue, locale)} bad={overdue > 0} />
      </section>

      <section className="city-section" aria-labelledby="city-map">
        <h2 id="city-map">{t("city.map")}</h2>
        <CityMap wards={data.wards} actionOf={actionOf} />
      </section>

      <section className="city-section" aria-labelledby="city-wards">
        <h2 id="city-wards">{t("city.table")}</h2>
        <WardTable wards={data.wards} actionOf={actionOf} />
      </section>

      <section className="city-section" aria-labelledby="city-late">
        <h2 id="city-late">{t("city.lateGroups")}</h2>
        <LateGroups data={data} actionOf={actionOf} />
      </section>

      <section className="city-section" aria-labelledby="city-indicators">
        <h2 id="city-indicators">{t("city.indicatorMatrix")}</h2>
        <IndicatorMatrix data={data} actionOf={actionOf} />
      </section>

      <footer className="pub-footer">
        <p>{t("public.privacyNote")}</p>
      </footer>
    </>
  );
}

function Summary({ label, value, bad }: { label: string; value: string; bad?: boolean }) {
  return (
    <div className={`pub-summary-item${bad ? " pub-summary-bad" : ""}`}>
      <span className="pub-summary-value">{value}</span>
      <span className="pub-summary-label">{label}</span>
    </div>
  );
}
