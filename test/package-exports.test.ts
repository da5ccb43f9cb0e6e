// Every published package must be consumable from both module systems with types, because
// vendors embed iupkit in ESM and CommonJS hosts alike.
import { existsSync, readdirSync, readFileSync } from "node:fs"
import { createRequire } from "node:module"
import { join } from "node:path"
import { pathToFileURL } from "node:url"
import { describe, expect, it } from "vitest"

const root = join(import.meta.dirname, "..")
const packagesDir = join(root, "packages")
const packageNames = readdirSync(packagesDir).filter((name) => existsSync(join(packagesDir, name, "package.json")))

interface PackageJson {
  readonly name: string
  readonly files?: ReadonlyArray<string>
  readonly exports?: Record<string, unknown>
  readonly dependencies?: Record<string, string>
  readonly peerDependencies?: Record<string, string>
}

// The testkit's conformance suite registers vitest tests, and vitest cannot be loaded with
// require(), so its main entry is ESM only; its arbitraries are published for both systems.
const esmOnlyMainEntry = new Set(["testkit"])

interface EntryConditions {
  readonly import?: { readonly types: string; readonly default: string }
  readonly require?: { readonly types: string; readonly default: string }
}

const entriesOf = (pkg: PackageJson): ReadonlyArray<[string, EntryConditions]> =>
  // Plain string targets (package.json, asset folders) are files, not module entries.
  Object.entries(pkg.exports ?? {}).filter(([, target]) => typeof target === "object" && target !== null) as Array<
    [string, EntryConditions]
  >

const readPackage = (name: string): PackageJson =>
  JSON.parse(readFileSync(join(packagesDir, name, "package.json"), "utf8")) as PackageJson

describe("package exports", () => {
  it.each(packageNames)("%s declares ESM, CJS and types", (name) => {
    const pkg = readPackage(name)
    expect(pkg.name).toBe(`@iupkit/${name}`)
    expect(pkg.files).toContain("dist")
    expect(pkg.exports?.["."]).toMatchObject({ import: { types: "./dist/index.d.ts", default: "./dist/index.js" } })
    for (const [subpath, conditions] of entriesOf(pkg)) {
      expect(conditions.import?.default, `${subpath} import`).toMatch(/^\.\/dist\/.+\.js$/)
      expect(conditions.import?.types, `${subpath} import types`).toMatch(/^\.\/dist\/.+\.d\.ts$/)
      if (subpath === "." && esmOnlyMainEntry.has(name)) {
        expect(conditions.require, `${subpath} require`).toBeUndefined()
        continue
      }
      expect(conditions.require?.default, `${subpath} require`).toMatch(/^\.\/dist\/.+\.cjs$/)
      expect(conditions.require?.types, `${subpath} require types`).toMatch(/^\.\/dist\/.+\.d\.cts$/)
    }
  })

  it.each(packageNames)("%s lists every package it imports", (name) => {
    const pkg = readPackage(name)
    const sources = readdirSync(join(packagesDir, name, "src"), { recursive: true, encoding: "utf8" })
      .filter((file) => /\.tsx?$/.test(file))
      .map((file) => readFileSync(join(packagesDir, name, "src", file), "utf8"))
    const imported = new Set<string>()
    for (const source of sources) {
      for (const match of source.matchAll(/^\s*(?:import|export)[^'"]*?from\s+["']([^"'.][^"']*)["']/gm)) {
        const specifier = match[1]!
        if (specifier.startsWith("node:")) continue
        const parts = specifier.split("/")
        imported.add(specifier.startsWith("@") ? `${parts[0]}/${parts[1]}` : parts[0]!)
      }
    }
    const declared = new Set([...Object.keys(pkg.dependencies ?? {}), ...Object.keys(pkg.peerDependencies ?? {})])
    // A package missing from dependencies would be bundled into dist by tsup, or fail for users.
    const missing = [...imported].filter((dependency) => !declared.has(dependency) && dependency !== "preact/jsx-runtime")
    expect(missing).toEqual([])
  })

  const built = packageNames.filter((name) => existsSync(join(packagesDir, name, "dist", "index.js")))
  if (built.length < packageNames.length) {
    console.log(`package exports: ${packageNames.length - built.length} package(s) not built; run \`npm run build\` to check their dist files too`)
  }

  it.each(built)("%s loads the same names from ESM and CJS", async (name) => {
    const pkg = readPackage(name)
    const require = createRequire(join(packagesDir, name, "package.json"))
    for (const [subpath, conditions] of entriesOf(pkg)) {
      if (conditions.require === undefined || conditions.import === undefined) continue
      const cjs = require(join(packagesDir, name, conditions.require.default)) as Record<string, unknown>
      const esm = (await import(pathToFileURL(join(packagesDir, name, conditions.import.default)).href)) as Record<string, unknown>
      const cjsNames = Object.keys(cjs).filter((key) => key !== "__esModule").sort()
      const esmNames = Object.keys(esm).filter((key) => key !== "default").sort()
      expect(cjsNames, subpath).toEqual(esmNames)
    }
  })
})
