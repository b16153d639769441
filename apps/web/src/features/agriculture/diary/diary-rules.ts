import { PLAN_MANAGERS, type CurrentUser } from "@phuong-xanh/shared";

/** Phòng Kinh tế's unit code in the ward's list of units (as the certificate pages know it). */
const AGRICULTURE_UNIT_CODE = "kinh-te";

/**
 * Who keeps a diary for the farms that agreed to it, as the server decides (agriculture/diary.ts:
 * the keepers of the farm registry): the plan managers and Phòng Kinh tế's officers, the owners
 * of the GAP indicator. The menu only spares others a page that would list no farm.
 */
export function canKeepDiary(user: Pick<CurrentUser, "role" | "unit">): boolean {
  return (
    PLAN_MANAGERS.includes(user.role) || (user.role === "unit_officer" && user.unit?.code === AGRICULTURE_UNIT_CODE)
  );
}
