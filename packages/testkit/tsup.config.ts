import { defineConfig } from "tsup"

export default defineConfig({
  entry: ["src/index.ts", "src/arbitrariesEntry.ts"],
  format: ["esm", "cjs"],
  dts: true,
  sourcemap: true,
  clean: true,
  target: "node20"
})
