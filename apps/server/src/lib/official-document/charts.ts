import { LineChart, ScatterChart } from "echarts/charts";
import { GridComponent, LegendComponent, MarkLineComponent, TitleComponent } from "echarts/components";
import * as echarts from "echarts/core";
import { SVGRenderer } from "echarts/renderers";
import sharp from "sharp";
import { formatNumberVi } from "./document.js";

/**
 * Charts for documents, drawn on the server without a browser: ECharts renders SVG (SSR mode)
 * and sharp (librsvg) rasterises it to PNG. Fonts come from fontconfig; the list covers Vietnamese
 * on Debian (fonts-noto-core, fonts-dejavu, fonts-liberation).
 */
echarts.use([LineChart, ScatterChart, GridComponent, LegendComponent, MarkLineComponent, TitleComponent, SVGRenderer]);

const FONT_FAMILY = "Noto Sans, DejaVu Sans, Liberation Sans, sans-serif";
/** The chart is laid out at half the pixel size and rasterised at twice the density: crisp at print size. */
const PIXEL_RATIO = 2;
const COLORS = { actual: "#1f7a4d", expected: "#7f8c8d", target: "#c0392b" };

export type TrendChartInput = {
  title: string;
  unitOfMeasure: string;
  /** A count: the value axis steps by whole numbers. */
  wholeNumbers?: boolean;
  points: { label: string; value: number }[];
  /** The path the plan expects (lộ trình), drawn dashed. */
  expected?: { label: string; value: number }[];
  /** The target (mục tiêu), a dashed horizontal line and a point at its label. */
  target?: { label: string; value: number };
  /** PNG size in pixels (default 1200×600). */
  width?: number;
  height?: number;
};

/** Labels of all series in order: the measured ones first, then any new expected or target label. */
function categories(input: TrendChartInput): string[] {
  const labels = [...input.points.map((p) => p.label)];
  for (const p of input.expected ?? []) if (!labels.includes(p.label)) labels.push(p.label);
  if (input.target && !labels.includes(input.target.label)) labels.push(input.target.label);
  // Period keys ("2026", "2026-Q2", "2026-05") sort as text; anything else keeps its order.
  return labels.every((l) => /^\d{4}/.test(l)) ? [...labels].sort() : labels;
}

const withUnit = (value: number, unit: string) =>
  unit === "%" ? `${formatNumberVi(value)}%` : `${formatNumberVi(value)} ${unit}`.trim();

/** Charts drawn lately, by their data: a report downloaded again (draft, revised, signed) draws nothing new. */
const drawn = new Map<string, Promise<Buffer>>();
/** About 40 KB each: a few hundred charts stay within ten megabytes. */
const DRAWN_LIMIT = 256;

/**
 * The chart as a PNG, from the cache when the same data was drawn lately. The key is the whole
 * input, so a cached picture is always the one these data would draw: nothing to invalidate.
 */
export function renderTrendChartPng(input: TrendChartInput): Promise<Buffer> {
  const key = JSON.stringify(input);
  const cached = drawn.get(key);
  if (cached) {
    // Most recently used last: the oldest entry is the first to go.
    drawn.delete(key);
    drawn.set(key, cached);
    return cached;
  }
  const png = drawTrendChartPng(input);
  drawn.set(key, png);
  png.catch(() => drawn.delete(key));
  if (drawn.size > DRAWN_LIMIT) drawn.delete(drawn.keys().next().value as string);
  return png;
}

