import { useCallback, useMemo } from "react";
import { Link, useParams } from "react-router";
import type { PublicIndicatorPage } from "@phuong-xanh/shared";
import { useI18n } from "../../i18n/i18n";
import { formatQuantity } from "../../i18n/format";
import { safePeriodLabel, targetSymbol } from "../../lib/labels";
import { ChartFigure } from "./chart-figure";
import type { PortalChartProps } from "./portal-chart";
import { envelope, portalPaths, usePublicData, useWard, withWard } from "./portal-data";
import { Facts, PageHeading, PortalPage, Section, StatusChip, TaskList, type Crumb } from "./portal-ui";

const parser = envelope<PublicIndicatorPage>("public indicator", ["ward", "indicator", "series", "trajectory"]);

const ACTUAL_COLOR = "#2e7d32";
const TRAJECTORY_COLOR = "#1565c0";

/** /cong-khai/chi-tieu/:code — one 2030 target: its trend against the trajectory, by residential group. */
export default function PublicIndicatorPageView() {
  const { code = "" } = useParams();
  const state = usePublicData(`/api/public/indicators/${encodeURIComponent(code)}`, parser);
  const title = useCallback((page: PublicIndicatorPage) => page.indicator.name, []);
  const crumbs = useCallback((page: PublicIndicatorPage): Crumb[] => [{ label: page.indicator.ref }], []);
  return (
    <PortalPage state={state} title={title} crumbs={crumbs}>
      {(page) => <IndicatorView page={page} />}
    </PortalPage>
  );
}

function IndicatorView({ page }: { page: PublicIndicatorPage }) {
  const { t, locale, language } = useI18n();
  const { indicator } = page;
  const quantity = (value: number) => formatQuantity(value, indicator.unitOfMeasure, locale);
  const expectedNow = page.series.at(-1)?.expected ?? null;
  return (
    <>
      <PageHeading eyebrow={`${indicator.ref} · ${t("portal.indicator")}`} title={indicator.name}>
        <StatusChip status={indicator.status} />
      </PageHeading>

      <section className="pub-summary pp-key-numbers" aria-label={t("public.summary")}>
        <KeyNumber
          label={t("indicator.latest")}
          value={indicator.latest ? quantity(indicator.latest.value) : "—"}
          note={indicator.latest ? safePeriodLabel(indicator.latest.period, language) : t("indicatorStatus.no_data")}
        />
        <KeyNumber
          label={t("indicator.target")}
          value={`${targetSymbol(indicator.direction)} ${quantity(indicator.targetValue)}`}
          note={String(indicator.targetYear)}
        />
        <KeyNumber
          label={t("indicator.baseline")}
          value={indicator.baselineValue === null ? "—" : quantity(indicator.baselineValue)}
          note={indicator.baselineYear ? String(indicator.baselineYear) : t("indicatorStatus.no_baseline")}
        />
        <KeyNumber
          label={t("portal.expected")}
          value={expectedNow === null ? "—" : quantity(expectedNow)}
          note={indicator.latest ? safePeriodLabel(indicator.latest.period, language) : ""}
        />
      </section>

      <Section id="dien-bien" title={t("portal.trendTitle", { year: indicator.targetYear })}>
        <Trend page={page} />
      </Section>

      {page.groups && page.groups.values.length > 0 && (
        <Section
          id="theo-to-dan-pho"
          title={t("portal.byGroup", { period: safePeriodLabel(page.groups.period, language) })}
          hint={t("portal.byGroupHint")}
        >
          <GroupSplit page={page} />
        </Section>
      )}

      <Section id="trich-ke-hoach" title={t("portal.indicatorQuote")}>
        <blockquote className="pub-quote">{indicator.quote}</blockquote>
        <Facts
          items={[
            {
              label: t("portal.objective"),
              value: indicator.objective ? `${indicator.objective.ref} ${indicator.objective.area}` : "",
            },
            { label: t("indicator.owner"), value: indicator.owner.name },
            { label: t("indicator.direction"), value: t(`direction.${indicator.direction}`) },
            { label: t("indicator.frequency"), value: t(`frequency.${indicator.frequency}`) },
            { label: t("portal.targetSource"), value: t(`targetSource.${indicator.targetSource}`) },
            { label: t("indicator.targetNote"), value: indicator.targetNote ?? "" },
            { label: t("portal.sources"), value: indicator.sources.join("; ") },
          ]}
        />
      </Section>

      <Section id="nhiem-vu-lien-quan" title={t("portal.linkedTasks")}>
        <TaskList tasks={page.tasks} empty={t("portal.noLinkedTasks")} />
      </Section>
    </>
  );
}

