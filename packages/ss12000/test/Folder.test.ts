import { DirectoryWriter, emptyRoster, layerMemoryDirectory, type PersonId, Directory } from "@iupkit/core"
import { describe, expect, it } from "@effect/vitest"
import { Effect, Layer, Option } from "effect"
import { cpSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { apiSource, folderSource, fullImport, incrementalSync, layerFileCache, layerMemoryCache, Ss12000Cache } from "../src/index.js"
import { loadFolder } from "./support/MockServer.js"
import { adult, day, importLayer, pupil, schoolFolder, skolverketFolder, startMockServer } from "./support/school.js"

// A scratch folder removed when the test's scope closes.
const scratch = Effect.acquireRelease(
  Effect.sync(() => mkdtempSync(join(tmpdir(), "iupkit-ss12000-"))),
  (folder) => Effect.sync(() => rmSync(folder, { recursive: true, force: true }))
)

const schoolCopy = Effect.map(scratch, (folder) => {
  cpSync(schoolFolder, folder, { recursive: true })
  return folder
})

const memoryLayer = Layer.merge(layerMemoryDirectory(emptyRoster), layerMemoryCache)
const snapshot = Effect.flatMap(DirectoryWriter, (writer) => writer.snapshot())

describe("folder import", () => {
  it.scopedLive("gives the same roster as the API", () =>
    Effect.gen(function*() {
      const server = yield* startMockServer
      const fromApi = yield* Effect.zipRight(fullImport(apiSource), snapshot).pipe(Effect.provide(importLayer(server.url)))
      const fromFolder = yield* Effect.zipRight(fullImport(folderSource(schoolFolder)), snapshot).pipe(Effect.provide(memoryLayer))
      expect(fromFolder).toEqual(fromApi)
      expect(fromFolder.people.length).toBe(9)
    }))

  it.scoped("names a missing file", () =>
    Effect.gen(function*() {
      const folder = yield* schoolCopy
      rmSync(join(folder, "duties.json"))
      const error = yield* Effect.flip(fullImport(folderSource(folder)).pipe(Effect.provide(memoryLayer)))
      expect(error._tag).toBe("Ss12000FileError")
      expect(error.message).toContain(join(folder, "duties.json"))
      expect(error.message).toContain("the file is missing")
    }))

  it.scoped("names a file that is not JSON", () =>
    Effect.gen(function*() {
      const folder = yield* schoolCopy
      writeFileSync(join(folder, "groups.json"), "{ data: [")
      const error = yield* Effect.flip(fullImport(folderSource(folder)).pipe(Effect.provide(memoryLayer)))
      expect(error._tag).toBe("Ss12000FileError")
      expect(error.message).toContain("not valid JSON")
    }))

  it.scoped("rejects a file holding one page of several", () =>
    Effect.gen(function*() {
      const folder = yield* schoolCopy
      writeFileSync(join(folder, "syllabuses.json"), JSON.stringify({ data: [], pageToken: "next" }))
      const error = yield* Effect.flip(fullImport(folderSource(folder)).pipe(Effect.provide(memoryLayer)))
      expect(error._tag).toBe("Ss12000PayloadError")
      expect(error.message).toContain("$.pageToken")
    }))

  it.scoped("applies a folder of changes and removals", () =>
    Effect.gen(function*() {
      const changes = yield* scratch
      const persons = loadFolder(schoolFolder).persons
      const maja = { ...persons.find((person) => person.id === pupil.maja)!, familyName: "Åberg" }
      writeFileSync(join(changes, "persons.json"), JSON.stringify({ data: [maja] }))
      writeFileSync(join(changes, "deletedEntities.json"), JSON.stringify({ data: { persons: [pupil.noah] } }))

      yield* Effect.gen(function*() {
        yield* fullImport(folderSource(schoolFolder))
        const report = yield* incrementalSync(folderSource(changes))
        expect(report.objectsRead).toBe(1)
        expect(report.removalsRead).toBe(1)
        const directory = yield* Directory
        const person = yield* directory.person(pupil.maja as PersonId)
        expect(Option.map(person, (p) => p.familyName)).toEqual(Option.some("Åberg"))
        expect(Option.isNone(yield* directory.person(pupil.noah as PersonId))).toBe(true)
        expect(yield* directory.guardiansOf(pupil.maja as PersonId, day)).toEqual([adult.ali])
      }).pipe(Effect.provide(memoryLayer))
    }))

  it.scoped("never shows a rejected name", () =>
    Effect.gen(function*() {
      const folder = yield* schoolCopy
      const persons = loadFolder(schoolFolder).persons
      persons[1] = { ...persons[1]!, familyName: "X".repeat(201) }
      writeFileSync(join(folder, "persons.json"), JSON.stringify({ data: persons }))
      const error = yield* Effect.flip(fullImport(folderSource(folder)).pipe(Effect.provide(memoryLayer)))
      expect(error._tag).toBe("Ss12000PayloadError")
      expect(error.message).toContain("at $.data[1].familyName: must be at most 200 characters")
      expect(error.message).toContain("(got a string of 201 characters, not shown)")
      expect(error.message).not.toContain("XXX")
    }))
})

describe("file cache", () => {
  it.scoped("survives a restart of the host", () =>
    Effect.gen(function*() {
      const folder = yield* scratch
      const changes = yield* scratch
      const cacheFile = join(folder, "cache", "ss12000.json")
      const first = yield* Effect.zipRight(fullImport(folderSource(schoolFolder)), snapshot).pipe(
        Effect.provide(Layer.merge(layerMemoryDirectory(emptyRoster), layerFileCache(cacheFile)))
      )
      expect(statSync(cacheFile).mode & 0o777).toBe(0o600)

      // A new process: an empty directory, the same cache file, and a change folder with nothing in it.
      const report = yield* incrementalSync(folderSource(changes)).pipe(
        Effect.provide(Layer.merge(layerMemoryDirectory(emptyRoster), layerFileCache(cacheFile)))
      )
      expect(report.mode).toBe("incremental")
      expect(report.roster.people).toBe(first.people.length)
      expect(report.roster.mentorships).toBe(first.mentorships.length)
    }))

  it.scoped("rejects a damaged cache file", () =>
    Effect.gen(function*() {
      const folder = yield* scratch
      const cacheFile = join(folder, "ss12000.json")
      writeFileSync(cacheFile, JSON.stringify({ format: "iupkit-ss12000-cache", version: 1, syncedAt: "yesterday", data: {} }))
      const error = yield* Effect.flip(Effect.flatMap(Ss12000Cache, (cache) => cache.load()).pipe(Effect.provide(layerFileCache(cacheFile))))
      expect(error._tag).toBe("StorageError")
      expect(error.message).toContain("delete it and run a full import")
    }))

  it.scoped("starts empty without a file", () =>
    Effect.gen(function*() {
      const folder = yield* scratch
      const loaded = yield* Effect.flatMap(Ss12000Cache, (cache) => cache.load()).pipe(
        Effect.provide(layerFileCache(join(folder, "none.json")))
      )
      expect(Option.isNone(loaded)).toBe(true)
    }))
})

describe("Skolverket's subset", () => {
  const sample = (name: string) => JSON.parse(readFileSync(join(skolverketFolder, name), "utf8")) as Record<string, unknown>

  const importWith = (file: string, body: unknown) =>
    Effect.gen(function*() {
      const folder = yield* schoolCopy
      writeFileSync(join(folder, file), JSON.stringify(body))
      return yield* Effect.flip(fullImport(folderSource(folder)).pipe(Effect.provide(memoryLayer)))
    })

  it.scoped("rejects its list wrapper", () =>
    Effect.gen(function*() {
      const error = yield* importWith("persons.json", { persons: [sample("person.json")] })
      expect(error._tag).toBe("Ss12000PayloadError")
      expect(error.message).toContain("at $.persons")
      expect(error.message).toContain("Skolverket's SS 12000 subset")
      expect(error.message).toContain(`Expected an SS 12000 v2.1 list: {"data": [Person, ...], "pageToken": string or null}`)
    }))

  it.scoped("rejects a single sample object", () =>
    Effect.gen(function*() {
      const error = yield* importWith("groups.json", sample("group_json.json"))
      expect(error.message).toContain("is a single object, not a list of Group objects")
    }))

  it.scoped("names the fields its objects lack", () =>
    Effect.gen(function*() {
      const cases = [
        ["persons.json", "person.json", "Person"],
        ["groups.json", "group_json.json", "Group"],
        ["activities.json", "activity.json", "Activity"]
      ] as const
      for (const [file, name, type] of cases) {
        const error = yield* importWith(file, { data: [sample(name)] })
        expect(error._tag).toBe("Ss12000PayloadError")
        expect(error.message).toContain("at $.data[0].meta: is required")
        expect(error.message).toContain(`Expected an SS 12000 v2.1 ${type} object`)
      }
    }))
})
