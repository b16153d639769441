import { describe, expect, it } from "vitest";
import type { CategoryQuestion } from "@phuong-xanh/shared";
import { submitReportSchema } from "@phuong-xanh/shared";
import {
  apiErrorsToFields,
  answersFor,
  checkReport,
  deviceId,
  DRAFT_KEY,
  emptyDraft,
  loadDraft,
  myReports,
  newDeviceId,
  orderedErrorKeys,
  parseCoordinates,
  parseDecimal,
  rememberReport,
  reportFormData,
  reporterKeyFor,
  saveDraft,
  type KeyValueStore,
  type ReportDraft,
} from "./report-form";

const burning: CategoryQuestion[] = [
  {
    code: "dang_chay",
    label: "Có đang cháy không?",
    datatype: "singlevaluelist",
    required: true,
    values: [
      { key: "co", name: "Có" },
      { key: "khong", name: "Không" },
    ],
  },
  {
    code: "loai",
    label: "Đốt gì?",
    datatype: "multivaluelist",
    required: false,
    values: [
      { key: "rom", name: "Rơm" },
      { key: "rac", name: "Rác" },
    ],
  },
  { code: "dien_tich", label: "Diện tích (m²)", datatype: "number", required: false },
  { code: "luc", label: "Thấy lúc", datatype: "datetime", required: false },
];

const filled: ReportDraft = {
  ...emptyDraft,
  category: "dot-rom-ra",
  description: "Đốt rơm rạ ngoài cánh đồng, khói bay vào khu dân cư",
  answers: { dang_chay: "co" },
  pin: { lat: 20.8612345678, lng: 106.683 },
  locationSource: "map",
};

function memoryStore(): KeyValueStore & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return {
    data,
    getItem: (k) => data.get(k) ?? null,
    setItem: (k, v) => void data.set(k, v),
    removeItem: (k) => void data.delete(k),
  };
}

/** FormData → the plain object a multipart parser hands to the schema (files left out). */
function fields(form: FormData): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of form.entries()) if (typeof value === "string") out[key] = value;
  return out;
}

describe("checkReport", () => {
  it("passes a complete report", () => {
    expect(checkReport(filled, burning)).toEqual({});
  });

  it("asks for a category, a description of 10 characters, the required answers and a place", () => {
    const errors = checkReport({ ...emptyDraft, description: " ngắn " }, burning);
    expect(errors).toEqual({
      category: { key: "report.error.category" },
      description: { key: "report.error.descriptionShort" },
      "answers.dang_chay": { key: "report.error.question" },
      location: { key: "report.error.location" },
    });
  });

  it("takes a residential group or an address instead of a pin", () => {
    expect(checkReport({ ...filled, pin: null, residentialGroup: "tdp-03" }, burning)).toEqual({});
    expect(checkReport({ ...filled, pin: null, address: "Ngõ 12" }, burning)).toEqual({});
  });

  it("wants consent once any contact is given, and an email to notify", () => {
    expect(checkReport({ ...filled, phone: "0912 345 678" }, burning)).toEqual({
      consent: { key: "report.error.consent" },
    });
    expect(checkReport({ ...filled, notify: true }, burning)).toEqual({ email: { key: "report.error.notifyEmail" } });
    expect(checkReport({ ...filled, phone: "12", email: "khong-phai-email", consent: true }, burning)).toEqual({
      phone: { key: "report.error.phone" },
      email: { key: "report.error.email" },
    });
  });

  it("refuses a number answer that is not a number", () => {
    expect(checkReport({ ...filled, answers: { dang_chay: "co", dien_tich: "hai trăm" } }, burning)).toEqual({
      "answers.dien_tich": { key: "report.error.number" },
    });
  });
});

describe("reportFormData", () => {
  it("builds the multipart body the shared schema accepts", () => {
    const draft: ReportDraft = {
      ...filled,
      answers: { dang_chay: "co", loai: ["rom", "khac"], dien_tich: "1,5", luc: "" },
      residentialGroup: "tdp-03",
      address: "  Cánh đồng sau chợ ",
      name: "Nguyễn Văn A",
      email: "a@example.vn",
      notify: true,
      consent: true,
    };
    const photo = new File([new Uint8Array([0xff, 0xd8, 0xff])], "anh.jpg", { type: "image/jpeg" });
    const form = reportFormData(draft, burning, [photo]);
    const sent = fields(form);
    expect(sent).toEqual({
      category: "dot-rom-ra",
      description: "Đốt rơm rạ ngoài cánh đồng, khói bay vào khu dân cư",
      answers: JSON.stringify({ dang_chay: "co", loai: ["rom"], dien_tich: "1.5" }),
      lat: "20.861235",
      lng: "106.683",
      locationSource: "map",
      residentialGroup: "tdp-03",
      address: "Cánh đồng sau chợ",
      name: "Nguyễn Văn A",
      email: "a@example.vn",
      notify: "true",
      consent: "true",
    });
    expect(form.getAll("photos")).toHaveLength(1);
    const parsed = submitReportSchema.safeParse(sent);
    expect(parsed.success, JSON.stringify(parsed.error?.issues)).toBe(true);
    expect(parsed.data?.answers).toEqual({ dang_chay: "co", loai: ["rom"], dien_tich: "1.5" });
  });

  it("says where the pin came from, and none without a pin", () => {
    expect(fields(reportFormData({ ...filled, locationSource: "device" }, burning, [])).locationSource).toBe("device");
    const noPin = fields(reportFormData({ ...filled, pin: null, address: "Ngõ 12" }, burning, []));
    expect(noPin.locationSource).toBe("none");
    expect(noPin.lat).toBeUndefined();
    expect(submitReportSchema.safeParse(noPin).success).toBe(true);
  });

  it("leaves out contacts not given and never sends consent for nothing", () => {
    const sent = fields(reportFormData({ ...filled, consent: true }, burning, []));
    expect(sent.consent).toBeUndefined();
    expect(sent.name).toBeUndefined();
  });

  it("sends at most five photos", () => {
    const photos = Array.from({ length: 7 }, (_, i) => new File(["x"], `p${i}.jpg`, { type: "image/jpeg" }));
    expect(reportFormData(filled, burning, photos).getAll("photos")).toHaveLength(5);
  });

  it("sends a datetime answer as an ISO instant", () => {
    const answers = answersFor({ ...filled, answers: { luc: "2026-05-01T14:30" } }, burning);
    expect(answers.luc).toBe(new Date("2026-05-01T14:30").toISOString());
  });
});

