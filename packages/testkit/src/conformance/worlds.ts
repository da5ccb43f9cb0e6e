import { expect } from "@effect/vitest"
import {
  AssessmentStore,
  Directory,
  directoryFromRoster,
  type DirectoryService,
  DirectoryWriter,
  type LocalDate,
  type PersonId,
  DocumentStore,
  GradingScaleStore,
  LegacyDocument,
  periodOf,
  periodsOverlap,
  Plan,
  PlanStore,
  Roster,
  Template,
  TemplateStore
} from "@iupkit/core"
import { Effect, Schema } from "effect"
import fc from "fast-check"
import { worldArbitrary } from "../world.js"
import { type Section, sortBy } from "./shared.js"

// Lists of records compared after encoding and sorting, since stores return no fixed order.
const same = <A, I>(schema: Schema.Schema<A, I, never>, actual: ReadonlyArray<A>, expected: ReadonlyArray<A>) => {
  const encode = (items: ReadonlyArray<A>) => sortBy(items.map((item) => JSON.stringify(Schema.encodeSync(schema)(item))), (text) => text)
  expect(encode(actual)).toEqual(encode(expected))
}

// The results of every bulk read, sorted so that two directories' results compare equal.
const bulkAnswers = (directory: DirectoryService, people: ReadonlyArray<PersonId>, courseIds: ReadonlyArray<string>, on: LocalDate) =>
  Effect.gen(function*() {
    const facts = yield* directory.pupilFactsOf(people, on)
    const courses = yield* directory.coursesOfPupils(people, on)
    return {
      facts: [...facts].map(([key, value]) => [key, value.pupilId, [...value.organisationIds].sort(), [...value.courseIds].sort()]).sort(),
      courses: [...courses].map(([key, value]) => [key, value.map((course) => JSON.stringify(course)).sort()]).sort(),
      known: (yield* directory.courses(courseIds as never)).map((course) => JSON.stringify(course)).sort()
    }
  })

export const worldTests = ({ it, lacks }: Section) => {
  const reason = lacks("directory")
  const title = "generated worlds round-trip"
  if (reason !== undefined) {
    it.effect.skip(`${title} (skipped: ${reason})`, () => Effect.void)
    return
  }
  it.effect(title, () =>
    Effect.gen(function*() {
      // A fixed seed keeps the suite repeatable; the arbitraries' own tests explore further.
      const worlds = fc.sample(worldArbitrary({ pupils: 8 }), { numRuns: 3, seed: 4242 })
      for (const world of worlds) {
        const writer = yield* DirectoryWriter
        yield* writer.replace(world.roster)
        const snapshot = yield* writer.snapshot()
        for (const key of Object.keys(world.roster) as Array<keyof Roster>) {
          const encode = (roster: Roster) => sortBy(Schema.encodeSync(Roster)(roster)[key].map((row) => JSON.stringify(row)), (text) => text)
          expect(encode(snapshot)).toEqual(encode(world.roster))
        }

        // The bulk reads give what the in-memory directory gives for the same roster, on the days
        // relations start and end, with duplicate and unknown ids in the request.
        const reference = directoryFromRoster(world.roster)
        const people = [...world.roster.people.map((person) => person.id), world.roster.people[0]!.id, "unknown-person" as PersonId]
        const courseIds = [...world.roster.courses.map((course) => course.id), "unknown-course"]
        const relations = [...world.roster.courseMemberships, ...world.roster.enrolments]
        const days = [...new Set(relations.flatMap((relation) => [relation.startDate, relation.endDate ?? relation.startDate]))].slice(0, 6)
        expect(days.length).toBeGreaterThan(0)
        for (const on of days) {
          expect(yield* bulkAnswers(yield* Directory, people, courseIds, on)).toEqual(yield* bulkAnswers(reference, people, courseIds, on))
        }

        for (const template of world.templates) yield* (yield* TemplateStore).insert(template)
        for (const scale of world.gradingScales) yield* (yield* GradingScaleStore).insert(scale)
        for (const assessment of world.assessments) yield* (yield* AssessmentStore).insert(assessment)
        yield* (yield* PlanStore).insertMany(world.plans)
        for (const document of world.documents) yield* (yield* DocumentStore).insert(document)

        const templates = (yield* (yield* TemplateStore).list()).filter((t) => world.templates.some((w) => w.id === t.id))
        same(Template, templates, world.templates)
        const pupils = world.roster.enrolments.map((enrolment) => enrolment.pupilId)
        same(Plan, yield* (yield* PlanStore).listByPupils(pupils), world.plans)
        const headers = yield* (yield* PlanStore).listHeadersByPupils([...pupils, ...pupils])
        expect(headers.every((header) => !("fields" in header))).toBe(true)
        same(Plan, headers.map((header) => ({ ...header, fields: [] })), world.plans.map((plan) => ({ ...plan, fields: [] })))
        for (const plan of world.plans.slice(0, 3)) {
          const period = periodOf(plan)
          const found = yield* (yield* PlanStore).listHeadersByPupils(pupils, period)
          expect(found.map((header) => header.id).toSorted()).toEqual(
            world.plans.filter((other) => periodsOverlap(periodOf(other), period)).map((other) => other.id).toSorted()
          )
        }
        same(LegacyDocument, yield* (yield* DocumentStore).listByPupils(pupils), world.documents)
        const courses = world.roster.courses.map((course) => course.id)
        expect((yield* (yield* AssessmentStore).listByCourses(courses)).length).toBe(world.assessments.length)
      }
    }))
}