function KeyNumber({ label, value, note }: { label: string; value: string; note: string }) {
  return (
    <div className="pub-summary-item">
      <span className="pub-summary-label">{label}</span>
      <span className="pub-summary-value pp-key-value">{value}</span>
      {note && <span className="pub-summary-label">{note}</span>}
    </div>
  );
}

function Trend({ page }: { page: PublicIndicatorPage }) {
  const { t, locale, language } = useI18n();
  const { indicator } = page;
  const unit = indicator.unitOfMeasure;
  const formatValue = useCallback((v: number) => formatQuantity(v, unit, locale), [unit, locale]);
  const chart = useMemo<PortalChartProps>(
    () => ({
      series: [
        {
          label: t("chart.actual"),
          color: ACTUAL_COLOR,
          points: page.series.map((p) => ({ date: p.periodEnd, value: p.value })),
        },
        ...(page.trajectory.length > 0
          ? [
              {
                label: t("chart.expected"),
                color: TRAJECTORY_COLOR,
                dashed: true,
                points: page.trajectory.map((p) => ({ date: p.date, value: p.value })),
              },
            ]
          : []),
      ],
      formatValue,
      ...(unit === "%" ? { ceiling: 100 } : {}),
    }),
    [page.series, page.trajectory, formatValue, unit, t],
  );
  if (page.series.length === 0 && page.trajectory.length === 0)
    return <p className="pub-muted">{t("indicatorStatus.no_data")}</p>;
  const latest = indicator.latest;
  return (
    <>
      <ChartFigure
        id="bieu-do-chi-tieu"
        summary={t("portal.chartSummary", {
          name: indicator.name,
          count: page.series.length,
          latest: latest ? formatValue(latest.value) : t("indicatorStatus.no_data"),
          period: latest ? safePeriodLabel(latest.period, language) : "—",
          target: `${targetSymbol(indicator.direction)} ${formatValue(indicator.targetValue)}`,
          year: indicator.targetYear,
        })}
        chart={chart}
        table={
          <>
            <table className="pp-table">
              <caption>{t("chart.actual")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("portal.period")}</th>
                  <th scope="col">{t("portal.value")}</th>
                  <th scope="col">{t("portal.expected")}</th>
                </tr>
              </thead>
              <tbody>
                {page.series.map((p) => (
                  <tr key={p.period}>
                    <td>{safePeriodLabel(p.period, language)}</td>
                    <td>{formatValue(p.value)}</td>
                    <td>{p.expected === null ? "—" : formatValue(p.expected)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            {page.trajectory.length > 0 && (
              <table className="pp-table">
                <caption>{t("portal.trajectoryTable")}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t("portal.year")}</th>
                    <th scope="col">{t("portal.expected")}</th>
                  </tr>
                </thead>
                <tbody>
                  {page.trajectory.slice(1).map((p) => (
                    <tr key={p.date}>
                      <td>{p.year}</td>
                      <td>{formatValue(p.value)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </>
        }
      />
      {page.trajectory.length === 0 && <p className="pp-hint">{t("portal.chartNoTrajectory")}</p>}
    </>
  );
}

/** Each residential group's latest value: a table whose bars are decoration beside the numbers. */
function GroupSplit({ page }: { page: PublicIndicatorPage }) {
  const { t, locale } = useI18n();
  const ward = useWard();
  const groups = page.groups;
  if (!groups) return null;
  const unit = page.indicator.unitOfMeasure;
  const max = unit === "%" ? 100 : Math.max(1, ...groups.values.map((v) => v.value));
  return (
    <table className="pp-table pp-split">
      <thead>
        <tr>
          <th scope="col">{t("portal.thisGroup")}</th>
          <th scope="col">{t("portal.value")}</th>
        </tr>
      </thead>
      <tbody>
        {groups.values.map((v) => (
          <tr key={v.code}>
            <th scope="row">
              <Link to={withWard(portalPaths.residentialGroup(v.code), ward)}>{v.name}</Link>
            </th>
            <td>
              <span className="pp-bar" aria-hidden="true">
                <span style={{ width: `${Math.max(0, Math.min(100, (v.value / max) * 100))}%` }} />
              </span>
              <span className="pp-bar-value">{formatQuantity(v.value, unit, locale)}</span>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
