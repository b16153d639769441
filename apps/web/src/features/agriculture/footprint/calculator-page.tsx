import { useCallback, useEffect, useRef, useState, type FormEvent, type ReactNode } from "react";
import { Link, useSearchParams } from "react-router";
import {
  FOOTPRINT_REGIONS,
  FOOTPRINT_SOURCES,
  GWP_SETS,
  ORGANIC_AMENDMENTS,
  PRE_SEASON_REGIMES,
  WATER_REGIMES,
  type FactorSetDetail,
  type FootprintAlternative,
  type FootprintAnswer,
  type FootprintRequest,
  type OrganicAmendment,
} from "@phuong-xanh/shared";
import { PublicShell } from "../../../components/public-shell";
import { ApiError, apiGet, apiRequest, errorMessage } from "../../../lib/api";
import { useI18n } from "../../../i18n/i18n";
import { formatNumber } from "../../../i18n/format";
import { envelope, portalPaths, useWard, withWard } from "../../public/portal-data";
import { Breadcrumbs } from "../../public/portal-ui";
import {
  apiErrorsToFields,
  checkDraft,
  DEFAULT_DRAFT,
  differenceOf,
  draftFromParams,
  MAX_AMENDMENTS,
  orderedErrorKeys,
  variantsOf,
  withDraftParams,
  type CalculatorDraft,
  type FieldErrors,
  type FieldKey,
  type FieldMessage,
  type NumberField,
  type RequestSchema,
} from "./calculator-form";
import { useCalculatorT, type CalculatorMessageKey } from "./messages";
import "../../public/public.css";
import "../../public/portal.css";
import "./calculator.css";

/**
 * /dau-chan-carbon — the public carbon footprint calculator of a rice season (issue 9): a form a
 * farmer fills on a phone (prefilled with a typical season), the server's answer (total, per
 * hectare, per kg of paddy, by source, with the factor set and its sources), and the same season
 * done otherwise (AWD, straw not burnt, both), each computed by the server. The figures live in
 * the address, so a result can be sent as a link. Plain React: no antd, no staff shell.
 */

const FOOTPRINT_PATH = "/api/public/footprint";
const footprintParser = envelope<FootprintAnswer>("footprint", ["factorSet", "totalKgCo2e", "breakdown"]);
const factorSetParser = envelope<FactorSetDetail>("factor set", ["version", "factors"]);

type Outcome = {
  request: FootprintRequest;
  base: FootprintAnswer;
  alternatives: { practice: FootprintAlternative; result: FootprintAnswer | undefined }[];
};

type Status = { kind: "idle" } | { kind: "computing" } | { kind: "failed"; messages: string[] };

/** The id of a field's control (the first radio of a group). */
const fieldId = (key: FieldKey) => `fc-${key.replace(/\./g, "-")}`;

/** The shared schema (and zod with it), loaded once: on the first edit, or the first "Tính". */
let schemaModule: Promise<RequestSchema | undefined> | undefined;
function loadSchema(): Promise<RequestSchema | undefined> {
  schemaModule ??= import("./footprint-schema").then(
    (module) => module.footprintInputSchema,
    () => {
      // Offline or a failed chunk: the server checks; try again next time.
      schemaModule = undefined;
      return undefined;
    },
  );
  return schemaModule;
}

const sendFootprint = (request: FootprintRequest, signal: AbortSignal) =>
  apiRequest(FOOTPRINT_PATH, { method: "POST", json: request, schema: footprintParser, noLoginRedirect: true, signal });

