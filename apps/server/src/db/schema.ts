// Every module's tables, gathered for drizzle's typed client. Modules still query only their own.
export * from "../modules/identity/tables.js";
export * from "../modules/audit/tables.js";
export * from "../modules/files/tables.js";
export * from "../modules/notifications/tables.js";
export * from "../modules/plan/tables.js";
export * from "../modules/indicators/tables.js";
export * from "../modules/jobs/tables.js";
export * from "../modules/documents/tables.js";
export * from "../modules/reporting/tables.js";
export * from "../modules/snapshots/tables.js";
export * from "../modules/portal/tables.js";
export * from "../modules/feedback/tables.js";
export * from "../modules/factors/tables.js";
export * from "../modules/agriculture/tables.js";
export * from "../modules/certificates/tables.js";
