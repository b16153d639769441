import { z } from "zod";

export const roleSchema = z.enum([
  "admin", // Quản trị hệ thống
  "ward_leader", // Lãnh đạo UBND phường (Chủ tịch, Phó Chủ tịch)
  "office", // Văn phòng HĐND & UBND — đầu mối điều phối kế hoạch
  "unit_officer", // Cán bộ đơn vị
  "viewer", // Người xem
  "platform_admin", // Quản trị nền tảng (cấp thành phố): mở phường mới; không quản trị phường nào
  "city", // Thành phố — đọc dữ liệu mọi phường, không ghi
  "producer", // Cơ sở sản xuất (nông hộ, HTX, doanh nghiệp) — tự ghi nhật ký sản xuất của mình
]);
export type Role = z.infer<typeof roleSchema>;

/** Roles above any ward: given from the command line only, never by a ward's admin. */
export const PLATFORM_ROLES: readonly Role[] = ["platform_admin", "city"];

/**
 * A farm's own account: it keeps that farm's production diary and sees nothing of the ward's
 * staff work. It is opened from the farm's page in the registry, which links it to the farm.
 */
export const PRODUCER_ROLE = "producer" satisfies Role;

/** Roles a ward's admin may give on the accounts page (a producer's account comes with its farm). */
export const WARD_ROLES: readonly Role[] = roleSchema.options.filter(
  (r) => !PLATFORM_ROLES.includes(r) && r !== PRODUCER_ROLE,
);

/** Roles that assign and reassign work and edit the plan itself. */
export const PLAN_MANAGERS: readonly Role[] = ["admin", "ward_leader", "office"];
