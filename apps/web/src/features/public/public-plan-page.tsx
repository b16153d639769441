import { useEffect, useState } from "react";
import { Link, useSearchParams } from "react-router";
import type { PublicPlan, PublicTask } from "@phuong-xanh/shared";
import { apiGet, errorMessage, withQuery, type Parser } from "../../lib/api";
import { useI18n } from "../../i18n/i18n";
import { formatDateTime, formatNumber, formatQuantity } from "../../i18n/format";
import { deadlineLabel, safePeriodLabel, targetSymbol, type IndicatorStatus } from "../../lib/labels";
import { PublicShell } from "../../components/public-shell";
import { GroupPageLink, IndicatorPageLink, NeighbourhoodNav, TaskPageLink } from "./portal-links";
import "./public.css";
import "./portal.css";

/**
 * The public plan page is deliberately free of zod (and antd): it checks the envelope by hand
 * and trusts the rest, which the server builds from the same shared schema.
 */
const publicPlanParser: Parser<PublicPlan> = {
  parse(data) {
    if (typeof data !== "object" || data === null) throw new TypeError("public plan: not an object");
    const keys = ["ward", "plan", "objectives", "tasks", "duties", "summary"];
    for (const key of keys) if (!(key in data)) throw new TypeError(`public plan: missing ${key}`);
    return data as PublicPlan;
  },
};

/**
 * The plan is a Vietnamese document: its own words (titles, objectives, tasks, unit names) keep
 * lang="vi" when the page around them is in English, so a screen reader reads them as Vietnamese
 * (WCAG 2.1 SC 3.1.2, language of parts).
 */
const DOCUMENT_LANG = "vi";

type LoadState = { kind: "loading" } | { kind: "error"; error: unknown } | { kind: "ready"; plan: PublicPlan };

