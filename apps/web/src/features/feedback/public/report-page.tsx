import { useCallback, useEffect, useRef, useState, type FormEvent } from "react";
import { Link } from "react-router";
import type {
  CategoryQuestion,
  PublicCategory,
  PublicCategoryList,
  PublicReportSummary,
  SubmittedReport,
} from "@phuong-xanh/shared";
import { MAX_REPORT_PHOTOS, metresBetween } from "@phuong-xanh/shared";
import { ApiError, apiGet, errorMessage } from "../../../lib/api";
import { useI18n } from "../../../i18n/i18n";
import { formatDate } from "../../../i18n/format";
import { usePublicData, useWard, withWard } from "../../public/portal-data";
import { FeedbackMap } from "../map/feedback-map";
import type { LatLng } from "../map/map-types";
import { addWard, feedbackApi, feedbackPaths, parsers, phoneStore, publicPost } from "./feedback-api";
import { useFeedbackT, type FeedbackTranslate } from "./messages";
import {
  apiErrorsToFields,
  checkReport,
  clearDraft,
  deviceId,
  emptyDraft,
  loadDraft,
  myReports,
  orderedErrorKeys,
  parseCoordinates,
  rememberReport,
  reportFormData,
  roundCoordinate,
  saveDraft,
  type Answer,
  type FieldErrors,
  type FieldKey,
  type FieldMessage,
  type MyReport,
  type ReportDraft,
} from "./report-form";
import { LookupForm, MyReportsList } from "./lookup";
import { DATA_LANG, FeedbackShell, FieldError, Icon, PhotoPicker, useMapTexts } from "./ui";

/**
 * /phan-anh — a resident reports a problem from a phone, without an account: the kind of problem
 * (with its own questions), a description, photos, where (map pin, the phone's location, or the
 * residential group and address), optional contacts. Nearby open reports of the same kind are
 * offered to follow instead. What is typed is kept on the phone until it is sent.
 */
export default function ReportPage() {
  const t = useFeedbackT();
  const { t: tg } = useI18n();
  const state = usePublicData(feedbackApi.categories, parsers.categories);
  const store = useState(phoneStore)[0];
  const [restored] = useState(() => loadDraft(store));
  const [draft, setDraft] = useState<ReportDraft>(restored ?? emptyDraft);
  const [showRestored, setShowRestored] = useState(restored !== undefined);
  const [photos, setPhotos] = useState<File[]>([]);
  const [sent, setSent] = useState<SubmittedReport | undefined>(undefined);
  const [mine, setMine] = useState<MyReport[]>(() => myReports(store));

  // The draft is written a moment after each change: a reload or a lost connection keeps it.
  useEffect(() => {
    if (sent) return;
    const timer = window.setTimeout(() => saveDraft(store, draft), 300);
    return () => window.clearTimeout(timer);
  }, [draft, sent, store]);

  const onSent = useCallback(
    (report: SubmittedReport) => {
      rememberReport(store, { code: report.code, reporterKey: report.reporterKey, at: new Date().toISOString() });
      clearDraft(store);
      setMine(myReports(store));
      setSent(report);
      setShowRestored(false);
      window.scrollTo(0, 0);
    },
    [store],
  );

  const startOver = useCallback(() => {
    setDraft(emptyDraft);
    setPhotos([]);
    setSent(undefined);
    window.scrollTo(0, 0);
  }, []);

  return (
    <FeedbackShell current="report" title={t("report.pageTitle")}>
      {sent ? (
        <SentView report={sent} onAnother={startOver} />
      ) : (
        <>
          <header className="pp-heading">
            {state.kind === "ready" && (
              <p className="pub-eyebrow" lang={DATA_LANG}>
                {state.data.ward.name}
              </p>
            )}
            <h1>{t("report.title")}</h1>
            <p className="fb-intro">{t("report.intro")}</p>
          </header>
          {showRestored && (
            <div className="fb-notice" role="status">
              <span>{t("report.draftRestored")}</span>
              <button
                type="button"
                className="fb-link-button"
                onClick={() => {
                  setDraft(emptyDraft);
                  clearDraft(store);
                  setShowRestored(false);
                }}
              >
                {t("report.clearDraft")}
              </button>
            </div>
          )}
          {state.kind === "loading" && (
            <p className="pub-status" role="status">
              {tg("common.loading")}
            </p>
          )}
          {state.kind === "error" && (
            <p className="pub-error" role="alert">
              {errorMessage(state.error, t("report.loadFailed"))}
            </p>
          )}
          {state.kind === "ready" && (
            <ReportForm
              data={state.data}
              draft={draft}
              setDraft={setDraft}
              photos={photos}
              setPhotos={setPhotos}
              store={store}
              onSent={onSent}
            />
          )}
        </>
      )}
      <LookupForm />
      <MyReportsList reports={mine} />
    </FeedbackShell>
  );
}

