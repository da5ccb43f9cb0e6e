import {
  Assessment,
  AssessmentEntry,
  AuditEntry,
  GradingScale,
  isActiveOn,
  LegacyDocument,
  Plan,
  Roster,
  Template
} from "@iupkit/core"
import {
  auditEntryArbitrary,
  documentArbitrary,
  gradingScaleArbitrary,
  templateArbitrary,
  worldArbitrary
} from "@iupkit/testkit"
import { describe, expect, it } from "@effect/vitest"
import { Schema } from "effect"
import fc from "fast-check"

// Encoding checks every filter of a schema, and decoding the result proves the value round-trips.
const roundTrips = <A, I>(schema: Schema.Schema<A, I, never>, value: A) => {
  const encoded = Schema.encodeSync(schema)(value)
  expect(Schema.encodeSync(schema)(Schema.decodeUnknownSync(schema)(encoded))).toEqual(encoded)
}

describe("arbitraries", () => {
  it.prop("templates pass the schema", [templateArbitrary(["org-1"])], ([template]) => roundTrips(Template, template), {
    fastCheck: { numRuns: 200 }
  })

  it.prop("grading scales pass the schema", [gradingScaleArbitrary], ([scale]) => roundTrips(GradingScale, scale), {
    fastCheck: { numRuns: 200 }
  })

  it.prop(
    "documents and audit entries pass the schema",
    [documentArbitrary("pupil-1", ["mentor-1"]), auditEntryArbitrary(["mentor-1"], ["pupil-1"])],
    ([document, audit]) => {
      roundTrips(LegacyDocument, document)
      roundTrips(AuditEntry, audit)
    },
    { fastCheck: { numRuns: 200 } }
  )

  it.prop("worlds pass the schemas and refer within", [worldArbitrary()], ([world]) => {
    roundTrips(Roster, world.roster)
    for (const template of world.templates) roundTrips(Template, template)
    for (const scale of world.gradingScales) roundTrips(GradingScale, scale)
    for (const assessment of world.assessments) roundTrips(Assessment, assessment)
    for (const entry of world.entries) roundTrips(AssessmentEntry, entry)
    for (const plan of world.plans) roundTrips(Plan, plan)
    for (const document of world.documents) roundTrips(LegacyDocument, document)

    const people = new Set(world.roster.people.map((person) => person.id))
    const organisations = new Set(world.roster.organisations.map((organisation) => organisation.id))
    const courses = new Set(world.roster.courses.map((course) => course.id))
    expect(people.size).toBe(world.roster.people.length)
    for (const organisation of world.roster.organisations) {
      if (organisation.parentId !== null) expect(organisations.has(organisation.parentId)).toBe(true)
    }
    for (const relation of [...world.roster.mentorships, ...world.roster.guardianships, ...world.roster.enrolments]) {
      expect(people.has(relation.pupilId)).toBe(true)
    }
    for (const mentorship of world.roster.mentorships) expect(people.has(mentorship.mentorId)).toBe(true)
    for (const guardianship of world.roster.guardianships) expect(people.has(guardianship.guardianId)).toBe(true)
    for (const teaching of world.roster.teachings) expect(people.has(teaching.teacherId) && courses.has(teaching.courseId)).toBe(true)

    const assessments = new Map(world.assessments.map((assessment) => [assessment.id, assessment]))
    for (const entry of world.entries) {
      const assessment = assessments.get(entry.assessmentId)!
      expect(assessment).toBeDefined()
      const steps = world.gradingScales.find((scale) => scale.id === assessment.gradingScaleId)?.steps ?? []
      if (entry.level !== null) expect(steps).toContain(entry.level)
    }
    for (const plan of world.plans) {
      expect(people.has(plan.pupilId)).toBe(true)
      expect(world.roster.mentorships.some((m) => m.mentorId === plan.createdBy && m.pupilId === plan.pupilId)).toBe(true)
    }
    const ids = [...world.templates, ...world.gradingScales, ...world.assessments, ...world.plans, ...world.documents].map((r) => r.id)
    expect(new Set(ids).size).toBe(ids.length)
  }, { fastCheck: { numRuns: 60 } })

  it("worlds contain co-mentors, protected pupils and nesting", () => {
    const worlds = fc.sample(worldArbitrary({ pupils: 12, mentors: 3, organisations: 4 }), { numRuns: 40, seed: 20260302 })
    const some = (predicate: (world: (typeof worlds)[number]) => boolean) => worlds.some(predicate)
    expect(some((w) => w.roster.people.some((p) => p.protection !== "none"))).toBe(true)
    expect(some((w) => w.roster.organisations.some((o) => o.parentId !== null && w.roster.organisations.some((p) => p.id === o.parentId && p.parentId !== null)))).toBe(true)
    expect(
      some((w) =>
        w.roster.enrolments.some((e) => {
          const active = w.roster.mentorships.filter((m) => m.pupilId === e.pupilId && isActiveOn(m, m.startDate))
          return new Set(active.map((m) => m.mentorId)).size > 1
        }))
    ).toBe(true)
    expect(some((w) => w.entries.some((e) => e.level !== null))).toBe(true)
    expect(some((w) => w.plans.some((p) => p.endDate === null))).toBe(true)
  })
})
