CREATE TABLE "document_links" (
	"ward_id" uuid NOT NULL,
	"document_id" uuid NOT NULL,
	"entity_type" text NOT NULL,
	"entity_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "document_links_document_id_entity_type_entity_id_pk" PRIMARY KEY("document_id","entity_type","entity_id"),
	CONSTRAINT "document_links_entity_type_check" CHECK ("document_links"."entity_type" in ('task', 'indicator', 'unit_report', 'ward_report', 'report_period'))
);
--> statement-breakpoint
CREATE TABLE "documents" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"ward_id" uuid NOT NULL,
	"direction" text NOT NULL,
	"register_number" integer NOT NULL,
	"register_year" integer NOT NULL,
	"number_and_symbol" text NOT NULL,
	"type_code" text NOT NULL,
	"issued_on" date NOT NULL,
	"received_on" date,
	"issuer" text NOT NULL,
	"recipients" text,
	"summary" text NOT NULL,
	"file_id" uuid,
	"search_text" text NOT NULL,
	"registered_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "documents_direction_check" CHECK ("documents"."direction" in ('incoming', 'outgoing')),
	CONSTRAINT "documents_register_number_positive" CHECK ("documents"."register_number" > 0),
	CONSTRAINT "documents_received_on_incoming" CHECK ("documents"."direction" = 'incoming' or "documents"."received_on" is null)
);
--> statement-breakpoint
ALTER TABLE "document_links" ADD CONSTRAINT "document_links_ward_id_wards_id_fk" FOREIGN KEY ("ward_id") REFERENCES "public"."wards"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "document_links" ADD CONSTRAINT "document_links_document_id_documents_id_fk" FOREIGN KEY ("document_id") REFERENCES "public"."documents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "documents" ADD CONSTRAINT "documents_ward_id_wards_id_fk" FOREIGN KEY ("ward_id") REFERENCES "public"."wards"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "documents" ADD CONSTRAINT "documents_file_id_files_id_fk" FOREIGN KEY ("file_id") REFERENCES "public"."files"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "documents" ADD CONSTRAINT "documents_registered_by_users_id_fk" FOREIGN KEY ("registered_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "document_links_entity_idx" ON "document_links" USING btree ("ward_id","entity_type","entity_id");--> statement-breakpoint
CREATE UNIQUE INDEX "documents_register_uq" ON "documents" USING btree ("ward_id","direction","register_year","register_number");--> statement-breakpoint
CREATE INDEX "documents_ward_issued_idx" ON "documents" USING btree ("ward_id","issued_on");--> statement-breakpoint
COMMENT ON TABLE documents IS 'Sổ đăng ký văn bản đến, văn bản đi';
--> statement-breakpoint
COMMENT ON COLUMN documents.register_number IS 'Số đến / số đi (theo phường, chiều và năm)';
--> statement-breakpoint
COMMENT ON COLUMN documents.number_and_symbol IS 'Số, ký hiệu văn bản';
--> statement-breakpoint
COMMENT ON COLUMN documents.type_code IS 'Loại văn bản (Phụ lục III Nghị định 30/2020/NĐ-CP; CV: công văn)';
--> statement-breakpoint
COMMENT ON COLUMN documents.received_on IS 'Ngày đến';
--> statement-breakpoint
COMMENT ON COLUMN documents.issuer IS 'Cơ quan ban hành';
--> statement-breakpoint
COMMENT ON COLUMN documents.recipients IS 'Nơi nhận';
--> statement-breakpoint
COMMENT ON COLUMN documents.summary IS 'Trích yếu';
--> statement-breakpoint
COMMENT ON TABLE document_links IS 'Văn bản liên quan đến nhiệm vụ, chỉ tiêu, báo cáo';
