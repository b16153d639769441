import { defineConfig, loadEnv, type Plugin } from "vite";
import react from "@vitejs/plugin-react";

/**
 * packages/shared re-exports zod schemas and pure helpers from one index. Marking its built
 * modules side-effect free lets the public chunk take `foldVietnamese`, `formatDateVi`… without
 * dragging zod and every schema along (they stay in the staff chunks that validate responses).
 */
function sharedIsSideEffectFree(): Plugin {
  return {
    name: "phuong-xanh:shared-side-effect-free",
    transform(code, id) {
      if (!id.replace(/\\/g, "/").includes("/packages/shared/dist/")) return null;
      return { code, map: null, moduleSideEffects: false };
    },
  };
}

export default defineConfig(({ mode }) => {
  // PX_API_TARGET=http://localhost:3100 npx vite — to develop against a server on another port.
  const env = loadEnv(mode, ".", "PX_");
  const apiTarget = env.PX_API_TARGET ?? "http://localhost:3000";
  return {
    plugins: [react(), sharedIsSideEffectFree()],
    server: {
      port: 5173,
      proxy: { "/api": { target: apiTarget, changeOrigin: false } },
    },
    build: {
      outDir: "dist",
      emptyOutDir: true,
      sourcemap: false,
      // The echarts chunk (~530 kB, ~180 kB gzip) loads only on an indicator's page.
      chunkSizeWarningLimit: 1200,
    },
  };
});
