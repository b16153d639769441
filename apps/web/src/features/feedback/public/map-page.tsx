import { useEffect, useMemo, useState } from "react";
import { Link, useNavigate, useSearchParams } from "react-router";
import type { PublicReportList } from "@phuong-xanh/shared";
import { apiGet, errorMessage } from "../../../lib/api";
import { useI18n } from "../../../i18n/i18n";
import { formatDate, formatNumber } from "../../../i18n/format";
import { usePublicData, useWard, withWard, type LoadState } from "../../public/portal-data";
import { FeedbackMap } from "../map/feedback-map";
import type { MapPoint } from "../map/map-types";
import { feedbackApi, feedbackPaths, parsers, type PublicReportMap } from "./feedback-api";
import { useFeedbackT } from "./messages";
import { DATA_LANG, FeedbackShell, ReportStatusChip, useMapTexts } from "./ui";

type StatusFilter = "all" | "open" | "closed";
const STATUSES: readonly StatusFilter[] = ["all", "open", "closed"];
const FALLBACK_CENTRE = { lat: 20.8449, lng: 106.6881 };

/**
 * /phan-anh/ban-do — the ward's reports: a map (open ones and those closed in the last 30 days;
 * sensitive ones as a circle around a blurred point) and the full list, paged, filtered by
 * open/closed and kind. The filters live in the address, so a filtered list can be shared.
 */
