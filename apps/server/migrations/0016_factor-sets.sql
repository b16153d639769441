CREATE TABLE "factor_sets" (
	"version" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"description" text NOT NULL,
	"released_on" date NOT NULL,
	"loaded_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "factor_sets_version_check" CHECK ("factor_sets"."version" ~ '^[a-z0-9][a-z0-9.-]{1,59}$')
);
--> statement-breakpoint
CREATE TABLE "factor_values" (
	"set_version" text NOT NULL,
	"key" text NOT NULL,
	"value" double precision NOT NULL,
	"unit" text NOT NULL,
	"source" text NOT NULL,
	CONSTRAINT "factor_values_set_version_key_pk" PRIMARY KEY("set_version","key")
);
--> statement-breakpoint
ALTER TABLE "factor_values" ADD CONSTRAINT "factor_values_set_version_factor_sets_version_fk" FOREIGN KEY ("set_version") REFERENCES "public"."factor_sets"("version") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
COMMENT ON TABLE "factor_sets" IS 'Bộ hệ số phát thải: công bố một lần, không sửa; kết quả tính ghi phiên bản bộ hệ số đã dùng';
--> statement-breakpoint
COMMENT ON TABLE "factor_values" IS 'Hệ số phát thải: giá trị, đơn vị và nguồn (IPCC, Cục Biến đổi khí hậu)';
--> statement-breakpoint
-- A published set never changes: a result names its set, and must keep meaning what it meant.
CREATE FUNCTION px_factor_set_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'Bộ hệ số đã công bố không được sửa hoặc xóa: hãy công bố một phiên bản mới (factor sets are immutable)';
END $$;
--> statement-breakpoint
CREATE TRIGGER factor_sets_immutable BEFORE UPDATE OR DELETE ON "factor_sets" FOR EACH ROW EXECUTE FUNCTION px_factor_set_refuse_change();
--> statement-breakpoint
CREATE TRIGGER factor_values_immutable BEFORE UPDATE OR DELETE ON "factor_values" FOR EACH ROW EXECUTE FUNCTION px_factor_set_refuse_change();
--> statement-breakpoint
-- seed/factors/ipcc2019-vn-2023.json (factors.test.ts holds the two equal).
INSERT INTO "factor_sets" ("version", "name", "description", "released_on") VALUES ('ipcc2019-vn-2023', 'IPCC 2019 Tier 1, lưới điện Việt Nam 2023', 'Hệ số mặc định của IPCC 2019 (Refinement, Tập 4) cho lúa nước, N2O từ đất, urê; IPCC 2006 cho đốt phụ phẩm; GWP AR5 (mặc định) và AR6; hệ số phát thải lưới điện Việt Nam năm 2023 do Cục Biến đổi khí hậu công bố.', '2026-12-02');
--> statement-breakpoint
INSERT INTO "factor_values" ("set_version", "key", "value", "unit", "source") VALUES
  ('ipcc2019-vn-2023', 'rice.baseline.world', 1.19, 'kg CH4/ha/ngày', 'IPCC 2019 Refinement, Vol. 4, Ch. 5, Table 5.11 (world)'),
  ('ipcc2019-vn-2023', 'rice.baseline.south-east-asia', 1.22, 'kg CH4/ha/ngày', 'IPCC 2019 Refinement, Vol. 4, Ch. 5, Table 5.11 (South-East Asia)'),
  ('ipcc2019-vn-2023', 'rice.baseline.east-asia', 1.32, 'kg CH4/ha/ngày', 'IPCC 2019 Refinement, Vol. 4, Ch. 5, Table 5.11 (East Asia)'),
  ('ipcc2019-vn-2023', 'rice.baseline.south-asia', 0.85, 'kg CH4/ha/ngày', 'IPCC 2019 Refinement, Vol. 4, Ch. 5, Table 5.11 (South Asia)'),
  ('ipcc2019-vn-2023', 'rice.baseline.vietnam-north-early', 2.21, 'kg CH4/ha/ngày', 'Tirol-Padre et al. 2020, Climate 8(6):74 (36 sites in Vietnam): North, early season, continuously flooded'),
  ('ipcc2019-vn-2023', 'rice.baseline.vietnam-north-late', 3.89, 'kg CH4/ha/ngày', 'Tirol-Padre et al. 2020, Climate 8(6):74 (36 sites in Vietnam): North, late season, continuously flooded'),
  ('ipcc2019-vn-2023', 'rice.sfw.continuously_flooded', 1.0, 'hệ số', 'IPCC 2019 Refinement, Vol. 4, Ch. 5, Table 5.12 (continuously flooded)'),
  ('ipcc2019-vn-2023', 'rice.sfw.single_drainage', 0.71, 'hệ số', 'IPCC 2019 Refinement, Vol. 4, Ch. 5, Table 5.12 (single drainage period)'),
  ('ipcc2019-vn-2023', 'rice.sfw.multiple_drainage', 0.55, 'hệ số', 'IPCC 2019 Refinement, Vol. 4, Ch. 5, Table 5.12 (multiple drainage periods, incl. AWD)'),
  ('ipcc2019-vn-2023', 'rice.sfp.non_flooded_lt_180', 1.0, 'hệ số', 'IPCC 2019 Refinement, Vol. 4, Ch. 5, Table 5.13 (non-flooded pre-season < 180 days)'),
  ('ipcc2019-vn-2023', 'rice.sfp.non_flooded_gt_180', 0.89, 'hệ số', 'IPCC 2019 Refinement, Vol. 4, Ch. 5, Table 5.13 (non-flooded pre-season > 180 days)'),
  ('ipcc2019-vn-2023', 'rice.sfp.flooded_gt_30', 2.41, 'hệ số', 'IPCC 2019 Refinement, Vol. 4, Ch. 5, Table 5.13 (flooded pre-season > 30 days)'),
  ('ipcc2019-vn-2023', 'rice.sfp.non_flooded_gt_365', 0.59, 'hệ số', 'IPCC 2019 Refinement, Vol. 4, Ch. 5, Table 5.13 (non-flooded pre-season > 365 days)'),
  ('ipcc2019-vn-2023', 'rice.cfoa.straw_lt_30', 1.0, 'hệ số', 'IPCC 2019 Refinement, Vol. 4, Ch. 5, Table 5.14 (straw incorporated < 30 days before cultivation)'),
  ('ipcc2019-vn-2023', 'rice.cfoa.straw_gt_30', 0.19, 'hệ số', 'IPCC 2019 Refinement, Vol. 4, Ch. 5, Table 5.14 (straw incorporated > 30 days before cultivation)'),
  ('ipcc2019-vn-2023', 'rice.cfoa.compost', 0.17, 'hệ số', 'IPCC 2019 Refinement, Vol. 4, Ch. 5, Table 5.14 (compost)'),
  ('ipcc2019-vn-2023', 'rice.cfoa.farmyard_manure', 0.21, 'hệ số', 'IPCC 2019 Refinement, Vol. 4, Ch. 5, Table 5.14 (farmyard manure)'),
  ('ipcc2019-vn-2023', 'rice.cfoa.green_manure', 0.45, 'hệ số', 'IPCC 2019 Refinement, Vol. 4, Ch. 5, Table 5.14 (green manure)'),
  ('ipcc2019-vn-2023', 'rice.sfo.exponent', 0.59, 'số mũ', 'IPCC 2019 Refinement, Vol. 4, Ch. 5, Eq. 5.3'),
  ('ipcc2019-vn-2023', 'n2o.ef1fr.continuously_flooded', 0.003, 'kg N2O-N/kg N', 'IPCC 2019 Refinement, Vol. 4, Ch. 11, Table 11.1 (EF1FR, continuous flooding)'),
  ('ipcc2019-vn-2023', 'n2o.ef1fr.single_drainage', 0.005, 'kg N2O-N/kg N', 'IPCC 2019 Refinement, Vol. 4, Ch. 11, Table 11.1 (EF1FR, single and multiple drainage)'),
  ('ipcc2019-vn-2023', 'n2o.ef1fr.multiple_drainage', 0.005, 'kg N2O-N/kg N', 'IPCC 2019 Refinement, Vol. 4, Ch. 11, Table 11.1 (EF1FR, single and multiple drainage, incl. AWD)'),
  ('ipcc2019-vn-2023', 'n2o.frac_gasf', 0.11, 'kg N bay hơi/kg N', 'IPCC 2019 Refinement, Vol. 4, Ch. 11, Table 11.3 (FracGASF, aggregated)'),
  ('ipcc2019-vn-2023', 'n2o.frac_gasm', 0.21, 'kg N bay hơi/kg N', 'IPCC 2019 Refinement, Vol. 4, Ch. 11, Table 11.3 (FracGASM)'),
  ('ipcc2019-vn-2023', 'n2o.ef4', 0.01, 'kg N2O-N/kg N bay hơi', 'IPCC 2019 Refinement, Vol. 4, Ch. 11, Table 11.3 (EF4, aggregated)'),
  ('ipcc2019-vn-2023', 'n2o.frac_leach', 0.24, 'kg N rửa trôi/kg N', 'IPCC 2019 Refinement, Vol. 4, Ch. 11, Table 11.3 (FracLEACH-(H), wet climate)'),
  ('ipcc2019-vn-2023', 'n2o.ef5', 0.011, 'kg N2O-N/kg N rửa trôi', 'IPCC 2019 Refinement, Vol. 4, Ch. 11, Table 11.3 (EF5)'),
  ('ipcc2019-vn-2023', 'urea.carbon', 0.2, 't C/t urê', 'IPCC 2006, Vol. 4, Ch. 11, Eq. 11.13 (EF urea)'),
  ('ipcc2019-vn-2023', 'burning.cf.rice', 0.8, 'hệ số', 'IPCC 2006, Vol. 4, Ch. 2, Table 2.6 (combustion factor, rice residues)'),
  ('ipcc2019-vn-2023', 'burning.gef.ch4', 2.7, 'g CH4/kg chất khô', 'IPCC 2006, Vol. 4, Ch. 2, Table 2.5 (agricultural residues, CH4)'),
  ('ipcc2019-vn-2023', 'burning.gef.n2o', 0.07, 'g N2O/kg chất khô', 'IPCC 2006, Vol. 4, Ch. 2, Table 2.5 (agricultural residues, N2O)'),
  ('ipcc2019-vn-2023', 'gwp.AR5.ch4', 28.0, 'kg CO2e/kg', 'IPCC AR5 WG1, Ch. 8, Table 8.7 (GWP100, CH4)'),
  ('ipcc2019-vn-2023', 'gwp.AR5.n2o', 265.0, 'kg CO2e/kg', 'IPCC AR5 WG1, Ch. 8, Table 8.7 (GWP100, N2O)'),
  ('ipcc2019-vn-2023', 'gwp.AR6.ch4_non_fossil', 27.0, 'kg CO2e/kg', 'IPCC AR6 WG1, Ch. 7, Table 7.15 (GWP100, CH4 non-fossil)'),
  ('ipcc2019-vn-2023', 'gwp.AR6.n2o', 273.0, 'kg CO2e/kg', 'IPCC AR6 WG1, Ch. 7, Table 7.15 (GWP100, N2O)'),
  ('ipcc2019-vn-2023', 'energy.diesel', 2.886, 'kg CO2/lít', 'Từ hệ số mặc định IPCC 2006, Vol. 2 (diesel); cần đối chiếu bản gốc'),
  ('ipcc2019-vn-2023', 'energy.grid', 0.6592, 'kg CO2/kWh', 'Hệ số phát thải lưới điện Việt Nam năm 2023 (0,6592 tCO2/MWh), Cục Biến đổi khí hậu công bố');
