import {
  canReadPlan,
  Directory,
  DirectoryWriter,
  emptyRoster,
  type OrganisationId,
  type PersonId,
  relationsToPupil,
  type Roster
} from "@iupkit/core"
import { describe, expect, it } from "@effect/vitest"
import { Effect, Option } from "effect"
import { apiSource, changesAfter, emptyData, fullImport, incrementalSync, Ss12000Cache, type Ss12000Data } from "../src/index.js"
import { activity, adult, day, duty, group, importLayer, org, pupil, staff, startMockServer, token } from "./support/school.js"


const sorted = (ids: ReadonlyArray<string>) => [...ids].sort()
const id = (value: string) => value as PersonId

const mentorReadsUnpublishedPlan = (mentor: string, pupilId: string) =>
  Effect.gen(function*() {
    const directory = yield* Directory
    const actor = yield* directory.actorFacts(id(mentor), day)
    const facts = yield* directory.pupilFacts(id(pupilId), day)
    return canReadPlan(relationsToPupil(actor, facts), { published: false })
  })

describe("full import from the API", () => {
  it.scopedLive("builds the organisation tree, pupils and relations", () =>
    Effect.gen(function*() {
      const server = yield* startMockServer
      yield* Effect.gen(function*() {
        const report = yield* fullImport(apiSource)
        const directory = yield* Directory

        expect(report.mode).toBe("full")
        expect(report.skipped).toEqual([])
        const organisations = yield* directory.organisations()
        expect(organisations.find((o) => o.id === org.unit)?.parentId).toBe(org.school)
        expect(organisations.find((o) => o.id === org.school)?.parentId).toBe(org.municipality)
        expect(sorted(yield* directory.pupilsOfOrganisation(org.municipality as OrganisationId, day))).toEqual(
          sorted([pupil.alva, pupil.elias, pupil.maja, pupil.noah])
        )

        expect(sorted(yield* directory.mentorsOf(id(pupil.alva), day))).toEqual(sorted([staff.karin, staff.johan]))
        expect(yield* directory.mentorsOf(id(pupil.maja), day)).toEqual([staff.karin])
        expect(yield* directory.mentorsOf(id(pupil.noah), day)).toEqual([])
        expect(yield* directory.mentorsOf(id(pupil.noah), "2025-12-31" as never)).toEqual([staff.karin])

        expect(yield* directory.guardiansOf(id(pupil.alva), day)).toEqual([adult.sara])
        expect(sorted(yield* directory.childrenOf(id(adult.ali), day))).toEqual(sorted([pupil.elias, pupil.maja]))

        const elias = yield* directory.person(id(pupil.elias))
        expect(Option.map(elias, (p) => p.protection)).toEqual(Option.some("protectedRegistration"))
        const ali = yield* directory.person(id(adult.ali))
        expect(Option.map(ali, (p) => p.protection)).toEqual(Option.some("confidential"))

        const johansCourses = yield* directory.coursesOfTeacher(id(staff.johan), day)
        expect(johansCourses).toEqual([{ id: activity.math, name: "Matematik 7A", organisationId: org.unit, subjectCode: "GRGRMAT01" }])
        expect(sorted(yield* directory.pupilsOfCourse(activity.math as never, day))).toEqual(sorted([pupil.alva, pupil.elias]))
        expect(sorted(yield* directory.pupilsOfCourse(activity.math as never, "2026-01-31" as never))).toEqual(
          sorted([pupil.alva, pupil.elias, pupil.maja])
        )
        expect(Option.isNone(yield* directory.course(activity.mentorTime as never))).toBe(true)
      }).pipe(Effect.provide(importLayer(server.url)))

      // Pages of two objects: every list was read page by page, later pages by token alone.
      const personRequests = server.requests.filter((request) => request.path === "/persons")
      expect(personRequests.length).toBe(5)
      expect(personRequests.slice(1).every((request) => [...request.params.keys()].sort().join() === "limit,pageToken")).toBe(true)
      expect(server.requests.every((request) => request.authorization === `Bearer ${token}`)).toBe(true)
    }))

  it.scopedLive("keeps the host's administrators", () =>
    Effect.gen(function*() {
      const server = yield* startMockServer
      const host: Roster = {
        ...emptyRoster,
        people: [{ id: id("host-admin-1"), givenName: "Vera", familyName: "Admin", protection: "none" }],
        administrations: [{ personId: id("host-admin-1"), scope: { _tag: "site" }, startDate: "2025-01-01" as never, endDate: null }]
      }
      const roster = yield* Effect.gen(function*() {
        yield* fullImport(apiSource)
        return yield* Effect.flatMap(DirectoryWriter, (writer) => writer.snapshot())
      }).pipe(Effect.provide(importLayer(server.url, host)))
      expect(roster.administrations).toEqual(host.administrations)
      expect(roster.people.some((person) => person.id === "host-admin-1")).toBe(true)
    }))
})

