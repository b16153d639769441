import { periodEnd, periodOf, periodsBetween, type Frequency } from "@phuong-xanh/shared";
import { eq } from "drizzle-orm";
import type { Db } from "../../db/client.js";
import type { Actor } from "../../lib/actor.js";
import { listUnits } from "../identity/service.js";
import { indicatorRows } from "../indicators/service.js";
import { GAP_INDICATOR, syncCertifiedShare } from "./certified-area.js";
import { openFarmAccount, PROXY_CONSENT_TEXT } from "./registry.js";
import { farms, plotCertifications, plots } from "./tables.js";

/**
 * The demo ward's farm registry: households and the cooperative farming rice and vegetables in
 * each residential group, some plots certified VietGAP or organic since 2025 or 2026 (one
 * certificate withdrawn), and the GAP/organic indicator computed from them for every period.
 */
const FARMERS = [
  "Nguyễn Văn Lúa",
  "Trần Thị Mạ",
  "Phạm Văn Đồng",
  "Lê Thị Sen",
  "Vũ Văn Cày",
  "Hoàng Thị Thóc",
  "Đỗ Văn Bừa",
  "Bùi Thị Rơm",
];

/** When the certified plots got their certificate: the share grows period by period. */
const CERTIFIED_SINCE = ["2024-06-01", "2025-04-01", "2025-10-01", "2026-03-01"];

export async function loadDemoAgriculture(db: Db, actor: Actor, today: string): Promise<void> {
  const groups = (await listUnits(db, actor.wardId)).filter((u) => u.kind === "residential_group");
  if (groups.length === 0) return;
  let producerFarm: string | null = null;
  await db.transaction(async (tx) => {
    let n = 0;
    for (const [g, group] of groups.entries()) {
      for (let h = 0; h < 1 + (g % 2); h++) {
        const name = FARMERS[(g * 2 + h) % FARMERS.length] ?? "Nông hộ";
        const [farm] = await tx
          .insert(farms)
          .values({
            wardId: actor.wardId,
            kind: "household",
            name: `Hộ ${name}`,
            representative: name,
            residentialGroupId: group.id,
            // The first household of each group asked the extension officer to keep its diary.
            ...(h === 0
              ? { proxyConsentAt: new Date(`${today}T08:00:00+07:00`), proxyConsentText: PROXY_CONSENT_TEXT }
              : {}),
          })
          .returning({ id: farms.id });
        if (!farm) continue;
        // The first household that keeps its diary itself (no proxy consent) has an account.
        if (h === 1 && producerFarm === null) producerFarm = farm.id;
        for (let p = 0; p < 2; p++) {
          n += 1;
          const rice = (n + p) % 3 !== 0;
          const [plot] = await tx
            .insert(plots)
            .values({
              wardId: actor.wardId,
              farmId: farm.id,
              name: `Thửa ${10 + n}, xứ đồng ${rice ? "Cửa Đình" : "Bãi Màu"}`,
              areaHa: Math.round((0.2 + ((n * 37) % 50) / 100) * 100) / 100,
              residentialGroupId: group.id,
              crop: rice ? "Lúa" : "Rau màu",
            })
            .returning({ id: plots.id });
          if (!plot) continue;
          // About a quarter of plots certified, from 2025 or 2026, one certificate later withdrawn.
          if (n % 4 === 1)
            await tx.insert(plotCertifications).values({
              wardId: actor.wardId,
              plotId: plot.id,
              scheme: rice ? "vietgap" : "organic",
              certificateNumber: `${rice ? "VG" : "HC"}-${CERTIFIED_SINCE[(n >> 2) % 4]?.slice(0, 4)}-${100 + n}`,
              issuer: rice ? "Trung tâm Chứng nhận VietGAP (minh họa)" : "Tổ chức chứng nhận hữu cơ (minh họa)",
              validFrom: CERTIFIED_SINCE[(n >> 2) % 4] ?? "2025-04-01",
              validUntil: "2028-12-31",
              ...(n === 9 ? { withdrawnOn: "2026-05-15", withdrawnReason: "Không duy trì ghi chép sản xuất" } : {}),
            });
        }
      }
    }
    // The indicator, period by period, as the registry stood at each period's end.
    const indicator = (await indicatorRows(tx, actor.wardId)).find((i) => i.code === GAP_INDICATOR);
    if (!indicator) return;
    const frequency = indicator.frequency as Frequency;
    for (const period of periodsBetween(periodOf(frequency, "2025-01-15"), periodOf(frequency, today))) {
      await syncCertifiedShare(tx, actor, "all", periodEnd(period) < today ? periodEnd(period) : today);
    }
  });
  if (producerFarm)
    await openFarmAccount(db, actor, producerFarm, {
      username: DEMO_PRODUCER.username,
      password: DEMO_PRODUCER.password,
    });
}

/** The demo's producer account: a household that keeps its own diary on its phone (README lists it). */
export const DEMO_PRODUCER = { username: "nongdan", password: "xanh2026" } as const;

/** For tests: the demo's farms, by name. */
export const demoFarmNames = (db: Db, wardId: string) =>
  db.select({ id: farms.id, name: farms.name }).from(farms).where(eq(farms.wardId, wardId));
