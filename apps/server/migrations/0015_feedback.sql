CREATE TABLE "feedback_api_keys" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"ward_id" uuid NOT NULL,
	"name" text NOT NULL,
	"key_hash" text NOT NULL,
	"prefix" text NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_used_at" timestamp with time zone,
	"revoked_at" timestamp with time zone,
	CONSTRAINT "feedback_api_keys_ward_id_id_uq" UNIQUE("ward_id","id")
);
--> statement-breakpoint
CREATE TABLE "feedback_categories" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"ward_id" uuid NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"group_name" text NOT NULL,
	"keywords" text DEFAULT '' NOT NULL,
	"questions" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"sla_days" integer NOT NULL,
	"unit_id" uuid NOT NULL,
	"task_id" uuid,
	"indicator_id" uuid,
	"sensitive" boolean DEFAULT false NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "feedback_categories_ward_id_id_uq" UNIQUE("ward_id","id"),
	CONSTRAINT "feedback_categories_sla_check" CHECK ("feedback_categories"."sla_days" between 1 and 90)
);
--> statement-breakpoint
CREATE TABLE "feedback_contacts" (
	"ward_id" uuid NOT NULL,
	"report_id" uuid NOT NULL,
	"name" text,
	"phone" text,
	"email" text,
	"email_key" text,
	"phone_key" text,
	"notify" boolean DEFAULT false NOT NULL,
	"consent_text" text,
	"consented_at" timestamp with time zone,
	"erased_at" timestamp with time zone,
	CONSTRAINT "feedback_contacts_pkey" PRIMARY KEY("ward_id","report_id")
);
--> statement-breakpoint
CREATE TABLE "feedback_outbox" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"ward_id" uuid NOT NULL,
	"report_id" uuid NOT NULL,
	"subject" text NOT NULL,
	"body" text NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone DEFAULT now() NOT NULL,
	"sent_at" timestamp with time zone,
	"last_error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "feedback_outbox_ward_id_id_uq" UNIQUE("ward_id","id")
);
--> statement-breakpoint
CREATE TABLE "feedback_reports" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"ward_id" uuid NOT NULL,
	"code" text NOT NULL,
	"token" uuid DEFAULT gen_random_uuid() NOT NULL,
	"reporter_key_hash" text NOT NULL,
	"category_id" uuid NOT NULL,
	"description" text NOT NULL,
	"answers" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"latitude" double precision,
	"longitude" double precision,
	"location_source" text DEFAULT 'none' NOT NULL,
	"address" text,
	"residential_group_id" uuid,
	"status" text DEFAULT 'new' NOT NULL,
	"unit_id" uuid NOT NULL,
	"assignee_id" uuid,
	"due_on" date NOT NULL,
	"sensitive" boolean DEFAULT false NOT NULL,
	"duplicate_of_id" uuid,
	"source" text NOT NULL,
	"api_key_id" uuid,
	"external_account_id" text,
	"media_url" text,
	"device_hash" text,
	"confirmed_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "feedback_reports_ward_id_id_uq" UNIQUE("ward_id","id"),
	CONSTRAINT "feedback_reports_status_check" CHECK ("feedback_reports"."status" in ('new', 'confirmed', 'investigating', 'in_progress', 'action_scheduled', 'fixed', 'not_responsible', 'duplicate', 'no_further_action', 'internal_referral')),
	CONSTRAINT "feedback_reports_source_check" CHECK ("feedback_reports"."source" in ('web', 'open311', 'staff')),
	CONSTRAINT "feedback_reports_location_source_check" CHECK ("feedback_reports"."location_source" in ('device', 'map', 'none')),
	CONSTRAINT "feedback_reports_location_pair" CHECK (("feedback_reports"."latitude" is null) = ("feedback_reports"."longitude" is null) and ("feedback_reports"."latitude" is null or ("feedback_reports"."latitude" between -90 and 90 and "feedback_reports"."longitude" between -180 and 180)))
);
--> statement-breakpoint
CREATE TABLE "feedback_routes" (
	"ward_id" uuid NOT NULL,
	"category_id" uuid NOT NULL,
	"residential_group_id" uuid NOT NULL,
	"unit_id" uuid NOT NULL,
	CONSTRAINT "feedback_routes_pkey" PRIMARY KEY("ward_id","category_id","residential_group_id")
);
--> statement-breakpoint
CREATE TABLE "feedback_templates" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"ward_id" uuid NOT NULL,
	"title" text NOT NULL,
	"body" text NOT NULL,
	"status" text,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "feedback_templates_ward_id_id_uq" UNIQUE("ward_id","id")
);
--> statement-breakpoint
CREATE TABLE "feedback_updates" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"ward_id" uuid NOT NULL,
	"report_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"status_from" text,
	"status_to" text,
	"body" text,
	"is_public" boolean NOT NULL,
	"author_kind" text NOT NULL,
	"author_id" uuid,
	"unit_id" uuid,
	"external_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "feedback_updates_ward_id_id_uq" UNIQUE("ward_id","id"),
	CONSTRAINT "feedback_updates_kind_check" CHECK ("feedback_updates"."kind" in ('submitted', 'status', 'response', 'note', 'reporter_info', 'reopened', 'assigned', 'recategorised', 'moved', 'merged')),
	CONSTRAINT "feedback_updates_author_check" CHECK ("feedback_updates"."author_kind" in ('staff', 'reporter', 'open311', 'system'))
);
--> statement-breakpoint
ALTER TABLE "feedback_api_keys" ADD CONSTRAINT "feedback_api_keys_ward_id_wards_id_fk" FOREIGN KEY ("ward_id") REFERENCES "public"."wards"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "feedback_categories" ADD CONSTRAINT "feedback_categories_ward_id_wards_id_fk" FOREIGN KEY ("ward_id") REFERENCES "public"."wards"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "feedback_categories" ADD CONSTRAINT "feedback_categories_unit_fk" FOREIGN KEY ("ward_id","unit_id") REFERENCES "public"."units"("ward_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "feedback_categories" ADD CONSTRAINT "feedback_categories_task_fk" FOREIGN KEY ("ward_id","task_id") REFERENCES "public"."tasks"("ward_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "feedback_categories" ADD CONSTRAINT "feedback_categories_indicator_fk" FOREIGN KEY ("ward_id","indicator_id") REFERENCES "public"."indicators"("ward_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "feedback_contacts" ADD CONSTRAINT "feedback_contacts_ward_id_wards_id_fk" FOREIGN KEY ("ward_id") REFERENCES "public"."wards"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "feedback_contacts" ADD CONSTRAINT "feedback_contacts_report_fk" FOREIGN KEY ("ward_id","report_id") REFERENCES "public"."feedback_reports"("ward_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "feedback_outbox" ADD CONSTRAINT "feedback_outbox_ward_id_wards_id_fk" FOREIGN KEY ("ward_id") REFERENCES "public"."wards"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "feedback_outbox" ADD CONSTRAINT "feedback_outbox_report_fk" FOREIGN KEY ("ward_id","report_id") REFERENCES "public"."feedback_reports"("ward_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "feedback_reports" ADD CONSTRAINT "feedback_reports_ward_id_wards_id_fk" FOREIGN KEY ("ward_id") REFERENCES "public"."wards"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "feedback_reports" ADD CONSTRAINT "feedback_reports_category_fk" FOREIGN KEY ("ward_id","category_id") REFERENCES "public"."feedback_categories"("ward_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "feedback_reports" ADD CONSTRAINT "feedback_reports_unit_fk" FOREIGN KEY ("ward_id","unit_id") REFERENCES "public"."units"("ward_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "feedback_reports" ADD CONSTRAINT "feedback_reports_group_fk" FOREIGN KEY ("ward_id","residential_group_id") REFERENCES "public"."units"("ward_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "feedback_reports" ADD CONSTRAINT "feedback_reports_assignee_fk" FOREIGN KEY ("ward_id","assignee_id") REFERENCES "public"."users"("ward_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "feedback_reports" ADD CONSTRAINT "feedback_reports_duplicate_fk" FOREIGN KEY ("ward_id","duplicate_of_id") REFERENCES "public"."feedback_reports"("ward_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "feedback_reports" ADD CONSTRAINT "feedback_reports_api_key_fk" FOREIGN KEY ("ward_id","api_key_id") REFERENCES "public"."feedback_api_keys"("ward_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "feedback_routes" ADD CONSTRAINT "feedback_routes_ward_id_wards_id_fk" FOREIGN KEY ("ward_id") REFERENCES "public"."wards"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "feedback_routes" ADD CONSTRAINT "feedback_routes_category_fk" FOREIGN KEY ("ward_id","category_id") REFERENCES "public"."feedback_categories"("ward_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "feedback_routes" ADD CONSTRAINT "feedback_routes_group_fk" FOREIGN KEY ("ward_id","residential_group_id") REFERENCES "public"."units"("ward_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "feedback_routes" ADD CONSTRAINT "feedback_routes_unit_fk" FOREIGN KEY ("ward_id","unit_id") REFERENCES "public"."units"("ward_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "feedback_templates" ADD CONSTRAINT "feedback_templates_ward_id_wards_id_fk" FOREIGN KEY ("ward_id") REFERENCES "public"."wards"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "feedback_updates" ADD CONSTRAINT "feedback_updates_ward_id_wards_id_fk" FOREIGN KEY ("ward_id") REFERENCES "public"."wards"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "feedback_updates" ADD CONSTRAINT "feedback_updates_report_fk" FOREIGN KEY ("ward_id","report_id") REFERENCES "public"."feedback_reports"("ward_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "feedback_updates" ADD CONSTRAINT "feedback_updates_author_fk" FOREIGN KEY ("ward_id","author_id") REFERENCES "public"."users"("ward_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "feedback_updates" ADD CONSTRAINT "feedback_updates_unit_fk" FOREIGN KEY ("ward_id","unit_id") REFERENCES "public"."units"("ward_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "feedback_api_keys_hash_uq" ON "feedback_api_keys" USING btree ("key_hash");--> statement-breakpoint
CREATE UNIQUE INDEX "feedback_categories_ward_code_uq" ON "feedback_categories" USING btree ("ward_id","code");--> statement-breakpoint
CREATE INDEX "feedback_contacts_email_idx" ON "feedback_contacts" USING btree ("ward_id","email_key");--> statement-breakpoint
CREATE INDEX "feedback_contacts_phone_idx" ON "feedback_contacts" USING btree ("ward_id","phone_key");--> statement-breakpoint
CREATE INDEX "feedback_outbox_due_idx" ON "feedback_outbox" USING btree ("sent_at","next_attempt_at");--> statement-breakpoint
CREATE UNIQUE INDEX "feedback_reports_code_uq" ON "feedback_reports" USING btree ("ward_id","code");--> statement-breakpoint
CREATE INDEX "feedback_reports_code_idx" ON "feedback_reports" USING btree ("code");--> statement-breakpoint
CREATE UNIQUE INDEX "feedback_reports_token_uq" ON "feedback_reports" USING btree ("ward_id","token");--> statement-breakpoint
CREATE INDEX "feedback_reports_token_idx" ON "feedback_reports" USING btree ("token");--> statement-breakpoint
CREATE INDEX "feedback_reports_ward_status_idx" ON "feedback_reports" USING btree ("ward_id","status","due_on");--> statement-breakpoint
CREATE INDEX "feedback_reports_ward_created_idx" ON "feedback_reports" USING btree ("ward_id","created_at");--> statement-breakpoint
CREATE INDEX "feedback_reports_ward_updated_idx" ON "feedback_reports" USING btree ("ward_id","updated_at");--> statement-breakpoint
CREATE INDEX "feedback_reports_ward_category_idx" ON "feedback_reports" USING btree ("ward_id","category_id","status");--> statement-breakpoint
CREATE INDEX "feedback_reports_device_idx" ON "feedback_reports" USING btree ("device_hash","created_at");--> statement-breakpoint
CREATE INDEX "feedback_updates_report_idx" ON "feedback_updates" USING btree ("ward_id","report_id","created_at");--> statement-breakpoint
CREATE INDEX "feedback_updates_ward_created_idx" ON "feedback_updates" USING btree ("ward_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "feedback_updates_external_uq" ON "feedback_updates" USING btree ("ward_id","report_id","external_id");
--> statement-breakpoint
-- Reports, their updates, categories, routes, contacts and templates change what public pages show.
-- Not watched: the mail outbox and the API keys (sending a mail or using a key changes no page).
SELECT px_track_ward_revisions('feedback_categories');
--> statement-breakpoint
SELECT px_track_ward_revisions('feedback_routes');
--> statement-breakpoint
SELECT px_track_ward_revisions('feedback_reports');
--> statement-breakpoint
SELECT px_track_ward_revisions('feedback_contacts');
--> statement-breakpoint
SELECT px_track_ward_revisions('feedback_updates');
--> statement-breakpoint
SELECT px_track_ward_revisions('feedback_templates');
--> statement-breakpoint
COMMENT ON TABLE "feedback_reports" IS 'Phản ánh, kiến nghị của người dân (Open311 service request)';
--> statement-breakpoint
COMMENT ON TABLE "feedback_contacts" IS 'Thông tin liên hệ của người phản ánh: dữ liệu cá nhân, xóa tự động sau thời hạn lưu giữ';
