import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import {
  MAX_DIARY_PHOTOS,
  addDiaryPhotosFieldsSchema,
  boundedDateSchema,
  certifiedShareSchema,
  closeSeasonSchema,
  createSeasonSchema,
  deleteDiaryEntryQuerySchema,
  diaryOverviewSchema,
  updateDiaryEntrySchema,
  seasonSchema,
  syncDiarySchema,
  syncResultSchema,
  farmListQuerySchema,
  farmSchema,
  idParamsSchema,
  plotSchema,
  saveCertificationSchema,
  saveFarmSchema,
  openFarmAccountSchema,
  savePlotSchema,
  withdrawCertificationSchema,
} from "@phuong-xanh/shared";
import type { AppContext } from "../../lib/context.js";
import { todayInVietnam } from "../../lib/actor.js";
import { actorOf, attachment, readMultipart } from "../../lib/http.js";
import { checkPhotos } from "../files/photos.js";
import { certifiedShares } from "./certified-area.js";
import { farmDiaryPdf, farmDiaryXlsx } from "./export.js";
import {
  closeSeason,
  createSeason,
  deleteDiaryEntry,
  diaryOverview,
  listSeasons,
  seasonDetail,
  syncDiary,
  updateDiaryEntry,
  addDiaryPhotos,
  readDiaryPhoto,
  removeDiaryPhoto,
} from "./diary.js";
import {
  addCertification,
  agricultureUnitId,
  farmDetail,
  listFarms,
  listPlots,
  mayKeepRegistry,
  saveFarm,
  openFarmAccount,
  savePlot,
  updateCertification,
  withdrawCertification,
} from "./registry.js";
import { forbidden } from "../../lib/errors.js";

const tags = ["agriculture"];

/**
 * The registry of farms, plots and certifications (Phòng Kinh tế), signed in. The diary's routes
 * (`producerMayCall`) also serve a farm's own account; the services check whose farm it is.
 */
