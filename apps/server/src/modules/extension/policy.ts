import { PRODUCER_ROLE } from "@phuong-xanh/shared";
import type { Db } from "../../db/client.js";
import type { Actor } from "../../lib/actor.js";
import { forbidden } from "../../lib/errors.js";
import { agricultureUnitId, mayKeepRegistry } from "../agriculture/registry.js";

/**
 * Who records extension work: the keepers of the farm registry (Phòng Kinh tế, which the plan
 * makes organise the classes and models, with the Office, the leaders and the admin). Every other
 * staff account of the ward reads it, and so does the city; the platform admin runs no ward's work,
 * and a producer's account sees its own diary only (the app's guard refuses it first).
 */
export async function mayWrite(db: Db, actor: Actor): Promise<boolean> {
  return mayKeepRegistry(actor, await agricultureUnitId(db, actor.wardId));
}

export async function checkWriter(db: Db, actor: Actor): Promise<void> {
  if (!(await mayWrite(db, actor)))
    throw forbidden("Chỉ Phòng Kinh tế, Văn phòng, lãnh đạo phường hoặc quản trị viên ghi công tác khuyến nông.");
}

export async function checkReader(actor: Actor): Promise<void> {
  if (actor.role === "platform_admin" || actor.role === PRODUCER_ROLE)
    throw forbidden("Tài khoản này không xem dữ liệu khuyến nông của phường.");
}