type SetDraft = (update: (draft: ReportDraft) => ReportDraft) => void;

function messageText(t: FeedbackTranslate, message: FieldMessage | undefined): string | undefined {
  if (!message) return undefined;
  return "key" in message ? t(message.key) : message.text;
}

/** The element an error belongs to, to focus it: the first control inside its field. */
function focusField(key: FieldKey) {
  const field = document.querySelector(`[data-field="${CSS.escape(key)}"]`);
  const control = field?.querySelector<HTMLElement>("input:not([disabled]), textarea, select, button");
  control?.focus();
}

function ReportForm({
  data,
  draft,
  setDraft,
  photos,
  setPhotos,
  store,
  onSent,
}: {
  data: PublicCategoryList;
  draft: ReportDraft;
  setDraft: SetDraft;
  photos: File[];
  setPhotos: (photos: File[]) => void;
  store: ReturnType<typeof phoneStore>;
  onSent: (report: SubmittedReport) => void;
}) {
  const t = useFeedbackT();
  const { language } = useI18n();
  const ward = useWard();
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string[]>([]);
  const [sending, setSending] = useState<number | undefined>(undefined);
  const summary = useRef<HTMLDivElement>(null);

  const category = data.categories.find((c) => c.code === draft.category);
  const questions = category?.questions ?? [];

  const update = useCallback(
    (patch: Partial<ReportDraft>, clears: FieldKey[] = []) => {
      setDraft((d) => ({ ...d, ...patch }));
      if (clears.length > 0)
        setErrors((e) => {
          if (!clears.some((k) => e[k])) return e;
          const next = { ...e };
          for (const k of clears) delete next[k];
          return next;
        });
    },
    [setDraft],
  );

  const setAnswer = (code: string, value: Answer) => {
    setDraft((d) => ({ ...d, answers: { ...d.answers, [code]: value } }));
    setErrors((e) => {
      const key: FieldKey = `answers.${code}`;
      if (!e[key]) return e;
      const next = { ...e };
      delete next[key];
      return next;
    });
  };

  function showErrors(next: FieldErrors, other: string[]) {
    setErrors(next);
    setFormError(other);
    const first = orderedErrorKeys(next, questions)[0];
    window.requestAnimationFrame(() => {
      if (first) focusField(first);
      else summary.current?.focus();
    });
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (sending !== undefined) return;
    const found = checkReport(draft, questions);
    if (Object.keys(found).length > 0) {
      showErrors(found, []);
      return;
    }
    setErrors({});
    setFormError([]);
    setSending(0);
    try {
      const report = await publicPost(
        feedbackApi.reports,
        parsers.submitted,
        { form: reportFormData(draft, questions, photos) },
        { ward, lang: language },
        {
          headers: { "x-device-id": deviceId(store, (bytes) => crypto.getRandomValues(bytes)) },
          onUploadProgress: (sentBytes, total) => setSending(total > 0 ? Math.round((sentBytes / total) * 100) : 0),
        },
      );
      onSent(report);
    } catch (error) {
      // Whatever went wrong, the form keeps what was typed and chosen.
      if (error instanceof ApiError && (error.code === "FILE_TOO_LARGE" || error.code === "FILE_TYPE_NOT_ALLOWED")) {
        // The whole message names the photo at fault ("anh.jpg" lớn hơn 10 MB…): next to the photos.
        showErrors({ photos: { text: error.message } }, []);
      } else if (error instanceof ApiError && error.details.length > 0) {
        const mapped = apiErrorsToFields(error.details, questions);
        showErrors(
          mapped.fields,
          mapped.other.length > 0 ? mapped.other : Object.keys(mapped.fields).length > 0 ? [] : [error.message],
        );
      } else {
        showErrors({}, [errorMessage(error, t("report.loadFailed"))]);
      }
    } finally {
      setSending(undefined);
    }
  }

  const errorKeys = orderedErrorKeys(errors, questions);
  const hasErrors = errorKeys.length > 0 || formError.length > 0;
  const err = (key: FieldKey) => messageText(t, errors[key]);

  return (
    <form className="fb-form" noValidate onSubmit={(event) => void submit(event)} aria-label={t("report.pageTitle")}>
      <CategoryStep
        data={data}
        value={draft.category}
        error={err("category")}
        onChange={(code) => update({ category: code }, ["category"])}
      />

      <section className="pub-card fb-step" aria-labelledby="fb-step-details">
        <h2 id="fb-step-details">{t("report.step.details")}</h2>
        {questions.map((question) => (
          <QuestionField
            key={`${draft.category}-${question.code}`}
            question={question}
            value={draft.answers[question.code]}
            error={err(`answers.${question.code}`)}
            onChange={(value) => setAnswer(question.code, value)}
          />
        ))}
        <div className="fb-field" data-field="description">
          <label className="fb-label" htmlFor="fb-description">
            {t("report.description")}
          </label>
          <p className="fb-hint" id="fb-description-hint">
            {t("report.descriptionHint")}
          </p>
          <textarea
            id="fb-description"
            className="fb-input"
            rows={4}
            maxLength={4000}
            value={draft.description}
            aria-invalid={errors.description ? true : undefined}
            aria-describedby={errors.description ? "fb-description-error fb-description-hint" : "fb-description-hint"}
            onChange={(event) => update({ description: event.target.value }, ["description"])}
          />
          <FieldError id="fb-description-error" message={err("description")} />
        </div>
        <PhotoPicker
          id="fb-photos"
          label={t("report.photos", { max: MAX_REPORT_PHOTOS })}
          photos={photos}
          onChange={setPhotos}
          error={err("photos")}
        />
      </section>

      <LocationStep data={data} draft={draft} update={update} errors={errors} />

      {category && draft.pin && (
        <NearbyReports category={category.code} pin={draft.pin} ward={ward} language={language} />
      )}

      <ContactStep data={data} draft={draft} update={update} errors={errors} />

      <div ref={summary} tabIndex={-1} className="fb-summary-anchor">
        {hasErrors && (
          <div className="fb-summary" role="alert">
            <p>{t("report.errorSummary")}</p>
            <ul>
              {errorKeys.map((key) => (
                <li key={key}>
                  <a
                    href={`#${key}`}
                    onClick={(event) => {
                      event.preventDefault();
                      focusField(key);
                    }}
                  >
                    {messageText(t, errors[key])}
                  </a>
                </li>
              ))}
              {formError.map((text) => (
                <li key={text}>{text}</li>
              ))}
            </ul>
          </div>
        )}
      </div>

      <div className="fb-submit">
        <button type="submit" className="fb-button fb-button-primary" disabled={sending !== undefined}>
          {sending === undefined
            ? t("report.submit")
            : sending > 0
              ? t("report.sendingProgress", { percent: sending })
              : t("report.sending")}
        </button>
        {sending !== undefined && (
          <progress className="fb-progress" max={100} value={sending} aria-label={t("report.sending")} />
        )}
      </div>
    </form>
  );
}

