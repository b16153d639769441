import { and, asc, eq, isNotNull } from "drizzle-orm";
import type { ExtensionTopic } from "@phuong-xanh/shared";
import type { Db } from "../../db/client.js";
import type { Actor } from "../../lib/actor.js";
import { listUnits } from "../identity/service.js";
import { farms, plots, seasons } from "../agriculture/tables.js";
import { addAttendees, saveModel, saveTraining } from "./service.js";

/**
 * The demo ward's extension work: a class on each practice of III.5 in 2025 and 2026, the
 * registry's farms attending in turn (one person from outside the registry), and two
 * demonstration models: AWD on a certified rice plot with its diary season, straw composting
 * under way. Fixed dates and the registry's order: the same demo every time.
 */
const TRAININGS: { title: string; topic: ExtensionTopic; heldOn: string; place: string; trainer: string }[] = [
  {
    title: "Tập huấn kỹ thuật tưới ướt khô xen kẽ (AWD) cho lúa",
    topic: "awd",
    heldOn: "2025-11-18",
    place: "Nhà văn hóa tổ dân phố",
    trainer: "KS. Nguyễn Thị Khuyến",
  },
  {
    title: "Ủ rơm rạ làm phân bón hữu cơ bằng chế phẩm vi sinh",
    topic: "straw_composting",
    heldOn: "2026-01-09",
    place: "Hội trường UBND phường",
    trainer: "KS. Trần Văn Nông",
  },
  {
    title: "Sử dụng phân bón hữu cơ thay thế một phần phân hóa học",
    topic: "organic_fertiliser",
    heldOn: "2026-03-05",
    place: "Hội trường UBND phường",
    trainer: "KS. Nguyễn Thị Khuyến",
  },
  {
    title: "Thuốc bảo vệ thực vật sinh học trong sản xuất rau an toàn",
    topic: "bio_pesticides",
    heldOn: "2026-04-16",
    place: "Nhà văn hóa tổ dân phố",
    trainer: "ThS. Lê Văn Thực",
  },
];

const ORGANISER = "Phòng Kinh tế, Hạ tầng và Đô thị phối hợp Trung tâm Khuyến nông thành phố (minh họa)";

export async function loadDemoExtension(db: Db, actor: Actor): Promise<void> {
  const registry = await db
    .select({ id: farms.id, groupId: farms.residentialGroupId })
    .from(farms)
    .where(eq(farms.wardId, actor.wardId))
    .orderBy(asc(farms.name), asc(farms.id));
  if (registry.length === 0) return;
  const groups = (await listUnits(db, actor.wardId)).filter((u) => u.kind === "residential_group");
  for (const [i, training] of TRAININGS.entries()) {
    // Every other class for one residential group, the others for the whole ward.
    const group = i % 2 === 0 ? groups[i % groups.length] : undefined;
    const saved = await saveTraining(db, actor, null, {
      ...training,
      place: group ? `Nhà văn hóa ${group.name}` : training.place,
      organiser: ORGANISER,
      residentialGroup: group?.code ?? null,
      notes: null,
    });
    const attending = registry.filter((_, n) => (n + i) % 3 !== 0);
    await addAttendees(db, actor, "training", saved.id, {
      version: saved.version,
      attendees: [
        ...attending.map((f) => ({ farmId: f.id, personName: null })),
        ...(i === 1 ? [{ farmId: null, personName: "Đinh Văn Khách (hộ ngoài sổ)" }] : []),
      ],
    });
  }

  // Demonstration models on the registry's plots: AWD where a rice season's diary is kept.
  const [seasoned] = await db
    .select({
      seasonId: seasons.id,
      plotId: plots.id,
      areaHa: plots.areaHa,
      startedOn: seasons.startedOn,
      closedOn: seasons.closedOn,
    })
    .from(seasons)
    .innerJoin(plots, and(eq(plots.wardId, seasons.wardId), eq(plots.id, seasons.plotId)))
    .where(and(eq(seasons.wardId, actor.wardId), isNotNull(seasons.footprint), eq(plots.crop, "Lúa")))
    .orderBy(asc(seasons.startedOn), asc(plots.name));
  const [bare] = await db
    .select({ id: plots.id, areaHa: plots.areaHa })
    .from(plots)
    .where(and(eq(plots.wardId, actor.wardId), eq(plots.crop, "Lúa")))
    .orderBy(asc(plots.name));
  const models = [
    seasoned
      ? {
          name: "Mô hình tưới ướt khô xen kẽ giảm phát thải khí mê-tan",
          topic: "awd" as const,
          plotId: seasoned.plotId,
          seasonId: seasoned.seasonId,
          startedOn: seasoned.startedOn,
          endedOn: seasoned.closedOn,
          areaHa: seasoned.areaHa,
          status: seasoned.closedOn ? ("completed" as const) : ("running" as const),
          resultNotes:
            "Năng suất tương đương ruộng đối chứng; tiết kiệm 2 lần bơm nước; dấu chân carbon theo nhật ký vụ (xem bên dưới).",
        }
      : null,
    bare
      ? {
          name: "Mô hình ủ rơm rạ tại ruộng bằng chế phẩm vi sinh",
          topic: "straw_composting" as const,
          plotId: bare.id,
          seasonId: null,
          startedOn: "2026-06-05",
          endedOn: null,
          areaHa: Math.min(bare.areaHa, 0.2),
          status: "running" as const,
          resultNotes: null,
        }
      : null,
  ];
  for (const [i, model] of models.entries()) {
    if (!model) continue;
    const saved = await saveModel(db, actor, null, model);
    await addAttendees(db, actor, "model", saved.id, {
      version: saved.version,
      attendees: registry.filter((_, n) => n % 4 === i).map((f) => ({ farmId: f.id, personName: null })),
    });
  }
}
