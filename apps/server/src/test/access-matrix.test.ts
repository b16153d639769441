import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runReminders } from "../modules/notifications/service.js";
import { totpCode } from "../modules/identity/test-client.js";
import { multipart, sessionHeaders, startTestApp, TINY_PNG, type TestApp } from "./harness.js";

/**
 * Every write endpoint × every role: who is allowed, who is refused. A unit officer changes
 * only what their unit owns; leaders and the Office manage the plan; only admins manage users
 * of their ward; only the platform admin opens wards; the city (thanhpho) reads every ward and
 * writes nothing but its own account; a producer (nongdan) keeps its own farm's diary and reaches
 * nothing else; anonymous requests never get through.
 */
type Role =
  "anonymous" | "admin" | "lanhdao" | "vanphong" | "kinhte" | "vhxh" | "viewer" | "nentang" | "thanhpho" | "nongdan";
const ROLES: Role[] = [
  "anonymous",
  "admin",
  "lanhdao",
  "vanphong",
  "kinhte",
  "vhxh",
  "viewer",
  "nentang",
  "thanhpho",
  "nongdan",
];

/** Own-account actions (sessions, second factor, password): every signed-in account. */
const EVERY_ACCOUNT: Role[] = ROLES.filter((r) => r !== "anonymous");

let t: TestApp;
const headers = new Map<Role, Record<string, string>>();
let kinhteTask: { id: string; version: number };
let kinhteIndicator: { id: string; code: string; aggregation: string };
let measurementId: string;
let notificationId: string | undefined;
/** An account whose second factor the admin resets (not one of the roles: that ends its sessions). */
let resetTargetId: string;
/** Each role's password, as the own-password case changes it. */
const passwords = new Map<Role, string>();
const passwordOf = (role: Role) => passwords.get(role) ?? "xanh2026";

beforeAll(async () => {
  t = await startTestApp();
  await runReminders(t.database.db, null);
  for (const role of ROLES) if (role !== "anonymous" && role !== "viewer") headers.set(role, await t.login(role));
  const admin = headers.get("admin") ?? {};
  const created = await t.app.inject({
    method: "POST",
    url: "/api/users",
    headers: admin,
    payload: { username: "xem", displayName: "Người xem", password: "xem-2026-xanh", role: "viewer", unitId: null },
  });
  expect(created.statusCode).toBe(201);
  headers.set("viewer", await t.login("xem", "xem-2026-xanh"));
  passwords.set("viewer", "xem-2026-xanh");
  headers.set("anonymous", {});
  const target = await t.app.inject({
    method: "POST",
    url: "/api/users",
    headers: admin,
    payload: {
      username: "muctieu",
      displayName: "Tài khoản thử",
      password: "muc-tieu-2026-xanh",
      role: "viewer",
      unitId: null,
    },
  });
  expect(target.statusCode).toBe(201);
  resetTargetId = target.json().id;
  const tasks = (await t.app.inject({ method: "GET", url: "/api/tasks", headers: admin })).json().tasks as {
    id: string;
    kind: string;
    owner: { code: string };
    version: number;
  }[];
  const task = tasks.find((x) => x.kind !== "group" && x.owner.code === "kinh-te");
  if (!task) throw new Error("no kinh-te task");
  kinhteTask = task;
  const indicators = (await t.app.inject({ method: "GET", url: "/api/indicators", headers: admin })).json()
    .indicators as {
    id: string;
    code: string;
    aggregation: string;
    owner: { code: string };
    perResidentialGroup: boolean;
    frequency: string;
  }[];
  const indicator = indicators.find(
    (i) =>
      i.owner.code === "kinh-te" &&
      !i.perResidentialGroup &&
      i.aggregation === "ratio_of_sums" &&
      i.frequency === "quarterly",
  );
  if (!indicator) throw new Error("no kinh-te ward-level indicator");
  kinhteIndicator = indicator;
  const detail = (await t.app.inject({ method: "GET", url: `/api/indicators/${indicator.id}`, headers: admin })).json();
  measurementId = detail.measurements[0]?.id;
  if (!measurementId) throw new Error("demo indicator has no measurement");
  await prepareReports(admin);
  await prepareFeedback(admin);
});

/**
 * Reports in the state each workflow step needs, one set per role (a step taken by one role
 * must not leave the next role's report in another state): thematic periods with Phòng Kinh tế's
 * report as a draft, two reports sent for review, and a past period whose report is accepted.
 */
const reportsOf = new Map<Role, { draft: string; toReturn: string; toAccept: string; review: string; past: string }>();
async function prepareReports(admin: Record<string, string>) {
  const units = (await t.app.inject({ method: "GET", url: "/api/units", headers: admin })).json().units as {
    id: string;
    code: string;
  }[];
  const unitId = (code: string) => units.find((u) => u.code === code)?.id;
  const open = async (title: string, codes: string[], past: boolean) => {
    const response = await t.app.inject({
      method: "POST",
      url: "/api/reports/periods",
      headers: admin,
      payload: {
        kind: "thematic",
        title,
        windowStart: past ? "2026-01-01" : "2026-06-01",
        windowEnd: past ? "2026-01-31" : "2099-12-31",
        unitDeadline: past ? "2026-02-05" : "2100-01-05",
        wardDeadline: past ? "2026-02-10" : "2100-01-10",
        unitIds: codes.map(unitId),
      },
    });
    expect(response.statusCode, response.body).toBe(201);
    return response.json() as { code: string; unitReports: { id: string; unit: { code: string } }[] };
  };
  const act = async (id: string, step: "submit" | "accept") => {
    const report = (
      await t.app.inject({ method: "GET", url: `/api/reports/unit-reports/${id}`, headers: admin })
    ).json();
    const response = await t.app.inject({
      method: "POST",
      url: `/api/reports/unit-reports/${id}/${step}`,
      headers: admin,
      payload: { version: report.version },
    });
    expect(response.statusCode, response.body).toBe(200);
  };
  for (const role of ROLES) {
    const draft = await open(`Chuyên đề nháp (${role})`, ["kinh-te"], false);
    const review = await open(`Chuyên đề xem xét (${role})`, ["kinh-te", "vhxh"], false);
    const past = await open(`Chuyên đề đã qua (${role})`, ["kinh-te"], true);
    const [toReturn, toAccept] = review.unitReports.map((r) => r.id);
    const [accepted] = past.unitReports.map((r) => r.id);
    if (!toReturn || !toAccept || !accepted || !draft.unitReports[0]) throw new Error("reports missing");
    for (const id of [toReturn, toAccept, accepted]) await act(id, "submit");
    await act(accepted, "accept");
    const compiled = await t.app.inject({
      method: "POST",
      url: `/api/reports/periods/${past.code}/ward-report/compile`,
      headers: admin,
    });
    expect(compiled.statusCode, compiled.body).toBe(200);
    reportsOf.set(role, { draft: draft.unitReports[0].id, toReturn, toAccept, review: review.code, past: past.code });
  }
}

