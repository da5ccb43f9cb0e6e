import { expect } from "@effect/vitest"
import {
  AssessmentStore,
  DirectoryWriter,
  DocumentStore,
  GradingScaleStore,
  LegacyDocument,
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

        for (const template of world.templates) yield* (yield* TemplateStore).insert(template)
        for (const scale of world.gradingScales) yield* (yield* GradingScaleStore).insert(scale)
        for (const assessment of world.assessments) yield* (yield* AssessmentStore).insert(assessment)
        yield* (yield* PlanStore).insertMany(world.plans)
        for (const document of world.documents) yield* (yield* DocumentStore).insert(document)

        const templates = (yield* (yield* TemplateStore).list()).filter((t) => world.templates.some((w) => w.id === t.id))
        same(Template, templates, world.templates)
        const pupils = world.roster.enrolments.map((enrolment) => enrolment.pupilId)
        same(Plan, yield* (yield* PlanStore).listByPupils(pupils), world.plans)
        same(LegacyDocument, yield* (yield* DocumentStore).listByPupils(pupils), world.documents)
        const courses = world.roster.courses.map((course) => course.id)
        expect((yield* (yield* AssessmentStore).listByCourses(courses)).length).toBe(world.assessments.length)
      }
    }))
}
