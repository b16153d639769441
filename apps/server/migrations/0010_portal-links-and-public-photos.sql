CREATE UNIQUE INDEX "indicators_ward_id_uq" ON "indicators" USING btree ("ward_id","id");--> statement-breakpoint
CREATE UNIQUE INDEX "tasks_ward_id_uq" ON "tasks" USING btree ("ward_id","id");--> statement-breakpoint
CREATE TABLE "task_indicators" (
	"ward_id" uuid NOT NULL,
	"task_id" uuid NOT NULL,
	"indicator_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "task_indicators_ward_id_task_id_indicator_id_pk" PRIMARY KEY("ward_id","task_id","indicator_id")
);--> statement-breakpoint
ALTER TABLE "attachments" ADD COLUMN "is_public" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "task_indicators" ADD CONSTRAINT "task_indicators_ward_id_wards_id_fk" FOREIGN KEY ("ward_id") REFERENCES "public"."wards"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "task_indicators" ADD CONSTRAINT "task_indicators_task_fk" FOREIGN KEY ("ward_id","task_id") REFERENCES "public"."tasks"("ward_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "task_indicators" ADD CONSTRAINT "task_indicators_indicator_fk" FOREIGN KEY ("ward_id","indicator_id") REFERENCES "public"."indicators"("ward_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "task_indicators_indicator_idx" ON "task_indicators" USING btree ("ward_id","indicator_id");--> statement-breakpoint
COMMENT ON TABLE task_indicators IS 'Nhiệm vụ tác động đến chỉ tiêu (liên kết do cán bộ lập)';--> statement-breakpoint
COMMENT ON COLUMN attachments.is_public IS 'Ảnh minh chứng được công khai trên trang nhiệm vụ';--> statement-breakpoint
SELECT px_track_ward_revisions('task_indicators');
