import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { idParamsSchema } from "@phuong-xanh/shared";
import type { AppContext } from "../../lib/context.js";
import { actorOf, attachment } from "../../lib/http.js";
import { readFile } from "./service.js";

export const fileRoutes: FastifyPluginAsyncZod<AppContext> = async (app, { db, store }) => {
  app.get(
    "/api/files/:id",
    { schema: { tags: ["files"], summary: "Tải tệp minh chứng", params: idParamsSchema } },
    async (request, reply) => {
      const { ref, bytes } = await readFile(db, store, actorOf(request).wardId, request.params.id);
      // Served as a download with a sniffed type, never rendered inline as HTML.
      return reply
        .header("content-type", ref.mimeType)
        .header("content-disposition", attachment(ref.filename))
        .header("x-content-type-options", "nosniff")
        .send(bytes);
    },
  );
};
