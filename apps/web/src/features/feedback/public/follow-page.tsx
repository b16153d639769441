import { useEffect, useMemo, useRef, useState, type FormEvent } from "react";
import { Link, useLocation, useNavigate, useParams, useSearchParams } from "react-router";
import type { PublicReport } from "@phuong-xanh/shared";
import { MAX_REPORT_PHOTOS, normalizeTrackingCode, TRACKING_CODE_PATTERN } from "@phuong-xanh/shared";
import { ApiError, apiGet, errorMessage } from "../../../lib/api";
import { useI18n } from "../../../i18n/i18n";
import { formatDate, formatDateTime } from "../../../i18n/format";
import { portalPaths, useWard, withWard } from "../../public/portal-data";
import { Breadcrumbs, Facts } from "../../public/portal-ui";
import { FeedbackMap } from "../map/feedback-map";
import type { MapPoint } from "../map/map-types";
import { feedbackApi, feedbackPaths, parsers, phoneStore, publicPost } from "./feedback-api";
import { useFeedbackT } from "./messages";
import { rememberReport, reporterKeyFor, myReports } from "./report-form";
import { LookupForm } from "./lookup";
import { DATA_LANG, FeedbackShell, FieldError, LateChip, PhotoPicker, ReportStatusChip, useMapTexts } from "./ui";

type LoadState = { kind: "loading" } | { kind: "error"; error: unknown } | { kind: "ready"; report: PublicReport };

/**
 * /phan-anh/:code — one report as the public sees it: status, handling unit, deadline, the
 * public timeline, photos and place. With the reporter's key (`?k=` from the link given at
 * sending, or kept on this phone) the reporter adds information and, within the window after
 * it was closed as fixed, reopens it.
 */
export default function FollowPage() {
  const { code: raw = "" } = useParams();
  const normal = normalizeTrackingCode(raw);
  const code = TRACKING_CODE_PATTERN.test(normal) ? normal : raw;
  return <FollowReport key={code} code={code} />;
}

