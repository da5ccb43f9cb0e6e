import { defineConfig } from "tsup"

// Both builds write to dist, so the build script empties it first instead of letting each clean it.
export default defineConfig([
  // The conformance suite registers vitest tests, and vitest cannot be loaded with require(), so
  // the main entry is ESM only.
  {
    entry: ["src/index.ts"],
    format: ["esm"],
    dts: true,
    sourcemap: true,
    target: "node20"
  },
  {
    entry: ["src/arbitrariesEntry.ts"],
    format: ["esm", "cjs"],
    dts: true,
    sourcemap: true,
    target: "node20"
  }
])
