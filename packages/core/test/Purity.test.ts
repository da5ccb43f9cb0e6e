import { ESLint } from "eslint"
import { fileURLToPath } from "node:url"
import { beforeAll, describe, expect, it } from "vitest"

// The lint rules that keep the core free of I/O, clocks and randomness, run on snippets as if
// they were source files of the core.
const repositoryRoot = fileURLToPath(new URL("../../../", import.meta.url))
const coreSourcePath = fileURLToPath(new URL("../src/Probe.ts", import.meta.url))
const adapterSourcePath = fileURLToPath(new URL("../../store-memory/src/Probe.ts", import.meta.url))

let eslint: ESLint

beforeAll(() => {
  eslint = new ESLint({ cwd: repositoryRoot, overrideConfigFile: fileURLToPath(new URL("../../../eslint.config.js", import.meta.url)) })
})

const problems = async (code: string, filePath = coreSourcePath) => {
  const [result] = await eslint.lintText(code, { filePath })
  return (result?.messages ?? []).map((message) => ({ rule: message.ruleId, line: message.line, text: message.message }))
}

describe("core purity lint", () => {
  const impure: ReadonlyArray<{ name: string; code: string; rule: string; says: string }> = [
    { name: "node:fs import", code: "import { readFileSync } from \"node:fs\"\nexport const read = () => readFileSync(\"x\")\n", rule: "no-restricted-imports", says: "Node built-ins" },
    { name: "bare fs import", code: "import * as fs from \"fs\"\nexport const exists = fs.existsSync\n", rule: "no-restricted-imports", says: "Node built-ins" },
    { name: "I/O package import", code: "import pg from \"pg\"\nexport const client = pg\n", rule: "no-restricted-imports", says: "I/O packages" },
    { name: "Date.now call", code: "export const now = () => Date.now()\n", rule: "no-restricted-properties", says: "reads no clock" },
    { name: "new Date without argument", code: "export const now = () => new Date()\n", rule: "no-restricted-syntax", says: "reads no clock" },
    { name: "Date call", code: "export const now = () => Date()\n", rule: "no-restricted-syntax", says: "current time" },
    { name: "Math.random call", code: "export const roll = () => Math.random()\n", rule: "no-restricted-properties", says: "no random values" },
    { name: "DateTime.unsafeNow call", code: "import { DateTime } from \"effect\"\nexport const now = () => DateTime.unsafeNow()\n", rule: "no-restricted-properties", says: "reads no clock" },
    { name: "process access", code: "export const zone = () => process.env.TZ\n", rule: "no-restricted-globals", says: "reads no environment" },
    { name: "performance access", code: "export const tick = () => performance.now()\n", rule: "no-restricted-globals", says: "reads no clock" },
    { name: "crypto access", code: "export const id = () => crypto.randomUUID()\n", rule: "no-restricted-globals", says: "random values" },
    { name: "dynamic import", code: "export const load = () => import(\"./Other.js\")\n", rule: "no-restricted-syntax", says: "imports statically" }
  ]

  for (const example of impure) {
    it(`reports ${example.name}`, async () => {
      const found = await problems(example.code)
      expect(found.map((problem) => problem.rule)).toContain(example.rule)
      expect(found.find((problem) => problem.rule === example.rule)?.text).toContain(example.says)
    })
  }

  it("passes a pure module", async () => {
    const pure = [
      "import { DateTime, Schema } from \"effect\"",
      "import { defaultTimeZone } from \"./Time.js\"",
      "",
      "export const Answer = Schema.Number",
      "export const dayOf = (now: DateTime.Utc) => DateTime.toParts(DateTime.setZone(now, defaultTimeZone)).day",
      "export const fromMillis = (millis: number) => new Date(millis)",
      "export const half = (n: number) => Math.floor(n / 2)",
      ""
    ].join("\n")
    expect(await problems(pure)).toEqual([])
  })

  it("allows the same calls outside the core", async () => {
    expect(await problems("export const now = () => Date.now()\n", adapterSourcePath)).toEqual([])
  })

  it("checks the core's real sources", async () => {
    const results = await eslint.lintFiles(["packages/core/src/**/*.ts"])
    expect(results.length).toBeGreaterThan(10)
    expect(results.flatMap((result) => result.messages.map((m) => `${result.filePath}:${m.line} ${m.message}`))).toEqual([])
  })
})
