CREATE TABLE "farms" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"ward_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"name" text NOT NULL,
	"representative" text,
	"phone" text,
	"residential_group_id" uuid,
	"address" text,
	"user_id" uuid,
	"proxy_consent_at" timestamp with time zone,
	"proxy_consent_text" text,
	"active" boolean DEFAULT true NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "farms_ward_id_id_uq" UNIQUE("ward_id","id"),
	CONSTRAINT "farms_kind_check" CHECK ("farms"."kind" in ('household', 'cooperative', 'enterprise'))
);
--> statement-breakpoint
CREATE TABLE "plot_certifications" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"ward_id" uuid NOT NULL,
	"plot_id" uuid NOT NULL,
	"scheme" text NOT NULL,
	"certificate_number" text NOT NULL,
	"issuer" text NOT NULL,
	"valid_from" date NOT NULL,
	"valid_until" date NOT NULL,
	"withdrawn_on" date,
	"withdrawn_reason" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "plot_certifications_ward_id_id_uq" UNIQUE("ward_id","id"),
	CONSTRAINT "plot_certifications_scheme_check" CHECK ("plot_certifications"."scheme" in ('vietgap', 'organic', 'other_gap')),
	CONSTRAINT "plot_certifications_validity_check" CHECK ("plot_certifications"."valid_until" >= "plot_certifications"."valid_from")
);
--> statement-breakpoint
CREATE TABLE "plots" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"ward_id" uuid NOT NULL,
	"farm_id" uuid NOT NULL,
	"name" text NOT NULL,
	"area_ha" double precision NOT NULL,
	"residential_group_id" uuid NOT NULL,
	"latitude" double precision,
	"longitude" double precision,
	"outline" jsonb,
	"crop" text NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "plots_ward_id_id_uq" UNIQUE("ward_id","id"),
	CONSTRAINT "plots_area_check" CHECK ("plots"."area_ha" > 0 and "plots"."area_ha" <= 100000)
);
--> statement-breakpoint
ALTER TABLE "farms" ADD CONSTRAINT "farms_ward_id_wards_id_fk" FOREIGN KEY ("ward_id") REFERENCES "public"."wards"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "farms" ADD CONSTRAINT "farms_user_fk" FOREIGN KEY ("ward_id","user_id") REFERENCES "public"."users"("ward_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "farms" ADD CONSTRAINT "farms_group_fk" FOREIGN KEY ("ward_id","residential_group_id") REFERENCES "public"."units"("ward_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plot_certifications" ADD CONSTRAINT "plot_certifications_ward_id_wards_id_fk" FOREIGN KEY ("ward_id") REFERENCES "public"."wards"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plot_certifications" ADD CONSTRAINT "plot_certifications_plot_fk" FOREIGN KEY ("ward_id","plot_id") REFERENCES "public"."plots"("ward_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plots" ADD CONSTRAINT "plots_ward_id_wards_id_fk" FOREIGN KEY ("ward_id") REFERENCES "public"."wards"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plots" ADD CONSTRAINT "plots_farm_fk" FOREIGN KEY ("ward_id","farm_id") REFERENCES "public"."farms"("ward_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plots" ADD CONSTRAINT "plots_group_fk" FOREIGN KEY ("ward_id","residential_group_id") REFERENCES "public"."units"("ward_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "farms_ward_group_idx" ON "farms" USING btree ("ward_id","residential_group_id");--> statement-breakpoint
CREATE UNIQUE INDEX "farms_user_uq" ON "farms" USING btree ("ward_id","user_id");--> statement-breakpoint
CREATE INDEX "plot_certifications_plot_idx" ON "plot_certifications" USING btree ("ward_id","plot_id","valid_until");--> statement-breakpoint
CREATE INDEX "plots_ward_farm_idx" ON "plots" USING btree ("ward_id","farm_id");--> statement-breakpoint
CREATE INDEX "plots_ward_group_idx" ON "plots" USING btree ("ward_id","residential_group_id");--> statement-breakpoint
COMMENT ON TABLE "farms" IS 'Cơ sở sản xuất nông nghiệp: nông hộ, hợp tác xã, doanh nghiệp (liên hệ là dữ liệu cá nhân)';
--> statement-breakpoint
COMMENT ON TABLE "plots" IS 'Thửa ruộng, khu sản xuất: diện tích canh tác, tổ dân phố, vị trí, cây trồng';
--> statement-breakpoint
COMMENT ON TABLE "plot_certifications" IS 'Chứng nhận VietGAP, hữu cơ, GAP khác của thửa ruộng: số, tổ chức cấp, hiệu lực, thu hồi';
--> statement-breakpoint
SELECT px_track_ward_revisions('farms');
--> statement-breakpoint
SELECT px_track_ward_revisions('plots');
--> statement-breakpoint
SELECT px_track_ward_revisions('plot_certifications');
