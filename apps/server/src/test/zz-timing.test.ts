import { it } from "vitest";
import { startTestApp } from "./harness.js";
it("times startTestApp", async () => {
  const t0 = performance.now();
  const t = await startTestApp({ cityDemo: true });
  console.log(`startTestApp cityDemo ${(performance.now() - t0).toFixed(0)} ms`);
  const h = await t.login("thanhpho");
  const r = await t.app.inject({ method: "GET", url: "/api/city/dashboard", headers: h });
  for (const w of r.json().wards) console.log(w.code, w.status, JSON.stringify(w.tasks), JSON.stringify(w.indicatorCounts), JSON.stringify(w.lateGroups), w.position, w.indicators.length);
  await t.close();
}, 300_000);
