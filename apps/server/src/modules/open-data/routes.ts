import type { FastifyReply, FastifyRequest } from "fastify";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import {
  openDataCatalogueSchema,
  openDataDatasetNames,
  openDataDictionarySchema,
  openDataFormatSchema,
  publicQuerySchema,
} from "@phuong-xanh/shared";
import type { AppContext } from "../../lib/context.js";
import { serveSnapshot } from "../../lib/snapshots.js";
import { DICTIONARY_REVISED } from "./fields.js";
import { buildCatalogue, buildDictionary, datasetTable, OPEN_DATA_PATH, renderDataset } from "./service.js";

/**
 * Open data is for any site to use: a page elsewhere may fetch it (CORS, no credentials) or show
 * a preview image (helmet's same-origin resource policy would block that).
 */
export async function openToOtherSites(_request: FastifyRequest, reply: FastifyReply): Promise<void> {
  reply.header("access-control-allow-origin", "*");
  reply.header("cross-origin-resource-policy", "cross-origin");
}

/**
 * Dữ liệu mở: stable addresses of the open datasets, their dictionary and a catalogue. Public
 * (no sign-in), served from the ward's snapshots like every public read.
 */
export const openDataRoutes: FastifyPluginAsyncZod<AppContext> = async (app, ctx) => {
  const { db } = ctx;
  app.addHook("onRequest", openToOtherSites);

  app.get(
    OPEN_DATA_PATH,
    {
      config: { public: true },
      schema: {
        tags: ["open-data"],
        summary: "Danh mục dữ liệu mở: bộ dữ liệu, địa chỉ tải theo định dạng, giấy phép CC BY 4.0",
        security: [],
        querystring: publicQuerySchema,
        response: { 200: openDataCatalogueSchema },
      },
    },
    async (request, reply) =>
      serveSnapshot(ctx, request, reply, {
        ward: request.query.ward,
        lang: request.query.lang,
        key: "open-data:catalogue",
        visibility: "public",
        build: async ({ ward, lang, today }) => {
          const json = await buildCatalogue(db, request.log, ward, lang, today);
          return { json, lastModified: json.lastUpdated };
        },
      }),
  );

  app.get(
    `${OPEN_DATA_PATH}/dictionary.json`,
    {
      config: { public: true },
      schema: {
        tags: ["open-data"],
        summary: "Từ điển dữ liệu: mọi cột của mọi bộ dữ liệu (tên, kiểu, mô tả tiếng Việt và tiếng Anh, đơn vị)",
        security: [],
        querystring: publicQuerySchema,
        response: { 200: openDataDictionarySchema },
      },
    },
    async (request, reply) =>
      serveSnapshot(ctx, request, reply, {
        ward: request.query.ward,
        lang: request.query.lang,
        key: "open-data:dictionary",
        visibility: "public",
        build: async ({ ward, lang }) => ({
          json: buildDictionary(ward, lang),
          lastModified: `${DICTIONARY_REVISED}T00:00:00+07:00`,
        }),
      }),
  );

  for (const dataset of openDataDatasetNames) {
    app.get(
      `${OPEN_DATA_PATH}/${dataset}.:format`,
      {
        config: { public: true },
        schema: {
          tags: ["open-data"],
          summary: `Bộ dữ liệu ${dataset} (CSV, JSON hoặc XLSX; giấy phép CC BY 4.0; cập nhật lần cuối ở Last-Modified và trong tệp)`,
          security: [],
          params: z.object({ format: openDataFormatSchema }),
          querystring: publicQuerySchema,
        },
      },
      async (request, reply) => {
        const { format } = request.params;
        return serveSnapshot(ctx, request, reply, {
          ward: request.query.ward,
          lang: request.query.lang,
          key: `open-data:${dataset}.${format}`,
          visibility: "public",
          build: async ({ ward, lang, today }) =>
            renderDataset(await datasetTable(db, request.log, ward, dataset, lang, today), format, ward, lang),
        });
      },
    );
  }
};