export default function PublicReportMapPage() {
  const t = useFeedbackT();
  const { t: tg, language, locale } = useI18n();
  const ward = useWard();
  const navigate = useNavigate();
  const mapTexts = useMapTexts();
  const [params, setParams] = useSearchParams();
  const status: StatusFilter = STATUSES.find((s) => s === params.get("status")) ?? "all";
  const category = params.get("category") ?? "";
  const page = Math.max(1, Number.parseInt(params.get("page") ?? "1", 10) || 1);

  const categories = usePublicData(feedbackApi.categories, parsers.categories);
  const mapData = usePublicData(feedbackApi.map, parsers.map);
  const [list, setList] = useState<LoadState<PublicReportList>>({ kind: "loading" });

  useEffect(() => {
    const controller = new AbortController();
    setList({ kind: "loading" });
    apiGet(
      feedbackApi.reports,
      parsers.list,
      { ward, lang: language, status, category: category || undefined, page },
      controller.signal,
    ).then(
      (data) => setList({ kind: "ready", data }),
      (error: unknown) => {
        if (!controller.signal.aborted) setList({ kind: "error", error });
      },
    );
    return () => controller.abort();
  }, [ward, language, status, category, page]);

  function setFilter(name: "status" | "category" | "page", value: string) {
    const next = new URLSearchParams(params);
    if (value && !(name === "status" && value === "all") && !(name === "page" && value === "1")) next.set(name, value);
    else next.delete(name);
    if (name !== "page") next.delete("page");
    setParams(next);
  }

  const points = useMemo<MapPoint[]>(() => {
    if (mapData.kind !== "ready") return [];
    return mapData.data.features
      .filter((f) => status === "all" || (status === "open") === f.properties.open)
      .filter((f) => !category || f.properties.category === category)
      .map((f: PublicReportMap["features"][number]) => ({
        id: f.properties.code,
        lng: f.geometry.coordinates[0],
        lat: f.geometry.coordinates[1],
        approximate: f.properties.approximate,
        tone: f.properties.open ? "open" : "closed",
        title: f.properties.code,
        detail: `${f.properties.categoryName} · ${f.properties.statusLabel}`,
        href: withWard(feedbackPaths.follow(f.properties.code), ward),
      }));
  }, [mapData, status, category, ward]);

  const centre = categories.kind === "ready" && categories.data.centre ? categories.data.centre : FALLBACK_CENTRE;
  const pages = list.kind === "ready" ? Math.max(1, Math.ceil(list.data.total / Math.max(1, list.data.pageSize))) : 1;

  return (
    <FeedbackShell current="map" title={t("list.pageTitle")}>
      <header className="pp-heading">
        {categories.kind === "ready" && (
          <p className="pub-eyebrow" lang={DATA_LANG}>
            {categories.data.ward.name}
          </p>
        )}
        <h1>{t("list.title")}</h1>
        <p className="fb-intro">{t("list.intro")}</p>
        <Link className="fb-button fb-button-primary" to={withWard(feedbackPaths.report, ward)}>
          {t("nav.report")}
        </Link>
      </header>

      <form className="pub-card fb-filters" aria-label={t("list.filters")} onSubmit={(event) => event.preventDefault()}>
        <fieldset className="fb-segmented">
          <legend className="fb-label">{t("list.status")}</legend>
          <div className="fb-segments">
            {STATUSES.map((s) => (
              <label key={s} className="fb-segment">
                <input
                  type="radio"
                  name="status"
                  value={s}
                  checked={status === s}
                  onChange={() => setFilter("status", s)}
                />
                <span>{t(`list.status.${s}`)}</span>
              </label>
            ))}
          </div>
        </fieldset>
        <div className="fb-field">
          <label className="fb-label" htmlFor="fb-filter-category">
            {t("list.category")}
          </label>
          <select
            id="fb-filter-category"
            className="fb-input"
            value={category}
            onChange={(event) => setFilter("category", event.target.value)}
          >
            <option value="">{t("list.allCategories")}</option>
            {categories.kind === "ready" &&
              categories.data.categories.map((c) => (
                <option key={c.code} value={c.code} lang={DATA_LANG}>
                  {c.name}
                </option>
              ))}
          </select>
        </div>
      </form>

      <section className="pub-card pp-section" aria-labelledby="fb-map-title">
        <h2 id="fb-map-title">{t("list.map")}</h2>
        <p className="pp-hint">{t("list.mapHint")}</p>
        {mapData.kind === "error" ? (
          <p className="pub-error" role="alert">
            {errorMessage(mapData.error, tg("common.loadFailed"))}
          </p>
        ) : (
          <FeedbackMap
            centre={centre}
            zoom={14}
            points={points}
            fitPoints
            texts={mapTexts}
            onNavigate={(href) => void navigate(href)}
          />
        )}
      </section>

      <section className="pub-card pp-section" aria-labelledby="fb-list-title">
        <h2 id="fb-list-title">
          {t("list.list")}
          {list.kind === "ready" && (
            <span className="fb-count"> · {t("list.total", { count: formatNumber(list.data.total, locale) })}</span>
          )}
        </h2>
        {list.kind === "loading" && (
          <p className="pub-muted" role="status">
            {tg("common.loading")}
          </p>
        )}
        {list.kind === "error" && (
          <p className="pub-error" role="alert">
            {errorMessage(list.error, tg("common.loadFailed"))}
          </p>
        )}
        {list.kind === "ready" &&
          (list.data.reports.length === 0 ? (
            <p className="pub-muted">{t("list.empty")}</p>
          ) : (
            <ul className="pp-list">
              {list.data.reports.map((report) => (
                <li key={report.code} className="pp-item fb-report-item">
                  <div className="pp-item-main">
                    <Link className="pp-item-title" to={withWard(feedbackPaths.follow(report.code), ward)}>
                      <span className="fb-report-code">{report.code}</span> <span lang={DATA_LANG}>{report.title}</span>
                    </Link>
                    <div className="pp-item-meta">
                      <span lang={DATA_LANG}>{report.category.name}</span>
                      {report.residentialGroup && <span lang={DATA_LANG}>{report.residentialGroup}</span>}
                      <span>{t("list.sent", { date: formatDate(report.createdAt) })}</span>
                    </div>
                  </div>
                  <div className="fb-report-chips">
                    <ReportStatusChip status={report.status} label={report.statusLabel} />
                  </div>
                </li>
              ))}
            </ul>
          ))}
        {list.kind === "ready" && pages > 1 && (
          <nav className="fb-pager" aria-label={t("list.page", { page, pages })}>
            <button
              type="button"
              className="fb-button"
              disabled={page <= 1}
              onClick={() => setFilter("page", String(page - 1))}
            >
              {t("list.prev")}
            </button>
            <span>{t("list.page", { page, pages })}</span>
            <button
              type="button"
              className="fb-button"
              disabled={page >= pages}
              onClick={() => setFilter("page", String(page + 1))}
            >
              {t("list.next")}
            </button>
          </nav>
        )}
      </section>
    </FeedbackShell>
  );
}
