import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../../test/harness.js";

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ demo: false });
});
afterAll(async () => t?.close());

describe("API description", () => {
  it("publishes OpenAPI 3 with every route, its request and response schemas", async () => {
    const response = await t.app.inject({ method: "GET", url: "/api/openapi.json" });
    expect(response.statusCode).toBe(200);
    const spec = response.json() as {
      openapi: string;
      paths: Record<string, Record<string, { requestBody?: unknown; responses: Record<string, unknown> }>>;
    };
    expect(spec.openapi).toMatch(/^3\./);
    for (const path of [
      "/api/auth/login",
      "/api/tasks",
      "/api/tasks/{id}/updates",
      "/api/indicators/{id}/measurements",
      "/api/dashboard",
      "/api/public/plan",
      "/api/health",
      "/api/system/status",
      "/api/public/feedback/reports",
      "/api/public/feedback/reports/{code}",
      "/api/feedback/reports",
      "/api/feedback/reports/{id}/actions",
      "/api/extension/trainings",
      "/api/extension/trainings/{id}/attendees",
      "/api/extension/trainings/{id}/attendees/{attendeeId}",
      "/api/extension/trainings/{id}/sheet",
      "/api/extension/models/{id}",
      "/api/extension/farms/{id}",
      "/api/extension/summary",
      // Open311 GeoReport v2, each resource as .json or .xml.
      "/open311/v2/discovery.{format}",
      "/open311/v2/services.{format}",
      "/open311/v2/services/{code}.{format}",
      "/open311/v2/requests.{format}",
      "/open311/v2/requests/{id}.{format}",
      "/open311/v2/tokens/{token}.{format}",
      "/open311/v2/servicerequestupdates.{format}",
    ]) {
      expect(Object.keys(spec.paths), path).toContain(path);
    }
    expect(spec.paths["/api/auth/login"]?.post?.requestBody).toBeDefined();
    expect(spec.paths["/api/public/plan"]?.get?.responses["200"]).toBeDefined();
    expect(spec.paths["/api/system/status"]?.get?.responses["200"]).toBeDefined();
    expect(spec.paths["/api/feedback/reports/{id}/actions"]?.post?.requestBody).toBeDefined();
    expect(spec.paths["/api/extension/trainings/{id}/attendees"]?.post?.requestBody).toBeDefined();
    expect(spec.paths["/api/extension/models"]?.get?.responses["200"]).toBeDefined();
    expect(spec.paths["/api/public/feedback/reports/{code}"]?.get?.responses["200"]).toBeDefined();
    expect(Object.keys(spec.paths["/open311/v2/requests.{format}"] ?? {}).sort()).toEqual(["get", "post"]);
    expect(Object.keys(spec.paths["/open311/v2/servicerequestupdates.{format}"] ?? {}).sort()).toEqual(["get", "post"]);
    // Prometheus text, not JSON: not part of the API description.
    expect(Object.keys(spec.paths)).not.toContain("/metrics");
  });

  it("serves browsable docs", async () => {
    const response = await t.app.inject({ method: "GET", url: "/api/docs/" });
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain("swagger");
  });

  it("answers an unknown API address with 404 and a stable code", async () => {
    const response = await t.app.inject({ method: "GET", url: "/api/khong-co" });
    expect(response.statusCode).toBe(404);
    expect(response.json().error.code).toBe("NOT_FOUND");
  });
});

describe("validation errors", () => {
  it("name the field and explain it in Vietnamese, with a stable code", async () => {
    const response = await t.app.inject({ method: "POST", url: "/api/auth/login", payload: { username: "admin" } });
    expect(response.statusCode).toBe(400);
    const body = response.json();
    expect(body.error.code).toBe("VALIDATION_FAILED");
    expect(body.error.details[0].path).toBe("body.password");
    expect(body.error.message).toMatch(/không hợp lệ/);
  });
});