export const agricultureRoutes: FastifyPluginAsyncZod<AppContext> = async (app, { db, store, config }) => {
  app.get(
    "/api/agriculture/farms",
    {
      schema: {
        tags,
        summary:
          "Sổ cơ sở sản xuất nông nghiệp: nông hộ, HTX, doanh nghiệp, với diện tích và diện tích có chứng nhận; lọc theo từ khóa (không phân biệt dấu), loại, tổ dân phố, tình trạng chứng nhận",
        querystring: farmListQuerySchema,
        response: { 200: z.array(farmSchema) },
      },
    },
    async (request) => listFarms(db, actorOf(request), request.query),
  );
  app.get(
    "/api/agriculture/farms/:id",
    {
      schema: {
        tags,
        summary: "Một cơ sở sản xuất, với diện tích và tình trạng chứng nhận",
        params: idParamsSchema,
        response: { 200: farmSchema },
      },
    },
    async (request) => farmDetail(db, actorOf(request), request.params.id),
  );
  app.post(
    "/api/agriculture/farms",
    {
      schema: { tags, summary: "Thêm cơ sở sản xuất", body: saveFarmSchema, response: { 201: farmSchema } },
    },
    async (request, reply) => reply.code(201).send(await saveFarm(db, actorOf(request), null, request.body)),
  );
  app.put(
    "/api/agriculture/farms/:id",
    {
      schema: {
        tags,
        summary: "Sửa cơ sở sản xuất (kèm version đã xem)",
        params: idParamsSchema,
        body: saveFarmSchema,
        response: { 200: farmSchema },
      },
    },
    async (request) => saveFarm(db, actorOf(request), request.params.id, request.body),
  );

  app.get(
    "/api/agriculture/plots",
    {
      schema: {
        tags,
        summary: "Thửa ruộng và chứng nhận của chúng (lọc theo cơ sở: farmId)",
        querystring: z.object({ farmId: z.uuid().optional() }),
        response: { 200: z.array(plotSchema) },
      },
    },
    async (request) => listPlots(db, actorOf(request), request.query.farmId),
  );
  app.post(
    "/api/agriculture/plots",
    { schema: { tags, summary: "Thêm thửa ruộng", body: savePlotSchema, response: { 201: plotSchema } } },
    async (request, reply) => reply.code(201).send(await savePlot(db, actorOf(request), null, request.body)),
  );
  app.put(
    "/api/agriculture/plots/:id",
    {
      schema: {
        tags,
        summary: "Sửa thửa ruộng (kèm version đã xem)",
        params: idParamsSchema,
        body: savePlotSchema,
        response: { 200: plotSchema },
      },
    },
    async (request) => savePlot(db, actorOf(request), request.params.id, request.body),
  );

  app.post(
    "/api/agriculture/plots/:id/certifications",
    {
      schema: {
        tags,
        summary: "Ghi chứng nhận VietGAP, hữu cơ hoặc GAP khác cho thửa ruộng",
        params: idParamsSchema,
        body: saveCertificationSchema,
        response: { 201: plotSchema },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await addCertification(db, actorOf(request), request.params.id, request.body)),
  );
  app.put(
    "/api/agriculture/certifications/:id",
    {
      schema: {
        tags,
        summary: "Sửa chứng nhận (kèm version đã xem)",
        params: idParamsSchema,
        body: saveCertificationSchema,
        response: { 200: plotSchema },
      },
    },
    async (request) => updateCertification(db, actorOf(request), request.params.id, request.body),
  );
  app.post(
    "/api/agriculture/certifications/:id/withdraw",
    {
      schema: {
        tags,
        summary: "Thu hồi chứng nhận từ một ngày (vẫn lưu trong sổ)",
        params: idParamsSchema,
        body: withdrawCertificationSchema,
        response: { 200: plotSchema },
      },
    },
    async (request) => withdrawCertification(db, actorOf(request), request.params.id, request.body),
  );

  app.get(
    "/api/agriculture/certified-shares",
    {
      schema: {
        tags,
        summary: "Tỷ lệ diện tích đạt GAP, hữu cơ theo tổ dân phố vào một ngày (mặc định hôm nay)",
        querystring: z.object({ day: boundedDateSchema.optional() }),
        response: { 200: z.array(certifiedShareSchema) },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      if (!mayKeepRegistry(actor, await agricultureUnitId(db, actor.wardId)))
        throw forbidden("Chỉ Phòng Kinh tế, Văn phòng, lãnh đạo phường hoặc quản trị viên xem sổ nông hộ.");
      return certifiedShares(db, actor.wardId, request.query.day ?? todayInVietnam());
    },
  );

  app.post(
    "/api/agriculture/farms/:id/account",
    {
      schema: {
        tags,
        summary:
          "Mở tài khoản cho cơ sở sản xuất để tự ghi nhật ký (vai trò producer, gắn với cơ sở); mật khẩu đầu tiên giao cho cơ sở",
        params: idParamsSchema,
        body: openFarmAccountSchema,
        response: { 201: farmSchema },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await openFarmAccount(db, actorOf(request), request.params.id, request.body)),
  );

  app.post(
    "/api/agriculture/plots/:id/seasons",
    {
      config: { producerMayCall: true },
      schema: {
        tags,
        summary: "Mở một vụ trên thửa ruộng (nhật ký sản xuất)",
        params: idParamsSchema,
        body: createSeasonSchema,
        response: { 201: seasonSchema },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await createSeason(db, actorOf(request), request.params.id, request.body)),
  );
  app.get(
    "/api/agriculture/plots/:id/seasons",
    {
      config: { producerMayCall: true },
      schema: {
        tags,
        summary: "Các vụ của thửa ruộng, với nhật ký và dấu chân carbon",
        params: idParamsSchema,
        response: { 200: z.array(seasonSchema) },
      },
    },
    async (request) => listSeasons(db, actorOf(request), request.params.id),
  );
  app.get(
    "/api/agriculture/seasons/:id",
    {
      config: { producerMayCall: true },
      schema: {
        tags,
        summary: "Một vụ: nhật ký, các bước còn thiếu, dấu chân carbon và so sánh cách làm khác",
        params: idParamsSchema,
        response: { 200: seasonSchema },
      },
    },
    async (request) => seasonDetail(db, actorOf(request), request.params.id),
  );
  app.post(
    "/api/agriculture/seasons/:id/entries",
    {
      config: { producerMayCall: true },
      schema: {
        tags,
        summary:
          "Gửi các ghi chép nhật ký (từ điện thoại, kể cả lúc mất mạng): mỗi ghi chép lưu một lần theo clientId; dấu chân carbon được tính lại",
        params: idParamsSchema,
        body: syncDiarySchema,
        response: { 200: syncResultSchema },
      },
    },
    async (request) => syncDiary(db, actorOf(request), request.params.id, request.body.entries),
  );
  app.get(
    "/api/agriculture/farms/:id/diary.xlsx",
    {
      config: { producerMayCall: true },
      schema: {
        tags,
        summary:
          "Sổ nhật ký sản xuất của một cơ sở (XLSX): mọi ghi chép của các vụ, theo mẫu hồ sơ VietGAP, kèm bảng tổng hợp dấu chân carbon",
        params: idParamsSchema,
      },
    },
    async (request, reply) => {
      const file = await farmDiaryXlsx(db, actorOf(request), request.params.id);
      return reply
        .header("content-type", file.mimeType)
        .header("content-disposition", attachment(file.filename))
        .send(file.bytes);
    },
  );
  app.get(
    "/api/agriculture/farms/:id/diary.pdf",
    {
      config: { producerMayCall: true },
      schema: {
        tags,
        summary:
          "Sổ nhật ký sản xuất của một cơ sở (PDF, A4 ngang): như bản XLSX, mỗi vụ một bảng theo mẫu hồ sơ VietGAP kèm dấu chân carbon, có số trang",
        params: idParamsSchema,
      },
    },
    async (request, reply) => {
      const file = await farmDiaryPdf(db, actorOf(request), request.params.id, todayInVietnam());
      return reply
        .header("content-type", file.mimeType)
        .header("content-disposition", attachment(file.filename))
        .send(file.bytes);
    },
  );
  app.get(
    "/api/agriculture/diary",
    {
      config: { producerMayCall: true },
      schema: {
        tags,
        summary:
          "Những gì người đăng nhập được ghi nhật ký: cơ sở → thửa ruộng → vụ (vụ đang mở trước, kèm số ghi chép và ngày ghi cuối)",
        response: { 200: diaryOverviewSchema },
      },
    },
    async (request) => diaryOverview(db, actorOf(request)),
  );
  app.patch(
    "/api/agriculture/diary/entries/:id",
    {
      config: { producerMayCall: true },
      schema: {
        tags,
        summary: "Sửa một ghi chép nhật ký (kèm version đã xem); dấu chân carbon được tính lại",
        params: idParamsSchema,
        body: updateDiaryEntrySchema,
        response: { 200: seasonSchema },
      },
    },
    async (request) => updateDiaryEntry(db, actorOf(request), request.params.id, request.body),
  );
  app.delete(
    "/api/agriculture/diary/entries/:id",
    {
      config: { producerMayCall: true },
      schema: {
        tags,
        summary: "Xóa một ghi chép nhật ký (?version= đã xem); dấu chân carbon được tính lại",
        params: idParamsSchema,
        querystring: deleteDiaryEntryQuerySchema,
        response: { 200: seasonSchema },
      },
    },
    async (request) => deleteDiaryEntry(db, actorOf(request), request.params.id, request.query.version),
  );
  app.post(
    "/api/agriculture/diary/entries/:id/photos",
    {
      config: { producerMayCall: true },
      schema: {
        tags,
        summary: `Thêm ảnh cho một ghi chép (multipart: version, photos; tối đa ${MAX_DIARY_PHOTOS} ảnh một ghi chép, ảnh được mã hóa lại, bỏ thông tin vị trí)`,
        params: idParamsSchema,
        consumes: ["multipart/form-data"],
        response: { 200: seasonSchema },
      },
    },
    async (request) => {
      const { fields, files } = await readMultipart(request, addDiaryPhotosFieldsSchema, "photos");
      const photos = await checkPhotos(files, config.feedbackPhotoBytes, {
        count: MAX_DIARY_PHOTOS,
        of: "một ghi chép nhật ký",
      });
      return addDiaryPhotos(db, store, actorOf(request), request.params.id, fields.version, photos);
    },
  );
  app.delete(
    "/api/agriculture/diary/entries/:id/photos/:fileId",
    {
      config: { producerMayCall: true },
      schema: {
        tags,
        summary: "Bỏ một ảnh khỏi ghi chép (?version= đã xem)",
        params: z.object({ id: z.uuid(), fileId: z.uuid() }),
        querystring: deleteDiaryEntryQuerySchema,
        response: { 200: seasonSchema },
      },
    },
    async (request) =>
      removeDiaryPhoto(db, actorOf(request), request.params.id, request.params.fileId, request.query.version),
  );
  app.get(
    "/api/agriculture/diary/photos/:id",
    {
      config: { producerMayCall: true },
      schema: {
        tags,
        summary: "Ảnh của một ghi chép nhật ký (người được xem nhật ký của cơ sở)",
        params: idParamsSchema,
      },
    },
    async (request, reply) => {
      const { ref, bytes } = await readDiaryPhoto(db, store, actorOf(request), request.params.id);
      return reply
        .header("content-type", ref.mimeType)
        .header("cache-control", "private, max-age=3600")
        .header("x-content-type-options", "nosniff")
        .send(bytes);
    },
  );
  app.post(
    "/api/agriculture/seasons/:id/close",
    {
      config: { producerMayCall: true },
      schema: {
        tags,
        summary: "Kết thúc vụ sau thu hoạch (kèm version đã xem): nhật ký không nhận thêm ghi chép",
        params: idParamsSchema,
        body: closeSeasonSchema,
        response: { 200: seasonSchema },
      },
    },
    async (request) => closeSeason(db, actorOf(request), request.params.id, request.body),
  );
};
