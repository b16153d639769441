CREATE TABLE "green_certificate_applications" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"ward_id" uuid NOT NULL,
	"season_id" uuid NOT NULL,
	"farm_id" uuid NOT NULL,
	"product_name" text NOT NULL,
	"status" text DEFAULT 'submitted' NOT NULL,
	"criteria_check" jsonb,
	"submitted_by" uuid,
	"reviewed_by" uuid,
	"reviewed_at" timestamp with time zone,
	"note" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "green_certificate_applications_ward_id_id_uq" UNIQUE("ward_id","id"),
	CONSTRAINT "green_certificate_applications_status_check" CHECK ("green_certificate_applications"."status" in ('submitted', 'approved', 'rejected'))
);
--> statement-breakpoint
CREATE TABLE "green_certificate_criteria" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"ward_id" uuid NOT NULL,
	"require_complete_diary" boolean NOT NULL,
	"require_no_burning" boolean NOT NULL,
	"require_certified_plot" boolean NOT NULL,
	"max_kg_co2e_per_kg" double precision,
	"min_percent_below_baseline" double precision,
	"baseline_kg_co2e_per_kg" double precision,
	"validity_months" integer NOT NULL,
	"updated_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "green_certificate_criteria_ward_id_id_uq" UNIQUE("ward_id","id"),
	CONSTRAINT "green_certificate_criteria_validity_check" CHECK ("green_certificate_criteria"."validity_months" between 1 and 60),
	CONSTRAINT "green_certificate_criteria_footprint_check" CHECK ("green_certificate_criteria"."max_kg_co2e_per_kg" is not null or ("green_certificate_criteria"."min_percent_below_baseline" is not null and "green_certificate_criteria"."baseline_kg_co2e_per_kg" is not null))
);
--> statement-breakpoint
CREATE TABLE "green_certificates" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"ward_id" uuid NOT NULL,
	"number" text NOT NULL,
	"application_id" uuid NOT NULL,
	"season_id" uuid NOT NULL,
	"farm_id" uuid NOT NULL,
	"product_name" text NOT NULL,
	"producer_name" text NOT NULL,
	"season_name" text NOT NULL,
	"crop" text NOT NULL,
	"kg_co2e_per_kg" double precision,
	"factor_set" text,
	"issued_on" date NOT NULL,
	"valid_until" date NOT NULL,
	"status" text DEFAULT 'issued' NOT NULL,
	"revoked_on" date,
	"revoked_reason" text,
	"issued_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "green_certificates_ward_id_id_uq" UNIQUE("ward_id","id"),
	CONSTRAINT "green_certificates_status_check" CHECK ("green_certificates"."status" in ('issued', 'revoked')),
	CONSTRAINT "green_certificates_validity_check" CHECK ("green_certificates"."valid_until" >= "green_certificates"."issued_on"),
	CONSTRAINT "green_certificates_revoked_check" CHECK (("green_certificates"."status" = 'revoked') = ("green_certificates"."revoked_on" is not null and "green_certificates"."revoked_reason" is not null))
);
--> statement-breakpoint
CREATE TABLE "ocop_products" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"ward_id" uuid NOT NULL,
	"farm_id" uuid NOT NULL,
	"product_name" text NOT NULL,
	"stars" integer NOT NULL,
	"year" integer NOT NULL,
	"decision_number" text NOT NULL,
	"decided_on" date,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "ocop_products_ward_id_id_uq" UNIQUE("ward_id","id"),
	CONSTRAINT "ocop_products_stars_check" CHECK ("ocop_products"."stars" between 3 and 5)
);
--> statement-breakpoint
ALTER TABLE "green_certificate_applications" ADD CONSTRAINT "green_certificate_applications_ward_id_wards_id_fk" FOREIGN KEY ("ward_id") REFERENCES "public"."wards"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "green_certificate_applications" ADD CONSTRAINT "green_certificate_applications_season_fk" FOREIGN KEY ("ward_id","season_id") REFERENCES "public"."seasons"("ward_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "green_certificate_applications" ADD CONSTRAINT "green_certificate_applications_farm_fk" FOREIGN KEY ("ward_id","farm_id") REFERENCES "public"."farms"("ward_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "green_certificate_applications" ADD CONSTRAINT "green_certificate_applications_submitter_fk" FOREIGN KEY ("ward_id","submitted_by") REFERENCES "public"."users"("ward_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "green_certificate_applications" ADD CONSTRAINT "green_certificate_applications_reviewer_fk" FOREIGN KEY ("ward_id","reviewed_by") REFERENCES "public"."users"("ward_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "green_certificate_criteria" ADD CONSTRAINT "green_certificate_criteria_ward_id_wards_id_fk" FOREIGN KEY ("ward_id") REFERENCES "public"."wards"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "green_certificate_criteria" ADD CONSTRAINT "green_certificate_criteria_user_fk" FOREIGN KEY ("ward_id","updated_by") REFERENCES "public"."users"("ward_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "green_certificates" ADD CONSTRAINT "green_certificates_ward_id_wards_id_fk" FOREIGN KEY ("ward_id") REFERENCES "public"."wards"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "green_certificates" ADD CONSTRAINT "green_certificates_application_fk" FOREIGN KEY ("ward_id","application_id") REFERENCES "public"."green_certificate_applications"("ward_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "green_certificates" ADD CONSTRAINT "green_certificates_season_fk" FOREIGN KEY ("ward_id","season_id") REFERENCES "public"."seasons"("ward_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "green_certificates" ADD CONSTRAINT "green_certificates_farm_fk" FOREIGN KEY ("ward_id","farm_id") REFERENCES "public"."farms"("ward_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "green_certificates" ADD CONSTRAINT "green_certificates_issuer_fk" FOREIGN KEY ("ward_id","issued_by") REFERENCES "public"."users"("ward_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ocop_products" ADD CONSTRAINT "ocop_products_ward_id_wards_id_fk" FOREIGN KEY ("ward_id") REFERENCES "public"."wards"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ocop_products" ADD CONSTRAINT "ocop_products_farm_fk" FOREIGN KEY ("ward_id","farm_id") REFERENCES "public"."farms"("ward_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "green_certificate_applications_season_uq" ON "green_certificate_applications" USING btree ("ward_id","season_id") WHERE "green_certificate_applications"."status" <> 'rejected';--> statement-breakpoint
CREATE INDEX "green_certificate_applications_status_idx" ON "green_certificate_applications" USING btree ("ward_id","status");--> statement-breakpoint
CREATE UNIQUE INDEX "green_certificate_criteria_ward_uq" ON "green_certificate_criteria" USING btree ("ward_id");--> statement-breakpoint
CREATE UNIQUE INDEX "green_certificates_number_uq" ON "green_certificates" USING btree ("ward_id","number");--> statement-breakpoint
CREATE UNIQUE INDEX "green_certificates_application_uq" ON "green_certificates" USING btree ("ward_id","application_id");--> statement-breakpoint
CREATE INDEX "ocop_products_farm_idx" ON "ocop_products" USING btree ("ward_id","farm_id");--> statement-breakpoint
COMMENT ON TABLE "green_certificate_criteria" IS 'Tiêu chí sản phẩm xanh của phường (Phòng Kinh tế đặt): nhật ký đầy đủ, không đốt rơm rạ, thửa có chứng nhận, ngưỡng dấu chân carbon trên kg sản phẩm';
--> statement-breakpoint
COMMENT ON TABLE "green_certificate_applications" IS 'Hồ sơ đề nghị chứng nhận sản phẩm xanh cho một vụ: kết quả đối chiếu tiêu chí lưu khi xét duyệt';
--> statement-breakpoint
COMMENT ON TABLE "green_certificates" IS 'Giấy chứng nhận sản phẩm xanh: số CNX-năm-thứ tự theo phường, sản phẩm, cơ sở sản xuất, vụ, dấu chân carbon, thời hạn, thu hồi';
--> statement-breakpoint
COMMENT ON TABLE "ocop_products" IS 'Sản phẩm OCOP (Mỗi xã một sản phẩm) của cơ sở sản xuất, với số sao và quyết định công nhận';
--> statement-breakpoint
SELECT px_track_ward_revisions('green_certificate_criteria');
--> statement-breakpoint
SELECT px_track_ward_revisions('green_certificate_applications');
--> statement-breakpoint
SELECT px_track_ward_revisions('green_certificates');
--> statement-breakpoint
SELECT px_track_ward_revisions('ocop_products');
