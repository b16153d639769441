import { useEffect, type ReactNode } from "react";
import { Link } from "react-router";
import type { PortalIndicatorRef, PortalTaskRef } from "@phuong-xanh/shared";
import { errorMessage } from "../../lib/api";
import { useI18n } from "../../i18n/i18n";
import { formatQuantity } from "../../i18n/format";
import { deadlineLabel, safePeriodLabel, targetSymbol, type IndicatorStatus, type Timeliness } from "../../lib/labels";
import { PublicShell } from "../../components/public-shell";
import { portalPaths, useWard, withWard, type LoadState } from "./portal-data";
import "./public.css";
import "./portal.css";

/** One step of the breadcrumb: a link, or the page itself (the last one). */
export type Crumb = { label: string; to?: string };

/**
 * The frame of every public detail page: the public top bar, the breadcrumb back to the plan,
 * the loading and error states, the demo notice and the privacy note.
 */
export function PortalPage<T>({
  state,
  title,
  crumbs,
  children,
}: {
  state: LoadState<T>;
  /** The document title once loaded. */
  title: (data: T) => string;
  crumbs: (data: T) => Crumb[];
  children: (data: T) => ReactNode;
}) {
  const { t } = useI18n();
  const ward = useWard();
  useEffect(() => {
    document.title = state.kind === "ready" ? `${title(state.data)} — ${t("public.pageTitle")}` : t("public.pageTitle");
  }, [state, title, t]);
  const isDemo = state.kind === "ready" && isDemoWard(state.data);
  return (
    <PublicShell
      nav={
        <Link to={withWard(portalPaths.plan, ward)} className="pub-link-button">
          {t("portal.plan")}
        </Link>
      }
    >
      <main className="pub-main pp-main" id="noi-dung">
        {state.kind === "loading" && (
          <p className="pub-status" role="status">
            {t("common.loading")}
          </p>
        )}
        {state.kind === "error" && (
          <>
            <Breadcrumbs items={[{ label: t("portal.plan"), to: withWard(portalPaths.plan, ward) }]} />
            <p className="pub-error" role="alert">
              {errorMessage(state.error, t("common.loadFailed"))}
            </p>
          </>
        )}
        {state.kind === "ready" && (
          <>
            <Breadcrumbs
              items={[{ label: t("portal.plan"), to: withWard(portalPaths.plan, ward) }, ...crumbs(state.data)]}
            />
            {children(state.data)}
            <footer className="pub-footer">
              {isDemo && (
                <p>
                  <strong>{t("common.demoData")}.</strong> {t("public.demoNote")}
                </p>
              )}
              <p>{t("public.privacyNote")}</p>
            </footer>
          </>
        )}
      </main>
    </PublicShell>
  );
}

function isDemoWard(data: unknown): boolean {
  if (typeof data !== "object" || data === null || !("ward" in data)) return false;
  const ward = (data as { ward: unknown }).ward;
  return typeof ward === "object" && ward !== null && "isDemo" in ward && ward.isDemo === true;
}

export function Breadcrumbs({ items }: { items: Crumb[] }) {
  const { t } = useI18n();
  return (
    <nav className="pp-crumbs" aria-label={t("portal.breadcrumb")}>
      <ol>
        {items.map((item, index) => (
          <li key={`${index}-${item.label}`}>
            {item.to ? (
              <Link to={item.to}>{item.label}</Link>
            ) : (
              <span aria-current={index === items.length - 1 ? "page" : undefined}>{item.label}</span>
            )}
          </li>
        ))}
      </ol>
    </nav>
  );
}

/** The page's heading block: the reference above the title, chips below. */
export function PageHeading({ eyebrow, title, children }: { eyebrow: string; title: string; children?: ReactNode }) {
  return (
    <header className="pp-heading">
      <p className="pub-eyebrow">{eyebrow}</p>
      <h1>{title}</h1>
      {children && <div className="pp-chips">{children}</div>}
    </header>
  );
}

export function Section({
  id,
  title,
  hint,
  children,
}: {
  id: string;
  title: string;
  hint?: string;
  children: ReactNode;
}) {
  return (
    <section className="pub-card pp-section" aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {hint && <p className="pp-hint">{hint}</p>}
      {children}
    </section>
  );
}

