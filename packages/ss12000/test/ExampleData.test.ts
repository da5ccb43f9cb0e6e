import { Directory, DirectoryWriter, emptyRoster, isProtected, layerMemoryDirectory, type PersonId } from "@iupkit/core"
import { describe, expect, it } from "@effect/vitest"
import { Effect, Layer } from "effect"
import { readFileSync } from "node:fs"
import { join } from "node:path"
import { fileURLToPath } from "node:url"
import { generateSchool, renderSchool } from "../../../examples/data/generate.js"
import { folderSource, fullImport, layerMemoryCache } from "../src/index.js"
import { day } from "./support/school.js"

const exampleFolder = fileURLToPath(new URL("../../../examples/data/school", import.meta.url))

describe("example school data", () => {
  it("matches the generator", () => {
    const rendered = renderSchool(generateSchool())
    for (const [name, text] of Object.entries(rendered)) {
      expect(readFileSync(join(exampleFolder, name), "utf8"), `${name} is out of date; run npx tsx examples/data/generate.ts`).toBe(text)
    }
  })

  it("generates the same files twice", () => {
    expect(renderSchool(generateSchool())).toEqual(renderSchool(generateSchool()))
  })

  it("holds no personal identity numbers", () => {
    const persons = readFileSync(join(exampleFolder, "persons.json"), "utf8")
    expect(persons).not.toContain("civicNo")
    expect(persons).not.toMatch(/\b\d{12}\b/)
  })

  it.effect("imports cleanly", () =>
    Effect.gen(function*() {
      const report = yield* fullImport(folderSource(exampleFolder))
      expect(report.skipped).toEqual([])

      const directory = yield* Directory
      const roster = yield* Effect.flatMap(DirectoryWriter, (writer) => writer.snapshot())
      const pupils = yield* directory.pupilsOfOrganisation(null, day)
      expect(pupils.length).toBe(306)
      expect(roster.organisations.length).toBe(5)

      const years = new Set(roster.enrolments.filter((enrolment) => enrolment.endDate === null).map((enrolment) => enrolment.schoolYear))
      expect([...years].sort()).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9])

      let twoGuardians = 0
      let coMentored = 0
      for (const pupilId of pupils) {
        const mentors = yield* directory.mentorsOf(pupilId, day)
        const guardians = yield* directory.guardiansOf(pupilId, day)
        const courses = yield* directory.coursesOfPupil(pupilId, day)
        expect(mentors.length).toBeGreaterThanOrEqual(1)
        expect(guardians.length).toBeGreaterThanOrEqual(1)
        expect(courses.length).toBeGreaterThanOrEqual(15)
        if (guardians.length === 2) twoGuardians++
        if (mentors.length > 1) coMentored++
      }
      expect(twoGuardians / pupils.length).toBeGreaterThan(0.7)
      expect(coMentored).toBeGreaterThan(0)

      const guardianIds = new Set(roster.guardianships.map((guardianship) => guardianship.guardianId))
      let withSeveralChildren = 0
      for (const guardianId of guardianIds) {
        if ((yield* directory.childrenOf(guardianId as PersonId, day)).length > 1) withSeveralChildren++
      }
      expect(withSeveralChildren).toBeGreaterThan(0)

      const protectedPupils = roster.people.filter((person) => pupils.includes(person.id) && isProtected(person))
      expect(protectedPupils.length).toBe(5)

      expect(roster.courses.every((course) => course.subjectCode !== null && /^GRGR[A-Z]{3}01$/.test(course.subjectCode))).toBe(true)
      for (const course of roster.courses) {
        expect((yield* directory.teachersOfCourse(course.id, day)).length).toBe(1)
      }
    }).pipe(Effect.provide(Layer.merge(layerMemoryDirectory(emptyRoster), layerMemoryCache))))
})
