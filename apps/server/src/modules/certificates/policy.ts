import type { Db } from "../../db/client.js";
import type { Actor } from "../../lib/actor.js";
import { forbidden } from "../../lib/errors.js";
import { agricultureUnitId, mayKeepRegistry } from "../agriculture/registry.js";

/**
 * Who keeps green-product certificates and OCOP products: the keepers of the farm registry
 * (Phòng Kinh tế as owner of the GAP indicator, with the Office, the leaders and the admin).
 */
export async function checkKeeper(db: Db, actor: Actor): Promise<void> {
  if (!mayKeepRegistry(actor, await agricultureUnitId(db, actor.wardId)))
    throw forbidden(
      "Chỉ Phòng Kinh tế, Văn phòng, lãnh đạo phường hoặc quản trị viên quản lý chứng nhận sản phẩm xanh.",
    );
}
