// Random worlds for the authorization property test: a roster with dated relations (some ended,
// some not yet started), plans with random field rights, assessments, entries and documents.
// The generator knows nothing about the rules; it only builds data.
import fc from "fast-check"

export const today = "2026-09-15"
export const nowIso = "2026-09-15T10:00:00Z"

export type FieldRoleName = "mentor" | "teacher" | "pupil" | "guardian"
export const fieldRoleNames: ReadonlyArray<FieldRoleName> = ["mentor", "teacher", "pupil", "guardian"]

export interface Dated {
  readonly startDate: string
  readonly endDate: string | null
}

export interface WorldField {
  readonly fieldId: string
  readonly visibleTo: ReadonlyArray<FieldRoleName>
  readonly editableBy: ReadonlyArray<FieldRoleName>
}

export interface WorldPlan {
  readonly id: string
  readonly pupilId: string
  readonly published: boolean
  readonly startDate: string
  readonly endDate: string | null
  readonly fields: ReadonlyArray<WorldField>
}

export interface WorldAssessment {
  readonly id: string
  readonly courseId: string
  readonly visibleToPupils: boolean
}

export interface WorldEntry {
  readonly assessmentId: string
  readonly pupilId: string
  /** Milliseconds since the epoch. */
  readonly editedAt: number
}

export interface World {
  readonly pupils: ReadonlyArray<string>
  readonly staff: ReadonlyArray<string>
  readonly strangers: ReadonlyArray<string>
  readonly enrolments: ReadonlyArray<Dated & { readonly pupilId: string; readonly organisationId: string }>
  readonly mentorships: ReadonlyArray<Dated & { readonly mentorId: string; readonly pupilId: string }>
  readonly teachings: ReadonlyArray<Dated & { readonly teacherId: string; readonly courseId: string }>
  readonly memberships: ReadonlyArray<Dated & { readonly pupilId: string; readonly courseId: string }>
  readonly guardianships: ReadonlyArray<Dated & { readonly guardianId: string; readonly pupilId: string }>
  readonly administrations: ReadonlyArray<Dated & { readonly personId: string; readonly organisationId: string | null }>
  readonly plans: ReadonlyArray<WorldPlan>
  readonly assessments: ReadonlyArray<WorldAssessment>
  readonly entries: ReadonlyArray<WorldEntry>
  readonly documents: ReadonlyArray<{ readonly id: string; readonly pupilId: string }>
}

/** Organisations: o1 with o1a nested below it, and o2 beside them. */
export const organisations = [
  { id: "o1", parentId: null },
  { id: "o1a", parentId: "o1" },
  { id: "o2", parentId: null }
] as const

export const courses = [
  { id: "c1", organisationId: "o1" },
  { id: "c2", organisationId: "o1a" },
  { id: "c3", organisationId: "o2" }
] as const

// Mostly active relations, with the edges that dated relations must get right.
const dated: fc.Arbitrary<Dated> = fc.oneof(
  { arbitrary: fc.constant({ startDate: "2026-08-01", endDate: null }), weight: 10 },
  { arbitrary: fc.constant({ startDate: "2025-08-01", endDate: "2026-06-30" }), weight: 2 },
  { arbitrary: fc.constant({ startDate: "2026-10-01", endDate: null }), weight: 1 },
  { arbitrary: fc.constant({ startDate: "2026-01-01", endDate: today }), weight: 1 },
  { arbitrary: fc.constant({ startDate: today, endDate: null }), weight: 1 }
)

const subset = <A>(items: ReadonlyArray<A>) => fc.subarray([...items])

const field = (index: number): fc.Arbitrary<WorldField> =>
  subset(fieldRoleNames).chain((visibleTo) =>
    subset(visibleTo).map((editableBy) => ({ fieldId: `f${index}`, visibleTo, editableBy }))
  )

const dayPairs: ReadonlyArray<{ readonly startDate: string; readonly endDate: string | null }> = [
  { startDate: "2026-08-15", endDate: "2026-12-31" },
  { startDate: "2026-01-10", endDate: "2026-06-30" },
  { startDate: "2026-09-15", endDate: "2026-09-15" },
  { startDate: "2026-03-01", endDate: "2026-09-14" },
  { startDate: "2026-05-01", endDate: null },
  { startDate: "2026-10-01", endDate: "2027-01-31" }
]

const pairs = <A, B>(as: ReadonlyArray<A>, bs: ReadonlyArray<B>) => as.flatMap((a) => bs.map((b) => [a, b] as const))

