import { useEffect, useRef } from "react";
import * as echarts from "echarts/core";
import { LineChart } from "echarts/charts";
import { GridComponent, LegendComponent, MarkLineComponent, TooltipComponent } from "echarts/components";
import { CanvasRenderer } from "echarts/renderers";
import { periodLabel, type IndicatorDetail } from "@phuong-xanh/shared";
import { useI18n } from "../../i18n/i18n";
import { formatNumber, formatQuantity } from "../../i18n/format";

// Only what a line chart with a target line needs: keeps this lazy chunk a fraction of full echarts.
echarts.use([LineChart, GridComponent, LegendComponent, MarkLineComponent, TooltipComponent, CanvasRenderer]);

function safeLabel(period: string, language: "vi" | "en"): string {
  try {
    return periodLabel(period, language);
  } catch {
    return period;
  }
}

function step(span: number): number {
  if (span <= 0) return 1;
  const magnitude = 10 ** Math.floor(Math.log10(span));
  return span / magnitude > 5 ? magnitude : magnitude / 2;
}

function niceFloor(value: number): number {
  const unit = step(Math.abs(value) || 1);
  return Math.floor(value / unit) * unit;
}

function niceCeil(value: number): number {
  const unit = step(Math.abs(value) || 1);
  return Math.ceil(value / unit) * unit;
}

/** Ward value per period (solid), the straight-line trajectory to the target (dashed), and the target itself. */
export default function IndicatorChart({ indicator }: { indicator: IndicatorDetail }) {
  const { t, language, locale } = useI18n();
  const ref = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    const chart = echarts.init(element, undefined, { renderer: "canvas" });
    const unit = indicator.unitOfMeasure;
    const format = (value: number) => formatQuantity(value, unit, locale, indicator.valueKind);
    const targetLabel = t("chart.target", {
      value: format(indicator.targetValue),
      year: indicator.targetYear,
    });
    chart.setOption({
      animation: false,
      grid: { left: 8, right: 16, top: 40, bottom: 8, containLabel: true },
      legend: { top: 0, data: [t("chart.actual"), t("chart.expected")] },
      tooltip: {
        trigger: "axis",
        valueFormatter: (value: unknown) => (typeof value === "number" ? format(value) : "—"),
      },
      xAxis: {
        type: "category",
        boundaryGap: false,
        data: indicator.series.map((p) => safeLabel(p.period, language)),
      },
      yAxis: {
        type: "value",
        scale: true,
        // Keep the target line in view even when the values are still far from it.
        min: (extent: { min: number; max: number }) => niceFloor(Math.min(extent.min, indicator.targetValue)),
        max: (extent: { min: number; max: number }) => niceCeil(Math.max(extent.max, indicator.targetValue)),
        // A count's axis steps by whole things.
        ...(indicator.valueKind === "count" ? { minInterval: 1 } : {}),
        axisLabel: {
          formatter: (value: number) => formatNumber(value, locale),
        },
      },
      series: [
        {
          name: t("chart.actual"),
          type: "line",
          data: indicator.series.map((p) => p.value),
          symbolSize: 8,
          lineStyle: { width: 3, color: "#2e7d32" },
          itemStyle: { color: "#2e7d32" },
          markLine: {
            symbol: "none",
            silent: true,
            lineStyle: { color: "#c62828", type: "solid", width: 2 },
            label: {
              formatter: targetLabel,
              position: "insideEndTop",
              color: "#c62828",
            },
            data: [{ yAxis: indicator.targetValue }],
          },
        },
        {
          name: t("chart.expected"),
          type: "line",
          data: indicator.series.map((p) => p.expected),
          symbol: "none",
          connectNulls: true,
          lineStyle: { type: "dashed", width: 2, color: "#8d6e63" },
          itemStyle: { color: "#8d6e63" },
        },
      ],
    });
    const observer = new ResizeObserver(() => chart.resize());
    observer.observe(element);
    return () => {
      observer.disconnect();
      chart.dispose();
    };
  }, [indicator, language, locale, t]);

  const summary = t("chart.summary", {
    name: indicator.name,
    count: indicator.series.length,
    latest: indicator.latest
      ? formatQuantity(indicator.latest.value, indicator.unitOfMeasure, locale, indicator.valueKind)
      : "—",
    target: formatQuantity(indicator.targetValue, indicator.unitOfMeasure, locale, indicator.valueKind),
  });
  return (
    <div
      ref={ref}
      role="img"
      aria-label={summary}
      style={{ width: "100%", height: 320 }}
      data-testid="indicator-chart"
    />
  );
}
