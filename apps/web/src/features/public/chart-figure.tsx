import { Suspense, lazy, type ReactNode } from "react";
import { useI18n } from "../../i18n/i18n";
import type { ChartSeries, PortalChartProps } from "./portal-chart";

// The chart code (uPlot) is its own chunk: the page and its table show before it arrives.
const PortalChart = lazy(() => import("./portal-chart"));

/**
 * A chart with what stands in for it: the caption says in words what it shows, the legend names
 * the lines, and the table under "show the data table" gives every number (WCAG 1.1.1).
 */
export function ChartFigure({
  id,
  summary,
  chart,
  table,
}: {
  id: string;
  summary: string;
  chart: PortalChartProps;
  table: ReactNode;
}) {
  const { t } = useI18n();
  return (
    <figure className="pp-figure" aria-labelledby={`${id}-caption`}>
      <Legend series={chart.series} />
      <Suspense
        fallback={
          <div className="pp-chart-canvas pp-chart-loading" aria-hidden="true">
            {t("portal.chartLoading")}
          </div>
        }
      >
        <PortalChart {...chart} />
      </Suspense>
      <figcaption id={`${id}-caption`} className="pp-caption">
        {summary}
      </figcaption>
      <details className="pp-table-toggle">
        <summary>{t("portal.dataTable")}</summary>
        {table}
      </details>
    </figure>
  );
}

function Legend({ series }: { series: ChartSeries[] }) {
  return (
    <ul className="pp-legend" aria-hidden="true">
      {series.map((s) => (
        <li key={s.label}>
          <span
            className={`pp-swatch${s.dashed ? " pp-swatch-dashed" : ""}`}
            style={{ borderColor: s.color, background: s.dashed ? "transparent" : s.color }}
          />
          {s.label}
        </li>
      ))}
    </ul>
  );
}