// A relation between each pair with the given probability (in percent).
const relations = <A, B, R>(
  as: ReadonlyArray<A>,
  bs: ReadonlyArray<B>,
  percent: number,
  make: (a: A, b: B, period: Dated) => R
): fc.Arbitrary<ReadonlyArray<R>> =>
  fc.tuple(...pairs(as, bs).map(([a, b]) =>
    // High rolls make a relation, so shrinking (towards 0) removes relations and keeps failures small.
    fc.tuple(fc.integer({ min: 0, max: 99 }), dated).map(([roll, period]) => (roll >= 100 - percent ? [make(a, b, period)] : []))
  )).map((lists) => lists.flat())

const entryTimes = fc.integer({ min: Date.parse("2025-12-01T00:00:00Z"), max: Date.parse(nowIso) })

/**
 * Worlds of six pupils, six staff members and two strangers. Staff hold random mixes of roles
 * (mentor, teacher, guardian, administrator), so many hold several.
 */
export const worldArbitrary: fc.Arbitrary<World> = fc.constant(null).chain(() => {
  const pupils = ["u0", "u1", "u2", "u3", "u4", "u5"]
  const staff = ["u6", "u7", "u8", "u9", "u10", "u11"]
  const strangers = ["s0", "s1"]
  const organisationIds = organisations.map((o) => o.id)
  const courseIds = courses.map((c) => c.id)
  return fc.record({
    enrolments: fc.tuple(...pupils.map((pupilId) =>
      fc.tuple(fc.constantFrom(...organisationIds), dated).map(([organisationId, period]) => ({ pupilId, organisationId, ...period }))
    )),
    mentorships: relations(staff, pupils, 30, (mentorId, pupilId, period) => ({ mentorId, pupilId, ...period })),
    teachings: relations(staff, courseIds, 30, (teacherId, courseId, period) => ({ teacherId, courseId, ...period })),
    memberships: relations(pupils, courseIds, 50, (pupilId, courseId, period) => ({ pupilId, courseId, ...period })),
    guardianships: relations(staff, pupils, 20, (guardianId, pupilId, period) => ({ guardianId, pupilId, ...period })),
    administrations: relations(staff, [null, ...organisationIds], 6, (personId, organisationId, period) => ({
      personId,
      organisationId,
      ...period
    })),
    plans: fc.tuple(...pupils.map((pupilId) =>
      fc.array(
        fc.record({
          published: fc.boolean(),
          period: fc.constantFrom(...dayPairs),
          fields: fc.integer({ min: 1, max: 4 }).chain((count) => fc.tuple(...Array.from({ length: count }, (_, i) => field(i))))
        }),
        { maxLength: 3 }
      ).map((plans) =>
        plans.map((plan, index) => ({
          id: `plan-${pupilId}-${index}`,
          pupilId,
          published: plan.published,
          ...plan.period,
          fields: plan.fields
        }))
      )
    )).map((lists) => lists.flat()),
    assessments: fc.tuple(...courseIds.map((courseId) =>
      fc.array(fc.boolean(), { minLength: 1, maxLength: 2 }).map((visible) =>
        visible.map((visibleToPupils, index) => ({ id: `a-${courseId}-${index}`, courseId, visibleToPupils }))
      )
    )).map((lists) => lists.flat()),
    entryRolls: fc.array(fc.tuple(fc.nat(), fc.constantFrom(...pupils), entryTimes), { maxLength: 20 }),
    documentPupils: subset(pupils)
  }).map((drawn) => {
    const entries = new Map<string, WorldEntry>()
    for (const [pick, pupilId, editedAt] of drawn.entryRolls) {
      const assessment = drawn.assessments[pick % drawn.assessments.length]!
      entries.set(`${assessment.id}/${pupilId}`, { assessmentId: assessment.id, pupilId, editedAt })
    }
    return {
      pupils,
      staff,
      strangers,
      enrolments: drawn.enrolments,
      mentorships: drawn.mentorships,
      teachings: drawn.teachings,
      memberships: drawn.memberships,
      guardianships: drawn.guardianships,
      administrations: drawn.administrations,
      plans: drawn.plans,
      assessments: drawn.assessments,
      entries: [...entries.values()],
      documents: drawn.documentPupils.map((pupilId) => ({ id: `doc-${pupilId}`, pupilId }))
    }
  })
})