export default function CalculatorPage() {
  const t = useCalculatorT();
  const { t: tg } = useI18n();
  const ward = useWard();
  const [params, setParams] = useSearchParams();
  const [draft, setDraft] = useState<CalculatorDraft>(() => draftFromParams(params) ?? DEFAULT_DRAFT);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [status, setStatus] = useState<Status>({ kind: "idle" });
  const [outcome, setOutcome] = useState<Outcome | undefined>(undefined);
  const [computed, setComputed] = useState<CalculatorDraft | undefined>(undefined);
  const controller = useRef<AbortController | undefined>(undefined);
  const resultHeading = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    document.title = `${t("page.title")} — Phường Xanh`;
  }, [t]);

  const compute = useCallback(
    async (input: CalculatorDraft, byUser: boolean) => {
      // The first visit's figures (the example, or a link's) go to the server at once, unchecked
      // by zod here: the server's checks answer on the fields all the same.
      const checked = checkDraft(input, byUser ? await loadSchema() : undefined);
      if (!checked.ok) {
        setErrors(checked.errors);
        setStatus({ kind: "idle" });
        const first = orderedErrorKeys(checked.errors)[0];
        if (first) focusField(first);
        return;
      }
      setErrors({});
      controller.current?.abort();
      const own = new AbortController();
      controller.current = own;
      setStatus({ kind: "computing" });
      const variants = variantsOf(checked.request);
      // The season and its variants go together; a variant that fails leaves its row blank.
      const base = sendFootprint(checked.request, own.signal);
      const others = variants.map((v) =>
        sendFootprint(v.request, own.signal).then(
          (result) => ({ practice: v.practice, result }),
          () => ({ practice: v.practice, result: undefined }),
        ),
      );
      let answer: FootprintAnswer;
      try {
        answer = await base;
      } catch (error) {
        if (own.signal.aborted) return;
        if (error instanceof ApiError && error.details.length > 0) {
          const { fields, other } = apiErrorsToFields(error.details);
          setErrors(fields);
          setStatus({ kind: "failed", messages: [t("error.server"), ...other] });
          const first = orderedErrorKeys(fields)[0];
          if (first) focusField(first);
        } else setStatus({ kind: "failed", messages: [errorMessage(error, t("error.failed"))] });
        return;
      }
      const alternatives = await Promise.all(others);
      if (own.signal.aborted) return;
      setOutcome({ request: checked.request, base: answer, alternatives });
      setComputed(input);
      setStatus({ kind: "idle" });
      if (byUser) {
        setParams((current) => withDraftParams(current, input), { replace: true });
        resultHeading.current?.focus();
      }
    },
    [setParams, t],
  );

  // The first visit computes at once: the defaults, or the figures of a shared link. Once only:
  // not again when `compute` changes (the address it rewrites, the language).
  const [initial] = useState(draft);
  const latestCompute = useRef(compute);
  useEffect(() => {
    latestCompute.current = compute;
  }, [compute]);
  useEffect(() => {
    void latestCompute.current(initial, false);
    return () => controller.current?.abort();
  }, [initial]);

  const update = useCallback((change: Partial<CalculatorDraft>) => {
    setDraft((current) => ({ ...current, ...change }));
  }, []);

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    void compute(draft, true);
  }

  const stale = computed !== undefined && JSON.stringify(computed) !== JSON.stringify(draft);
  const errorCount = Object.keys(errors).length;

  return (
    <PublicShell
      className="fc"
      nav={
        <Link to={withWard(portalPaths.plan, ward)} className="pub-link-button">
          {tg("portal.plan")}
        </Link>
      }
    >
      <main className="pub-main pp-main fc-main" id="noi-dung">
        <Breadcrumbs
          items={[{ label: tg("portal.plan"), to: withWard(portalPaths.plan, ward) }, { label: t("page.crumb") }]}
        />
        <header className="pp-heading">
          <h1>{t("page.title")}</h1>
          <p className="fc-intro">{t("page.intro")}</p>
          <p className="fc-note">{t("page.defaults")}</p>
          <p className="fc-jump">
            <a href="#fc-result-heading">{t("page.toResult")}</a>
          </p>
        </header>

        <div className="fc-layout">
          <form
            className="fc-form"
            onFocusCapture={() => void loadSchema()}
            onSubmit={onSubmit}
            noValidate
            aria-describedby={errorCount > 0 ? "fc-error-summary" : undefined}
          >
            <CalculatorFields draft={draft} update={update} errors={errors} />
            {errorCount > 0 && (
              <p className="fc-error fc-error-summary" id="fc-error-summary" role="alert">
                {t("error.summary", { count: errorCount })}
              </p>
            )}
            {status.kind === "failed" && (
              <div className="pub-error" role="alert">
                {status.messages.map((message) => (
                  <p key={message}>{message}</p>
                ))}
              </div>
            )}
            <div className="fc-actions">
              <button type="submit" className="fc-button fc-button-primary" disabled={status.kind === "computing"}>
                {status.kind === "computing" ? t("action.computing") : t("action.compute")}
              </button>
              <button
                type="button"
                className="fc-button"
                onClick={() => {
                  setDraft(DEFAULT_DRAFT);
                  void compute(DEFAULT_DRAFT, true);
                }}
              >
                {t("action.reset")}
              </button>
            </div>
          </form>

          <div className="fc-output">
            <section
              className="pub-card pp-section fc-result"
              aria-labelledby="fc-result-heading"
              aria-busy={status.kind === "computing"}
            >
              <h2 id="fc-result-heading" ref={resultHeading} tabIndex={-1}>
                {t("result.title")}
              </h2>
              {stale && (
                <p className="fc-stale" role="status">
                  {t("result.stale")}
                </p>
              )}
              {outcome ? (
                <ResultView outcome={outcome} />
              ) : (
                status.kind === "computing" && (
                  <p className="pub-status" role="status">
                    {t("action.computing")}
                  </p>
                )
              )}
            </section>
            {outcome && <WhatIf outcome={outcome} />}
            {outcome && <ShareLink />}
          </div>
        </div>
      </main>
    </PublicShell>
  );
}

