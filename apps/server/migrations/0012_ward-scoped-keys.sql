-- task_indicators (migration 0010) pointed at (ward_id, id) unique indexes of its own on tasks and
-- indicators; the unique keys below replace them, so they go first (re-added at the end).
ALTER TABLE "task_indicators" DROP CONSTRAINT "task_indicators_task_fk";
--> statement-breakpoint
ALTER TABLE "task_indicators" DROP CONSTRAINT "task_indicators_indicator_fk";
--> statement-breakpoint
DROP INDEX "indicators_ward_id_uq";
--> statement-breakpoint
DROP INDEX "tasks_ward_id_uq";
--> statement-breakpoint
-- Ward-scoped keys (README "Outgrowing one database"): every ward-owned table gets ward_id in a
-- unique key, and its foreign keys to other ward-owned tables become (ward_id, x_id) -> x(ward_id, id).
-- Order: the old single-column foreign keys go first (they hold nothing the new ones need), then
-- the old keys; new ward_id columns are filled from the user they belong to; the unique keys the
-- new foreign keys reference exist before those foreign keys are added.
ALTER TABLE "document_links" DROP CONSTRAINT "document_links_document_id_documents_id_fk";
--> statement-breakpoint
ALTER TABLE "documents" DROP CONSTRAINT "documents_file_id_files_id_fk";
--> statement-breakpoint
ALTER TABLE "documents" DROP CONSTRAINT "documents_registered_by_users_id_fk";
--> statement-breakpoint
ALTER TABLE "attachments" DROP CONSTRAINT "attachments_file_id_files_id_fk";
--> statement-breakpoint
ALTER TABLE "login_challenges" DROP CONSTRAINT "login_challenges_user_id_users_id_fk";
--> statement-breakpoint
ALTER TABLE "login_devices" DROP CONSTRAINT "login_devices_user_id_users_id_fk";
--> statement-breakpoint
ALTER TABLE "recovery_codes" DROP CONSTRAINT "recovery_codes_user_id_users_id_fk";
--> statement-breakpoint
ALTER TABLE "sessions" DROP CONSTRAINT "sessions_user_id_users_id_fk";
--> statement-breakpoint
ALTER TABLE "users" DROP CONSTRAINT "users_unit_id_units_id_fk";
--> statement-breakpoint
ALTER TABLE "indicators" DROP CONSTRAINT "indicators_plan_id_plans_id_fk";
--> statement-breakpoint
ALTER TABLE "indicators" DROP CONSTRAINT "indicators_objective_id_objectives_id_fk";
--> statement-breakpoint
ALTER TABLE "indicators" DROP CONSTRAINT "indicators_owner_unit_id_units_id_fk";
--> statement-breakpoint
ALTER TABLE "measurements" DROP CONSTRAINT "measurements_indicator_id_indicators_id_fk";
--> statement-breakpoint
ALTER TABLE "measurements" DROP CONSTRAINT "measurements_residential_group_id_units_id_fk";
--> statement-breakpoint
ALTER TABLE "measurements" DROP CONSTRAINT "measurements_recorded_by_users_id_fk";
--> statement-breakpoint
ALTER TABLE "objectives" DROP CONSTRAINT "objectives_plan_id_plans_id_fk";
--> statement-breakpoint
ALTER TABLE "task_coordinators" DROP CONSTRAINT "task_coordinators_task_id_tasks_id_fk";
--> statement-breakpoint
ALTER TABLE "task_coordinators" DROP CONSTRAINT "task_coordinators_unit_id_units_id_fk";
--> statement-breakpoint
ALTER TABLE "task_updates" DROP CONSTRAINT "task_updates_task_id_tasks_id_fk";
--> statement-breakpoint
ALTER TABLE "task_updates" DROP CONSTRAINT "task_updates_author_user_id_users_id_fk";
--> statement-breakpoint
ALTER TABLE "task_updates" DROP CONSTRAINT "task_updates_author_unit_id_units_id_fk";
--> statement-breakpoint
ALTER TABLE "tasks" DROP CONSTRAINT "tasks_plan_id_plans_id_fk";
--> statement-breakpoint
ALTER TABLE "tasks" DROP CONSTRAINT "tasks_owner_unit_id_units_id_fk";
--> statement-breakpoint
ALTER TABLE "report_periods" DROP CONSTRAINT "report_periods_locked_by_users_id_fk";
--> statement-breakpoint
ALTER TABLE "unit_reports" DROP CONSTRAINT "unit_reports_period_id_report_periods_id_fk";
--> statement-breakpoint
ALTER TABLE "unit_reports" DROP CONSTRAINT "unit_reports_unit_id_units_id_fk";
--> statement-breakpoint
ALTER TABLE "unit_reports" DROP CONSTRAINT "unit_reports_submitted_by_users_id_fk";
--> statement-breakpoint
ALTER TABLE "unit_reports" DROP CONSTRAINT "unit_reports_reviewed_by_users_id_fk";
--> statement-breakpoint
ALTER TABLE "ward_report_versions" DROP CONSTRAINT "ward_report_versions_period_id_report_periods_id_fk";
--> statement-breakpoint
ALTER TABLE "ward_report_versions" DROP CONSTRAINT "ward_report_versions_created_by_users_id_fk";
--> statement-breakpoint
ALTER TABLE "measurements" DROP CONSTRAINT "measurements_period_group_uq";
--> statement-breakpoint
DROP INDEX "recovery_codes_user_hash_uq";
--> statement-breakpoint
DROP INDEX "unit_reports_period_unit_uq";
--> statement-breakpoint
DROP INDEX "ward_report_versions_period_version_uq";
--> statement-breakpoint
ALTER TABLE "document_links" DROP CONSTRAINT "document_links_document_id_entity_type_entity_id_pk";
--> statement-breakpoint
ALTER TABLE "attachments" DROP CONSTRAINT "attachments_owner_type_owner_id_file_id_pk";
--> statement-breakpoint
ALTER TABLE "task_coordinators" DROP CONSTRAINT "task_coordinators_task_id_unit_id_pk";
--> statement-breakpoint
ALTER TABLE "audit_log" DROP CONSTRAINT "audit_log_pkey";
--> statement-breakpoint
ALTER TABLE "login_challenges" ADD COLUMN "ward_id" uuid;
--> statement-breakpoint
UPDATE "login_challenges" SET "ward_id" = "users"."ward_id" FROM "users" WHERE "users"."id" = "login_challenges"."user_id";
--> statement-breakpoint
ALTER TABLE "login_challenges" ALTER COLUMN "ward_id" SET NOT NULL;
--> statement-breakpoint
ALTER TABLE "login_devices" ADD COLUMN "ward_id" uuid;
--> statement-breakpoint
UPDATE "login_devices" SET "ward_id" = "users"."ward_id" FROM "users" WHERE "users"."id" = "login_devices"."user_id";
--> statement-breakpoint
ALTER TABLE "login_devices" ALTER COLUMN "ward_id" SET NOT NULL;
--> statement-breakpoint
ALTER TABLE "recovery_codes" ADD COLUMN "ward_id" uuid;
--> statement-breakpoint
UPDATE "recovery_codes" SET "ward_id" = "users"."ward_id" FROM "users" WHERE "users"."id" = "recovery_codes"."user_id";
--> statement-breakpoint
ALTER TABLE "recovery_codes" ALTER COLUMN "ward_id" SET NOT NULL;
--> statement-breakpoint
ALTER TABLE "documents" ADD CONSTRAINT "documents_ward_id_id_uq" UNIQUE("ward_id","id");
--> statement-breakpoint
ALTER TABLE "files" ADD CONSTRAINT "files_ward_id_id_uq" UNIQUE("ward_id","id");
--> statement-breakpoint
ALTER TABLE "recovery_codes" ADD CONSTRAINT "recovery_codes_ward_id_id_uq" UNIQUE("ward_id","id");
--> statement-breakpoint
ALTER TABLE "units" ADD CONSTRAINT "units_ward_id_id_uq" UNIQUE("ward_id","id");
--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_ward_id_id_uq" UNIQUE("ward_id","id");
--> statement-breakpoint
ALTER TABLE "indicators" ADD CONSTRAINT "indicators_ward_id_id_uq" UNIQUE("ward_id","id");
--> statement-breakpoint
ALTER TABLE "measurements" ADD CONSTRAINT "measurements_ward_id_id_uq" UNIQUE("ward_id","id");
--> statement-breakpoint
ALTER TABLE "measurements" ADD CONSTRAINT "measurements_period_group_uq" UNIQUE NULLS NOT DISTINCT("ward_id","indicator_id","period","residential_group_id");
--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_ward_id_id_uq" UNIQUE("ward_id","id");
--> statement-breakpoint
ALTER TABLE "objectives" ADD CONSTRAINT "objectives_ward_id_id_uq" UNIQUE("ward_id","id");
--> statement-breakpoint
ALTER TABLE "plans" ADD CONSTRAINT "plans_ward_id_id_uq" UNIQUE("ward_id","id");
--> statement-breakpoint
ALTER TABLE "task_updates" ADD CONSTRAINT "task_updates_ward_id_id_uq" UNIQUE("ward_id","id");
--> statement-breakpoint
ALTER TABLE "tasks" ADD CONSTRAINT "tasks_ward_id_id_uq" UNIQUE("ward_id","id");
--> statement-breakpoint
ALTER TABLE "report_periods" ADD CONSTRAINT "report_periods_ward_id_id_uq" UNIQUE("ward_id","id");
--> statement-breakpoint
ALTER TABLE "unit_reports" ADD CONSTRAINT "unit_reports_ward_id_id_uq" UNIQUE("ward_id","id");
--> statement-breakpoint
ALTER TABLE "ward_report_versions" ADD CONSTRAINT "ward_report_versions_ward_id_id_uq" UNIQUE("ward_id","id");
--> statement-breakpoint
ALTER TABLE "audit_log" ADD CONSTRAINT "audit_log_pkey" PRIMARY KEY("ward_id","id");
--> statement-breakpoint
ALTER TABLE "document_links" ADD CONSTRAINT "document_links_pkey" PRIMARY KEY("ward_id","document_id","entity_type","entity_id");
--> statement-breakpoint
ALTER TABLE "attachments" ADD CONSTRAINT "attachments_pkey" PRIMARY KEY("ward_id","owner_type","owner_id","file_id");
--> statement-breakpoint
ALTER TABLE "task_coordinators" ADD CONSTRAINT "task_coordinators_pkey" PRIMARY KEY("ward_id","task_id","unit_id");
--> statement-breakpoint
CREATE UNIQUE INDEX "recovery_codes_user_hash_uq" ON "recovery_codes" USING btree ("ward_id","user_id","code_hash");
--> statement-breakpoint
CREATE UNIQUE INDEX "unit_reports_period_unit_uq" ON "unit_reports" USING btree ("ward_id","period_id","unit_id");
--> statement-breakpoint
CREATE UNIQUE INDEX "ward_report_versions_period_version_uq" ON "ward_report_versions" USING btree ("ward_id","period_id","version");
--> statement-breakpoint
ALTER TABLE "document_links" ADD CONSTRAINT "document_links_document_fk" FOREIGN KEY ("ward_id","document_id") REFERENCES "public"."documents"("ward_id","id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "documents" ADD CONSTRAINT "documents_file_fk" FOREIGN KEY ("ward_id","file_id") REFERENCES "public"."files"("ward_id","id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "documents" ADD CONSTRAINT "documents_registered_by_fk" FOREIGN KEY ("ward_id","registered_by") REFERENCES "public"."users"("ward_id","id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "attachments" ADD CONSTRAINT "attachments_file_fk" FOREIGN KEY ("ward_id","file_id") REFERENCES "public"."files"("ward_id","id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "files" ADD CONSTRAINT "files_uploaded_by_fk" FOREIGN KEY ("ward_id","uploaded_by") REFERENCES "public"."users"("ward_id","id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "login_challenges" ADD CONSTRAINT "login_challenges_ward_id_wards_id_fk" FOREIGN KEY ("ward_id") REFERENCES "public"."wards"("id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "login_challenges" ADD CONSTRAINT "login_challenges_user_fk" FOREIGN KEY ("ward_id","user_id") REFERENCES "public"."users"("ward_id","id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "login_devices" ADD CONSTRAINT "login_devices_ward_id_wards_id_fk" FOREIGN KEY ("ward_id") REFERENCES "public"."wards"("id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "login_devices" ADD CONSTRAINT "login_devices_user_fk" FOREIGN KEY ("ward_id","user_id") REFERENCES "public"."users"("ward_id","id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "recovery_codes" ADD CONSTRAINT "recovery_codes_ward_id_wards_id_fk" FOREIGN KEY ("ward_id") REFERENCES "public"."wards"("id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "recovery_codes" ADD CONSTRAINT "recovery_codes_user_fk" FOREIGN KEY ("ward_id","user_id") REFERENCES "public"."users"("ward_id","id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_user_fk" FOREIGN KEY ("ward_id","user_id") REFERENCES "public"."users"("ward_id","id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "units" ADD CONSTRAINT "units_parent_fk" FOREIGN KEY ("ward_id","parent_id") REFERENCES "public"."units"("ward_id","id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_unit_fk" FOREIGN KEY ("ward_id","unit_id") REFERENCES "public"."units"("ward_id","id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "indicators" ADD CONSTRAINT "indicators_plan_fk" FOREIGN KEY ("ward_id","plan_id") REFERENCES "public"."plans"("ward_id","id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "indicators" ADD CONSTRAINT "indicators_objective_fk" FOREIGN KEY ("ward_id","objective_id") REFERENCES "public"."objectives"("ward_id","id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "indicators" ADD CONSTRAINT "indicators_owner_unit_fk" FOREIGN KEY ("ward_id","owner_unit_id") REFERENCES "public"."units"("ward_id","id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "measurements" ADD CONSTRAINT "measurements_indicator_fk" FOREIGN KEY ("ward_id","indicator_id") REFERENCES "public"."indicators"("ward_id","id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "measurements" ADD CONSTRAINT "measurements_residential_group_fk" FOREIGN KEY ("ward_id","residential_group_id") REFERENCES "public"."units"("ward_id","id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "measurements" ADD CONSTRAINT "measurements_recorded_by_fk" FOREIGN KEY ("ward_id","recorded_by") REFERENCES "public"."users"("ward_id","id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_unit_fk" FOREIGN KEY ("ward_id","unit_id") REFERENCES "public"."units"("ward_id","id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_user_fk" FOREIGN KEY ("ward_id","user_id") REFERENCES "public"."users"("ward_id","id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_task_fk" FOREIGN KEY ("ward_id","task_id") REFERENCES "public"."tasks"("ward_id","id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "objectives" ADD CONSTRAINT "objectives_plan_fk" FOREIGN KEY ("ward_id","plan_id") REFERENCES "public"."plans"("ward_id","id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "task_coordinators" ADD CONSTRAINT "task_coordinators_task_fk" FOREIGN KEY ("ward_id","task_id") REFERENCES "public"."tasks"("ward_id","id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "task_coordinators" ADD CONSTRAINT "task_coordinators_unit_fk" FOREIGN KEY ("ward_id","unit_id") REFERENCES "public"."units"("ward_id","id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "task_updates" ADD CONSTRAINT "task_updates_task_fk" FOREIGN KEY ("ward_id","task_id") REFERENCES "public"."tasks"("ward_id","id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "task_updates" ADD CONSTRAINT "task_updates_author_user_fk" FOREIGN KEY ("ward_id","author_user_id") REFERENCES "public"."users"("ward_id","id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "task_updates" ADD CONSTRAINT "task_updates_author_unit_fk" FOREIGN KEY ("ward_id","author_unit_id") REFERENCES "public"."units"("ward_id","id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "tasks" ADD CONSTRAINT "tasks_plan_fk" FOREIGN KEY ("ward_id","plan_id") REFERENCES "public"."plans"("ward_id","id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "tasks" ADD CONSTRAINT "tasks_parent_fk" FOREIGN KEY ("ward_id","parent_id") REFERENCES "public"."tasks"("ward_id","id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "tasks" ADD CONSTRAINT "tasks_owner_unit_fk" FOREIGN KEY ("ward_id","owner_unit_id") REFERENCES "public"."units"("ward_id","id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "report_periods" ADD CONSTRAINT "report_periods_locked_by_fk" FOREIGN KEY ("ward_id","locked_by") REFERENCES "public"."users"("ward_id","id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "report_periods" ADD CONSTRAINT "report_periods_sent_document_fk" FOREIGN KEY ("ward_id","sent_document_id") REFERENCES "public"."documents"("ward_id","id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "unit_reports" ADD CONSTRAINT "unit_reports_period_fk" FOREIGN KEY ("ward_id","period_id") REFERENCES "public"."report_periods"("ward_id","id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "unit_reports" ADD CONSTRAINT "unit_reports_unit_fk" FOREIGN KEY ("ward_id","unit_id") REFERENCES "public"."units"("ward_id","id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "unit_reports" ADD CONSTRAINT "unit_reports_submitted_by_fk" FOREIGN KEY ("ward_id","submitted_by") REFERENCES "public"."users"("ward_id","id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "unit_reports" ADD CONSTRAINT "unit_reports_reviewed_by_fk" FOREIGN KEY ("ward_id","reviewed_by") REFERENCES "public"."users"("ward_id","id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "ward_report_versions" ADD CONSTRAINT "ward_report_versions_period_fk" FOREIGN KEY ("ward_id","period_id") REFERENCES "public"."report_periods"("ward_id","id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "ward_report_versions" ADD CONSTRAINT "ward_report_versions_created_by_fk" FOREIGN KEY ("ward_id","created_by") REFERENCES "public"."users"("ward_id","id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "task_indicators" ADD CONSTRAINT "task_indicators_task_fk" FOREIGN KEY ("ward_id","task_id") REFERENCES "public"."tasks"("ward_id","id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "task_indicators" ADD CONSTRAINT "task_indicators_indicator_fk" FOREIGN KEY ("ward_id","indicator_id") REFERENCES "public"."indicators"("ward_id","id") ON DELETE no action ON UPDATE no action;
