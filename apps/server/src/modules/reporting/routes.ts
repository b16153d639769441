import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import {
  acceptUnitReportSchema,
  idParamsSchema,
  openPeriodSchema,
  periodCodeParamsSchema,
  reportingSettingsSchema,
  reportPeriodDetailSchema,
  reportPeriodListSchema,
  returnUnitReportSchema,
  saveReportingSettingsSchema,
  saveUnitReportSchema,
  saveWardReportSchema,
  sendWardReportSchema,
  sentWardReportSchema,
  submitUnitReportSchema,
  unitReportDetailSchema,
  wardReportSchema,
} from "@phuong-xanh/shared";
import { todayInVietnam, type Actor } from "../../lib/actor.js";
import type { AppContext } from "../../lib/context.js";
import type { DataLog } from "../../lib/data-log.js";
import { forbidden } from "../../lib/errors.js";
import { actorOf, attachment, readMultipart } from "../../lib/http.js";
import { can } from "../identity/policy.js";
import type { Db } from "../../db/client.js";
import { exportReport, unitReportExport, type ExportedFile } from "./exports.js";
import { ensurePeriod, listPeriods, openPeriod, summarizePeriods, type PeriodRow } from "./periods.js";
import { sendWardReport } from "./send.js";
import { getReportingSettings, saveReportingSettings } from "./settings.js";
import {
  acceptUnitReport,
  attachUnitReportFiles,
  getUnitReport,
  lockPeriod,
  returnUnitReport,
  saveUnitReport,
  submitUnitReport,
  unitReportRows,
} from "./unit-reports.js";
import { compileWardReport, getWardReport, saveWardReport } from "./ward-report.js";

const formatParams = z.object({ format: z.enum(["docx", "xlsx"]) });
const versionQuery = z.object({ version: z.coerce.number().int().min(1).max(1_000_000).optional() });

async function periodDetail(db: Db, actor: Actor, period: PeriodRow, today: string) {
  const [[summary], unitReports] = await Promise.all([
    summarizePeriods(db, actor, [period], today),
    unitReportRows(db, actor.wardId, period, today),
  ]);
  if (!summary) throw new Error("period summary missing");
  const manage = can.managePlan(actor);
  return {
    ...summary,
    unitReports,
    can: {
      manage,
      lock:
        manage &&
        period.lockedAt === null &&
        today > period.windowEnd &&
        unitReports.every((r) => r.status === "accepted"),
      compile: manage && period.sentDocumentId === null,
    },
  };
}