describe("administrators from the host", () => {
  it.scopedLive("replaces them when given", () =>
    Effect.gen(function*() {
      const server = yield* startMockServer
      const old: Roster = {
        ...emptyRoster,
        administrations: [{ personId: id("someone-else"), scope: { _tag: "site" }, startDate: "2025-01-01" as never, endDate: null }]
      }
      const given = [
        { personId: id(staff.karin), scope: { _tag: "organisation" as const, organisationId: org.unit as OrganisationId }, startDate: "2025-08-01" as never, endDate: null }
      ]
      const roster = yield* Effect.gen(function*() {
        yield* fullImport(apiSource, { administrations: given })
        const directory = yield* Directory
        const karin = yield* directory.actorFacts(id(staff.karin), day)
        expect([...karin.administeredOrganisationIds]).toEqual([org.unit])
        return yield* Effect.flatMap(DirectoryWriter, (writer) => writer.snapshot())
      }).pipe(Effect.provide(importLayer(server.url, old)))
      expect(roster.administrations).toEqual(given)
    }))
})

describe("incremental sync from the API", () => {
  it.scopedLive("applies changes and removals", () =>
    Effect.gen(function*() {
      const server = yield* startMockServer
      yield* Effect.gen(function*() {
        yield* fullImport(apiSource)
        const directory = yield* Directory
        expect(yield* mentorReadsUnpublishedPlan(staff.johan, pupil.elias)).toBe(true)
        server.requests.length = 0

        server.update("persons", pupil.maja, (maja) => {
          maja.familyName = "Åberg"
          maja.responsibles = [...(maja.responsibles as Array<unknown>), { person: { id: adult.eva }, relationType: "Vårdnadshavare" }]
        })
        server.add("persons", { id: adult.eva, givenName: "Eva", familyName: "Åberg" })
        server.update("duties", duty.johan, (johansDuty) => {
          const roles = johansDuty.assignmentRole as Array<Record<string, unknown>>
          roles[0] = { ...roles[0], endDate: "2026-03-01" }
        })
        server.remove("persons", pupil.noah)

        const report = yield* incrementalSync(apiSource)
        expect(report.mode).toBe("incremental")
        expect(report.objectsRead).toBe(3)
        expect(report.removalsRead).toBe(1)

        const maja = yield* directory.person(id(pupil.maja))
        expect(Option.map(maja, (p) => p.familyName)).toEqual(Option.some("Åberg"))
        expect(sorted(yield* directory.guardiansOf(id(pupil.maja), day))).toEqual(sorted([adult.ali, adult.eva]))

        expect(yield* directory.mentorsOf(id(pupil.elias), day)).toEqual([staff.karin])
        expect(sorted(yield* directory.mentorsOf(id(pupil.elias), "2026-03-01" as never))).toEqual(sorted([staff.karin, staff.johan]))
        expect(yield* mentorReadsUnpublishedPlan(staff.johan, pupil.elias)).toBe(false)
        expect(yield* mentorReadsUnpublishedPlan(staff.karin, pupil.elias)).toBe(true)

        expect(Option.isNone(yield* directory.person(id(pupil.noah)))).toBe(true)
        expect(yield* directory.pupilsOfOrganisation(org.unit as OrganisationId, day)).not.toContain(pupil.noah)
        expect(yield* directory.pupilsOfCourse(activity.swedish as never, day)).toEqual([])
        // Class 8B still lists Noah; the reference is reported instead of followed.
        expect(report.skipped).toEqual([{ from: `Group ${group.class8B}`, missing: `Person ${pupil.noah}` }])
      }).pipe(Effect.provide(importLayer(server.url)))

      const lists = server.requests.filter((request) => request.path !== "/deletedEntities" && !request.params.has("pageToken"))
      expect(lists.length).toBe(6)
      expect(lists.every((request) => request.params.has("meta.modified.after"))).toBe(true)
      expect(server.requests.some((request) => request.path === "/deletedEntities" && request.params.has("after"))).toBe(true)
    }))

  it.scopedLive("follows a server clock behind the host", () =>
    Effect.gen(function*() {
      const server = yield* startMockServer
      yield* Effect.gen(function*() {
        yield* fullImport(apiSource)
        // The server's clock runs an hour behind: its timestamps for new changes are earlier than
        // the host's start of the last sync.
        server.clockOffsetMillis = -60 * 60 * 1000
        server.update("persons", pupil.alva, (alva) => {
          alva.givenName = "Alvina"
        })
        server.remove("persons", pupil.noah)
        const report = yield* incrementalSync(apiSource)
        expect(report.objectsRead).toBe(1)
        const directory = yield* Directory
        const alva = yield* directory.person(id(pupil.alva))
        expect(Option.map(alva, (p) => p.givenName)).toEqual(Option.some("Alvina"))
        expect(Option.isNone(yield* directory.person(id(pupil.noah)))).toBe(true)
      }).pipe(Effect.provide(importLayer(server.url)))
    }))

  it.scopedLive("runs a full import when no cache exists", () =>
    Effect.gen(function*() {
      const server = yield* startMockServer
      const report = yield* incrementalSync(apiSource).pipe(Effect.provide(importLayer(server.url)))
      expect(report.mode).toBe("full")
      expect(report.roster.people).toBe(9)
    }))
})

