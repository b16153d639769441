import { z } from "zod";

/**
 * Dữ liệu mở (open data, issue 7): indicators, their measurements (per residential group, never
 * per person) and tasks, as CSV, JSON and XLSX at stable URLs, under CC BY 4.0.
 */
export const openDataDatasetNames = ["indicators", "measurements", "tasks"] as const;
export const openDataDatasetSchema = z.enum(openDataDatasetNames);
export type OpenDataDataset = z.infer<typeof openDataDatasetSchema>;

export const openDataFormats = ["csv", "json", "xlsx"] as const;
export const openDataFormatSchema = z.enum(openDataFormats);
export type OpenDataFormat = z.infer<typeof openDataFormatSchema>;

const bilingualSchema = z.object({ vi: z.string(), en: z.string() });
export type Bilingual = z.infer<typeof bilingualSchema>;

/** Types of the Frictionless Table Schema, so that tools that read it read ours. */
export const openDataFieldTypeSchema = z.enum(["string", "number", "integer", "date"]);

export const openDataFieldSchema = z.object({
  /** The column's name in CSV and XLSX, and the key in JSON rows. */
  name: z.string(),
  type: openDataFieldTypeSchema,
  description: bilingualSchema,
  /** Unit of the values ("%", "ngày"), or null when the field has none or it varies per row. */
  unit: z.string().nullable(),
});
export type OpenDataField = z.infer<typeof openDataFieldSchema>;

export const openDataLicenceSchema = z.object({
  id: z.literal("CC-BY-4.0"),
  name: z.string(),
  url: z.string(),
  attribution: z.string(),
});

export const openDataWardSchema = z.object({ code: z.string(), name: z.string(), province: z.string() });

/** What every file says about itself: JSON carries it as `meta`. */
export const openDataMetaSchema = z.object({
  dataset: openDataDatasetSchema,
  licence: openDataLicenceSchema,
  /** The publisher and system the data comes from. */
  source: z.string(),
  /** The latest change of the data in this dataset (ISO 8601), null when it has none yet. */
  lastUpdated: z.string().nullable(),
  ward: openDataWardSchema,
  isDemo: z.boolean(),
});

export const openDataCellSchema = z.union([z.string(), z.number(), z.null()]);
export const openDataRowsSchema = z.object({
  meta: openDataMetaSchema,
  rows: z.array(z.record(z.string(), openDataCellSchema)),
});
export type OpenDataRows = z.infer<typeof openDataRowsSchema>;

export const openDataDictionarySchema = z.object({
  meta: z.object({
    licence: openDataLicenceSchema,
    source: z.string(),
    /** When the dictionary itself (the fields) last changed. */
    lastUpdated: z.string(),
    ward: openDataWardSchema,
  }),
  /** How each format carries its licence and "last updated". */
  formats: z.array(z.object({ format: openDataFormatSchema, mediaType: z.string(), notes: bilingualSchema })),
  datasets: z.array(
    z.object({
      name: openDataDatasetSchema,
      title: bilingualSchema,
      description: bilingualSchema,
      fields: z.array(openDataFieldSchema),
    }),
  ),
});
export type OpenDataDictionary = z.infer<typeof openDataDictionarySchema>;

export const openDataCatalogueSchema = z.object({
  title: bilingualSchema,
  publisher: openDataWardSchema,
  licence: openDataLicenceSchema,
  isDemo: z.boolean(),
  /** The latest change of any dataset. */
  lastUpdated: z.string().nullable(),
  datasets: z.array(
    z.object({
      name: openDataDatasetSchema,
      title: bilingualSchema,
      description: bilingualSchema,
      rows: z.number().int(),
      lastUpdated: z.string().nullable(),
      /** Paths relative to the server, with the ward: stable addresses to link to. */
      distributions: z.array(z.object({ format: openDataFormatSchema, mediaType: z.string(), url: z.string() })),
    }),
  ),
  dictionaryUrl: z.string(),
  /** The OpenAPI description of the whole API, and its browsable docs. */
  openApiUrl: z.string(),
  apiDocsUrl: z.string(),
});
export type OpenDataCatalogue = z.infer<typeof openDataCatalogueSchema>;