export function StatusChip({ status }: { status: IndicatorStatus }) {
  const { t } = useI18n();
  return <span className={`pub-chip pub-chip-${status}`}>{t(`indicatorStatus.${status}`)}</span>;
}

export function TimelinessChip({ timeliness }: { timeliness: Timeliness }) {
  const { t } = useI18n();
  return <span className={`pub-chip pub-chip-${timeliness}`}>{t(`timeliness.${timeliness}`)}</span>;
}

export function ProgressBar({ value, label }: { value: number; label: string }) {
  const clamped = Math.max(0, Math.min(100, value));
  return (
    <div
      className="pub-progress"
      role="progressbar"
      aria-valuenow={clamped}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-label={label}
    >
      <div className="pub-progress-fill" style={{ width: `${clamped}%` }} />
      <span className="pub-progress-text">{clamped}%</span>
    </div>
  );
}

/** A list of tasks, each a link to its page with owner, deadline, standing and progress. */
export function TaskList({ tasks, empty }: { tasks: PortalTaskRef[]; empty: string }) {
  const { t } = useI18n();
  const ward = useWard();
  if (tasks.length === 0) return <p className="pub-muted">{empty}</p>;
  return (
    <ul className="pp-list">
      {tasks.map((task) => (
        <li key={task.code} className={`pp-item pp-depth-${Math.min(task.depth, 3)}`}>
          <div className="pp-item-main">
            <Link className="pp-item-title" to={withWard(portalPaths.task(task.code), ward)}>
              <span className="pp-ref">{task.ref}</span> {task.title}
            </Link>
            <div className="pp-item-meta">
              <span title={task.owner.name}>
                <span className="px-visually-hidden">{t("task.owner")}: </span>
                {task.owner.shortName}
              </span>
              <span>
                <span className="px-visually-hidden">{t("task.deadline")}: </span>
                {deadlineLabel(t, task)}
              </span>
              <TimelinessChip timeliness={task.timeliness} />
              <span className="pub-status-label">{task.statusLabel}</span>
            </div>
          </div>
          <ProgressBar value={task.progress} label={t("task.progressOf", { title: task.title })} />
        </li>
      ))}
    </ul>
  );
}

/** A list of indicators, each a link to its page with the latest value against the target. */
export function IndicatorList({ indicators, empty }: { indicators: PortalIndicatorRef[]; empty: string }) {
  const { t, locale, language } = useI18n();
  const ward = useWard();
  if (indicators.length === 0) return <p className="pub-muted">{empty}</p>;
  return (
    <ul className="pp-list">
      {indicators.map((indicator) => (
        <li key={indicator.code} className="pp-item pp-indicator">
          <div className="pp-item-main">
            <Link className="pp-item-title" to={withWard(portalPaths.indicator(indicator.code), ward)}>
              {indicator.name}
            </Link>
            <dl className="pp-inline-facts">
              <div>
                <dt>{t("indicator.latest")}</dt>
                <dd>
                  {indicator.latest
                    ? `${formatQuantity(indicator.latest.value, indicator.unitOfMeasure, locale)} · ${safePeriodLabel(indicator.latest.period, language)}`
                    : t("indicatorStatus.no_data")}
                </dd>
              </div>
              <div>
                <dt>{t("indicator.target")}</dt>
                <dd>
                  {targetSymbol(indicator.direction)}{" "}
                  {formatQuantity(indicator.targetValue, indicator.unitOfMeasure, locale)} ({indicator.targetYear})
                </dd>
              </div>
            </dl>
          </div>
          <StatusChip status={indicator.status} />
        </li>
      ))}
    </ul>
  );
}

/** Label–value pairs; empty values are left out. */
export function Facts({ items }: { items: { label: string; value: ReactNode }[] }) {
  return (
    <dl className="pp-facts">
      {items
        .filter((item) => item.value !== null && item.value !== undefined && item.value !== "")
        .map((item) => (
          <div key={item.label}>
            <dt>{item.label}</dt>
            <dd>{item.value}</dd>
          </div>
        ))}
    </dl>
  );
}