function FollowReport({ code }: { code: string }) {
  const t = useFeedbackT();
  const { t: tg, language } = useI18n();
  const ward = useWard();
  const [params] = useSearchParams();
  const { hash } = useLocation();
  const navigate = useNavigate();
  const store = useState(phoneStore)[0];
  // The link carries the key in its fragment (#k=…, never sent to the server); older links in ?k=.
  const linkKey = new URLSearchParams(hash.replace(/^#/, "")).get("k") ?? params.get("k");
  const [reporterKey] = useState(() => linkKey ?? reporterKeyFor(store, code));
  const [state, setState] = useState<LoadState>({ kind: "loading" });
  const [version, setVersion] = useState(0);

  // The key from the link is kept on the phone, then taken out of the address (it is not to be shared).
  useEffect(() => {
    const fromLink = linkKey;
    if (!fromLink) return;
    const known = myReports(store).find((r) => r.code === code);
    const kept = rememberReport(store, {
      code,
      reporterKey: fromLink,
      at: known?.at ?? new Date().toISOString(),
    });
    if (kept) {
      const next = new URLSearchParams(params);
      next.delete("k");
      const search = next.toString();
      void navigate({ search: search ? `?${search}` : "", hash: "" }, { replace: true });
    }
  }, [linkKey, params, navigate, store, code]);

  useEffect(() => {
    const controller = new AbortController();
    apiGet(feedbackApi.report(code), parsers.report, { ward, lang: language }, controller.signal).then(
      (report) => setState({ kind: "ready", report }),
      (error: unknown) => {
        if (!controller.signal.aborted) setState({ kind: "error", error });
      },
    );
    return () => controller.abort();
  }, [code, ward, language, version]);

  const notFound = state.kind === "error" && state.error instanceof ApiError && state.error.status === 404;
  return (
    <FeedbackShell current="follow" title={t("follow.pageTitle", { code })}>
      <Breadcrumbs items={[{ label: t("nav.report"), to: withWard(feedbackPaths.report, ward) }, { label: code }]} />
      {state.kind === "loading" && (
        <p className="pub-status" role="status">
          {tg("common.loading")}
        </p>
      )}
      {state.kind === "error" && (
        <>
          <p className="pub-error" role="alert">
            {notFound ? t("follow.notFound", { code }) : errorMessage(state.error, tg("common.loadFailed"))}
          </p>
          <LookupForm />
        </>
      )}
      {state.kind === "ready" && (
        <ReportView
          report={state.report}
          reporterKey={reporterKey}
          onChange={(report) => {
            setState({ kind: "ready", report });
            // The answer to a reporter's post comes in Vietnamese: read it again in the page's language.
            if (language !== "vi") setVersion((v) => v + 1);
          }}
        />
      )}
    </FeedbackShell>
  );
}

function ReportView({
  report,
  reporterKey,
  onChange,
}: {
  report: PublicReport;
  reporterKey: string | undefined;
  onChange: (report: PublicReport) => void;
}) {
  const t = useFeedbackT();
  const ward = useWard();
  const navigate = useNavigate();
  const mapTexts = useMapTexts();
  const canReopen = report.reopenUntil !== null && new Date(report.reopenUntil).getTime() > Date.now();
  // Shown here: once reopened, the report is open again and the reopen form goes away.
  const [reopened, setReopened] = useState(false);
  const reopenedNote = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    if (reopened) reopenedNote.current?.focus();
  }, [reopened]);
  const points = useMemo<MapPoint[]>(
    () =>
      report.location
        ? [
            {
              id: report.code,
              lat: report.location.lat,
              lng: report.location.lng,
              approximate: report.location.approximate,
              tone: report.open ? (report.late ? "late" : "open") : "closed",
              title: report.code,
              detail: report.category.name,
            },
          ]
        : [],
    [report],
  );

  return (
    <>
      <header className="pp-heading">
        <p className="pub-eyebrow" lang={DATA_LANG}>
          {report.category.name}
        </p>
        <h1>{t("follow.title", { code: report.code })}</h1>
        <div className="pp-chips">
          <ReportStatusChip status={report.status} label={report.statusLabel} />
          {report.late && <LateChip />}
        </div>
      </header>

      {report.duplicateOf && (
        <p className="fb-notice">
          <Link to={withWard(feedbackPaths.follow(report.duplicateOf), ward)}>
            {t("follow.duplicateOf", { code: report.duplicateOf })}
          </Link>
        </p>
      )}
      {reporterKey && <p className="fb-notice">{t("follow.yours")}</p>}

      <section className="pub-card pp-section" aria-labelledby="fb-facts">
        <h2 id="fb-facts" className="px-visually-hidden">
          {t("follow.status")}
        </h2>
        <Facts
          items={[
            { label: t("follow.status"), value: report.statusLabel },
            { label: t("follow.category"), value: <span lang={DATA_LANG}>{report.category.name}</span> },
            { label: t("follow.unit"), value: <span lang={DATA_LANG}>{report.unit.name}</span> },
            {
              label: t("follow.due"),
              value: (
                <>
                  {formatDate(report.dueOn)}
                  {report.open && (
                    <span className={report.late ? "fb-late" : "fb-on-time"}>
                      {" "}
                      · {report.late ? t("follow.late") : t("follow.onTime")}
                    </span>
                  )}
                </>
              ),
            },
            { label: t("follow.sentOn"), value: formatDate(report.createdAt) },
            { label: t("follow.closedOn"), value: report.closedAt ? formatDate(report.closedAt) : null },
            {
              label: t("follow.residentialGroup"),
              value: report.residentialGroup && <span lang={DATA_LANG}>{report.residentialGroup}</span>,
            },
            { label: t("follow.address"), value: report.address && <span lang={DATA_LANG}>{report.address}</span> },
            {
              label: t("follow.task"),
              value: report.task ? (
                <Link to={withWard(portalPaths.task(report.task.code), ward)} lang={DATA_LANG}>
                  {report.task.ref} {report.task.title}
                </Link>
              ) : null,
            },
          ]}
        />
      </section>

      <section className="pub-card pp-section" aria-labelledby="fb-description">
        <h2 id="fb-description">{t("follow.description")}</h2>
        <p className="fb-text" lang={DATA_LANG}>
          {report.description}
        </p>
        {report.answers.length > 0 && (
          <>
            <h3 className="fb-subheading">{t("follow.answers")}</h3>
            <div lang={DATA_LANG}>
              <Facts items={report.answers.map((a) => ({ label: a.label, value: a.value }))} />
            </div>
          </>
        )}
      </section>

      <section className="pub-card pp-section" aria-labelledby="fb-photos-title">
        <h2 id="fb-photos-title">{t("follow.photos")}</h2>
        {report.photos.length === 0 ? (
          <p className="pub-muted">{t("follow.photosPending")}</p>
        ) : (
          <ul className="pp-photos">
            {report.photos.map((url, index) => (
              <li key={url}>
                <a href={url} target="_blank" rel="noreferrer">
                  <img src={url} alt={t("follow.photoAlt", { n: index + 1, code: report.code })} loading="lazy" />
                </a>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section className="pub-card pp-section" aria-labelledby="fb-location-title">
        <h2 id="fb-location-title">{t("follow.location")}</h2>
        {report.location ? (
          <>
            {report.location.approximate && <p className="fb-hint">{t("follow.approximate")}</p>}
            <FeedbackMap
              centre={report.location}
              zoom={report.location.approximate ? 14 : 17}
              points={points}
              texts={mapTexts}
              onNavigate={(href) => void navigate(href)}
            />
          </>
        ) : (
          <p className="pub-muted">{t("follow.noLocation")}</p>
        )}
      </section>

      <section className="pub-card pp-section" aria-labelledby="fb-timeline-title">
        <h2 id="fb-timeline-title">{t("follow.timeline")}</h2>
        <ol className="pp-updates fb-timeline">
          {report.timeline.map((entry, index) => (
            <li key={`${entry.at}-${index}`} className={`fb-entry-${entry.kind}`}>
              <div className="pp-update-head">
                <time dateTime={entry.at}>{formatDateTime(entry.at)}</time>
                <span>{t(`follow.kind.${entry.kind}`)}</span>
                {entry.statusLabel && entry.status && (
                  <ReportStatusChip status={entry.status} label={entry.statusLabel} />
                )}
              </div>
              <p className="fb-entry-by" lang={DATA_LANG}>
                {entry.by}
              </p>
              {entry.text && (
                <p className="pp-update-text" lang={DATA_LANG}>
                  {entry.text}
                </p>
              )}
              {entry.photos.length > 0 && (
                <ul className="pp-photos fb-entry-photos">
                  {entry.photos.map((url) => (
                    <li key={url}>
                      <a href={url} target="_blank" rel="noreferrer">
                        <img
                          src={url}
                          alt={t("follow.timelinePhotoAlt", { date: formatDate(entry.at) })}
                          loading="lazy"
                        />
                      </a>
                    </li>
                  ))}
                </ul>
              )}
            </li>
          ))}
        </ol>
      </section>

      {reporterKey && canReopen && report.reopenUntil && (
        <Reopen
          code={report.code}
          reporterKey={reporterKey}
          until={report.reopenUntil}
          onDone={(next) => {
            setReopened(true);
            onChange(next);
          }}
        />
      )}
      <div role="status">
        {reopened && (
          <p className="fb-notice fb-success" tabIndex={-1} ref={reopenedNote}>
            {t("follow.reopen.done")}
          </p>
        )}
      </div>
      {reporterKey && <AddInformation code={report.code} reporterKey={reporterKey} onDone={onChange} />}
      <p>
        <Link className="pp-more-link" to={withWard(feedbackPaths.report, ward)}>
          {t("follow.back")}
        </Link>
      </p>
    </>
  );
}

/** "Bổ sung thông tin": text and photos from the reporter (multipart, with the reporter's key). */
function AddInformation({
  code,
  reporterKey,
  onDone,
}: {
  code: string;
  reporterKey: string;
  onDone: (report: PublicReport) => void;
}) {
  const t = useFeedbackT();
  const { language } = useI18n();
  const ward = useWard();
  const [text, setText] = useState("");
  const [photos, setPhotos] = useState<File[]>([]);
  const [error, setError] = useState<string | undefined>(undefined);
  const [photoError, setPhotoError] = useState<string | undefined>(undefined);
  const [formError, setFormError] = useState<string | undefined>(undefined);
  const [done, setDone] = useState(false);
  const [sending, setSending] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (sending) return;
    setDone(false);
    if (!text.trim()) {
      setError(t("follow.add.required"));
      document.getElementById("fb-add-text")?.focus();
      return;
    }
    setError(undefined);
    setPhotoError(undefined);
    setFormError(undefined);
    const form = new FormData();
    form.set("reporterKey", reporterKey);
    form.set("text", text.trim());
    for (const photo of photos.slice(0, MAX_REPORT_PHOTOS)) form.append("photos", photo, photo.name);
    setSending(true);
    try {
      const report = await publicPost(
        feedbackApi.information(code),
        parsers.report,
        { form },
        { ward, lang: language },
      );
      setText("");
      setPhotos([]);
      setDone(true);
      onDone(report);
    } catch (failure) {
      const details = failure instanceof ApiError ? failure.details : [];
      const fileProblem =
        failure instanceof ApiError && (failure.code === "FILE_TOO_LARGE" || failure.code === "FILE_TYPE_NOT_ALLOWED");
      const textDetail = details.find((d) => /(^|\.)text$/.test(d.path));
      const photoDetail = fileProblem
        ? { message: failure.message }
        : details.find((d) => /(^|\.)(photos|files)(\.|$)/.test(d.path));
      if (textDetail) setError(textDetail.message);
      if (photoDetail) setPhotoError(photoDetail.message);
      if (!textDetail && !photoDetail) setFormError(errorMessage(failure, t("report.loadFailed")));
    } finally {
      setSending(false);
    }
  }

  return (
    <section className="pub-card pp-section" aria-labelledby="fb-add-title">
      <h2 id="fb-add-title">{t("follow.add.title")}</h2>
      <form className="fb-form" noValidate onSubmit={(event) => void submit(event)} aria-labelledby="fb-add-title">
        <div className="fb-field">
          <label className="fb-label" htmlFor="fb-add-text">
            {t("follow.add.text")}
          </label>
          <p className="fb-hint" id="fb-add-hint">
            {t("follow.add.hint")}
          </p>
          <textarea
            id="fb-add-text"
            className="fb-input"
            rows={3}
            maxLength={4000}
            value={text}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? "fb-add-error fb-add-hint" : "fb-add-hint"}
            onChange={(event) => {
              setText(event.target.value);
              setError(undefined);
            }}
          />
          <FieldError id="fb-add-error" message={error} />
        </div>
        <PhotoPicker
          id="fb-add-photos"
          label={t("report.photos", { max: MAX_REPORT_PHOTOS })}
          photos={photos}
          onChange={setPhotos}
          error={photoError}
        />
        {formError && (
          <p className="fb-error" role="alert">
            {formError}
          </p>
        )}
        <button type="submit" className="fb-button fb-button-primary" disabled={sending}>
          {sending ? t("report.sending") : t("follow.add.submit")}
        </button>
        <div role="status">{done && <p className="fb-success">{t("follow.add.done")}</p>}</div>
      </form>
    </section>
  );
}

/** "Mở lại phản ánh": the reporter says the fix did not hold (JSON, with the reporter's key). */
function Reopen({
  code,
  reporterKey,
  until,
  onDone,
}: {
  code: string;
  reporterKey: string;
  until: string;
  onDone: (report: PublicReport) => void;
}) {
  const t = useFeedbackT();
  const { language } = useI18n();
  const ward = useWard();
  const [reason, setReason] = useState("");
  const [error, setError] = useState<string | undefined>(undefined);
  const [formError, setFormError] = useState<string | undefined>(undefined);
  const [sending, setSending] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (sending) return;
    if (reason.trim().length < 5) {
      setError(t("follow.reopen.short"));
      document.getElementById("fb-reopen-reason")?.focus();
      return;
    }
    setError(undefined);
    setFormError(undefined);
    setSending(true);
    try {
      const report = await publicPost(
        feedbackApi.reopen(code),
        parsers.report,
        { json: { reporterKey, reason: reason.trim() } },
        { ward, lang: language },
      );
      setReason("");
      onDone(report);
    } catch (failure) {
      const detail =
        failure instanceof ApiError ? failure.details.find((d) => /(^|\.)reason$/.test(d.path)) : undefined;
      if (detail) setError(detail.message);
      else setFormError(errorMessage(failure, t("report.loadFailed")));
    } finally {
      setSending(false);
    }
  }

  return (
    <section className="pub-card pp-section" aria-labelledby="fb-reopen-title">
      <h2 id="fb-reopen-title">{t("follow.reopen.title")}</h2>
      <p className="fb-hint" id="fb-reopen-hint">
        {t("follow.reopen.hint", { date: formatDate(until) })}
      </p>
      <form className="fb-form" noValidate onSubmit={(event) => void submit(event)} aria-labelledby="fb-reopen-title">
        <div className="fb-field">
          <label className="fb-label" htmlFor="fb-reopen-reason">
            {t("follow.reopen.reason")}
          </label>
          <textarea
            id="fb-reopen-reason"
            className="fb-input"
            rows={3}
            maxLength={2000}
            value={reason}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? "fb-reopen-error fb-reopen-hint" : "fb-reopen-hint"}
            onChange={(event) => {
              setReason(event.target.value);
              setError(undefined);
            }}
          />
          <FieldError id="fb-reopen-error" message={error} />
        </div>
        {formError && (
          <p className="fb-error" role="alert">
            {formError}
          </p>
        )}
        <button type="submit" className="fb-button fb-button-primary" disabled={sending}>
          {sending ? t("report.sending") : t("follow.reopen.submit")}
        </button>
      </form>
    </section>
  );
}