/** Step 1: the kinds of problem, grouped, as large choices; once chosen, folded to the choice. */
function CategoryStep({
  data,
  value,
  error,
  onChange,
}: {
  data: PublicCategoryList;
  value: string;
  error: string | undefined;
  onChange: (code: string) => void;
}) {
  const t = useFeedbackT();
  const chosen = data.categories.find((c) => c.code === value);
  const [open, setOpen] = useState(!chosen);
  const groups = new Map<string, PublicCategory[]>();
  for (const category of data.categories) groups.set(category.group, [...(groups.get(category.group) ?? []), category]);

  return (
    <fieldset
      className="pub-card fb-step"
      data-field="category"
      aria-describedby={error ? "fb-category-error" : undefined}
    >
      <legend className="fb-legend">
        <h2>{t("report.step.category")}</h2>
      </legend>
      {chosen && !open ? (
        <div className="fb-chosen">
          <div>
            <p className="fb-chosen-name">
              {t("report.categoryChosen")} <span lang={DATA_LANG}>{chosen.name}</span>
            </p>
            <p className="fb-hint">
              {t("report.handledBy")} <span lang={DATA_LANG}>{chosen.unit.name}</span> ·{" "}
              {t("report.handledWithin", { days: chosen.slaDays })}
            </p>
          </div>
          <button type="button" className="fb-button" onClick={() => setOpen(true)}>
            {t("report.changeCategory")}
          </button>
        </div>
      ) : (
        <>
          <p className="fb-hint">{t("report.categoryHint")}</p>
          {[...groups].map(([group, list]) => (
            <div
              key={group}
              className="fb-group"
              role="group"
              aria-labelledby={`fb-group-${slug(group)}`}
              lang={DATA_LANG}
            >
              <h3 id={`fb-group-${slug(group)}`}>{group}</h3>
              <ul className="fb-choices">
                {list.map((category) => (
                  <li key={category.code}>
                    <label className="fb-choice">
                      <input
                        type="radio"
                        name="category"
                        value={category.code}
                        checked={value === category.code}
                        onChange={() => {
                          onChange(category.code);
                          setOpen(false);
                        }}
                      />
                      <span>
                        <span className="fb-choice-name">{category.name}</span>
                        {category.description && <span className="fb-choice-hint">{category.description}</span>}
                      </span>
                    </label>
                  </li>
                ))}
              </ul>
            </div>
          ))}
        </>
      )}
      <FieldError id="fb-category-error" message={error} />
    </fieldset>
  );
}

