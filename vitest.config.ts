import { fileURLToPath } from "node:url"
import { defineConfig } from "vitest/config"

const packages = [
  "core",
  "store-sql",
  "store-sqlite",
  "store-postgres",
  "store-memory",
  "testkit",
  "services",
  "auth",
  "render-html",
  "render-pdf",
  "ss12000"
]

// Tests run against the sources, so `npm test` needs no build step first.
const alias = Object.fromEntries(
  packages.map((name) => [
    `@iupkit/${name}`,
    fileURLToPath(new URL(`./packages/${name}/src/index.ts`, import.meta.url))
  ])
)

export default defineConfig({
  resolve: { alias },
  esbuild: { jsx: "automatic", jsxImportSource: "preact" },
  test: {
    include: ["packages/*/test/**/*.test.{ts,tsx}", "examples/*/test/**/*.test.ts", "test/**/*.test.ts"],
    exclude: ["**/node_modules/**", "**/dist/**"],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: "forks",
    globalSetup: ["./test/support/global-setup.ts"]
  }
})