const reportOf = (role: Role) => {
  const reports = reportsOf.get(role);
  if (!reports) throw new Error(`no reports for ${role}`);
  return reports;
};
const unitReportVersion = async (id: string) =>
  (
    await t.app.inject({ method: "GET", url: `/api/reports/unit-reports/${id}`, headers: headers.get("admin") ?? {} })
  ).json().version as number;
afterAll(async () => t?.close());

/** The user name each role signs in with. */
const usernameOf = (role: Role) => (role === "viewer" ? "xem" : role);

const latestTaskVersion = async () =>
  (
    await t.app.inject({ method: "GET", url: `/api/tasks/${kinhteTask.id}`, headers: headers.get("admin") ?? {} })
  ).json().version as number;
const latestIndicatorVersion = async () =>
  (
    await t.app.inject({
      method: "GET",
      url: `/api/indicators/${kinhteIndicator.id}`,
      headers: headers.get("admin") ?? {},
    })
  ).json().version as number;
const periodOfDetail = async () =>
  (
    await t.app.inject({
      method: "GET",
      url: `/api/indicators/${kinhteIndicator.id}`,
      headers: headers.get("admin") ?? {},
    })
  ).json().measurements[0].period as string;

/** The demo registry's latest incoming document, as it stands now. */
const latestDocument = async () =>
  (
    await t.app.inject({
      method: "GET",
      url: "/api/documents?direction=incoming&limit=1",
      headers: headers.get("admin") ?? {},
    })
  ).json().documents[0] as { id: string; version: number };
const documentLinkCount = async (id: string) =>
  (await t.app.inject({ method: "GET", url: `/api/documents/${id}`, headers: headers.get("admin") ?? {} })).json().links
    .length as number;

/** One indicator per role (the ward has more indicators than roles), linked and unlinked by that role. */
const indicatorForRole = async (role: Role) => {
  const list = (
    await t.app.inject({ method: "GET", url: "/api/indicators", headers: headers.get("admin") ?? {} })
  ).json().indicators as { id: string }[];
  const indicator = list[ROLES.indexOf(role) % list.length];
  if (!indicator) throw new Error("no indicator");
  return indicator.id;
};
/** A photo of an update of the Phòng Kinh tế task (the progress-update case attaches them). */
const taskPhoto = async () => {
  const detail = (
    await t.app.inject({ method: "GET", url: `/api/tasks/${kinhteTask.id}`, headers: headers.get("admin") ?? {} })
  ).json() as { updates: { files: { id: string; mimeType: string; isPublic?: boolean }[] }[] };
  const photo = detail.updates.flatMap((u) => u.files).find((f) => f.mimeType.startsWith("image/"));
  if (!photo) throw new Error("no photo on the task");
  return { id: photo.id, isPublic: photo.isPublic ?? false };
};

const auditCount = async () => {
  const result = (await t.database.db.execute(sql`select count(*)::int as n from audit_log`)) as unknown as {
    rows: { n: number }[];
  };
  return Number(result.rows[0]?.n);
};

/**
 * Citizen reports per role and purpose (each step leaves the next role's report untouched), and
 * an Open311 key per role to revoke: made before the cases, since making them writes audit rows.
 */
const feedbackReports = new Map<string, string>();
const apiKeysToRevoke = new Map<Role, string>();
async function prepareFeedback(admin: Record<string, string>) {
  const groups = (await t.app.inject({ url: "/api/public/feedback/categories" })).json().residentialGroups as {
    code: string;
  }[];
  for (const role of ROLES) {
    for (const purpose of ["note", "reject", "erase"]) {
      const body = multipart({
        category: "dot-rom-ra",
        description: `Đốt rơm rạ ở cánh đồng (${role}, ${purpose})`,
        answers: JSON.stringify({ dang_chay: "co" }),
        residentialGroup: groups[0]?.code ?? "",
        address: "Cánh đồng sau trường",
        ...(purpose === "erase" ? { email: `xoa-${role}@example.vn`, consent: "true" } : {}),
      });
      const sent = await t.app.inject({
        method: "POST",
        url: "/api/public/feedback/reports",
        headers: body.headers,
        payload: body.payload,
      });
      expect(sent.statusCode, sent.body).toBe(201);
      const code = sent.json().code as string;
      const list = (await t.app.inject({ url: `/api/feedback/reports?queue=all&q=${code}`, headers: admin })).json();
      feedbackReports.set(`${role}:${purpose}`, list.reports[0].id as string);
    }
    const key = await t.app.inject({
      method: "POST",
      url: "/api/feedback/api-keys",
      headers: admin,
      payload: { name: `Thu hồi (${role})` },
    });
    apiKeysToRevoke.set(role, key.json().id as string);
  }
}
async function feedbackReportFor(role: Role, purpose: string): Promise<{ id: string; version: number }> {
  const id = feedbackReports.get(`${role}:${purpose}`);
  if (!id) throw new Error(`no report for ${role} ${purpose}`);
  const detail = (
    await t.app.inject({ url: `/api/feedback/reports/${id}`, headers: headers.get("admin") ?? {} })
  ).json();
  return { id, version: detail.version as number };
}
/** A demo farm and one of its plots (the registry's write cases add to them). */
const demoPlot = async (): Promise<{ id: string; farmId: string; residentialGroup: { code: string } }> => {
  const list = (await t.app.inject({ url: "/api/agriculture/plots", headers: headers.get("admin") ?? {} })).json();
  return list[0];
};

