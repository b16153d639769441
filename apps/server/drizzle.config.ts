import { defineConfig } from "drizzle-kit";

// Tables live beside their module; one migration history for all of them.
export default defineConfig({
  dialect: "postgresql",
  schema: "./src/modules/*/tables.ts",
  out: "./migrations",
});
