import { z } from "zod";

export const roleSchema = z.enum([
  "admin", // Quản trị hệ thống
  "ward_leader", // Lãnh đạo UBND phường (Chủ tịch, Phó Chủ tịch)
  "office", // Văn phòng HĐND & UBND — đầu mối điều phối kế hoạch
  "unit_officer", // Cán bộ đơn vị
  "viewer", // Người xem
  "platform_admin", // Quản trị nền tảng (cấp thành phố): mở phường mới; không quản trị phường nào
]);
export type Role = z.infer<typeof roleSchema>;

/** Roles that assign and reassign work and edit the plan itself. */
/** Roles a ward's admin may give (the platform role is given from the command line only). */
export const WARD_ROLES: readonly Role[] = roleSchema.options.filter((r) => r !== "platform_admin");

export const PLAN_MANAGERS: readonly Role[] = ["admin", "ward_leader", "office"];