/** A plot of a demo farm that agreed to a proxy diary: the only kind an officer may write for. */
const consentingPlot = async (): Promise<{ id: string }> => {
  const admin = headers.get("admin") ?? {};
  const farms = (await t.app.inject({ url: "/api/agriculture/farms", headers: admin })).json() as {
    id: string;
    proxyConsentAt: string | null;
  }[];
  const agreed = new Set(farms.filter((f) => f.proxyConsentAt).map((f) => f.id));
  const list = (await t.app.inject({ url: "/api/agriculture/plots", headers: admin })).json() as {
    id: string;
    farmId: string;
  }[];
  const plot = list.find((p) => agreed.has(p.farmId));
  if (!plot) throw new Error("the demo has no plot of a farm that agreed to a proxy diary");
  return plot;
};
/** The demo's newest class, as it stands now (each allowed case bumps its version). */
const demoTraining = async (): Promise<{ id: string; version: number }> => {
  const list = (
    await t.app.inject({ url: "/api/extension/trainings", headers: headers.get("admin") ?? {} })
  ).json() as { id: string; version: number }[];
  const first = list[0];
  if (!first) throw new Error("the demo has no training");
  return first;
};
/** Seasons opened by the case above, for the diary's writes. */
const openedSeasons: string[] = [];

/** A plot of the demo producer's own farm (Hộ Lê Thị Sen: no proxy consent, its own account). */
const producerPlot = async (): Promise<{ id: string }> => {
  const own = (await t.app.inject({ url: "/api/agriculture/diary", headers: headers.get("nongdan") ?? {} })).json()
    .farms[0]?.plots[0] as { id: string } | undefined;
  if (!own) throw new Error("the demo producer has no plot");
  return own;
};

/** A demo farm without an account yet, one per role (each allowed role opens one). */
const farmWithoutAccount = async (role: Role): Promise<string> => {
  const farms = (await t.app.inject({ url: "/api/agriculture/farms", headers: headers.get("admin") ?? {} })).json() as {
    id: string;
    hasAccount: boolean;
  }[];
  const free = farms.filter((f) => !f.hasAccount);
  return free[ROLES.indexOf(role) % free.length]?.id ?? "";
};

const feedbackCategory = async () => {
  const list = (await t.app.inject({ url: "/api/feedback/categories", headers: headers.get("admin") ?? {} })).json();
  return list.categories.find((c: { code: string }) => c.code === "rac-chua-thu-gom") as {
    id: string;
    code: string;
    name: string;
    group: string;
    slaDays: number;
    unit: { id: string };
    version: number;
  };
};

type Case = {
  name: string;
  allowed: Role[];
  /** Re-importing an unchanged export changes nothing, so it writes no audit row. */
  changesNothing?: boolean;
  send: (h: Record<string, string>, role: Role) => Promise<{ statusCode: number; body: string }>;
};