describe("failed import", () => {
  it.scopedLive("reports the path of a malformed person and changes nothing", () =>
    Effect.gen(function*() {
      const server = yield* startMockServer
      yield* Effect.gen(function*() {
        yield* fullImport(apiSource)
        const writer = yield* DirectoryWriter
        const cache = yield* Ss12000Cache
        const before = yield* writer.snapshot()
        const cachedBefore = yield* cache.load()

        server.update("persons", pupil.maja, (maja) => {
          maja.familyName = "Åberg"
          maja.enrolments = [{ enroledAt: { id: org.unit }, schoolType: "GR", schoolYear: 7, startDate: "2025-02-30" }]
        })
        const error = yield* Effect.flip(incrementalSync(apiSource))

        expect(error._tag).toBe("Ss12000PayloadError")
        if (error._tag !== "Ss12000PayloadError") return
        expect(error.source).toBe("GET /persons (page 1)")
        expect(error.path).toBe("$.data[0].enrolments[0].startDate")
        expect(error.value).toBe("2025-02-30")
        expect(error.message).toContain("must be a real calendar date")
        expect(yield* writer.snapshot()).toEqual(before)
        expect(yield* cache.load()).toEqual(cachedBefore)
      }).pipe(Effect.provide(importLayer(server.url)))
    }))

  it.scopedLive("fails on a server error and changes nothing", () =>
    Effect.gen(function*() {
      const server = yield* startMockServer
      yield* Effect.gen(function*() {
        yield* fullImport(apiSource)
        const writer = yield* DirectoryWriter
        const before = yield* writer.snapshot()
        server.fail("/groups", { status: 403 })
        const error = yield* Effect.flip(fullImport(apiSource))
        expect(error._tag).toBe("Ss12000HttpError")
        expect(error.message).toContain("GET /groups (page 1) failed with status 403")
        expect(yield* writer.snapshot()).toEqual(before)
      }).pipe(Effect.provide(importLayer(server.url)))
    }))
})