describe("apiErrorsToFields", () => {
  it("puts each detail next to its field and keeps the others", () => {
    const { fields: mapped, other } = apiErrorsToFields(
      [
        { path: "body.description", message: "Quá ngắn" },
        { path: "lat", message: "Vị trí cần cả vĩ độ và kinh độ" },
        { path: "answers.dang_chay", message: "Trả lời câu hỏi này" },
        { path: "photos.2", message: "Ảnh không đọc được" },
        { path: "consent", message: "Cần đồng ý" },
        { path: "", message: "Lỗi chung" },
        { path: "answers.khong_co", message: "Câu hỏi lạ" },
      ],
      burning,
    );
    expect(mapped).toEqual({
      description: { text: "Quá ngắn" },
      location: { text: "Vị trí cần cả vĩ độ và kinh độ" },
      "answers.dang_chay": { text: "Trả lời câu hỏi này" },
      photos: { text: "Ảnh không đọc được" },
      consent: { text: "Cần đồng ý" },
    });
    expect(other).toEqual(["Lỗi chung", "Câu hỏi lạ"]);
  });

  it("keeps the first message of a field", () => {
    const { fields: mapped } = apiErrorsToFields(
      [
        { path: "email", message: "Email không hợp lệ" },
        { path: "email", message: "Nhập email để nhận thông báo" },
      ],
      [],
    );
    expect(mapped.email).toEqual({ text: "Email không hợp lệ" });
  });

  it("lists errors in the order of the form, questions after the category", () => {
    const keys = orderedErrorKeys(
      {
        consent: { text: "c" },
        "answers.dang_chay": { text: "a" },
        category: { text: "k" },
        description: { text: "d" },
      },
      burning,
    );
    expect(keys).toEqual(["category", "answers.dang_chay", "description", "consent"]);
  });
});

describe("coordinates", () => {
  it("reads a decimal comma or point, and a pasted pair", () => {
    expect(parseDecimal("20,8612")).toBe(20.8612);
    expect(parseDecimal("abc")).toBeUndefined();
    expect(parseCoordinates("20.8612", "106,683")).toEqual({ lat: 20.8612, lng: 106.683 });
    expect(parseCoordinates("20.8612, 106.6830", "")).toEqual({ lat: 20.8612, lng: 106.683 });
    expect(parseCoordinates("20.8612 106.6830", "")).toEqual({ lat: 20.8612, lng: 106.683 });
  });

  it("refuses what is not on the globe", () => {
    expect(parseCoordinates("106.68", "20.86")).toBeUndefined();
    expect(parseCoordinates("20.86", "")).toBeUndefined();
  });
});

describe("what the phone keeps", () => {
  it("saves and restores the draft, without the consent", () => {
    const store = memoryStore();
    saveDraft(store, { ...filled, name: "Chị Lan", consent: true, notify: true });
    const restored = loadDraft(store);
    expect(restored).toEqual({ ...filled, name: "Chị Lan", consent: false, notify: true });
  });

  it("forgets an empty draft and survives a broken one", () => {
    const store = memoryStore();
    saveDraft(store, filled);
    saveDraft(store, emptyDraft);
    expect(store.data.has(DRAFT_KEY)).toBe(false);
    store.setItem(DRAFT_KEY, "{not json");
    expect(loadDraft(store)).toBeUndefined();
    store.setItem(
      DRAFT_KEY,
      JSON.stringify({ description: 5, pin: { lat: 200, lng: 1 }, answers: { a: 1, b: ["x", 2] } }),
    );
    expect(loadDraft(store)).toEqual({ ...emptyDraft, answers: { b: ["x"] } });
  });

  it("makes a device id once, as the API wants it", () => {
    const store = memoryStore();
    let calls = 0;
    const random = (bytes: Uint8Array) => {
      calls++;
      return bytes.map((_, i) => (i * 37 + 11) % 256);
    };
    const id = deviceId(store, random);
    expect(id).toMatch(/^[A-Za-z0-9_-]{16,64}$/);
    expect(deviceId(store, random)).toBe(id);
    expect(calls).toBe(1);
    expect(newDeviceId((b) => b.fill(255))).toBe("_".repeat(32));
  });

  it("remembers the reports sent, newest first, one per code", () => {
    const store = memoryStore();
    rememberReport(store, { code: "PA-AAAAAA", reporterKey: "k1".repeat(12), at: "2026-05-01T00:00:00Z" });
    rememberReport(store, { code: "PA-BBBBBB", reporterKey: "k2".repeat(12), at: "2026-05-02T00:00:00Z" });
    rememberReport(store, { code: "PA-AAAAAA", reporterKey: "k3".repeat(12), at: "2026-05-03T00:00:00Z" });
    expect(myReports(store).map((r) => r.code)).toEqual(["PA-AAAAAA", "PA-BBBBBB"]);
    expect(reporterKeyFor(store, "PA-AAAAAA")).toBe("k3".repeat(12));
    expect(reporterKeyFor(store, "PA-CCCCCC")).toBeUndefined();
  });
});
