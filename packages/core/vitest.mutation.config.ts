// Vitest settings for mutation testing: only the core's own tests, and not the lint test, because
// the instrumented sources Stryker writes are not meant to pass the purity lint. Property tests
// run 100 cases instead of 1,000, so about a thousand mutants fit in well under an hour.
import { defineConfig } from "vitest/config"

export default defineConfig({
  test: {
    include: ["packages/core/test/**/*.test.ts"],
    exclude: ["**/node_modules/**", "packages/core/test/Purity.test.ts"],
    testTimeout: 60_000,
    env: { IUPKIT_PROPERTY_RUNS: "100" }
  }
})
