import { useEffect, useState } from "react";
import { Link, useSearchParams } from "react-router";
import type { OpenDataCatalogue, OpenDataDictionary } from "@phuong-xanh/shared";
import { apiGet, errorMessage, withQuery } from "../../lib/api";
import { useI18n } from "../../i18n/i18n";
import { formatDateTime, formatNumber } from "../../i18n/format";
import { PublicShell } from "../../components/public-shell";
import { envelope } from "../public/portal-data";
import "../public/public.css";
import "./open-data.css";

/**
 * Dữ liệu mở: the ward's open datasets with their downloads, licence, dictionary and API links.
 * Plain React like the public plan (no zod, no antd): the envelopes are checked by hand and the
 * rest trusted, as the server builds them from the shared schemas.
 */
const catalogueParser = envelope<OpenDataCatalogue>("open data catalogue", ["publisher", "licence", "datasets"]);
const dictionaryParser = envelope<OpenDataDictionary>("open data dictionary", ["datasets", "formats"]);

type LoadState =
  | { kind: "loading" }
  | { kind: "error"; error: unknown }
  | { kind: "ready"; catalogue: OpenDataCatalogue; dictionary: OpenDataDictionary };

export default function OpenDataPage() {
  const { t } = useI18n();
  const [params] = useSearchParams();
  const ward = params.get("ward") ?? undefined;
  const [state, setState] = useState<LoadState>({ kind: "loading" });

  useEffect(() => {
    const controller = new AbortController();
    setState({ kind: "loading" });
    Promise.all([
      apiGet("/api/public/open-data", catalogueParser, { ward }, controller.signal),
      apiGet("/api/public/open-data/dictionary.json", dictionaryParser, { ward }, controller.signal),
    ]).then(
      ([catalogue, dictionary]) => setState({ kind: "ready", catalogue, dictionary }),
      (error: unknown) => {
        if (!controller.signal.aborted) setState({ kind: "error", error });
      },
    );
    return () => controller.abort();
  }, [ward]);

  useEffect(() => {
    document.title =
      state.kind === "ready"
        ? `${t("openData.pageTitle")} — ${state.catalogue.publisher.name}`
        : t("openData.pageTitle");
  }, [state, t]);

  return (
    <PublicShell
      className="od"
      nav={
        <Link to={withQuery("/cong-khai", { ward })} className="pub-link-button">
          {t("openData.backToPlan")}
        </Link>
      }
    >
      <main className="pub-main" id="noi-dung">
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
        {state.kind === "ready" && <OpenDataView catalogue={state.catalogue} dictionary={state.dictionary} />}
      </main>
    </PublicShell>
  );
}