describe("removal limit", () => {
  it.scopedLive("rejects an import emptying the directory", () =>
    Effect.gen(function*() {
      const server = yield* startMockServer
      yield* Effect.gen(function*() {
        yield* fullImport(apiSource)
        const writer = yield* DirectoryWriter
        const before = yield* writer.snapshot()
        const persons = server.data.persons
        server.data.persons = persons.filter((person) => person.id === staff.karin)

        const error = yield* Effect.flip(fullImport(apiSource))
        expect(error._tag).toBe("Ss12000RemovalLimitError")
        expect(error.message).toContain("would remove 8 of 9 people (89%), more than the allowed 50%")
        expect(yield* writer.snapshot()).toEqual(before)

        const report = yield* fullImport(apiSource, { maxRemovedShare: 1 })
        expect(report.roster.people).toBe(1)
      }).pipe(Effect.provide(importLayer(server.url)))
    }))
})

describe("full import of repeated objects", () => {
  it.scopedLive("keeps one copy of each object", () =>
    Effect.gen(function*() {
      const server = yield* startMockServer
      // A list that shifts while it is paged can return the same person on two pages.
      const alva = server.data.persons.find((person) => person.id === pupil.alva)!
      server.data.persons.push({ ...alva, givenName: "Alvina" })
      const roster = yield* Effect.zipRight(fullImport(apiSource), Effect.flatMap(DirectoryWriter, (writer) => writer.snapshot())).pipe(
        Effect.provide(importLayer(server.url))
      )
      const copies = roster.people.filter((person) => person.id === pupil.alva)
      expect(copies.map((person) => person.givenName)).toEqual(["Alvina"])
      expect(roster.guardianships.filter((guardianship) => guardianship.pupilId === pupil.alva).length).toBe(1)
    }))
})

describe("changes after", () => {
  const withModified = (...modified: ReadonlyArray<string>): Ss12000Data => ({
    ...emptyData,
    syllabuses: modified.map((stamp, index) => ({
      id: `s${index}`,
      meta: { created: stamp, modified: stamp },
      schoolType: "GR",
      subjectName: "Matematik",
      official: true
    }))
  })
  const fiveMinutes = 5 * 60 * 1000

  it("uses the last start minus the overlap", () => {
    const data = withModified("2026-03-10T09:58:00Z", "2026-03-10T09:59:30Z")
    expect(changesAfter({ syncedAt: "2026-03-10T10:00:00Z", data }, fiveMinutes)).toBe("2026-03-10T09:55:00.000Z")
  })

  it("uses the latest modification when earlier", () => {
    const data = withModified("2026-03-01T06:00:00+01:00", "2026-02-01T06:00:00Z")
    expect(changesAfter({ syncedAt: "2026-03-10T10:00:00Z", data }, fiveMinutes)).toBe("2026-03-01T05:00:00.000Z")
  })

  it("ignores modifications in the future", () => {
    const data = withModified("2099-01-01T00:00:00Z")
    expect(changesAfter({ syncedAt: "2026-03-10T10:00:00Z", data }, fiveMinutes)).toBe("2026-03-10T09:55:00.000Z")
  })

  it("uses the last start without objects", () => {
    expect(changesAfter({ syncedAt: "2026-03-10T10:00:00Z", data: emptyData }, 0)).toBe("2026-03-10T10:00:00.000Z")
  })
})
