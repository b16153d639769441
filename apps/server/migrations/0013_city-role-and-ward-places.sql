ALTER TABLE "sessions" ADD COLUMN "viewing_ward_id" uuid;--> statement-breakpoint
ALTER TABLE "wards" ADD COLUMN "latitude" double precision;--> statement-breakpoint
ALTER TABLE "wards" ADD COLUMN "longitude" double precision;--> statement-breakpoint
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_viewing_ward_id_wards_id_fk" FOREIGN KEY ("viewing_ward_id") REFERENCES "public"."wards"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "wards" ADD CONSTRAINT "wards_position_check" CHECK (("wards"."latitude" is null) = ("wards"."longitude" is null) and "wards"."latitude" between -90 and 90 and "wards"."longitude" between -180 and 180);--> statement-breakpoint
COMMENT ON COLUMN sessions.viewing_ward_id IS 'Phường tài khoản thành phố đang xem (chỉ đọc)';
--> statement-breakpoint
COMMENT ON COLUMN wards.latitude IS 'Vĩ độ (WGS 84)';
--> statement-breakpoint
COMMENT ON COLUMN wards.longitude IS 'Kinh độ (WGS 84)';
