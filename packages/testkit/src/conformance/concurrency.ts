import { expect } from "@effect/vitest"
import {
  type AssessmentId,
  AssessmentStore,
  type CourseId,
  EntryStore,
  type PersonId,
  type PlanId,
  PlanStore,
  type TemplateId,
  TemplateStore,
  type Version
} from "@iupkit/core"
import { DateTime, Effect, Either, Option } from "effect"
import { assessmentFixture, planFixture, templateFixture } from "../fixtures.js"
import type { Section } from "./shared.js"

const at = DateTime.unsafeMake("2026-03-02T09:00:00.000Z")

// Runs two writes at once and returns how many succeeded and the tags of the failures.
const race = <A, E extends { readonly _tag: string }, R>(a: Effect.Effect<A, E, R>, b: Effect.Effect<A, E, R>) =>
  Effect.map(Effect.all([Effect.either(a), Effect.either(b)], { concurrency: 2 }), (results) => ({
    wins: results.filter(Either.isRight).length,
    failures: results.filter(Either.isLeft).map((result) => result.left._tag)
  }))

export const concurrencyTests = ({ id, it, lacks }: Section) => {
  const reason = lacks("concurrentWriters")
  const test = (title: string, body: () => Effect.Effect<void, unknown, never> | Effect.Effect<void, unknown, any>) =>
    reason === undefined ? it.effect(title, body) : it.effect.skip(`${title} (skipped: ${reason})`, () => Effect.void)

  test("concurrent same-version entry writes: one wins", () =>
    Effect.gen(function*() {
      const teacher = id<PersonId>("teacher")
      const pupil = id<PersonId>("pupil")
      const assessment = assessmentFixture(id<AssessmentId>("assessment"), id<CourseId>("course"), teacher)
      yield* (yield* AssessmentStore).insert(assessment)
      const entries = yield* EntryStore
      const write = (comment: string, expectedVersion: Version | null) =>
        entries.write({ assessmentId: assessment.id, pupilId: pupil, expectedVersion, comment }, at, teacher)

      const firstRound = yield* race(write("a", null), write("b", null))
      expect(firstRound).toEqual({ wins: 1, failures: ["VersionConflictError"] })
      const secondRound = yield* race(write("c", 1 as Version), write("d", 1 as Version))
      expect(secondRound).toEqual({ wins: 1, failures: ["VersionConflictError"] })
      expect(Option.getOrThrow(yield* entries.get(assessment.id, pupil)).version).toBe(2)
    }))

  test("concurrent same-version plan field writes: one wins", () =>
    Effect.gen(function*() {
      const plans = yield* PlanStore
      const mentor = id<PersonId>("mentor")
      const plan = planFixture(id<PlanId>("plan"), id<PersonId>("pupil"), mentor)
      yield* plans.insertMany([plan])
      const field = plan.fields[0]!.fieldId
      const round = yield* race(
        plans.updateField(plan.id, field, 1 as Version, "mentorns text", at, mentor),
        plans.updateField(plan.id, field, 1 as Version, "elevens text", at, plan.pupilId)
      )
      expect(round).toEqual({ wins: 1, failures: ["VersionConflictError"] })
      const header = yield* race(
        plans.updateHeader(plan.id, 1 as Version, { published: true }, at),
        plans.updateHeader(plan.id, 1 as Version, { title: "Annan titel" }, at)
      )
      expect(header).toEqual({ wins: 1, failures: ["VersionConflictError"] })
      const read = Option.getOrThrow(yield* plans.get(plan.id))
      expect(read.fields[0]!.version).toBe(2)
      expect(read.headerVersion).toBe(2)
    }))

  test("concurrent same-version template updates: one wins", () =>
    Effect.gen(function*() {
      const templates = yield* TemplateStore
      const template = templateFixture(id<TemplateId>("template"))
      yield* templates.insert(template)
      const round = yield* race(
        templates.update(template.id, 1 as Version, { title: "A" }, at),
        templates.update(template.id, 1 as Version, { title: "B" }, at)
      )
      expect(round).toEqual({ wins: 1, failures: ["VersionConflictError"] })
    }))
}
