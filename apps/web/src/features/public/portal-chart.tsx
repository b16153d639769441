import { useEffect, useRef } from "react";
import uPlot from "uplot";
import "uplot/dist/uPlot.min.css";

/**
 * A small time chart for the public pages, drawn with uPlot (~20 kB gzipped, loaded only with
 * the chart): the staff app's ECharts is too heavy for a phone on a slow line. The canvas is
 * decorative for assistive technology: the page around it gives the summary and the table.
 */
export type ChartSeries = {
  label: string;
  color: string;
  /** ISO dates and values, oldest first. */
  points: { date: string; value: number }[];
  dashed?: boolean;
  /** Holds each value until the next (progress after each update). */
  stepped?: boolean;
};

export type PortalChartProps = {
  series: ChartSeries[];
  formatValue: (value: number) => string;
  /** Fixed range of the value axis (0–100 for progress); otherwise from the data. */
  range?: [number, number];
  /** The highest the value axis may go (100 for a percentage). */
  ceiling?: number;
};

const toSeconds = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / 1000;

function pad(n: number): string {
  return String(n).padStart(2, "0");
}

const DAY = 86_400;
const MONTH = 30 * DAY;
const YEAR = 365 * DAY;
const LONG_SPAN = 2 * YEAR;

/**
 * Ticks on whole years over long spans ("2026"), on whole months over short ones ("03/2026"):
 * dd/mm/yyyy habits, no month names. uPlot puts time ticks on local midnights, so the labels
 * read the local calendar.
 */
function dateTicks(spanSeconds: number) {
  return (_u: uPlot, splits: number[]) =>
    splits.map((s) => {
      const date = new Date(s * 1000);
      return spanSeconds > LONG_SPAN ? String(date.getFullYear()) : `${pad(date.getMonth() + 1)}/${date.getFullYear()}`;
    });
}

function heightFor(width: number): number {
  return Math.round(Math.min(320, Math.max(220, width * 0.55)));
}

export default function PortalChart({ series, formatValue, range, ceiling }: PortalChartProps) {
  const container = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const element = container.current;
    if (!element) return;
    const tables = series.map(
      (s) => [s.points.map((p) => toSeconds(p.date)), s.points.map((p) => p.value)] as uPlot.AlignedData,
    );
    const data = uPlot.join(tables);
    const xs = (data[0] ?? []) as number[];
    const span = xs.length > 1 ? (xs[xs.length - 1] ?? 0) - (xs[0] ?? 0) : 0;
    const values = series.flatMap((s) => s.points.map((p) => p.value));
    const max = Math.max(0, ...values);
    const min = Math.min(0, ...values);
    const top = max === min ? min + 1 : max + (max - min) * 0.1;
    const yRange: [number, number] = range ?? [min, ceiling === undefined ? top : Math.min(ceiling, top)];
    const width = Math.max(240, element.clientWidth);
    const options: uPlot.Options = {
      width,
      height: heightFor(width),
      legend: { show: false },
      cursor: { show: false },
      scales: { x: { time: true }, y: { range: yRange } },
      axes: [
        {
          stroke: "#1f2933",
          grid: { stroke: "#e6eaed", width: 1 },
          ticks: { stroke: "#c4ccd3", width: 1 },
          space: 64,
          incrs: span > LONG_SPAN ? [YEAR, 2 * YEAR, 5 * YEAR] : [MONTH, 2 * MONTH, 3 * MONTH, 6 * MONTH, YEAR],
          values: dateTicks(span),
        },
        {
          stroke: "#1f2933",
          grid: { stroke: "#e6eaed", width: 1 },
          ticks: { stroke: "#c4ccd3", width: 1 },
          size: 64,
          values: (_u, splits) => splits.map((v) => formatValue(v)),
        },
      ],
      series: [
        {},
        ...series.map((s): uPlot.Series => ({
          label: s.label,
          stroke: s.color,
          width: 2.5,
          spanGaps: true,
          ...(s.dashed ? { dash: [8, 6] } : {}),
          ...(s.stepped && uPlot.paths.stepped ? { paths: uPlot.paths.stepped({ align: 1 }) } : {}),
          points: { show: true, size: s.dashed ? 5 : 7, fill: s.dashed ? "#fff" : s.color, stroke: s.color },
        })),
      ],
    };
    const chart = new uPlot(options, data, element);
    const observer = new ResizeObserver(() => {
      const next = Math.max(240, element.clientWidth);
      if (next !== chart.width) chart.setSize({ width: next, height: heightFor(next) });
    });
    observer.observe(element);
    return () => {
      observer.disconnect();
      chart.destroy();
    };
  }, [series, formatValue, range, ceiling]);

  return <div ref={container} className="pp-chart-canvas" aria-hidden="true" />;
}