function OpenDataView({ catalogue, dictionary }: { catalogue: OpenDataCatalogue; dictionary: OpenDataDictionary }) {
  const { t, language, locale } = useI18n();
  // Labels inside the files (status words) follow the page's language.
  const inLanguage = (url: string) => (language === "en" ? withQuery(url, { lang: "en" }) : url);
  const { licence, publisher } = catalogue;
  return (
    <>
      <section className="pub-hero" aria-labelledby="open-data-title">
        <p className="pub-eyebrow">
          {publisher.name}
          {publisher.province ? `, ${publisher.province}` : ""}
        </p>
        <h1 id="open-data-title">{t("openData.pageTitle")}</h1>
        <p className="od-intro">{t("openData.intro")}</p>
        {catalogue.lastUpdated && (
          <p className="pub-meta">{t("openData.lastUpdated", { at: formatDateTime(catalogue.lastUpdated) })}</p>
        )}
        {catalogue.isDemo && (
          <p className="pub-demo" role="note">
            <strong>{t("common.demoData")}.</strong> {t("public.demoNote")}
          </p>
        )}
      </section>

      <section className="pub-card" aria-labelledby="open-data-licence">
        <h2 id="open-data-licence">{t("openData.licence")}</h2>
        <p>
          {t("openData.licenceText", { licence: "CC BY 4.0" })}{" "}
          <a href={licence.url} rel="license noopener" target="_blank">
            {licence.name}
          </a>
        </p>
        <p className="od-attribution">
          <strong>{t("openData.attribution")}:</strong> {licence.attribution}
        </p>
      </section>

      <section className="pub-card" aria-labelledby="open-data-datasets">
        <h2 id="open-data-datasets">{t("openData.datasets")}</h2>
        <ul className="od-datasets">
          {catalogue.datasets.map((dataset) => (
            <li key={dataset.name} className="od-dataset">
              <h3>{dataset.title[language]}</h3>
              <p>{dataset.description[language]}</p>
              <p className="pub-meta">
                {t("openData.rows", { count: formatNumber(dataset.rows, locale) })} ·{" "}
                {dataset.lastUpdated
                  ? t("openData.lastUpdated", { at: formatDateTime(dataset.lastUpdated) })
                  : t("openData.neverUpdated")}
              </p>
              <p className="od-downloads">
                <span className="od-downloads-label">{t("openData.download")}:</span>
                {dataset.distributions.map((d) => (
                  <a
                    key={d.format}
                    className="od-download"
                    href={inLanguage(d.url)}
                    download
                    type={d.mediaType}
                    aria-label={t("openData.downloadAs", {
                      dataset: dataset.title[language],
                      format: d.format.toUpperCase(),
                    })}
                  >
                    {d.format.toUpperCase()}
                  </a>
                ))}
              </p>
            </li>
          ))}
        </ul>
      </section>

      <section className="pub-card" aria-labelledby="open-data-dictionary">
        <h2 id="open-data-dictionary">{t("openData.dictionary")}</h2>
        <p>{t("openData.dictionaryIntro")}</p>
        {dictionary.datasets.map((dataset) => (
          <div
            key={dataset.name}
            className="od-table-wrap"
            role="region"
            aria-label={t("openData.dictionaryOf", { dataset: dataset.title[language] })}
            tabIndex={0}
          >
            <table className="od-table">
              <caption>
                {dataset.title[language]} <code>{dataset.name}</code>
              </caption>
              <thead>
                <tr>
                  <th scope="col">{t("openData.column")}</th>
                  <th scope="col">{t("openData.description")}</th>
                </tr>
              </thead>
              <tbody>
                {dataset.fields.map((field) => (
                  <tr key={field.name}>
                    <th scope="row">
                      <code>
                        {field.name.split("_").map((part, i) => (
                          // A narrow screen breaks a long column name after its underscores.
                          <span key={i}>
                            {i > 0 && "_"}
                            {i > 0 && <wbr />}
                            {part}
                          </span>
                        ))}
                      </code>
                      <span className="od-type">
                        <span className="px-visually-hidden">{t("openData.type")}: </span>
                        {field.type}
                        {field.unit && (
                          <>
                            {" · "}
                            <span className="px-visually-hidden">{t("openData.unit")}: </span>
                            {field.unit}
                          </>
                        )}
                      </span>
                    </th>
                    <td>{field.description[language]}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ))}
        <h3>{t("openData.formats")}</h3>
        <dl className="od-formats">
          {dictionary.formats.map((f) => (
            <div key={f.format}>
              <dt>{f.format.toUpperCase()}</dt>
              <dd>{f.notes[language]}</dd>
            </div>
          ))}
        </dl>
      </section>

      <section className="pub-card" aria-labelledby="open-data-api">
        <h2 id="open-data-api">{t("openData.api")}</h2>
        <p>{t("openData.apiIntro")}</p>
        <ul className="od-links">
          <li>
            <a href={withQuery("/api/public/open-data", { ward: publisher.code })}>{t("openData.catalogue")}</a>
          </li>
          <li>
            <a href={catalogue.dictionaryUrl}>{t("openData.dictionaryJson")}</a>
          </li>
          <li>
            <a href={catalogue.openApiUrl}>{t("openData.openApi")}</a> <code>{catalogue.openApiUrl}</code>
          </li>
          <li>
            <a href={catalogue.apiDocsUrl}>{t("openData.apiDocs")}</a>
          </li>
        </ul>
      </section>

      <footer className="pub-footer">
        <p>{t("public.privacyNote")}</p>
      </footer>
    </>
  );
}