function slug(text: string): string {
  let hash = 0;
  for (const char of text) hash = (hash * 31 + (char.codePointAt(0) ?? 0)) | 0;
  return Math.abs(hash).toString(36);
}

/** One of the category's extra questions, as its datatype asks. */
function QuestionField({
  question,
  value,
  error,
  onChange,
}: {
  question: CategoryQuestion;
  value: Answer | undefined;
  error: string | undefined;
  onChange: (value: Answer) => void;
}) {
  const id = `fb-q-${question.code}`;
  const key: FieldKey = `answers.${question.code}`;
  const describedBy =
    [error ? `${id}-error` : "", question.hint ? `${id}-hint` : ""].filter(Boolean).join(" ") || undefined;
  const label = (
    <>
      <span lang={DATA_LANG}>{question.label}</span>
      {question.required && <span className="fb-required"> *</span>}
    </>
  );
  const hint = question.hint ? (
    <p className="fb-hint" id={`${id}-hint`} lang={DATA_LANG}>
      {question.hint}
    </p>
  ) : null;

  if (question.datatype === "singlevaluelist" || question.datatype === "multivaluelist") {
    const multiple = question.datatype === "multivaluelist";
    const selected = Array.isArray(value) ? value : value ? [value] : [];
    return (
      <fieldset className="fb-field fb-question" data-field={key} aria-describedby={describedBy}>
        <legend className="fb-label">{label}</legend>
        {hint}
        <div className="fb-options">
          {(question.values ?? []).map((option) => (
            <label key={option.key} className="fb-option">
              <input
                type={multiple ? "checkbox" : "radio"}
                name={id}
                value={option.key}
                checked={selected.includes(option.key)}
                aria-invalid={error ? true : undefined}
                onChange={(event) => {
                  if (!multiple) onChange(option.key);
                  else
                    onChange(
                      event.target.checked ? [...selected, option.key] : selected.filter((k) => k !== option.key),
                    );
                }}
              />
              <span lang={DATA_LANG}>{option.name}</span>
            </label>
          ))}
        </div>
        <FieldError id={`${id}-error`} message={error} />
      </fieldset>
    );
  }

  const text = typeof value === "string" ? value : "";
  const common = {
    id,
    className: "fb-input",
    value: text,
    required: question.required,
    "aria-invalid": error ? true : undefined,
    "aria-describedby": describedBy,
  } as const;
  return (
    <div className="fb-field fb-question" data-field={key}>
      <label className="fb-label" htmlFor={id}>
        {label}
      </label>
      {hint}
      {question.datatype === "text" ? (
        <textarea {...common} rows={3} maxLength={1000} onChange={(event) => onChange(event.target.value)} />
      ) : question.datatype === "number" ? (
        <input {...common} type="text" inputMode="decimal" onChange={(event) => onChange(event.target.value)} />
      ) : question.datatype === "datetime" ? (
        <input {...common} type="datetime-local" onChange={(event) => onChange(event.target.value)} />
      ) : (
        <input {...common} type="text" maxLength={1000} onChange={(event) => onChange(event.target.value)} />
      )}
      <FieldError id={`${id}-error`} message={error} />
    </div>
  );
}

