import { defineConfig } from "tsup"

export default defineConfig({
  entry: ["src/index.ts"],
  format: ["esm", "cjs"],
  dts: true,
  sourcemap: true,
  clean: true,
  target: "node20",
  // Provides import.meta.url in the CommonJS build, which locates bundled assets and fonts.
  shims: true
})