/** Draws the chart (ECharts server-side to SVG, librsvg to PNG), every time. */
export async function drawTrendChartPng(input: TrendChartInput): Promise<Buffer> {
  const width = Math.round(input.width ?? 1200);
  const height = Math.round(input.height ?? 600);
  if (!(width >= 100 && width <= 4000 && height >= 100 && height <= 4000))
    throw new Error(`chart size ${width}×${height} out of range`);
  const labels = categories(input);
  const align = (series: { label: string; value: number }[]) => {
    const byLabel = new Map(series.map((p) => [p.label, p.value]));
    return labels.map((l) => byLabel.get(l) ?? null);
  };
  const chart = echarts.init(null, null, {
    renderer: "svg",
    ssr: true,
    width: width / PIXEL_RATIO,
    height: height / PIXEL_RATIO,
  });
  try {
    const legend = [
      "Thực hiện",
      ...(input.expected?.length ? ["Lộ trình"] : []),
      ...(input.target ? ["Mục tiêu"] : []),
    ];
    chart.setOption({
      animation: false,
      backgroundColor: "#ffffff",
      textStyle: { fontFamily: FONT_FAMILY, color: "#222222" },
      title: {
        text: input.title,
        left: "center",
        top: 6,
        textStyle: { fontFamily: FONT_FAMILY, fontSize: 14, fontWeight: "bold" },
      },
      legend: { data: legend, bottom: 4, textStyle: { fontFamily: FONT_FAMILY, fontSize: 11 } },
      grid: { left: 48, right: 24, top: 48, bottom: 56 },
      xAxis: {
        type: "category",
        data: labels,
        boundaryGap: false,
        axisLabel: { fontFamily: FONT_FAMILY, fontSize: 11 },
      },
      yAxis: {
        type: "value",
        name: input.unitOfMeasure,
        ...(input.wholeNumbers ? { minInterval: 1 } : {}),
        nameTextStyle: { fontFamily: FONT_FAMILY, fontSize: 11 },
        axisLabel: { fontFamily: FONT_FAMILY, fontSize: 11, formatter: (v: number) => formatNumberVi(v) },
      },
      series: [
        {
          name: "Thực hiện",
          type: "line",
          data: align(input.points),
          connectNulls: true,
          symbolSize: 6,
          lineStyle: { width: 2.5, color: COLORS.actual },
          itemStyle: { color: COLORS.actual },
          label: {
            show: input.points.length <= 12,
            position: "top",
            fontFamily: FONT_FAMILY,
            fontSize: 10,
            formatter: (p: { value: unknown }) => (typeof p.value === "number" ? formatNumberVi(p.value) : ""),
          },
          ...(input.target
            ? {
                markLine: {
                  silent: true,
                  symbol: "none",
                  lineStyle: { type: "dashed", color: COLORS.target, width: 1.5 },
                  label: {
                    fontFamily: FONT_FAMILY,
                    fontSize: 10,
                    color: COLORS.target,
                    position: "insideEndTop",
                    formatter: `Mục tiêu ${input.target.label}: ${withUnit(input.target.value, input.unitOfMeasure)}`,
                  },
                  data: [{ yAxis: input.target.value }],
                },
              }
            : {}),
        },
        ...(input.expected?.length
          ? [
              {
                name: "Lộ trình",
                type: "line",
                data: align(input.expected),
                connectNulls: true,
                symbol: "none",
                lineStyle: { width: 1.5, type: "dashed", color: COLORS.expected },
                itemStyle: { color: COLORS.expected },
              },
            ]
          : []),
        ...(input.target
          ? [
              {
                name: "Mục tiêu",
                type: "scatter",
                data: align([input.target]),
                symbol: "diamond",
                symbolSize: 12,
                itemStyle: { color: COLORS.target },
              },
            ]
          : []),
      ],
    });
    const svg = chart.renderToSVGString();
    const png = await sharp(Buffer.from(svg), { density: 72 * PIXEL_RATIO })
      .flatten({ background: "#ffffff" })
      // Level 3 of 9: a third of the encoding time for a file a few percent larger.
      .png({ compressionLevel: 3 })
      .toBuffer({ resolveWithObject: true });
    if (png.info.width === width && png.info.height === height) return png.data;
    return sharp(png.data).resize(width, height, { fit: "fill" }).png().toBuffer();
  } finally {
    chart.dispose();
  }
}