/** Báo cáo định kỳ: periods, the units' reports and their review, the ward's compiled report. */
export const reportingRoutes: FastifyPluginAsyncZod<AppContext> = async (app, { db, store, config }) => {
  const download = (reply: import("fastify").FastifyReply, file: ExportedFile) =>
    reply
      .header("content-type", file.mimeType)
      .header("content-disposition", attachment(file.filename))
      .header("cache-control", "no-store")
      .send(file.bytes);
  const unitReport = (log: DataLog, actor: Actor, id: string) => getUnitReport(db, log, actor, id, todayInVietnam());

  app.get(
    "/api/reports/periods",
    { schema: { tags: ["reports"], summary: "Các kỳ báo cáo", response: { 200: reportPeriodListSchema } } },
    async (request) => listPeriods(db, actorOf(request), todayInVietnam()),
  );

  app.post(
    "/api/reports/periods",
    {
      schema: {
        tags: ["reports"],
        summary: "Mở kỳ báo cáo (định kỳ theo mã, hoặc chuyên đề / đột xuất)",
        body: openPeriodSchema,
        response: { 201: reportPeriodDetailSchema },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const today = todayInVietnam();
      const period = await openPeriod(db, actor, request.body, today);
      return reply.code(201).send(await periodDetail(db, actor, period, today));
    },
  );

  app.get(
    "/api/reports/periods/:code",
    {
      schema: {
        tags: ["reports"],
        summary: "Kỳ báo cáo và báo cáo của các đơn vị",
        params: periodCodeParamsSchema,
        response: { 200: reportPeriodDetailSchema },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const today = todayInVietnam();
      return periodDetail(db, actor, await ensurePeriod(db, actor.wardId, request.params.code, today), today);
    },
  );

  app.post(
    "/api/reports/periods/:code/lock",
    {
      schema: {
        tags: ["reports"],
        summary: "Khóa số liệu kỳ báo cáo (khi mọi báo cáo đơn vị đã được tiếp nhận)",
        params: periodCodeParamsSchema,
        response: { 200: reportPeriodDetailSchema },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const today = todayInVietnam();
      await lockPeriod(db, request.log, actor, request.params.code, today);
      return periodDetail(db, actor, await ensurePeriod(db, actor.wardId, request.params.code, today), today);
    },
  );

  app.get(
    "/api/reports/unit-reports/:id",
    {
      schema: {
        tags: ["reports"],
        summary: "Báo cáo của một đơn vị: số liệu, nội dung, minh chứng, lịch sử",
        params: idParamsSchema,
        response: { 200: unitReportDetailSchema },
      },
    },
    async (request) => unitReport(request.log, actorOf(request), request.params.id),
  );

  app.put(
    "/api/reports/unit-reports/:id",
    {
      schema: {
        tags: ["reports"],
        summary: "Lưu nội dung báo cáo của đơn vị",
        params: idParamsSchema,
        body: saveUnitReportSchema,
        response: { 200: unitReportDetailSchema },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      await saveUnitReport(db, actor, request.params.id, request.body);
      return unitReport(request.log, actor, request.params.id);
    },
  );

  app.post(
    "/api/reports/unit-reports/:id/submit",
    {
      schema: {
        tags: ["reports"],
        summary: "Gửi báo cáo của đơn vị cho Văn phòng",
        params: idParamsSchema,
        body: submitUnitReportSchema,
        response: { 200: unitReportDetailSchema },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      await submitUnitReport(db, request.log, actor, request.params.id, request.body.version, todayInVietnam());
      return unitReport(request.log, actor, request.params.id);
    },
  );

  app.post(
    "/api/reports/unit-reports/:id/return",
    {
      schema: {
        tags: ["reports"],
        summary: "Trả lại báo cáo kèm ý kiến (Văn phòng)",
        params: idParamsSchema,
        body: returnUnitReportSchema,
        response: { 200: unitReportDetailSchema },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      await returnUnitReport(db, actor, request.params.id, request.body);
      return unitReport(request.log, actor, request.params.id);
    },
  );

  app.post(
    "/api/reports/unit-reports/:id/accept",
    {
      schema: {
        tags: ["reports"],
        summary: "Tiếp nhận báo cáo (Văn phòng)",
        params: idParamsSchema,
        body: acceptUnitReportSchema,
        response: { 200: unitReportDetailSchema },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      await acceptUnitReport(db, actor, request.params.id, request.body);
      return unitReport(request.log, actor, request.params.id);
    },
  );

  app.post(
    "/api/reports/unit-reports/:id/files",
    {
      schema: {
        tags: ["reports"],
        summary: "Đính kèm minh chứng (multipart, trường files)",
        params: idParamsSchema,
        consumes: ["multipart/form-data"],
        response: { 200: unitReportDetailSchema },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const { files } = await readMultipart(request, z.object({}));
      await attachUnitReportFiles(db, store, actor, request.params.id, files, config.maxUploadBytes);
      return unitReport(request.log, actor, request.params.id);
    },
  );

  app.get(
    "/api/reports/unit-reports/:id/export.:format",
    {
      schema: {
        tags: ["reports"],
        summary: "Tải báo cáo của đơn vị (DOCX theo Nghị định 30/2020, hoặc phụ lục XLSX)",
        params: idParamsSchema.extend(formatParams.shape),
      },
    },
    async (request, reply) =>
      download(
        reply,
        await unitReportExport(
          db,
          request.log,
          actorOf(request).wardId,
          request.params.id,
          request.params.format,
          todayInVietnam(),
        ),
      ),
  );

  app.get(
    "/api/reports/periods/:code/ward-report",
    {
      schema: {
        tags: ["reports"],
        summary: "Báo cáo tổng hợp của phường: phiên bản hiện tại, các phiên bản, số liệu",
        params: periodCodeParamsSchema,
        response: { 200: wardReportSchema },
      },
    },
    async (request) => getWardReport(db, request.log, actorOf(request), request.params.code, todayInVietnam()),
  );

  app.post(
    "/api/reports/periods/:code/ward-report/compile",
    {
      schema: {
        tags: ["reports"],
        summary: "Tổng hợp báo cáo của phường từ các báo cáo đơn vị đã tiếp nhận (phiên bản mới)",
        params: periodCodeParamsSchema,
        response: { 200: wardReportSchema },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const today = todayInVietnam();
      await compileWardReport(db, request.log, actor, request.params.code, today);
      return getWardReport(db, request.log, actor, request.params.code, today);
    },
  );

  app.put(
    "/api/reports/periods/:code/ward-report",
    {
      schema: {
        tags: ["reports"],
        summary: "Lưu nội dung báo cáo tổng hợp (phiên bản mới)",
        params: periodCodeParamsSchema,
        body: saveWardReportSchema,
        response: { 200: wardReportSchema },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const today = todayInVietnam();
      await saveWardReport(db, actor, request.params.code, request.body, today);
      return getWardReport(db, request.log, actor, request.params.code, today);
    },
  );

  app.post(
    "/api/reports/periods/:code/ward-report/send",
    {
      schema: {
        tags: ["reports"],
        summary: "Vào sổ văn bản đi và phát hành báo cáo tổng hợp (cấp số)",
        params: periodCodeParamsSchema,
        body: sendWardReportSchema,
        response: { 200: sentWardReportSchema },
      },
    },
    async (request) =>
      sendWardReport(db, store, request.log, actorOf(request), request.params.code, request.body, todayInVietnam()),
  );

  app.get(
    "/api/reports/periods/:code/ward-report/export.:format",
    {
      schema: {
        tags: ["reports"],
        summary: "Tải báo cáo tổng hợp (DOCX theo Nghị định 30/2020, hoặc phụ lục XLSX)",
        params: periodCodeParamsSchema.extend(formatParams.shape),
        querystring: versionQuery,
      },
    },
    async (request, reply) =>
      download(
        reply,
        await exportReport(
          db,
          request.log,
          actorOf(request).wardId,
          { code: request.params.code, format: request.params.format, version: request.query.version },
          todayInVietnam(),
        ),
      ),
  );

  app.get(
    "/api/reports/settings",
    { schema: { tags: ["reports"], summary: "Chế độ báo cáo của phường", response: { 200: reportingSettingsSchema } } },
    async (request) => getReportingSettings(db, actorOf(request).wardId),
  );

  app.put(
    "/api/reports/settings",
    {
      schema: {
        tags: ["reports"],
        summary: "Đổi chế độ báo cáo (thời gian chốt số liệu, hạn gửi, ngày nghỉ)",
        body: saveReportingSettingsSchema,
        response: { 200: reportingSettingsSchema },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      if (!can.managePlan(actor)) throw forbidden("Chỉ lãnh đạo hoặc Văn phòng được đổi chế độ báo cáo.");
      return saveReportingSettings(db, actor, request.body);
    },
  );
};