const cases: Case[] = [
  {
    name: "POST /api/tasks/:id/updates",
    allowed: ["admin", "lanhdao", "vanphong", "kinhte"],
    send: (h) => {
      const body = multipart(
        { reportedOn: "2026-01-15", text: "Đã triển khai", status: "in_progress", progress: "40" },
        [{ field: "files", filename: "anh.png", bytes: TINY_PNG, type: "image/png" }],
      );
      return t.app.inject({
        method: "POST",
        url: `/api/tasks/${kinhteTask.id}/updates`,
        headers: { ...h, ...body.headers },
        payload: body.payload,
      });
    },
  },
  {
    name: "PUT /api/tasks/:id/indicators/:indicatorId",
    allowed: ["admin", "lanhdao", "vanphong", "kinhte"],
    // Each role links an indicator of its own, so every accepted call makes a new link.
    send: async (h, role) =>
      t.app.inject({
        method: "PUT",
        url: `/api/tasks/${kinhteTask.id}/indicators/${await indicatorForRole(role)}`,
        headers: h,
      }),
  },
  {
    name: "DELETE /api/tasks/:id/indicators/:indicatorId",
    allowed: ["admin", "lanhdao", "vanphong", "kinhte"],
    send: async (h, role) =>
      t.app.inject({
        method: "DELETE",
        url: `/api/tasks/${kinhteTask.id}/indicators/${await indicatorForRole(role)}`,
        headers: h,
      }),
  },
  {
    name: "PUT /api/tasks/:id/files/:fileId/public",
    allowed: ["admin", "lanhdao", "vanphong", "kinhte"],
    // Published when it was not, withdrawn when it was: every accepted call changes something.
    send: async (h) => {
      const photo = await taskPhoto();
      return t.app.inject({
        method: "PUT",
        url: `/api/tasks/${kinhteTask.id}/files/${photo.id}/public`,
        headers: h,
        payload: { isPublic: !photo.isPublic },
      });
    },
  },
  {
    name: "PATCH /api/tasks/:id",
    allowed: ["admin", "lanhdao", "vanphong"],
    send: async (h, role) =>
      t.app.inject({
        method: "PATCH",
        url: `/api/tasks/${kinhteTask.id}`,
        headers: h,
        payload: { version: await latestTaskVersion(), output: `Báo cáo kết quả (${role})` },
      }),
  },
  {
    name: "PUT /api/tasks/:id/assignment",
    allowed: ["admin", "lanhdao", "vanphong"],
    send: async (h) => {
      const units = (
        await t.app.inject({ method: "GET", url: "/api/units", headers: headers.get("admin") ?? {} })
      ).json().units as { id: string; code: string }[];
      const owner = units.find((u) => u.code === "kinh-te")?.id;
      const coordinator = units.find((u) => u.code === "mttq")?.id;
      return t.app.inject({
        method: "PUT",
        url: `/api/tasks/${kinhteTask.id}/assignment`,
        headers: h,
        payload: { version: await latestTaskVersion(), ownerUnitId: owner, coordinatingUnitIds: [coordinator] },
      });
    },
  },
  {
    name: "POST /api/tasks/import",
    changesNothing: true,
    allowed: ["admin", "lanhdao", "vanphong"],
    send: async (h) => {
      const exported = await t.app.inject({
        method: "GET",
        url: "/api/tasks/export.csv",
        headers: headers.get("admin") ?? {},
      });
      const body = multipart({}, [
        { field: "file", filename: "nhiem-vu.csv", bytes: exported.rawPayload, type: "text/csv" },
      ]);
      return t.app.inject({
        method: "POST",
        url: "/api/tasks/import",
        headers: { ...h, ...body.headers },
        payload: body.payload,
      });
    },
  },
  {
    name: "POST /api/indicators/:id/measurements",
    allowed: ["admin", "lanhdao", "vanphong", "kinhte"],
    send: async (h) =>
      t.app.inject({
        method: "POST",
        url: `/api/indicators/${kinhteIndicator.id}/measurements`,
        headers: h,
        payload: {
          period: await periodOfDetail(),
          residentialGroupId: null,
          numerator: 80,
          denominator: 100,
          source: "Báo cáo của đơn vị",
        },
      }),
  },
  {
    name: "PATCH /api/indicators/:id",
    allowed: ["admin", "lanhdao", "vanphong"],
    send: async (h) =>
      t.app.inject({
        method: "PATCH",
        url: `/api/indicators/${kinhteIndicator.id}`,
        headers: h,
        payload: { version: await latestIndicatorVersion(), targetNote: `Ghi chú ${Date.now()}` },
      }),
  },
  {
    name: "POST /api/indicators/:id/import",
    allowed: ["admin", "lanhdao", "vanphong", "kinhte"],
    send: async (h) => {
      const exported = await t.app.inject({
        method: "GET",
        url: `/api/indicators/${kinhteIndicator.id}/export.xlsx`,
        headers: headers.get("admin") ?? {},
      });
      const body = multipart({}, [
        {
          field: "file",
          filename: "so-lieu.xlsx",
          bytes: exported.rawPayload,
          type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        },
      ]);
      return t.app.inject({
        method: "POST",
        url: `/api/indicators/${kinhteIndicator.id}/import`,
        headers: { ...h, ...body.headers },
        payload: body.payload,
      });
    },
  },
  {
    name: "POST /api/measurements/:id/files",
    allowed: ["admin", "lanhdao", "vanphong", "kinhte"],
    send: (h) => {
      const body = multipart({}, [{ field: "files", filename: "bien-ban.png", bytes: TINY_PNG, type: "image/png" }]);
      return t.app.inject({
        method: "POST",
        url: `/api/measurements/${measurementId}/files`,
        headers: { ...h, ...body.headers },
        payload: body.payload,
      });
    },
  },
  {
    name: "PUT /api/task-statuses",
    allowed: ["admin", "lanhdao", "vanphong"],
    send: async (h) => {
      const current = (
        await t.app.inject({ method: "GET", url: "/api/task-statuses", headers: headers.get("admin") ?? {} })
      ).json().statuses;
      return t.app.inject({ method: "PUT", url: "/api/task-statuses", headers: h, payload: { statuses: current } });
    },
  },
  {
    name: "POST /api/units",
    allowed: ["admin", "vanphong"],
    send: async (h, role) => {
      const units = (
        await t.app.inject({ method: "GET", url: "/api/units", headers: headers.get("admin") ?? {} })
      ).json().units as { id: string; code: string }[];
      const parentId = units.find((u) => u.code === "to-dan-pho")?.id;
      return t.app.inject({
        method: "POST",
        url: "/api/units",
        headers: h,
        payload: {
          code: `tdp-moi-${role}`,
          name: `Tổ dân phố mới (${role})`,
          shortName: "TDP mới",
          kind: "residential_group",
          parentId,
          households: 150,
        },
      });
    },
  },
  {
    name: "PATCH /api/units/:id",
    allowed: ["admin", "vanphong"],
    send: async (h, role) => {
      const units = (
        await t.app.inject({ method: "GET", url: "/api/units", headers: headers.get("admin") ?? {} })
      ).json().units as { id: string; code: string }[];
      const unit = units.find((u) => u.code === "tdp-01");
      return t.app.inject({
        method: "PATCH",
        url: `/api/units/${unit?.id}`,
        headers: h,
        payload: { households: 200 + role.length },
      });
    },
  },
  {
    name: "POST /api/documents",
    allowed: ["admin", "lanhdao", "vanphong"],
    send: (h, role) => {
      const body = multipart(
        {
          direction: "incoming",
          numberAndSymbol: "15/UBND-KT",
          typeCode: "CV",
          issuedOn: "2026-03-02",
          receivedOn: "2026-03-03",
          issuer: "UBND thành phố Hải Phòng",
          summary: `V/v đôn đốc thực hiện chuyển đổi xanh (${role})`,
        },
        [{ field: "file", filename: "cong-van.png", bytes: TINY_PNG, type: "image/png" }],
      );
      return t.app.inject({
        method: "POST",
        url: "/api/documents",
        headers: { ...h, ...body.headers },
        payload: body.payload,
      });
    },
  },
  {
    name: "PATCH /api/documents/:id",
    allowed: ["admin", "lanhdao", "vanphong"],
    send: async (h, role) => {
      const document = await latestDocument();
      return t.app.inject({
        method: "PATCH",
        url: `/api/documents/${document.id}`,
        headers: h,
        payload: { version: document.version, recipients: `Văn phòng (${role})` },
      });
    },
  },
  {
    name: "PUT /api/documents/:id/links",
    allowed: ["admin", "lanhdao", "vanphong"],
    send: async (h) => {
      // Linked when it was not, unlinked when it was: every accepted call changes something.
      const document = await latestDocument();
      const links = (await documentLinkCount(document.id)) ? [] : [{ entityType: "task", entityId: kinhteTask.id }];
      return t.app.inject({
        method: "PUT",
        url: `/api/documents/${document.id}/links`,
        headers: h,
        payload: { links },
      });
    },
  },
  {
    name: "POST /api/users",
    allowed: ["admin"],
    send: (h, role) =>
      t.app.inject({
        method: "POST",
        url: "/api/users",
        headers: h,
        payload: {
          username: `moi-${role}`,
          displayName: "Cán bộ mới",
          password: "mat-khau-dai-2026",
          role: "viewer",
          unitId: null,
        },
      }),
  },
  {
    name: "PATCH /api/users/:id",
    allowed: ["admin"],
    send: async (h, role) => {
      const users = (
        await t.app.inject({ method: "GET", url: "/api/users", headers: headers.get("admin") ?? {} })
      ).json().users as { id: string; username: string }[];
      const target = users.find((u) => u.username === "xem");
      return t.app.inject({
        method: "PATCH",
        url: `/api/users/${target?.id}`,
        headers: h,
        payload: { displayName: `Người xem (${role})` },
      });
    },
  },
  {
    name: "POST /api/wards",
    allowed: ["nentang"],
    send: (h, role) =>
      t.app.inject({
        method: "POST",
        url: "/api/wards",
        headers: h,
        payload: {
          code: `phuong-${role}`,
          name: `Phường thử ${role}`,
          province: "Hải Phòng",
          admin: { username: `qt-${role}`, displayName: "Quản trị", password: "mat-khau-dai-2026" },
        },
      }),
  },
  {
    name: "DELETE /api/auth/sessions/:id (own session)",
    allowed: EVERY_ACCOUNT,
    send: async (h, role) => {
      // A second session of the same user (another browser), ended from the first.
      let sessionId = "00000000-0000-4000-8000-000000000000";
      if (role !== "anonymous") {
        const other = sessionHeaders(
          await t.app.inject({
            method: "POST",
            url: "/api/auth/login",
            payload: { username: usernameOf(role), password: passwordOf(role) },
          }),
        );
        const list = await t.app.inject({ method: "GET", url: "/api/auth/sessions", headers: other });
        sessionId = list.json().sessions.find((s: { current: boolean }) => s.current).id;
      }
      return t.app.inject({ method: "DELETE", url: `/api/auth/sessions/${sessionId}`, headers: h });
    },
  },
  {
    name: "POST /api/auth/second-factor/setup",
    // A secret set aside until confirmed: nothing in force changes, so nothing is audited.
    changesNothing: true,
    allowed: EVERY_ACCOUNT,
    send: (h) => t.app.inject({ method: "POST", url: "/api/auth/second-factor/setup", headers: h }),
  },
  {
    name: "POST /api/auth/second-factor/confirm",
    allowed: EVERY_ACCOUNT,
    send: async (h) => {
      const setup = await t.app.inject({ method: "POST", url: "/api/auth/second-factor/setup", headers: h });
      const secret = setup.statusCode === 200 ? (setup.json().secret as string) : "";
      return t.app.inject({
        method: "POST",
        url: "/api/auth/second-factor/confirm",
        headers: h,
        payload: { code: secret ? totpCode(secret) : "000000" },
      });
    },
  },
  {
    name: "POST /api/auth/second-factor/recovery-codes",
    allowed: EVERY_ACCOUNT,
    send: (h, role) =>
      t.app.inject({
        method: "POST",
        url: "/api/auth/second-factor/recovery-codes",
        headers: h,
        payload: { password: passwordOf(role) },
      }),
  },
  {
    name: "POST /api/auth/second-factor/disable",
    allowed: EVERY_ACCOUNT,
    send: (h, role) =>
      t.app.inject({
        method: "POST",
        url: "/api/auth/second-factor/disable",
        headers: h,
        payload: { password: passwordOf(role) },
      }),
  },
  {
    name: "POST /api/users/:id/second-factor/reset",
    allowed: ["admin"],
    send: (h) => t.app.inject({ method: "POST", url: `/api/users/${resetTargetId}/second-factor/reset`, headers: h }),
  },
  {
    name: "POST /api/auth/password (own password)",
    allowed: EVERY_ACCOUNT,
    send: async (h, role) => {
      const newPassword = "cay-bang-lang-tim-2026";
      const response = await t.app.inject({
        method: "POST",
        url: "/api/auth/password",
        headers: h,
        payload: { currentPassword: passwordOf(role), newPassword },
      });
      // Every session of the role ended; the answer carries its new one.
      if (response.statusCode === 200) {
        headers.set(role, sessionHeaders(response));
        passwords.set(role, newPassword);
      }
      return response;
    },
  },
  {
    name: "POST /api/reports/periods",
    allowed: ["admin", "lanhdao", "vanphong"],
    send: (h, role) =>
      t.app.inject({
        method: "POST",
        url: "/api/reports/periods",
        headers: h,
        payload: {
          kind: "ad_hoc",
          title: `Báo cáo đột xuất (${role})`,
          windowStart: "2026-03-01",
          windowEnd: "2026-03-31",
          unitDeadline: "2026-04-03",
          wardDeadline: "2026-04-06",
        },
      }),
  },
  {
    name: "PUT /api/reports/settings",
    allowed: ["admin", "lanhdao", "vanphong"],
    send: async (h, role) => {
      const current = (
        await t.app.inject({ method: "GET", url: "/api/reports/settings", headers: headers.get("admin") ?? {} })
      ).json();
      return t.app.inject({
        method: "PUT",
        url: "/api/reports/settings",
        headers: h,
        payload: { ...current, remindDaysBefore: role.length },
      });
    },
  },
  {
    name: "PUT /api/reports/unit-reports/:id",
    allowed: ["admin", "lanhdao", "vanphong", "kinhte"],
    send: async (h, role) => {
      const id = reportOf(role).draft;
      return t.app.inject({
        method: "PUT",
        url: `/api/reports/unit-reports/${id}`,
        headers: h,
        payload: { version: await unitReportVersion(id), sections: { results: `Kết quả (${role})` } },
      });
    },
  },
  {
    name: "POST /api/reports/unit-reports/:id/files",
    allowed: ["admin", "lanhdao", "vanphong", "kinhte"],
    send: (h, role) => {
      const body = multipart({}, [{ field: "files", filename: "minh-chung.png", bytes: TINY_PNG, type: "image/png" }]);
      return t.app.inject({
        method: "POST",
        url: `/api/reports/unit-reports/${reportOf(role).draft}/files`,
        headers: { ...h, ...body.headers },
        payload: body.payload,
      });
    },
  },
  {
    name: "POST /api/reports/unit-reports/:id/submit",
    allowed: ["admin", "lanhdao", "vanphong", "kinhte"],
    send: async (h, role) => {
      const id = reportOf(role).draft;
      return t.app.inject({
        method: "POST",
        url: `/api/reports/unit-reports/${id}/submit`,
        headers: h,
        payload: { version: await unitReportVersion(id) },
      });
    },
  },
  {
    name: "POST /api/reports/unit-reports/:id/return",
    allowed: ["admin", "lanhdao", "vanphong"],
    send: async (h, role) => {
      const id = reportOf(role).toReturn;
      return t.app.inject({
        method: "POST",
        url: `/api/reports/unit-reports/${id}/return`,
        headers: h,
        payload: { version: await unitReportVersion(id), comment: "Đề nghị bổ sung số liệu." },
      });
    },
  },
  {
    name: "POST /api/reports/unit-reports/:id/accept",
    allowed: ["admin", "lanhdao", "vanphong"],
    send: async (h, role) => {
      const id = reportOf(role).toAccept;
      return t.app.inject({
        method: "POST",
        url: `/api/reports/unit-reports/${id}/accept`,
        headers: h,
        payload: { version: await unitReportVersion(id) },
      });
    },
  },
  {
    name: "POST /api/reports/periods/:code/ward-report/compile",
    allowed: ["admin", "lanhdao", "vanphong"],
    send: (h, role) =>
      t.app.inject({
        method: "POST",
        url: `/api/reports/periods/${reportOf(role).review}/ward-report/compile`,
        headers: h,
      }),
  },
  {
    name: "PUT /api/reports/periods/:code/ward-report",
    allowed: ["admin", "lanhdao", "vanphong"],
    send: async (h, role) => {
      const url = `/api/reports/periods/${reportOf(role).past}/ward-report`;
      const current = (await t.app.inject({ method: "GET", url, headers: headers.get("admin") ?? {} })).json().current;
      return t.app.inject({
        method: "PUT",
        url,
        headers: h,
        payload: { baseVersion: current.version, content: { ...current.content, intro: `Mở đầu (${role})` } },
      });
    },
  },
  {
    name: "POST /api/reports/periods/:code/lock",
    allowed: ["admin", "lanhdao", "vanphong"],
    send: (h, role) =>
      t.app.inject({ method: "POST", url: `/api/reports/periods/${reportOf(role).past}/lock`, headers: h }),
  },
  {
    name: "POST /api/reports/periods/:code/ward-report/send",
    allowed: ["admin", "lanhdao", "vanphong"],
    send: (h, role) =>
      t.app.inject({
        method: "POST",
        url: `/api/reports/periods/${reportOf(role).past}/ward-report/send`,
        headers: h,
        payload: { issuedOn: "2026-02-09" },
      }),
  },
  {
    name: "POST /api/feedback/reports/:id/actions (internal note)",
    allowed: ["admin", "lanhdao", "vanphong", "kinhte"],
    send: async (h, role) => {
      const report = await feedbackReportFor(role, "note");
      return t.app.inject({
        method: "POST",
        url: `/api/feedback/reports/${report.id}/actions`,
        headers: h,
        payload: { action: "note", version: report.version, text: `Ghi chú của ${role}` },
      });
    },
  },
  {
    name: "POST /api/feedback/reports/:id/actions (reject: triage)",
    allowed: ["admin", "lanhdao", "vanphong"],
    send: async (h, role) => {
      const report = await feedbackReportFor(role, "reject");
      return t.app.inject({
        method: "POST",
        url: `/api/feedback/reports/${report.id}/actions`,
        headers: h,
        payload: { action: "reject", version: report.version, response: "Không thuộc thẩm quyền của phường." },
      });
    },
  },
  {
    name: "POST /api/feedback/categories",
    allowed: ["admin", "vanphong"],
    send: async (h, role) => {
      const base = await feedbackCategory();
      return t.app.inject({
        method: "POST",
        url: "/api/feedback/categories",
        headers: h,
        payload: { code: `thu-${role}`, name: `Loại thử (${role})`, group: "Thử", slaDays: 3, unitId: base.unit.id },
      });
    },
  },
  {
    name: "PATCH /api/feedback/categories/:id",
    allowed: ["admin", "vanphong"],
    send: async (h, role) => {
      const c = await feedbackCategory();
      return t.app.inject({
        method: "PATCH",
        url: `/api/feedback/categories/${c.id}`,
        headers: h,
        payload: {
          version: c.version,
          code: c.code,
          name: c.name,
          group: c.group,
          unitId: c.unit.id,
          slaDays: 1 + (ROLES.indexOf(role) % 9),
        },
      });
    },
  },
  {
    name: "POST /api/feedback/templates",
    allowed: ["admin", "vanphong"],
    send: (h, role) =>
      t.app.inject({
        method: "POST",
        url: "/api/feedback/templates",
        headers: h,
        payload: { title: `Mẫu (${role})`, text: "Cảm ơn bạn." },
      }),
  },
  {
    name: "POST /api/feedback/api-keys",
    allowed: ["admin"],
    send: (h, role) =>
      t.app.inject({
        method: "POST",
        url: "/api/feedback/api-keys",
        headers: h,
        payload: { name: `Ứng dụng (${role})` },
      }),
  },
  {
    name: "POST /api/feedback/api-keys/:id/revoke",
    allowed: ["admin"],
    send: (h, role) =>
      t.app.inject({ method: "POST", url: `/api/feedback/api-keys/${apiKeysToRevoke.get(role)}/revoke`, headers: h }),
  },
  {
    name: "POST /api/agriculture/farms",
    allowed: ["admin", "lanhdao", "vanphong", "kinhte"],
    send: (h, role) =>
      t.app.inject({
        method: "POST",
        url: "/api/agriculture/farms",
        headers: h,
        payload: { kind: "household", name: `Hộ thử (${role})` },
      }),
  },
  {
    name: "POST /api/agriculture/plots",
    allowed: ["admin", "lanhdao", "vanphong", "kinhte"],
    send: async (h, role) => {
      const plot = await demoPlot();
      return t.app.inject({
        method: "POST",
        url: "/api/agriculture/plots",
        headers: h,
        payload: {
          farmId: plot.farmId,
          name: `Thửa thử (${role})`,
          areaHa: 0.3,
          residentialGroup: plot.residentialGroup.code,
          crop: "Lúa",
        },
      });
    },
  },
  {
    name: "POST /api/agriculture/plots/:id/certifications",
    allowed: ["admin", "lanhdao", "vanphong", "kinhte"],
    send: async (h, role) => {
      const plot = await demoPlot();
      return t.app.inject({
        method: "POST",
        url: `/api/agriculture/plots/${plot.id}/certifications`,
        headers: h,
        payload: {
          scheme: "vietgap",
          certificateNumber: `VG-${role}`,
          issuer: "Tổ chức chứng nhận thử",
          validFrom: "2026-01-01",
          validUntil: "2027-12-31",
        },
      });
    },
  },
  {
    name: "POST /api/agriculture/plots/:id/seasons",
    allowed: ["admin", "lanhdao", "vanphong", "kinhte"],
    send: async (h, role) => {
      const plot = await consentingPlot();
      const response = await t.app.inject({
        method: "POST",
        url: `/api/agriculture/plots/${plot.id}/seasons`,
        headers: h,
        payload: { name: `Vụ thử (${role})`, crop: "Lúa", startedOn: "2026-06-01" },
      });
      if (response.statusCode === 201) openedSeasons.push((response.json() as { id: string }).id);
      return response;
    },
  },
  {
    name: "POST /api/agriculture/plots/:id/seasons (the producer's own farm, no proxy consent)",
    allowed: ["nongdan"],
    send: async (h, role) =>
      t.app.inject({
        method: "POST",
        url: `/api/agriculture/plots/${(await producerPlot()).id}/seasons`,
        headers: h,
        payload: { name: `Vụ tự ghi (${role})`, crop: "Lúa", startedOn: "2026-06-01" },
      }),
  },
  {
    name: "POST /api/agriculture/farms/:id/account",
    allowed: ["admin", "lanhdao", "vanphong", "kinhte"],
    send: async (h, role) =>
      t.app.inject({
        method: "POST",
        url: `/api/agriculture/farms/${await farmWithoutAccount(role)}/account`,
        headers: h,
        payload: { username: `ruong-${role}`, password: "ruong-lua-2026-xanh" },
      }),
  },
  {
    name: "POST /api/agriculture/seasons/:id/entries",
    allowed: ["admin", "lanhdao", "vanphong", "kinhte"],
    send: (h) =>
      t.app.inject({
        method: "POST",
        url: `/api/agriculture/seasons/${openedSeasons[0]}/entries`,
        headers: h,
        payload: {
          entries: [{ clientId: crypto.randomUUID(), occurredOn: "2026-06-10", details: { kind: "transplanting" } }],
        },
      }),
  },
  {
    name: "PUT /api/certificates/criteria",
    allowed: ["admin", "lanhdao", "vanphong", "kinhte"],
    send: (h, role) =>
      t.app.inject({
        method: "PUT",
        url: "/api/certificates/criteria",
        headers: h,
        payload: {
          requireCompleteDiary: true,
          requireNoBurning: true,
          requireCertifiedPlot: true,
          maxKgCo2ePerKg: 1 + ROLES.indexOf(role) / 10,
          validityMonths: 24,
        },
      }),
  },
  {
    name: "POST /api/certificates/ocop-products",
    allowed: ["admin", "lanhdao", "vanphong", "kinhte"],
    send: async (h, role) => {
      const plot = await demoPlot();
      return t.app.inject({
        method: "POST",
        url: "/api/certificates/ocop-products",
        headers: h,
        payload: {
          farmId: plot.farmId,
          productName: `Sản phẩm OCOP (${role})`,
          stars: 3,
          year: 2026,
          decisionNumber: "1/QĐ",
        },
      });
    },
  },
  {
    name: "POST /api/extension/trainings",
    allowed: ["admin", "lanhdao", "vanphong", "kinhte"],
    send: (h, role) =>
      t.app.inject({
        method: "POST",
        url: "/api/extension/trainings",
        headers: h,
        payload: { title: `Lớp tập huấn thử (${role})`, topic: "awd", heldOn: "2026-07-01", place: "Hội trường" },
      }),
  },
  {
    name: "POST /api/extension/trainings/:id/attendees",
    allowed: ["admin", "lanhdao", "vanphong", "kinhte"],
    send: async (h) => {
      const training = await demoTraining();
      const plot = await demoPlot();
      return t.app.inject({
        method: "POST",
        url: `/api/extension/trainings/${training.id}/attendees`,
        headers: h,
        // A new person each time: the same one is recorded once, and that records nothing.
        payload: { version: training.version, attendees: [{ farmId: plot.farmId, personName: crypto.randomUUID() }] },
      });
    },
  },
  {
    name: "POST /api/extension/models",
    allowed: ["admin", "lanhdao", "vanphong", "kinhte"],
    send: async (h, role) => {
      const plot = await demoPlot();
      return t.app.inject({
        method: "POST",
        url: "/api/extension/models",
        headers: h,
        payload: {
          name: `Mô hình thử (${role})`,
          topic: "bio_pesticides",
          plotId: plot.id,
          startedOn: "2026-06-01",
          areaHa: 0.1,
        },
      });
    },
  },
  {
    name: "POST /api/feedback/people/erase",
    allowed: ["lanhdao", "vanphong"],
    send: (h, role) =>
      t.app.inject({
        method: "POST",
        url: "/api/feedback/people/erase",
        headers: h,
        payload: { email: `xoa-${role}@example.vn` },
      }),
  },
];