const FALLBACK_CENTRE: LatLng = { lat: 20.8449, lng: 106.6881 };

/** Step 3: where — the map pin, the phone's location, typed coordinates, or group and address. */
function LocationStep({
  data,
  draft,
  update,
  errors,
}: {
  data: PublicCategoryList;
  draft: ReportDraft;
  update: (patch: Partial<ReportDraft>, clears?: FieldKey[]) => void;
  errors: FieldErrors;
}) {
  const t = useFeedbackT();
  const mapTexts = useMapTexts();
  const [locating, setLocating] = useState(false);
  const [locationNote, setLocationNote] = useState<string | undefined>(undefined);
  const [mapOk, setMapOk] = useState<boolean | undefined>(undefined);
  const [controls, setControls] = useState<{ centre: () => LatLng } | undefined>(undefined);
  const [panToPin, setPanToPin] = useState(false);
  const [latText, setLatText] = useState("");
  const [lngText, setLngText] = useState("");
  const [coordsError, setCoordsError] = useState<string | undefined>(undefined);
  const [coordsOpen, setCoordsOpen] = useState(false);
  const err = (key: FieldKey) => messageText(t, errors[key]);

  const pinAt = useCallback(
    (at: LatLng, source: "device" | "map", pan: boolean) => {
      setPanToPin(pan);
      update({ pin: { lat: roundCoordinate(at.lat), lng: roundCoordinate(at.lng) }, locationSource: source }, [
        "location",
      ]);
    },
    [update],
  );

  function locateMe() {
    if (!("geolocation" in navigator)) {
      setLocationNote(t("report.locationUnsupported"));
      return;
    }
    setLocating(true);
    setLocationNote(undefined);
    navigator.geolocation.getCurrentPosition(
      (position) => {
        setLocating(false);
        pinAt({ lat: position.coords.latitude, lng: position.coords.longitude }, "device", true);
      },
      () => {
        setLocating(false);
        setLocationNote(t("report.locationDenied"));
      },
      { enableHighAccuracy: true, timeout: 15_000, maximumAge: 60_000 },
    );
  }

  function applyCoordinates() {
    const at = parseCoordinates(latText, lngText);
    if (!at) {
      setCoordsError(t("report.coordinatesInvalid"));
      return;
    }
    setCoordsError(undefined);
    setLatText(String(at.lat));
    setLngText(String(at.lng));
    pinAt(at, "map", true);
  }

  const centre = data.centre ?? FALLBACK_CENTRE;
  const farKm = draft.pin && data.centre ? Math.round(metresBetween(draft.pin, data.centre) / 1000) : 0;
  const locationError = err("location");
  const showCoords = coordsOpen || mapOk === false;

  return (
    <section className="pub-card fb-step" aria-labelledby="fb-step-location">
      <h2 id="fb-step-location">{t("report.step.location")}</h2>
      <div className="fb-field" data-field="location">
        <button
          type="button"
          className="fb-button fb-button-wide"
          onClick={locateMe}
          disabled={locating}
          aria-describedby={locationError ? "fb-location-error" : undefined}
        >
          <Icon name="locate" />
          {locating ? t("report.locating") : t("report.useMyLocation")}
        </button>
        {locationNote && (
          <p className="fb-hint" role="status">
            {locationNote}
          </p>
        )}
        <FieldError id="fb-location-error" message={locationError} />
        <p className="fb-hint" id="fb-map-hint">
          {t("report.mapHint")}
        </p>
        <FeedbackMap
          centre={draft.pin ?? centre}
          zoom={data.centre || draft.pin ? 16 : 12}
          pin={draft.pin}
          panToPin={panToPin}
          onPick={(at) => pinAt(at, "map", false)}
          onAvailability={setMapOk}
          onReady={setControls}
          texts={mapTexts}
        />
        <div className="fb-pin-row">
          {controls && mapOk !== false && (
            <button type="button" className="fb-button" onClick={() => pinAt(controls.centre(), "map", false)}>
              {t("report.pinCentre")}
            </button>
          )}
          {draft.pin && (
            <button type="button" className="fb-button" onClick={() => update({ pin: null, locationSource: "none" })}>
              {t("report.clearPin")}
            </button>
          )}
        </div>
        {draft.pin && (
          <p className="fb-pinned" role="status">
            {t(draft.locationSource === "device" ? "report.pinnedDevice" : "report.pinned", {
              lat: draft.pin.lat.toFixed(5),
              lng: draft.pin.lng.toFixed(5),
            })}
          </p>
        )}
        {farKm >= 30 && <p className="fb-warn">{t("report.farAway", { km: farKm })}</p>}
        <details className="fb-coords" open={showCoords} onToggle={(event) => setCoordsOpen(event.currentTarget.open)}>
          <summary>{t("report.coordinates")}</summary>
          <p className="fb-hint" id="fb-coords-hint">
            {t("report.coordinatesHint")}
          </p>
          <div className="fb-coords-inputs">
            <div>
              <label className="fb-label" htmlFor="fb-lat">
                {t("report.lat")}
              </label>
              <input
                id="fb-lat"
                className="fb-input"
                type="text"
                inputMode="decimal"
                autoComplete="off"
                value={latText}
                aria-describedby="fb-coords-hint"
                aria-invalid={coordsError ? true : undefined}
                onChange={(event) => setLatText(event.target.value)}
              />
            </div>
            <div>
              <label className="fb-label" htmlFor="fb-lng">
                {t("report.lng")}
              </label>
              <input
                id="fb-lng"
                className="fb-input"
                type="text"
                inputMode="decimal"
                autoComplete="off"
                value={lngText}
                aria-describedby="fb-coords-hint"
                aria-invalid={coordsError ? true : undefined}
                onChange={(event) => setLngText(event.target.value)}
              />
            </div>
          </div>
          <button type="button" className="fb-button" onClick={applyCoordinates}>
            {t("report.applyCoordinates")}
          </button>
          <FieldError id="fb-coords-error" message={coordsError} />
        </details>
      </div>

      <h3 className="fb-subheading">{t("report.orAddress")}</h3>
      <div className="fb-field" data-field="residentialGroup">
        <label className="fb-label" htmlFor="fb-group">
          {t("report.residentialGroup")}
        </label>
        <select
          id="fb-group"
          className="fb-input"
          value={draft.residentialGroup}
          aria-invalid={errors.residentialGroup ? true : undefined}
          aria-describedby={errors.residentialGroup ? "fb-group-error" : undefined}
          onChange={(event) => update({ residentialGroup: event.target.value }, ["residentialGroup", "location"])}
        >
          <option value="">{t("report.chooseGroup")}</option>
          {data.residentialGroups.map((group) => (
            <option key={group.code} value={group.code} lang={DATA_LANG}>
              {group.name}
            </option>
          ))}
        </select>
        <FieldError id="fb-group-error" message={err("residentialGroup")} />
      </div>
      <div className="fb-field" data-field="address">
        <label className="fb-label" htmlFor="fb-address">
          {t("report.address")}
        </label>
        <p className="fb-hint" id="fb-address-hint">
          {t("report.addressHint")}
        </p>
        <input
          id="fb-address"
          className="fb-input"
          type="text"
          maxLength={300}
          autoComplete="street-address"
          value={draft.address}
          aria-invalid={errors.address ? true : undefined}
          aria-describedby={errors.address ? "fb-address-error fb-address-hint" : "fb-address-hint"}
          onChange={(event) => update({ address: event.target.value }, ["address", "location"])}
        />
        <FieldError id="fb-address-error" message={err("address")} />
      </div>
    </section>
  );
}

