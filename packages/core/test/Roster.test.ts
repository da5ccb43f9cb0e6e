import { describe, expect, it } from "@effect/vitest"
import { Effect, Option } from "effect"
import { ForbiddenError, NotFoundError, StorageError } from "../src/Errors.js"
import { DirectoryWriter, Directory } from "../src/Directory.js"
import { layerMemoryDirectory } from "../src/MemoryDirectory.js"
import { displayName, emptyRoster, isActiveOn, isProtected, organisationsBelow, type Roster } from "../src/Roster.js"
import { initialVersion, nextVersion } from "../src/Version.js"
import { courseId, date, organisationId, personId } from "./support/fixtures.js"

describe("roster", () => {
  it("holds relations between both dates inclusive", () => {
    const relation = { startDate: date("2026-08-15"), endDate: date("2027-06-15") }
    expect(isActiveOn(relation, date("2026-08-14"))).toBe(false)
    expect(isActiveOn(relation, date("2026-08-15"))).toBe(true)
    expect(isActiveOn(relation, date("2027-06-15"))).toBe(true)
    expect(isActiveOn(relation, date("2027-06-16"))).toBe(false)
    expect(isActiveOn({ startDate: date("2026-08-15"), endDate: null }, date("2090-01-01"))).toBe(true)
  })

  it("walks nested organisations and survives cycles", () => {
    const organisations = [
      { id: organisationId("a"), name: "A", parentId: organisationId("c") },
      { id: organisationId("b"), name: "B", parentId: organisationId("a") },
      { id: organisationId("c"), name: "C", parentId: organisationId("b") },
      { id: organisationId("d"), name: "D", parentId: null },
      { id: organisationId("e"), name: "E", parentId: organisationId("d") }
    ]
    expect([...organisationsBelow([organisationId("a")], organisations)].sort()).toEqual(["a", "b", "c"])
    expect([...organisationsBelow([organisationId("d")], organisations)].sort()).toEqual(["d", "e"])
    expect([...organisationsBelow([organisationId("e")], organisations)]).toEqual(["e"])
  })

  it("names and marks people", () => {
    expect(displayName({ givenName: "Åsa", familyName: "Öberg" })).toBe("Åsa Öberg")
    expect(isProtected({ protection: "none" })).toBe(false)
    expect(isProtected({ protection: "confidential" })).toBe(true)
    expect(isProtected({ protection: "protectedRegistration" })).toBe(true)
  })

  it("counts versions from one", () => {
    expect(initialVersion).toBe(1)
    expect(nextVersion(initialVersion)).toBe(2)
  })

  it("builds error messages from their fields", () => {
    expect(new NotFoundError({ kind: "plan", id: "p1" }).message).toBe("No plan with id p1 was found")
    expect(new ForbiddenError({ kind: "plan", id: "p1", action: "delete", reason: "the plan is archived" }).message).toBe(
      "Not allowed to delete plan p1: the plan is archived"
    )
    expect(new StorageError({ operation: "insertPlan", reason: "disk full" }).message).toBe("Storage operation insertPlan failed: disk full")
  })
})

describe("memory directory", () => {
  const open = { startDate: date("2026-01-01"), endDate: null }
  const roster: Roster = {
    ...emptyRoster,
    people: [{ id: personId("pupil1"), givenName: "Ella", familyName: "Ek", protection: "none" }],
    courses: [{ id: courseId("math"), name: "Matematik 7A", organisationId: organisationId("school"), subjectCode: "GRGRMAT01" }],
    teachings: [{ teacherId: personId("teacher1"), courseId: courseId("math"), ...open }],
    courseMemberships: [{ pupilId: personId("pupil1"), courseId: courseId("math"), ...open }]
  }

  it.effect("replaces the roster as a whole", () =>
    Effect.gen(function*() {
      const directory = yield* Directory
      const writer = yield* DirectoryWriter
      const today = date("2026-09-01")
      expect(Option.isSome(yield* directory.person(personId("pupil1")))).toBe(true)
      expect(yield* directory.teachersOfCourse(courseId("math"), today)).toEqual(["teacher1"])
      expect((yield* directory.coursesOfPupil(personId("pupil1"), today)).map((c) => c.id)).toEqual(["math"])

      yield* writer.replace(emptyRoster)
      expect(Option.isNone(yield* directory.person(personId("pupil1")))).toBe(true)
      expect(yield* directory.teachersOfCourse(courseId("math"), today)).toEqual([])
      expect(yield* writer.snapshot()).toBe(emptyRoster)
    }).pipe(Effect.provide(layerMemoryDirectory(roster))))
})