describe("role × write endpoint", () => {
  for (const c of cases) {
    for (const role of ROLES) {
      const allowed = c.allowed.includes(role);
      it(`${c.name}: ${role} is ${allowed ? "allowed" : "refused"}`, async () => {
        const auditBefore = await auditCount();
        const response = await c.send(headers.get(role) ?? {}, role);
        if (allowed) expect(response.statusCode, response.body).toBeLessThan(300);
        else expect(response.statusCode).toBe(role === "anonymous" ? 401 : 403);
        // Every accepted change leaves an audit row; a refused request leaves none.
        const written = (await auditCount()) - auditBefore;
        if (allowed && !c.changesNothing) expect(written).toBeGreaterThan(0);
        if (!allowed) expect(written).toBe(0);
      });
    }
  }

  it.each(["diary.xlsx", "diary.pdf"])(
    "GET /api/agriculture/farms/:id/%s: the registry's keepers, and the farm's own account (a farm's records)",
    async (file) => {
      const plot = await demoPlot();
      for (const role of ROLES) {
        const response = await t.app.inject({
          method: "GET",
          url: `/api/agriculture/farms/${plot.farmId}/${file}`,
          headers: headers.get(role) ?? {},
        });
        const expected = ["admin", "lanhdao", "vanphong", "kinhte"].includes(role)
          ? 200
          : role === "anonymous"
            ? 401
            : 403;
        expect(response.statusCode, `${role}: ${response.body.slice(0, 200)}`).toBe(expected);
      }
      // The producer takes its own farm's.
      const own = await producerPlot();
      const plots = (
        await t.app.inject({ url: "/api/agriculture/plots", headers: headers.get("admin") ?? {} })
      ).json() as { id: string; farmId: string }[];
      const farmId = plots.find((p) => p.id === own.id)?.farmId ?? "";
      const mine = await t.app.inject({
        url: `/api/agriculture/farms/${farmId}/${file}`,
        headers: headers.get("nongdan") ?? {},
      });
      expect(mine.statusCode).toBe(200);
    },
  );

  it("GET /api/extension/*: every staff account of a ward and the city read; the platform admin, a producer and anonymous do not", async () => {
    const admin = headers.get("admin") ?? {};
    const training = await demoTraining();
    const plot = await demoPlot();
    const models = (await t.app.inject({ url: "/api/extension/models", headers: admin })).json() as { id: string }[];
    const reads = [
      "/api/extension/trainings",
      `/api/extension/trainings/${training.id}`,
      "/api/extension/models",
      `/api/extension/models/${models[0]?.id}`,
      `/api/extension/farms/${plot.farmId}`,
      "/api/extension/summary?year=2026",
    ];
    for (const url of reads)
      for (const role of ROLES) {
        const response = await t.app.inject({ method: "GET", url, headers: headers.get(role) ?? {} });
        const expected = role === "anonymous" ? 401 : role === "nentang" || role === "nongdan" ? 403 : 200;
        expect(response.statusCode, `${url} as ${role}: ${response.body.slice(0, 200)}`).toBe(expected);
      }
  });

  it("GET /api/system/status: admins only (backups and jobs concern the whole deployment)", async () => {
    for (const role of ROLES) {
      const response = await t.app.inject({
        method: "GET",
        url: "/api/system/status",
        headers: headers.get(role) ?? {},
      });
      const expected = role === "admin" ? 200 : role === "anonymous" ? 401 : 403;
      expect(response.statusCode, `${role}: ${response.body}`).toBe(expected);
    }
  });

  it("the staff reads: every signed-in staff account, the city too; a producer and anonymous never", async () => {
    const admin = headers.get("admin") ?? {};
    const firstReport = (await t.app.inject({ method: "GET", url: "/api/reports/periods", headers: admin })).json()
      .periods[0]?.code as string;
    const document = await latestDocument();
    const reads = [
      "/api/auth/me",
      "/api/dashboard",
      "/api/tasks",
      `/api/tasks/${kinhteTask.id}`,
      "/api/task-statuses",
      "/api/my-work",
      "/api/indicators",
      `/api/indicators/${kinhteIndicator.id}`,
      "/api/units",
      "/api/notifications",
      "/api/reports/periods",
      `/api/reports/periods/${firstReport}`,
      "/api/documents",
      `/api/documents/${document.id}`,
      "/api/feedback/reports",
      "/api/feedback/stats",
      "/api/feedback/categories",
      "/api/feedback/templates",
    ];
    for (const url of reads) {
      for (const role of ROLES) {
        const response = await t.app.inject({ method: "GET", url, headers: headers.get(role) ?? {} });
        expect(response.statusCode, `${url} as ${role}: ${response.body.slice(0, 200)}`).toBe(
          role === "anonymous" ? 401 : role === "nongdan" && !url.startsWith("/api/auth/") ? 403 : 200,
        );
      }
    }
  });

  it("GET /api/city/dashboard: the city and the platform admin only", async () => {
    for (const role of ROLES) {
      const response = await t.app.inject({
        method: "GET",
        url: "/api/city/dashboard",
        headers: headers.get(role) ?? {},
      });
      const expected = role === "thanhpho" || role === "nentang" ? 200 : role === "anonymous" ? 401 : 403;
      expect(response.statusCode, `${role}: ${response.body.slice(0, 200)}`).toBe(expected);
    }
  });

  it("POST /api/city/view-ward: the city only", async () => {
    for (const role of ROLES) {
      const auditBefore = await auditCount();
      const response = await t.app.inject({
        method: "POST",
        url: "/api/city/view-ward",
        headers: headers.get(role) ?? {},
        payload: { code: "viet-hoa" },
      });
      const expected = role === "thanhpho" ? 200 : role === "anonymous" ? 401 : 403;
      expect(response.statusCode, `${role}: ${response.body.slice(0, 200)}`).toBe(expected);
      // Choosing a ward to read changes no plan data.
      expect(await auditCount()).toBe(auditBefore);
    }
  });

  it("Open311 (/open311/v2/): reads for anyone; writes by api_key alone, never by a session", async () => {
    const fields = {
      service_code: "phe-thai-xay-dung",
      address_string: "Ngõ 5, Tổ dân phố số 1",
      description: "Xà bần đổ trên vỉa hè, chắn lối đi.",
    };
    for (const role of ROLES) {
      const read = await t.app.inject({ url: "/open311/v2/services.json", headers: headers.get(role) ?? {} });
      expect(read.statusCode, `${role}: ${read.body.slice(0, 200)}`).toBe(200);
      const auditBefore = await auditCount();
      // A session with its CSRF token is not an api_key: refused (403, the spec's error list), nothing written.
      const refused = await t.app.inject({
        method: "POST",
        url: "/open311/v2/requests.json",
        headers: { ...(headers.get(role) ?? {}), "content-type": "application/x-www-form-urlencoded" },
        payload: new URLSearchParams(fields).toString(),
      });
      expect(refused.statusCode, `${role}: ${refused.body.slice(0, 200)}`).toBe(403);
      expect(refused.json()[0].description).toMatch(/api_key/);
      expect(await auditCount()).toBe(auditBefore);
    }
    // The key alone is enough: no session cookie, no CSRF token.
    const sent = await t.app.inject({
      method: "POST",
      url: "/open311/v2/requests.json",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      payload: new URLSearchParams({ ...fields, api_key: "demo-open311-key" }).toString(),
    });
    expect(sent.statusCode, sent.body).toBe(200);
    expect(sent.json()[0].service_request_id).toMatch(/^PA-/);
  });

  it("marks a notification read only for its own unit", async () => {
    const list = await t.app.inject({ method: "GET", url: "/api/notifications", headers: headers.get("kinhte") ?? {} });
    notificationId = list.json().notifications[0]?.id;
    expect(notificationId).toBeDefined();
    const other = await t.app.inject({
      method: "POST",
      url: `/api/notifications/${notificationId}/read`,
      headers: headers.get("vhxh") ?? {},
    });
    expect(other.statusCode).toBe(403);
    const anonymous = await t.app.inject({ method: "POST", url: `/api/notifications/${notificationId}/read` });
    expect(anonymous.statusCode).toBe(401);
    const own = await t.app.inject({
      method: "POST",
      url: `/api/notifications/${notificationId}/read`,
      headers: headers.get("kinhte") ?? {},
    });
    expect(own.statusCode).toBe(200);
  });
});