/** Open reports of the same kind near the pin: follow one instead of sending the same again. */
function NearbyReports({
  category,
  pin,
  ward,
  language,
}: {
  category: string;
  pin: LatLng;
  ward: string | undefined;
  language: string;
}) {
  const t = useFeedbackT();
  const [reports, setReports] = useState<PublicReportSummary[]>([]);
  useEffect(() => {
    const controller = new AbortController();
    // A moment's pause: dragging the pin does not ask at every step.
    const timer = window.setTimeout(() => {
      apiGet(
        feedbackApi.nearby,
        parsers.nearby,
        { ward, lang: language, category, lat: pin.lat, lng: pin.lng },
        controller.signal,
      ).then(
        (answer) => setReports(answer.reports),
        () => setReports([]),
      );
    }, 400);
    return () => {
      window.clearTimeout(timer);
      controller.abort();
    };
  }, [category, pin.lat, pin.lng, ward, language]);

  return (
    <div aria-live="polite">
      {reports.length > 0 && (
        <section className="pub-card fb-nearby" aria-labelledby="fb-nearby-title">
          <h2 id="fb-nearby-title">{t("report.nearbyTitle")}</h2>
          <p className="fb-hint">{t("report.nearbyHint")}</p>
          <ul className="fb-nearby-list">
            {reports.map((report) => (
              <li key={report.code}>
                <div>
                  <strong>{report.code}</strong> · {report.statusLabel}
                  {report.distanceMetres !== undefined && (
                    <> · {t("report.nearbyDistance", { metres: report.distanceMetres })}</>
                  )}
                </div>
                <div className="fb-nearby-title" lang={DATA_LANG}>
                  {report.title}
                </div>
                <Link
                  to={withWard(feedbackPaths.follow(report.code), ward)}
                  aria-label={`${t("report.follow")} ${report.code}`}
                >
                  {t("report.follow")}
                </Link>
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}

/** Step 4: contacts, optional, under the consent line the ward words. */
function ContactStep({
  data,
  draft,
  update,
  errors,
}: {
  data: PublicCategoryList;
  draft: ReportDraft;
  update: (patch: Partial<ReportDraft>, clears?: FieldKey[]) => void;
  errors: FieldErrors;
}) {
  const t = useFeedbackT();
  const err = (key: FieldKey) => messageText(t, errors[key]);
  const input = (key: "name" | "phone" | "email", type: string, autoComplete: string) => (
    <div className="fb-field" data-field={key}>
      <label className="fb-label" htmlFor={`fb-${key}`}>
        {t(`report.${key}`)}
      </label>
      <input
        id={`fb-${key}`}
        className="fb-input"
        type={type}
        autoComplete={autoComplete}
        maxLength={key === "email" ? 200 : 120}
        value={draft[key]}
        aria-invalid={errors[key] ? true : undefined}
        aria-describedby={errors[key] ? `fb-${key}-error` : undefined}
        onChange={(event) => update({ [key]: event.target.value }, [key, "consent"])}
      />
      <FieldError id={`fb-${key}-error`} message={err(key)} />
    </div>
  );
  return (
    <section className="pub-card fb-step" aria-labelledby="fb-step-contact">
      <h2 id="fb-step-contact">{t("report.step.contact")}</h2>
      <div className="fb-consent-text" id="fb-consent-text">
        <p lang={DATA_LANG}>{data.consent.text}</p>
        {/* The ward's wording may already say how long; if not, say it. */}
        {!data.consent.text.includes(String(data.consent.retentionDays)) && (
          <p>{t("report.consentDays", { days: data.consent.retentionDays })}</p>
        )}
      </div>
      {input("name", "text", "name")}
      {input("phone", "tel", "tel")}
      {input("email", "email", "email")}
      <div className="fb-field" data-field="consent">
        <label className="fb-check">
          <input
            type="checkbox"
            checked={draft.consent}
            aria-invalid={errors.consent ? true : undefined}
            aria-describedby={errors.consent ? "fb-consent-error fb-consent-text" : "fb-consent-text"}
            onChange={(event) => update({ consent: event.target.checked }, ["consent"])}
          />
          <span>{t("report.consent")}</span>
        </label>
        <FieldError id="fb-consent-error" message={err("consent")} />
      </div>
      <div className="fb-field" data-field="notify">
        <label className="fb-check">
          <input
            type="checkbox"
            checked={draft.notify}
            onChange={(event) => update({ notify: event.target.checked }, ["notify", "email"])}
          />
          <span>{t("report.notify")}</span>
        </label>
        <FieldError id="fb-notify-error" message={err("notify")} />
      </div>
    </section>
  );
}

/** After sending: the tracking code, large, and the way to follow the report. */
function SentView({ report, onAnother }: { report: SubmittedReport; onAnother: () => void }) {
  const t = useFeedbackT();
  const ward = useWard();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  return (
    <section className="pub-card fb-sent" aria-labelledby="fb-sent-title">
      <h1 id="fb-sent-title" ref={heading} tabIndex={-1}>
        <span aria-hidden="true">✓ </span>
        {t("done.title")}
      </h1>
      <p className="fb-code-label">{t("done.codeLabel")}</p>
      <p className="fb-code" data-testid="tracking-code">
        {report.code}
      </p>
      <p>{t("done.keep")}</p>
      <p>
        {t("done.unit")} <span lang={DATA_LANG}>{report.unit.name}</span>.{" "}
        {t("done.due", { date: formatDate(report.dueOn) })}
      </p>
      <div className="fb-sent-actions">
        <Link className="fb-button fb-button-primary" to={addWard(report.followPath, ward)}>
          {t("done.follow")}
        </Link>
        <button type="button" className="fb-button" onClick={onAnother}>
          {t("done.another")}
        </button>
      </div>
    </section>
  );
}
