CREATE TABLE "extension_attendees" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"ward_id" uuid NOT NULL,
	"training_id" uuid,
	"model_id" uuid,
	"farm_id" uuid,
	"person_name" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "extension_attendees_ward_id_id_uq" UNIQUE("ward_id","id"),
	CONSTRAINT "extension_attendees_person_uq" UNIQUE NULLS NOT DISTINCT("ward_id","training_id","model_id","farm_id","person_name"),
	CONSTRAINT "extension_attendees_activity_check" CHECK (("extension_attendees"."training_id" is null) <> ("extension_attendees"."model_id" is null)),
	CONSTRAINT "extension_attendees_who_check" CHECK ("extension_attendees"."farm_id" is not null or "extension_attendees"."person_name" is not null)
);
--> statement-breakpoint
CREATE TABLE "extension_models" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"ward_id" uuid NOT NULL,
	"name" text NOT NULL,
	"topic" text NOT NULL,
	"farm_id" uuid NOT NULL,
	"plot_id" uuid NOT NULL,
	"season_id" uuid,
	"started_on" date NOT NULL,
	"ended_on" date,
	"area_ha" double precision NOT NULL,
	"status" text DEFAULT 'planned' NOT NULL,
	"result_notes" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "extension_models_ward_id_id_uq" UNIQUE("ward_id","id"),
	CONSTRAINT "extension_models_topic_check" CHECK ("extension_models"."topic" in ('awd', 'organic_fertiliser', 'bio_pesticides', 'straw_composting', 'other')),
	CONSTRAINT "extension_models_status_check" CHECK ("extension_models"."status" in ('planned', 'running', 'completed', 'stopped')),
	CONSTRAINT "extension_models_area_check" CHECK ("extension_models"."area_ha" > 0 and "extension_models"."area_ha" <= 10000),
	CONSTRAINT "extension_models_dates_check" CHECK ("extension_models"."ended_on" is null or "extension_models"."ended_on" >= "extension_models"."started_on")
);
--> statement-breakpoint
CREATE TABLE "extension_trainings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"ward_id" uuid NOT NULL,
	"title" text NOT NULL,
	"topic" text NOT NULL,
	"held_on" date NOT NULL,
	"place" text NOT NULL,
	"organiser" text,
	"trainer" text,
	"residential_group_id" uuid,
	"notes" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "extension_trainings_ward_id_id_uq" UNIQUE("ward_id","id"),
	CONSTRAINT "extension_trainings_topic_check" CHECK ("extension_trainings"."topic" in ('awd', 'organic_fertiliser', 'bio_pesticides', 'straw_composting', 'other'))
);
--> statement-breakpoint
ALTER TABLE "extension_attendees" ADD CONSTRAINT "extension_attendees_ward_id_wards_id_fk" FOREIGN KEY ("ward_id") REFERENCES "public"."wards"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "extension_attendees" ADD CONSTRAINT "extension_attendees_training_fk" FOREIGN KEY ("ward_id","training_id") REFERENCES "public"."extension_trainings"("ward_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "extension_attendees" ADD CONSTRAINT "extension_attendees_model_fk" FOREIGN KEY ("ward_id","model_id") REFERENCES "public"."extension_models"("ward_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "extension_attendees" ADD CONSTRAINT "extension_attendees_farm_fk" FOREIGN KEY ("ward_id","farm_id") REFERENCES "public"."farms"("ward_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "extension_models" ADD CONSTRAINT "extension_models_ward_id_wards_id_fk" FOREIGN KEY ("ward_id") REFERENCES "public"."wards"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "extension_models" ADD CONSTRAINT "extension_models_farm_fk" FOREIGN KEY ("ward_id","farm_id") REFERENCES "public"."farms"("ward_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "extension_models" ADD CONSTRAINT "extension_models_plot_fk" FOREIGN KEY ("ward_id","plot_id") REFERENCES "public"."plots"("ward_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "extension_models" ADD CONSTRAINT "extension_models_season_fk" FOREIGN KEY ("ward_id","season_id") REFERENCES "public"."seasons"("ward_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "extension_trainings" ADD CONSTRAINT "extension_trainings_ward_id_wards_id_fk" FOREIGN KEY ("ward_id") REFERENCES "public"."wards"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "extension_trainings" ADD CONSTRAINT "extension_trainings_group_fk" FOREIGN KEY ("ward_id","residential_group_id") REFERENCES "public"."units"("ward_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "extension_attendees_farm_idx" ON "extension_attendees" USING btree ("ward_id","farm_id");--> statement-breakpoint
CREATE INDEX "extension_models_ward_farm_idx" ON "extension_models" USING btree ("ward_id","farm_id");--> statement-breakpoint
CREATE INDEX "extension_trainings_ward_held_idx" ON "extension_trainings" USING btree ("ward_id","held_on");--> statement-breakpoint
COMMENT ON TABLE "extension_trainings" IS 'Lớp tập huấn kỹ thuật (khuyến nông): chủ đề (tưới ướt khô xen kẽ, phân bón hữu cơ, thuốc bảo vệ thực vật sinh học, ủ rơm rạ làm phân, khác), ngày, địa điểm, đơn vị tổ chức, giảng viên, tổ dân phố';
--> statement-breakpoint
COMMENT ON TABLE "extension_models" IS 'Mô hình trình diễn trên thửa ruộng của cơ sở chủ trì: chủ đề, vụ, thời gian, diện tích, tình trạng, kết quả so với cách làm thông thường';
--> statement-breakpoint
COMMENT ON TABLE "extension_attendees" IS 'Người tham gia lớp tập huấn hoặc mô hình trình diễn: cơ sở trong sổ nông hộ (có thể kèm họ tên), hoặc họ tên người ngoài sổ';
--> statement-breakpoint
SELECT px_track_ward_revisions('extension_trainings');
--> statement-breakpoint
SELECT px_track_ward_revisions('extension_models');
--> statement-breakpoint
SELECT px_track_ward_revisions('extension_attendees');