export default function PublicPlanPage() {
  const { t, language } = useI18n();
  const [params] = useSearchParams();
  const ward = params.get("ward") ?? undefined;
  const [state, setState] = useState<LoadState>({ kind: "loading" });

  useEffect(() => {
    const controller = new AbortController();
    setState({ kind: "loading" });
    // Status labels come in the page's language.
    apiGet("/api/public/plan", publicPlanParser, { ward, lang: language }, controller.signal).then(
      (plan) => setState({ kind: "ready", plan }),
      (error: unknown) => {
        if (controller.signal.aborted) return;
        setState({ kind: "error", error });
      },
    );
    return () => controller.abort();
  }, [ward, language]);

  useEffect(() => {
    document.title =
      state.kind === "ready" ? `${state.plan.ward.name} — ${t("public.pageTitle")}` : t("public.pageTitle");
  }, [state, t]);

  return (
    <PublicShell
      nav={
        <Link to="/dang-nhap" className="pub-link-button">
          {t("public.staffLogin")}
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
        {state.kind === "ready" && <PlanView plan={state.plan} />}
      </main>
    </PublicShell>
  );
}

function PlanView({ plan }: { plan: PublicPlan }) {
  const { t, locale } = useI18n();
  const { summary } = plan;
  return (
    <>
      <section className="pub-hero" aria-labelledby="plan-title">
        <p className="pub-eyebrow">
          {plan.ward.name}
          {plan.ward.province ? `, ${plan.ward.province}` : ""}
        </p>
        <h1 id="plan-title" lang={DOCUMENT_LANG}>
          {plan.plan.title}
        </h1>
        <p className="pub-meta" lang={DOCUMENT_LANG}>
          {[plan.plan.issuer, plan.plan.documentNumber].filter(Boolean).join(" · ")}
        </p>
        {plan.ward.isDemo && (
          <p className="pub-demo" role="note">
            <strong>{t("common.demoData")}.</strong> {t("public.demoNote")}
          </p>
        )}
      </section>

      <section className="pub-summary" aria-label={t("public.summary")}>
        <SummaryNumber label={t("public.summaryTasks")} value={formatNumber(summary.tasks, locale)} />
        <SummaryNumber
          label={t("public.summaryProgress")}
          value={`${formatNumber(summary.averageProgress, locale, 0)}%`}
        />
        <SummaryNumber
          label={t("public.summaryOverdue")}
          value={formatNumber(summary.overdue, locale)}
          tone={summary.overdue > 0 ? "bad" : undefined}
        />
        <SummaryNumber label={t("public.summaryClosed")} value={formatNumber(summary.closed, locale)} />
      </section>

      <NeighbourhoodNav />

      <section className="pub-card" aria-labelledby="general-objective">
        <h2 id="general-objective">{t("public.generalObjective")}</h2>
        <blockquote className="pub-quote" lang={DOCUMENT_LANG}>
          {plan.plan.generalObjective.text}
        </blockquote>
      </section>

      <section className="pub-card" aria-labelledby="objectives">
        <h2 id="objectives">{t("public.objectives")}</h2>
        <ol className="pub-objectives">
          {plan.objectives.map((objective) => (
            <li key={objective.code} className="pub-objective">
              <h3 lang={DOCUMENT_LANG}>{objective.area}</h3>
              <details>
                <summary>{t("public.documentText")}</summary>
                <p className="pub-doc-text" lang={DOCUMENT_LANG}>
                  {objective.text}
                </p>
              </details>
              {objective.indicators.length > 0 && (
                <ul className="pub-indicators">
                  {objective.indicators.map((indicator) => (
                    <li key={indicator.code} className="pub-indicator">
                      <div className="pub-indicator-name" lang={DOCUMENT_LANG}>
                        <IndicatorPageLink code={indicator.code} name={indicator.name} />
                      </div>
                      <dl className="pub-indicator-values">
                        <div>
                          <dt>{t("indicator.target")}</dt>
                          <dd>
                            {targetSymbol(indicator.direction)}{" "}
                            {formatQuantity(
                              indicator.targetValue,
                              indicator.unitOfMeasure,
                              locale,
                              indicator.valueKind,
                            )}{" "}
                            ({indicator.targetYear})
                          </dd>
                        </div>
                        <div>
                          <dt>{t("indicator.latest")}</dt>
                          <dd>
                            {indicator.latest
                              ? `${formatQuantity(indicator.latest.value, indicator.unitOfMeasure, locale, indicator.valueKind)} · ${safePeriodLabel(indicator.latest.period, locale.startsWith("vi") ? "vi" : "en")}`
                              : t("indicatorStatus.no_data")}
                          </dd>
                        </div>
                      </dl>
                      <StatusChip status={indicator.status} />
                    </li>
                  ))}
                </ul>
              )}
            </li>
          ))}
        </ol>
      </section>

      <section className="pub-card" aria-labelledby="section-iii">
        <h2 id="section-iii">{t("section.III")}</h2>
        <TaskGroups groups={plan.tasks} />
      </section>

      <section className="pub-card" aria-labelledby="section-v">
        <h2 id="section-v">{t("section.V")}</h2>
        <TaskGroups groups={plan.duties} />
      </section>

      <FeedbackSummary plan={plan} />

      <section className="pub-card" aria-labelledby="footprint-calculator">
        <h2 id="footprint-calculator">{t("public.footprintTitle")}</h2>
        <p>{t("public.footprintHint")}</p>
        <p>
          <Link to={withQuery("/dau-chan-carbon", { ward: plan.ward.code })}>{t("public.footprintLink")}</Link>
        </p>
      </section>

      <footer className="pub-footer">
        <p>
          <Link to={withQuery("/cong-khai/du-lieu-mo", { ward: plan.ward.code })}>{t("public.openDataLink")}</Link>
        </p>
        {plan.updatedAt && <p>{t("public.generatedAt", { at: formatDateTime(plan.updatedAt) })}</p>}
        <p>{t("public.privacyNote")}</p>
      </footer>
    </>
  );
}

/** Residents' reports per category: how many, how many still open, how fast they are handled. */
function FeedbackSummary({ plan }: { plan: PublicPlan }) {
  const { t, locale } = useI18n();
  const rows = plan.feedback.filter((f) => f.total > 0);
  return (
    <section className="pub-card" aria-labelledby="feedback-summary">
      <h2 id="feedback-summary">{t("public.feedbackTitle")}</h2>
      <p>
        <Link to={withQuery("/phan-anh", { ward: plan.ward.code })}>{t("public.feedbackReport")}</Link>
        {" · "}
        <Link to={withQuery("/phan-anh/ban-do", { ward: plan.ward.code })}>{t("public.feedbackMap")}</Link>
      </p>
      {rows.length === 0 ? (
        <p>{t("public.feedbackNone")}</p>
      ) : (
        <table className="pp-table">
          <thead>
            <tr>
              <th scope="col">{t("public.feedbackCategory")}</th>
              <th scope="col">{t("public.feedbackTotal")}</th>
              <th scope="col">{t("public.feedbackOpen")}</th>
              <th scope="col">{t("public.feedbackMedian")}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((f) => (
              <tr key={f.code}>
                <th scope="row">
                  {f.name}
                  {f.taskCode && (
                    <>
                      {" "}
                      <TaskPageLink code={f.taskCode} refText={f.taskCode.toUpperCase().replace(/-/g, ".")} />
                    </>
                  )}
                </th>
                <td>{formatNumber(f.total, locale)}</td>
                <td>{formatNumber(f.open, locale)}</td>
                <td>
                  {f.medianDays === null ? "—" : t("public.feedbackDays", { days: formatNumber(f.medianDays, locale) })}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function SummaryNumber({ label, value, tone }: { label: string; value: string; tone?: "bad" | undefined }) {
  return (
    <div className={`pub-summary-item${tone === "bad" ? " pub-summary-bad" : ""}`}>
      <span className="pub-summary-value">{value}</span>
      <span className="pub-summary-label">{label}</span>
    </div>
  );
}

function StatusChip({ status }: { status: IndicatorStatus }) {
  const { t } = useI18n();
  return <span className={`pub-chip pub-chip-${status}`}>{t(`indicatorStatus.${status}`)}</span>;
}

function ProgressBar({ value, label }: { value: number; label: string }) {
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
      {/* The figure sits beside the bar, on the page's background: legible whatever the fill. */}
      <span className="pub-progress-bar">
        <span className="pub-progress-fill" style={{ width: `${clamped}%` }} />
      </span>
      <span className="pub-progress-text">{clamped}%</span>
    </div>
  );
}

function countTasks(tasks: PublicTask[]): { total: number; overdue: number } {
  let total = 0;
  let overdue = 0;
  for (const task of tasks) {
    total += 1;
    if (task.timeliness === "overdue") overdue += 1;
    const nested = countTasks(task.children);
    total += nested.total;
    overdue += nested.overdue;
  }
  return { total, overdue };
}

function TaskGroups({ groups }: { groups: PublicTask[] }) {
  const { t } = useI18n();
  if (groups.length === 0) return <p className="pub-muted">{t("common.empty")}</p>;
  return (
    <ul className="pub-groups">
      {groups.map((group) => {
        const counts = countTasks(group.children);
        return (
          <li key={group.code}>
            <details className="pub-group">
              <summary>
                <span className="pub-group-title" lang={DOCUMENT_LANG}>
                  <span className="pub-ref">{group.ref}</span> {group.title}
                </span>
                <span className="pub-group-meta">
                  {t("public.groupCount", { count: counts.total })}
                  {counts.overdue > 0 && (
                    <span className="pub-chip pub-chip-overdue">
                      {t("public.groupOverdue", { count: counts.overdue })}
                    </span>
                  )}
                </span>
                <ProgressBar value={group.progress} label={t("task.progressOf", { title: group.title })} />
              </summary>
              <div className="pub-task-body">
                <GroupPageLink code={group.code} refText={group.ref} />
              </div>
              <TaskItems tasks={group.children} />
            </details>
          </li>
        );
      })}
    </ul>
  );
}

function TaskItems({ tasks }: { tasks: PublicTask[] }) {
  const { t } = useI18n();
  if (tasks.length === 0) return null;
  return (
    <ul className="pub-tasks">
      {tasks.map((task) => (
        <li key={task.code} className="pub-task">
          <details>
            <summary>
              <span className="pub-task-title" lang={DOCUMENT_LANG}>
                <span className="pub-ref">{task.ref}</span> {task.title}
              </span>
              <span className="pub-task-meta">
                <span title={task.owner.name}>
                  <span className="px-visually-hidden">{t("task.owner")}: </span>
                  <span lang={DOCUMENT_LANG}>{task.owner.shortName}</span>
                </span>
                <span>
                  <span className="px-visually-hidden">{t("task.deadline")}: </span>
                  {deadlineLabel(t, task)}
                </span>
                <span className={`pub-chip pub-chip-${task.timeliness}`}>{t(`timeliness.${task.timeliness}`)}</span>
                <span className="pub-status-label">{task.statusLabel}</span>
              </span>
              <ProgressBar value={task.progress} label={t("task.progressOf", { title: task.title })} />
            </summary>
            <div className="pub-task-body">
              <blockquote className="pub-quote" lang={DOCUMENT_LANG}>
                {task.text}
              </blockquote>
              <dl className="pub-task-facts">
                <div>
                  <dt>{t("task.owner")}</dt>
                  <dd lang={DOCUMENT_LANG}>{task.owner.name}</dd>
                </div>
                {task.coordinators.length > 0 && (
                  <div>
                    <dt>{t("task.coordinators")}</dt>
                    <dd lang={DOCUMENT_LANG}>{task.coordinators.map((c) => c.name).join("; ")}</dd>
                  </div>
                )}
                {task.output && (
                  <div>
                    <dt>{t("task.output")}</dt>
                    <dd lang={DOCUMENT_LANG}>{task.output}</dd>
                  </div>
                )}
              </dl>
              <TaskPageLink code={task.code} refText={task.ref} />
            </div>
          </details>
          <TaskItems tasks={task.children} />
        </li>
      ))}
    </ul>
  );
}
