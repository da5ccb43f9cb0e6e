// Lint rules. The core must stay pure: no I/O, no clock and no randomness in packages/core/src,
// so every rule there is testable at any date. These rules enforce that instead of convention.
import tseslint from "typescript-eslint"

const nodeBuiltins = [
  "assert", "async_hooks", "buffer", "child_process", "cluster", "crypto", "dgram", "dns", "events", "fs",
  "fs/promises", "http", "http2", "https", "inspector", "module", "net", "os", "path", "perf_hooks", "process",
  "readline", "repl", "stream", "string_decoder", "timers", "tls", "tty", "url", "util", "v8", "vm", "worker_threads",
  "zlib"
]

export const purityRules = {
  "no-restricted-imports": [
    "error",
    {
      patterns: [
        { group: ["node:*"], message: "The core does no I/O: Node built-ins belong in adapter packages." },
        { group: ["@effect/platform*", "@effect/sql*", "pg", "better-sqlite3", "kysely", "undici", "axios"], message: "The core does no I/O: I/O packages belong in adapter packages." }
      ],
      paths: nodeBuiltins.map((name) => ({ name, message: "The core does no I/O: Node built-ins belong in adapter packages." }))
    }
  ],
  "no-restricted-globals": [
    "error",
    { name: "process", message: "The core reads no environment: pass configuration in." },
    { name: "performance", message: "The core reads no clock: pass \"now\" in." },
    { name: "crypto", message: "The core makes no random values: ids come from the IdGenerator port." },
    { name: "fetch", message: "The core does no I/O." },
    { name: "require", message: "The core imports statically." },
    { name: "setTimeout", message: "The core schedules nothing." },
    { name: "setInterval", message: "The core schedules nothing." }
  ],
  "no-restricted-properties": [
    "error",
    { object: "Date", property: "now", message: "The core reads no clock: pass \"now\" in." },
    { object: "Math", property: "random", message: "The core makes no random values." },
    { object: "DateTime", property: "now", message: "The core reads no clock: pass \"now\" in." },
    { object: "DateTime", property: "unsafeNow", message: "The core reads no clock: pass \"now\" in." }
  ],
  "no-restricted-syntax": [
    "error",
    { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: "The core reads no clock: `new Date()` without an argument reads it; pass \"now\" in." },
    { selector: "CallExpression[callee.name='Date']", message: "The core reads no clock: `Date()` returns the current time." },
    { selector: "ImportExpression", message: "The core imports statically." }
  ]
}

export default tseslint.config(
  {
    ignores: ["**/node_modules/**", "**/dist/**", "docs/api/**", "coverage/**", ".stryker-tmp/**", "reports/**", "data/**", "**/*.cjs"]
  },
  {
    files: ["**/*.{ts,tsx,js,mjs}"],
    languageOptions: { parser: tseslint.parser, ecmaVersion: 2023, sourceType: "module" },
    plugins: { "@typescript-eslint": tseslint.plugin },
    rules: {
      "no-debugger": "error",
      "no-var": "error",
      "prefer-const": "error",
      "eqeqeq": ["error", "always"],
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }]
    }
  },
  {
    files: ["packages/core/src/**/*.ts"],
    rules: purityRules
  },
  {
    files: ["packages/*/src/**/*.{ts,tsx}"],
    rules: {
      "no-console": "error"
    }
  }
)