function focusField(key: FieldKey) {
  // After the render that shows the messages, so that the field reads with its error.
  window.setTimeout(() => document.getElementById(fieldId(key))?.focus(), 0);
}

// ---------------------------------------------------------------------------------------------
// The form.

type Update = (change: Partial<CalculatorDraft>) => void;

function useErrorText(): (message: FieldMessage | undefined, unit?: string) => string | undefined {
  const t = useCalculatorT();
  const { locale } = useI18n();
  return (message, unit) => {
    if (!message) return undefined;
    if ("text" in message) return message.text;
    if (message.key === "min" || message.key === "above" || message.key === "max") {
      const limit = formatNumber(message.limit, locale, 3);
      return t(`error.${message.key}`, { limit: unit ? `${limit} ${unit}` : limit });
    }
    return t(`error.${message.key}`);
  };
}

function CalculatorFields({ draft, update, errors }: { draft: CalculatorDraft; update: Update; errors: FieldErrors }) {
  const t = useCalculatorT();
  const errorText = useErrorText();
  const number = (
    field: NumberField,
    label: CalculatorMessageKey,
    unit: CalculatorMessageKey,
    hint?: CalculatorMessageKey,
  ) => (
    <NumberInput
      id={fieldId(field)}
      label={t(label)}
      unit={t(unit)}
      hint={hint ? t(hint) : undefined}
      value={draft[field]}
      onChange={(value) => update({ [field]: value })}
      error={errorText(errors[field], t(unit))}
      integer={field === "cultivationDays"}
    />
  );

  return (
    <>
      <fieldset className="pub-card fc-group">
        <legend>{t("group.field")}</legend>
        <p className="fc-hint">{t("group.fieldHint")}</p>
        {number("areaHa", "field.areaHa", "unit.ha")}
        {number("cultivationDays", "field.cultivationDays", "unit.days")}
        {number("yieldKg", "field.yieldKg", "unit.kg", "field.yieldKgHint")}
      </fieldset>

      <fieldset className="pub-card fc-group">
        <legend>{t("group.water")}</legend>
        <Choice
          name="waterRegime"
          legend={t("field.waterRegime")}
          options={WATER_REGIMES.map((w) => ({
            value: w,
            label: t(`water.${w}`),
            hint: t(`water.${w}.hint`),
          }))}
          value={draft.waterRegime}
          onChange={(waterRegime) => update({ waterRegime })}
          error={errorText(errors.waterRegime)}
        />
        <Choice
          name="preSeason"
          legend={t("field.preSeason")}
          options={PRE_SEASON_REGIMES.map((p) => ({ value: p, label: t(`pre.${p}`), hint: t(`pre.${p}.hint`) }))}
          value={draft.preSeason}
          onChange={(preSeason) => update({ preSeason })}
          error={errorText(errors.preSeason)}
        />
      </fieldset>

      <fieldset className="pub-card fc-group">
        <legend>{t("group.fertiliser")}</legend>
        {number("syntheticNKg", "field.syntheticNKg", "unit.kgN", "field.syntheticNKgHint")}
        {number("ureaKg", "field.ureaKg", "unit.kg")}
        {number("organicNKg", "field.organicNKg", "unit.kgN")}
        <Amendments draft={draft} update={update} errors={errors} />
      </fieldset>

      <fieldset className="pub-card fc-group">
        <legend>{t("group.straw")}</legend>
        {number("strawBurnedTonnesDm", "field.strawBurnedTonnesDm", "unit.tonnes", "field.strawBurnedTonnesDmHint")}
      </fieldset>

      <fieldset className="pub-card fc-group">
        <legend>{t("group.energy")}</legend>
        {number("dieselLitres", "field.dieselLitres", "unit.litres")}
        {number("electricityKwh", "field.electricityKwh", "unit.kwh")}
      </fieldset>

      <details
        className="pub-card fc-group fc-advanced"
        // An error in a folded field unfolds it.
        open={Boolean(errors.region ?? errors.baselineEfKgCh4PerHaDay ?? errors.gwp) || undefined}
      >
        <summary>{t("group.advanced")}</summary>
        <div className="fc-field">
          <label className="fc-label" htmlFor={fieldId("region")}>
            {t("field.region")}
          </label>
          <select
            id={fieldId("region")}
            className="fc-input"
            value={draft.region}
            onChange={(e) => update({ region: e.target.value as CalculatorDraft["region"] })}
          >
            {FOOTPRINT_REGIONS.map((r) => (
              <option key={r} value={r}>
                {t(`region.${r}`)}
              </option>
            ))}
          </select>
          <FieldError id={`${fieldId("region")}-error`} message={errorText(errors.region)} />
        </div>
        {number("baselineEfKgCh4PerHaDay", "field.baselineEfKgCh4PerHaDay", "unit.baseline", "field.baselineHint")}
        <Choice
          name="gwp"
          legend={t("field.gwp")}
          options={GWP_SETS.map((g) => ({ value: g, label: t(`gwp.${g}`) }))}
          value={draft.gwp}
          onChange={(gwp) => update({ gwp })}
          error={errorText(errors.gwp)}
        />
      </details>
    </>
  );
}

