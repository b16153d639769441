CREATE TABLE "job_runs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"job" text NOT NULL,
	"slot" timestamp with time zone NOT NULL,
	"attempt" integer NOT NULL,
	"status" text NOT NULL,
	"owner" text NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	"lease_until" timestamp with time zone NOT NULL,
	"finished_at" timestamp with time zone,
	"error" text,
	"details" jsonb
);
--> statement-breakpoint
ALTER TABLE "notifications" ALTER COLUMN "unit_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "notifications" ADD COLUMN "user_id" uuid;--> statement-breakpoint
CREATE UNIQUE INDEX "job_runs_claim_uq" ON "job_runs" USING btree ("job","slot","attempt");--> statement-breakpoint
CREATE INDEX "job_runs_job_started_idx" ON "job_runs" USING btree ("job","started_at");--> statement-breakpoint
CREATE INDEX "notifications_user_idx" ON "notifications" USING btree ("ward_id","user_id","created_at");--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_addressee_ck" CHECK ("notifications"."unit_id" is not null or "notifications"."user_id" is not null);