import { periodOf, type Frequency, type MyWork } from "@phuong-xanh/shared";
import type { Db } from "../../db/client.js";
import { todayInVietnam, type Actor } from "../../lib/actor.js";
import { listUnits } from "../identity/service.js";
import { indicatorsOfUnitsDue } from "../indicators/service.js";
import { listNotifications } from "../notifications/service.js";
import { tasksOfUnit } from "../plan/service.js";

/** Việc của tôi: what the signed-in officer's unit owns and owes, most urgent first. */
export async function getMyWork(db: Db, actor: Actor): Promise<MyWork> {
  const today = todayInVietnam();
  if (!actor.unitId) return { unit: null, today, owned: [], coordinated: [], indicators: [], notifications: [] };
  const unitId = actor.unitId;
  const [units, work, indicators, notifications] = await Promise.all([
    listUnits(db, actor.wardId),
    tasksOfUnit(db, actor.wardId, unitId),
    indicatorsOfUnitsDue(db, actor.wardId, (f: Frequency) => periodOf(f, today), unitId),
    listNotifications(db, actor),
  ]);
  const unit = units.find((u) => u.id === unitId);
  return {
    unit: unit ? { id: unit.id, code: unit.code, name: unit.name, shortName: unit.shortName } : null,
    today,
    owned: work.owned,
    coordinated: work.coordinated,
    indicators: indicators.map(({ id, code, name, frequency, period, reported }) => ({
      id,
      code,
      name,
      frequency,
      currentPeriod: period,
      reported,
    })),
    notifications,
  };
}
