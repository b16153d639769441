-- Whole-number counting (issue 7, item 7): an indicator that counts whole things (vụ, hệ thống,
-- hộ…) takes whole numbers only. The kind of the existing indicators is derived from their unit
-- of measure, and that of their numerator/denominator from the numerator's label, by the same
-- rules as defaultValueKind and defaultPartsKind in packages/shared/src/value-kinds.ts.
-- Measurements already stored are real data and are left exactly as they are.
ALTER TABLE "indicators" ADD COLUMN "value_kind" text DEFAULT 'quantity' NOT NULL;--> statement-breakpoint
ALTER TABLE "indicators" ADD COLUMN "parts_kind" text;--> statement-breakpoint
UPDATE "indicators" SET "value_kind" = CASE
  WHEN btrim("unit_of_measure") = '%' THEN 'percent'
  WHEN lower(btrim("unit_of_measure")) IN ('vụ', 'hệ thống', 'hộ', 'hộ gia đình', 'mô hình', 'công trình', 'cơ sở', 'hồ sơ', 'bộ', 'tổ', 'tổ dân phố', 'khu dân cư', 'trường', 'doanh nghiệp', 'hợp tác xã', 'sản phẩm', 'người', 'lượt', 'lượt người', 'cuộc', 'buổi', 'lớp', 'đợt', 'văn bản', 'điểm', 'trạm', 'xe', 'chiếc', 'cái', 'cây') THEN 'count'
  ELSE 'quantity'
END;--> statement-breakpoint
UPDATE "indicators" SET "parts_kind" = CASE
  WHEN lower(btrim(substring("numerator_label" from '\(([^()]+)\)\s*$'))) IN ('vụ', 'hệ thống', 'hộ', 'hộ gia đình', 'mô hình', 'công trình', 'cơ sở', 'hồ sơ', 'bộ', 'tổ', 'tổ dân phố', 'khu dân cư', 'trường', 'doanh nghiệp', 'hợp tác xã', 'sản phẩm', 'người', 'lượt', 'lượt người', 'cuộc', 'buổi', 'lớp', 'đợt', 'văn bản', 'điểm', 'trạm', 'xe', 'chiếc', 'cái', 'cây') THEN 'count'
  WHEN substring("numerator_label" from '\(([^()]+)\)\s*$') IS NULL AND btrim("numerator_label") ~* '^số\s' THEN 'count'
  ELSE 'quantity'
END
WHERE "aggregation" = 'ratio_of_sums';--> statement-breakpoint
ALTER TABLE "indicators" ADD CONSTRAINT "indicators_value_kind_known" CHECK ("value_kind" IN ('count', 'quantity', 'percent'));--> statement-breakpoint
ALTER TABLE "indicators" ADD CONSTRAINT "indicators_parts_kind_known" CHECK ("parts_kind" IS NULL OR "parts_kind" IN ('count', 'quantity'));--> statement-breakpoint
COMMENT ON COLUMN "indicators"."value_kind" IS 'Loại giá trị: count (đếm, chỉ nhận số nguyên), quantity (đại lượng), percent (tỷ lệ %)';--> statement-breakpoint
COMMENT ON COLUMN "indicators"."parts_kind" IS 'Tử số, mẫu số đếm (count) hay đo (quantity); null khi chỉ tiêu không tính theo tỷ lệ';
