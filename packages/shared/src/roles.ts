import { z } from "zod";

export const roleSchema = z.enum([
  "admin", // Quản trị hệ thống
  "ward_leader", // Lãnh đạo UBND phường (Chủ tịch, Phó Chủ tịch)
  "office", // Văn phòng HĐND & UBND — đầu mối điều phối kế hoạch
  "unit_officer", // Cán bộ đơn vị
  "viewer", // Người xem
]);
export type Role = z.infer<typeof roleSchema>;

/** Roles that assign and reassign work and edit the plan itself. */
export const PLAN_MANAGERS: readonly Role[] = ["admin", "ward_leader", "office"];
