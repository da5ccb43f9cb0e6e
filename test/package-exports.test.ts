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
}

const readPackage = (name: string): PackageJson =>
  JSON.parse(readFileSync(join(packagesDir, name, "package.json"), "utf8")) as PackageJson

describe("package exports", () => {
  it.each(packageNames)("%s declares ESM, CJS and types", (name) => {
    const pkg = readPackage(name)
    expect(pkg.name).toBe(`@iupkit/${name}`)
    expect(pkg.files).toEqual(["dist"])
    expect(pkg.exports?.["."]).toEqual({
      import: { types: "./dist/index.d.ts", default: "./dist/index.js" },
      require: { types: "./dist/index.d.cts", default: "./dist/index.cjs" }
    })
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
    const declared = new Set(Object.keys(pkg.dependencies ?? {}))
    // A package missing from dependencies would be bundled into dist by tsup, or fail for users.
    const missing = [...imported].filter((dependency) => !declared.has(dependency) && dependency !== "preact/jsx-runtime")
    expect(missing).toEqual([])
  })

  const built = packageNames.filter((name) => existsSync(join(packagesDir, name, "dist", "index.cjs")))
  if (built.length < packageNames.length) {
    console.log(`package exports: ${packageNames.length - built.length} package(s) not built; run \`npm run build\` to check their dist files too`)
  }

  it.each(built)("%s loads the same names from ESM and CJS", async (name) => {
    const require = createRequire(join(packagesDir, name, "package.json"))
    const cjs = require(join(packagesDir, name, "dist", "index.cjs")) as Record<string, unknown>
    const esm = (await import(pathToFileURL(join(packagesDir, name, "dist", "index.js")).href)) as Record<string, unknown>
    expect(Object.keys(cjs).filter((key) => key !== "__esModule").sort()).toEqual(Object.keys(esm).filter((key) => key !== "default").sort())
  })
})