function FieldError({ id, message }: { id: string; message: string | undefined }) {
  if (!message) return null;
  return (
    <p className="fc-error" id={id}>
      {message}
    </p>
  );
}

function NumberInput({
  id,
  label,
  unit,
  hint,
  value,
  onChange,
  error,
  integer = false,
  labelHidden = false,
}: {
  id: string;
  label: string;
  unit: string;
  hint?: string | undefined;
  value: string;
  onChange: (value: string) => void;
  error: string | undefined;
  integer?: boolean;
  labelHidden?: boolean;
}) {
  const describedBy = [hint ? `${id}-hint` : "", error ? `${id}-error` : ""].filter(Boolean).join(" ");
  return (
    <div className="fc-field">
      <label className={labelHidden ? "px-visually-hidden" : "fc-label"} htmlFor={id}>
        {label}
        <span className="px-visually-hidden"> ({unit})</span>
      </label>
      {hint && (
        <p className="fc-hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      <div className="fc-with-unit">
        <input
          id={id}
          className="fc-input"
          type="text"
          inputMode={integer ? "numeric" : "decimal"}
          autoComplete="off"
          value={value}
          onChange={(e) => onChange(e.target.value)}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy || undefined}
        />
        <span className="fc-unit" aria-hidden="true">
          {unit}
        </span>
      </div>
      <FieldError id={`${id}-error`} message={error} />
    </div>
  );
}

function Choice<T extends string>({
  name,
  legend,
  options,
  value,
  onChange,
  error,
}: {
  name: FieldKey;
  legend: string;
  options: { value: T; label: string; hint?: string }[];
  value: T;
  onChange: (value: T) => void;
  error: string | undefined;
}) {
  const id = fieldId(name);
  return (
    <fieldset className="fc-field fc-choice" aria-describedby={error ? `${id}-error` : undefined}>
      <legend className="fc-label">{legend}</legend>
      {options.map((option, index) => {
        const optionId = index === 0 ? id : `${id}-${option.value}`;
        return (
          <div key={option.value} className={option.value === value ? "fc-option fc-option-chosen" : "fc-option"}>
            <input
              id={optionId}
              type="radio"
              name={name}
              value={option.value}
              checked={option.value === value}
              onChange={() => onChange(option.value)}
              aria-describedby={option.hint ? `${optionId}-hint` : undefined}
            />
            <label htmlFor={optionId}>{option.label}</label>
            {option.hint && (
              <p className="fc-option-hint" id={`${optionId}-hint`}>
                {option.hint}
              </p>
            )}
          </div>
        );
      })}
      <FieldError id={`${id}-error`} message={error} />
    </fieldset>
  );
}

function Amendments({ draft, update, errors }: { draft: CalculatorDraft; update: Update; errors: FieldErrors }) {
  const t = useCalculatorT();
  const errorText = useErrorText();
  const list = draft.organicAmendments;
  const set = (index: number, change: Partial<{ type: OrganicAmendment; tonnesPerHa: string }>) =>
    update({ organicAmendments: list.map((a, i) => (i === index ? { ...a, ...change } : a)) });
  return (
    <fieldset className="fc-field fc-amendments" aria-describedby="fc-amendments-hint">
      <legend className="fc-label">{t("field.amendments")}</legend>
      <p className="fc-hint" id="fc-amendments-hint">
        {t("field.amendmentsHint")}
      </p>
      {list.length === 0 && <p className="fc-muted">{t("amendment.none")}</p>}
      <ol className="fc-amendment-list">
        {list.map((amendment, index) => {
          const n = index + 1;
          const typeId = fieldId(`organicAmendments.${index}.type`);
          return (
            <li key={index} className="fc-amendment">
              <div className="fc-field">
                <label className="px-visually-hidden" htmlFor={typeId}>
                  {t("amendment.type", { n })}
                </label>
                <select
                  id={typeId}
                  className="fc-input"
                  value={amendment.type}
                  onChange={(e) => set(index, { type: e.target.value as OrganicAmendment })}
                >
                  {ORGANIC_AMENDMENTS.map((type) => (
                    <option key={type} value={type}>
                      {t(`amendment.${type}`)}
                    </option>
                  ))}
                </select>
                <FieldError id={`${typeId}-error`} message={errorText(errors[`organicAmendments.${index}.type`])} />
              </div>
              <div className="fc-amendment-amount">
                <NumberInput
                  id={fieldId(`organicAmendments.${index}.tonnesPerHa`)}
                  label={t("amendment.amount", { n })}
                  unit={t("unit.tonnesPerHa")}
                  value={amendment.tonnesPerHa}
                  onChange={(tonnesPerHa) => set(index, { tonnesPerHa })}
                  error={errorText(errors[`organicAmendments.${index}.tonnesPerHa`], t("unit.tonnesPerHa"))}
                  labelHidden
                />
                <button
                  type="button"
                  className="fc-button fc-remove"
                  aria-label={t("amendment.removeLabel", { n })}
                  onClick={() => update({ organicAmendments: list.filter((_, i) => i !== index) })}
                >
                  {t("amendment.remove")}
                </button>
              </div>
            </li>
          );
        })}
      </ol>
      <FieldError id={`${fieldId("organicAmendments")}-error`} message={errorText(errors.organicAmendments)} />
      {list.length < MAX_AMENDMENTS && (
        <button
          type="button"
          id={fieldId("organicAmendments")}
          className="fc-button"
          onClick={() => update({ organicAmendments: [...list, { type: "compost", tonnesPerHa: "" }] })}
        >
          + {t("amendment.add")}
        </button>
      )}
    </fieldset>
  );
}

// ---------------------------------------------------------------------------------------------
// The result.

function useNumbers() {
  const { locale } = useI18n();
  return {
    /** kg: whole above ten, one decimal below. */
    kg: (value: number) => formatNumber(value, locale, Math.abs(value) < 10 ? 1 : 0),
    fixed: (value: number, digits: number) => formatNumber(value, locale, digits),
    percent: (value: number) => `${formatNumber(value, locale, 0)}%`,
  };
}

function ResultView({ outcome }: { outcome: Outcome }) {
  const t = useCalculatorT();
  const n = useNumbers();
  const { base, request } = outcome;
  const total = base.totalKgCo2e;
  const sources = FOOTPRINT_SOURCES.map((source) => ({ source, value: base.breakdown[source] }))
    .filter((s) => s.value > 0)
    .sort((a, b) => b.value - a.value);
  const largest = sources[0]?.value ?? 0;
  return (
    <>
      <dl className="fc-figures">
        <Figure label={t("result.total")} value={n.kg(total)} unit="kg CO₂e" main />
        <Figure label={t("result.perHa")} value={n.kg(total / request.areaHa)} unit="kg CO₂e/ha" />
        <Figure
          label={t("result.perKg")}
          value={base.kgCo2ePerKgProduct === null ? "—" : n.fixed(base.kgCo2ePerKgProduct, 2)}
          unit={base.kgCo2ePerKgProduct === null ? t("result.perKgNone") : "kg CO₂e/kg"}
        />
      </dl>
      <h3>{t("result.gases")}</h3>
      <dl className="fc-gases">
        <div>
          <dt>{t("result.ch4")}</dt>
          <dd>{n.fixed(base.kgCh4, 1)} kg CH₄</dd>
        </div>
        <div>
          <dt>{t("result.n2o")}</dt>
          <dd>{n.fixed(base.kgN2o, 2)} kg N₂O</dd>
        </div>
      </dl>
      <h3 id="fc-breakdown-heading">{t("result.breakdown")}</h3>
      <ul className="fc-bars" aria-labelledby="fc-breakdown-heading">
        {sources.map(({ source, value }) => (
          <li key={source} data-source={source}>
            <span className="fc-bar-label">{t(`source.${source}`)}</span>
            <span className="fc-bar-value">
              {n.kg(value)} kg CO₂e ·{" "}
              <span className="fc-muted">
                {t("result.share", { percent: n.percent(total > 0 ? (value / total) * 100 : 0) })}
              </span>
            </span>
            <span className="fc-bar" aria-hidden="true">
              <span style={{ width: `${largest > 0 ? Math.max(1, (value / largest) * 100) : 0}%` }} />
            </span>
          </li>
        ))}
      </ul>
      <p className="fc-muted">{t("result.method", { gwp: request.gwp ?? "AR5" })}</p>
      <FactorSources version={base.factorSet} />
    </>
  );
}

function Figure({ label, value, unit, main = false }: { label: string; value: string; unit: string; main?: boolean }) {
  return (
    <div className={main ? "fc-figure fc-figure-main" : "fc-figure"}>
      <dt>{label}</dt>
      <dd>
        <strong>{value}</strong> <span>{unit}</span>
      </dd>
    </div>
  );
}

/** The factor set the result names: its factors and their sources, loaded when unfolded. */
function FactorSources({ version }: { version: string }) {
  const t = useCalculatorT();
  const { locale } = useI18n();
  const [open, setOpen] = useState(false);
  const [state, setState] = useState<
    { kind: "loading" } | { kind: "error"; error: unknown } | { kind: "ready"; set: FactorSetDetail }
  >({ kind: "loading" });
  const path = `/api/public/factor-sets/${encodeURIComponent(version)}`;
  useEffect(() => {
    if (!open) return;
    const controller = new AbortController();
    setState({ kind: "loading" });
    apiGet(path, factorSetParser, undefined, controller.signal).then(
      (set) => setState({ kind: "ready", set }),
      (error: unknown) => {
        if (!controller.signal.aborted) setState({ kind: "error", error });
      },
    );
    return () => controller.abort();
  }, [open, path]);
  return (
    <>
      <p className="fc-muted">{t("result.factorSet", { version })}</p>
      <details className="fc-sources" onToggle={(e) => setOpen(e.currentTarget.open)}>
        <summary>{t("result.factorSources")}</summary>
        {state.kind === "loading" && <p className="pub-status">{t("factors.loading")}</p>}
        {state.kind === "error" && <p className="pub-error">{errorMessage(state.error, t("factors.failed"))}</p>}
        {state.kind === "ready" && (
          <>
            <h3>{t("factors.title", { version: state.set.version })}</h3>
            <p lang="vi">
              <strong>{state.set.name}.</strong> {state.set.description}
            </p>
            <ul className="fc-factors">
              {state.set.factors.map((factor) => (
                <li key={factor.key}>
                  <code>{factor.key}</code> <strong>{formatNumber(factor.value, locale, 6)}</strong>{" "}
                  <span lang="vi">{factor.unit}</span>
                  <br />
                  <span className="fc-muted">{factor.source}</span>
                </li>
              ))}
            </ul>
          </>
        )}
        <p>
          <a href={path}>{t("factors.json")}</a>
        </p>
      </details>
    </>
  );
}

/** The same season done otherwise: each alternative's total and its difference, kg and %. */
function WhatIf({ outcome }: { outcome: Outcome }) {
  const t = useCalculatorT();
  const n = useNumbers();
  const base = outcome.base.totalKgCo2e;
  const practice = (p: FootprintAlternative): string =>
    p === "awd" ? t("whatIf.awd", { instead: t(`whatIf.instead.${outcome.request.waterRegime}`) }) : t(`whatIf.${p}`);
  return (
    <section className="pub-card pp-section fc-whatif" aria-labelledby="fc-whatif-heading">
      <h2 id="fc-whatif-heading">{t("whatIf.title")}</h2>
      <p className="fc-hint">{t("whatIf.hint")}</p>
      {outcome.alternatives.length === 0 ? (
        <p>{t("whatIf.none")}</p>
      ) : (
        <ul className="fc-whatif-list">
          {outcome.alternatives.map(({ practice: p, result }) => {
            let change: ReactNode = t("whatIf.failed");
            let tone = "";
            if (result) {
              const diff = differenceOf(base, result.totalKgCo2e);
              const percent =
                diff.percent === null ? "—" : `${diff.kg < 0 ? "−" : "+"}${n.percent(Math.abs(diff.percent))}`;
              const kg = n.kg(Math.abs(diff.kg));
              tone = diff.kg < 0 ? "fc-less" : diff.kg > 0 ? "fc-more" : "";
              change =
                Math.abs(diff.kg) < 0.0005
                  ? t("whatIf.same")
                  : t(diff.kg < 0 ? "whatIf.less" : "whatIf.more", { kg, percent });
            }
            return (
              <li key={p} data-practice={p}>
                <p className="fc-whatif-practice">{practice(p)}</p>
                {result && <p className="fc-muted">{t("whatIf.total", { total: n.kg(result.totalKgCo2e) })}</p>}
                <p className={`fc-whatif-change ${tone}`}>{change}</p>
              </li>
            );
          })}
        </ul>
      )}
      {outcome.alternatives.some((a) => a.practice !== "no_burning") && (
        <p className="fc-muted">{t("whatIf.awdNote")}</p>
      )}
    </section>
  );
}

/** The address holds the figures: a button copies it. */
function ShareLink() {
  const t = useCalculatorT();
  const [note, setNote] = useState<string | undefined>(undefined);
  return (
    <section className="fc-share">
      <p className="fc-muted">{t("result.share.note")}</p>
      <button
        type="button"
        className="fc-button"
        onClick={() => {
          const done = () => setNote(t("action.copied"));
          const failed = () => setNote(t("action.copyFailed"));
          if (navigator.clipboard) navigator.clipboard.writeText(window.location.href).then(done, failed);
          else failed();
        }}
      >
        {t("action.copyLink")}
      </button>
      <p className="fc-muted" role="status">
        {note}
      </p>
    </section>
  );
}
