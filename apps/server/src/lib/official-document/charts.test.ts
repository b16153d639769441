import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { drawTrendChartPng, renderTrendChartPng } from "./charts.js";

const base = {
  title: "Tỷ lệ hộ dân sử dụng nước sạch",
  unitOfMeasure: "%",
  points: [
    { label: "2026-Q1", value: 92 },
    { label: "2026-Q2", value: 94.5 },
  ],
  target: { label: "2030", value: 100 },
};

describe("renderTrendChartPng", () => {
  it("returns a PNG of the asked size", async () => {
    const png = await renderTrendChartPng({ ...base, width: 800, height: 400 });
    const meta = await sharp(png).metadata();
    expect(meta).toMatchObject({ format: "png", width: 800, height: 400 });
    const fallback = await sharp(await renderTrendChartPng(base)).metadata();
    expect(fallback).toMatchObject({ format: "png", width: 1200, height: 600 });
  });

  it("draws the data: other values, other pixels", async () => {
    const a = await drawTrendChartPng(base);
    const b = await drawTrendChartPng({ ...base, points: [...base.points, { label: "2026-Q3", value: 97 }] });
    const again = await drawTrendChartPng(base);
    expect(a.equals(b)).toBe(false);
    expect(a.equals(again)).toBe(true);
    // Not a blank canvas: the picture has dark (text, line) and light (background) pixels.
    const stats = await sharp(a).stats();
    const luminance = stats.channels.slice(0, 3).map((c) => [c.min, c.max]);
    expect(luminance.every(([min, max]) => (min ?? 255) < 80 && (max ?? 0) > 240)).toBe(true);
  });

  it("draws the same data once, and new data anew", async () => {
    const input = { ...base, title: "Biểu đồ dùng lại" };
    const first = await renderTrendChartPng(input);
    expect(await renderTrendChartPng({ ...input })).toBe(first);
    const changed = await renderTrendChartPng({ ...input, target: { label: "2030", value: 99 } });
    expect(changed).not.toBe(first);
    expect(changed.equals(first)).toBe(false);
    expect(first.equals(await drawTrendChartPng(input))).toBe(true);
  });

  it("refuses an absurd size", async () => {
    await expect(renderTrendChartPng({ ...base, width: 10, height: 10 })).rejects.toThrow(/size/);
  });
});
