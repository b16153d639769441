CREATE TABLE "diary_entries" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"ward_id" uuid NOT NULL,
	"season_id" uuid NOT NULL,
	"client_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"occurred_on" date NOT NULL,
	"details" jsonb NOT NULL,
	"note" text,
	"latitude" double precision,
	"longitude" double precision,
	"entered_by" uuid,
	"by_proxy" boolean DEFAULT false NOT NULL,
	"deleted_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "diary_entries_ward_id_id_uq" UNIQUE("ward_id","id"),
	CONSTRAINT "diary_entries_kind_check" CHECK ("diary_entries"."kind" in ('land_preparation', 'sowing', 'transplanting', 'fertiliser', 'plant_protection', 'irrigation', 'harvest', 'residue'))
);
--> statement-breakpoint
CREATE TABLE "seasons" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"ward_id" uuid NOT NULL,
	"plot_id" uuid NOT NULL,
	"name" text NOT NULL,
	"crop" text NOT NULL,
	"variety" text,
	"started_on" date NOT NULL,
	"closed_on" date,
	"footprint" jsonb,
	"footprint_input" jsonb,
	"footprint_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "seasons_ward_id_id_uq" UNIQUE("ward_id","id")
);
--> statement-breakpoint
ALTER TABLE "diary_entries" ADD CONSTRAINT "diary_entries_ward_id_wards_id_fk" FOREIGN KEY ("ward_id") REFERENCES "public"."wards"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "diary_entries" ADD CONSTRAINT "diary_entries_season_fk" FOREIGN KEY ("ward_id","season_id") REFERENCES "public"."seasons"("ward_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "diary_entries" ADD CONSTRAINT "diary_entries_user_fk" FOREIGN KEY ("ward_id","entered_by") REFERENCES "public"."users"("ward_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "seasons" ADD CONSTRAINT "seasons_ward_id_wards_id_fk" FOREIGN KEY ("ward_id") REFERENCES "public"."wards"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "seasons" ADD CONSTRAINT "seasons_plot_fk" FOREIGN KEY ("ward_id","plot_id") REFERENCES "public"."plots"("ward_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "diary_entries_client_uq" ON "diary_entries" USING btree ("ward_id","client_id");--> statement-breakpoint
CREATE INDEX "diary_entries_season_idx" ON "diary_entries" USING btree ("ward_id","season_id","occurred_on");--> statement-breakpoint
CREATE INDEX "seasons_ward_plot_idx" ON "seasons" USING btree ("ward_id","plot_id","started_on");--> statement-breakpoint
COMMENT ON TABLE "seasons" IS 'Vụ sản xuất trên thửa ruộng: dấu chân carbon lưu cùng phiên bản bộ hệ số đã dùng';
--> statement-breakpoint
COMMENT ON TABLE "diary_entries" IS 'Nhật ký sản xuất: làm đất, gieo cấy, bón phân, bảo vệ thực vật, tưới, thu hoạch, xử lý rơm rạ';
--> statement-breakpoint
SELECT px_track_ward_revisions('seasons');
--> statement-breakpoint
SELECT px_track_ward_revisions('diary_entries');
