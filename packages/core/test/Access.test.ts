import { describe, expect, it } from "@effect/vitest"
import { Effect } from "effect"
import fc from "fast-check"
import {
  administersOrganisation,
  canCreatePlan,
  canDeletePlan,
  canExportPlans,
  canManageAssessments,
  canManageGradingScales,
  canManageTemplates,
  canReadDocuments,
  canReadEntry,
  canReadField,
  canReadPlan,
  canSelfAssess,
  canWriteDocuments,
  canWriteField,
  canWriteHeader,
  isAdministrator,
  noFacts,
  relationsToPupil
} from "../src/Access.js"
import { directoryFromRoster } from "../src/MemoryDirectory.js"
import type { LocalDate } from "../src/LocalDate.js"
import type { PlanHeaderPatch } from "../src/Plan.js"
import { type FieldRole, fieldRoles, type PupilRelation } from "../src/Role.js"
import { emptyRoster, type Roster } from "../src/Roster.js"
import { courseId, date, organisationId, personId } from "./support/fixtures.js"
import { runs } from "./support/runs.js"


const allRelations: ReadonlyArray<PupilRelation> = ["mentor", "teacher", "pupil", "guardian", "administrator"]
const relationSet = fc.subarray([...allRelations]).map((relations) => new Set(relations))
const roleList = fc.subarray([...fieldRoles])
const anyField = fc.record({ visibleTo: roleList, editableBy: roleList })
// A field as a valid template defines it: every role that may edit it may read it.
const validField = fc
  .record({ visibleTo: roleList, pick: fc.array(fc.boolean(), { minLength: 4, maxLength: 4 }) })
  .map(({ pick, visibleTo }) => ({ visibleTo, editableBy: visibleTo.filter((_, index) => pick[index]) }))
const field = fc.oneof(anyField, validField)
const plan = fc.record({ published: fc.boolean() })
const patch: fc.Arbitrary<PlanHeaderPatch> = fc.record(
  {
    title: fc.constant("Ny titel"),
    startDate: fc.constant(date("2026-01-01")),
    endDate: fc.option(fc.constant(date("2026-06-30")), { nil: null }) as fc.Arbitrary<LocalDate | null>,
    published: fc.boolean()
  },
  { requiredKeys: [] }
)
const assessment = fc.record({
  courseId: fc.constantFrom(courseId("math"), courseId("art")),
  visibleToPupils: fc.boolean(),
  selfAssessmentEnabled: fc.boolean()
})

const single = (relation: PupilRelation): ReadonlySet<PupilRelation> => new Set([relation])
const nonOwnerRoles: ReadonlyArray<FieldRole> = ["teacher", "pupil", "guardian"]
const teacherOfMath = { ...noFacts(personId("teacher1")), taughtCourseIds: new Set([courseId("math")]) }

describe("field access", () => {
  it.prop(
    "reads no field outside visibility",
    [plan, field],
    ([p, f]) => {
      for (const role of nonOwnerRoles) {
        expect(canReadField(single(role), p, f), role).toBe(p.published && f.visibleTo.includes(role))
      }
    },
    { fastCheck: runs }
  )

  it.prop(
    "reads every field it may edit",
    [relationSet, plan, field, fc.boolean()],
    ([relations, p, f, archived]) => {
      if (!canWriteField(relations, p, f, archived)) return
      expect(canReadField(relations, p, f)).toBe(true)
      if (!relations.has("mentor")) {
        const editors = [...relations].filter((role) => (f.editableBy as ReadonlyArray<string>).includes(role))
        expect(editors.some((role) => (f.visibleTo as ReadonlyArray<string>).includes(role))).toBe(true)
      }
    },
    { fastCheck: runs }
  )

  it.prop(
    "mentor reads and writes every field",
    [relationSet, plan, field],
    ([relations, p, f]) => {
      const withMentor = new Set([...relations, "mentor" as const])
      expect(canReadPlan(withMentor, p)).toBe(true)
      expect(canReadField(withMentor, p, f)).toBe(true)
      expect(canWriteField(withMentor, p, f, false)).toBe(true)
      expect(canWriteField(withMentor, p, f, true)).toBe(false)
    },
    { fastCheck: runs }
  )

  it.prop(
    "administrator reads all and writes none",
    [plan, field, fc.boolean()],
    ([p, f, archived]) => {
      const administrator = single("administrator")
      expect(canReadPlan(administrator, p)).toBe(true)
      expect(canReadField(administrator, p, f)).toBe(true)
      expect(canWriteField(administrator, p, f, archived)).toBe(false)
    },
    { fastCheck: runs }
  )

  it.prop(
    "several roles get exactly the union",
    [relationSet, plan, field, fc.boolean(), patch, assessment],
    ([relations, p, f, archived, change, a]) => {
      const each = [...relations].map(single)
      const union = (allowed: (one: ReadonlySet<PupilRelation>) => boolean) => each.some(allowed)

      expect(canReadPlan(relations, p)).toBe(union((one) => canReadPlan(one, p)))
      expect(canReadField(relations, p, f)).toBe(union((one) => canReadField(one, p, f)))
      expect(canWriteField(relations, p, f, archived)).toBe(union((one) => canWriteField(one, p, f, archived)))
      expect(canWriteHeader(relations, change, archived)).toBe(union((one) => canWriteHeader(one, change, archived)))
      expect(canCreatePlan(relations)).toBe(union(canCreatePlan))
      expect(canDeletePlan(relations, archived)).toBe(union((one) => canDeletePlan(one, archived)))
      expect(canReadDocuments(relations)).toBe(union(canReadDocuments))
      expect(canWriteDocuments(relations)).toBe(union(canWriteDocuments))
      expect(canExportPlans(relations)).toBe(union(canExportPlans))
      expect(canSelfAssess(relations, a)).toBe(union((one) => canSelfAssess(one, a)))
      const actor = noFacts(personId("someone"))
      expect(canReadEntry(actor, relations, a)).toBe(union((one) => canReadEntry(actor, one, a)))
    },
    { fastCheck: runs }
  )
})

describe("plan access", () => {
  it("hides unpublished plan from others", () => {
    for (const role of nonOwnerRoles) {
      expect(canReadPlan(single(role), { published: false }), role).toBe(false)
      expect(canReadPlan(single(role), { published: true }), role).toBe(true)
    }
    expect(canReadPlan(new Set(), { published: true })).toBe(false)
  })

  it("writes own field only once published", () => {
    const pupilField = { visibleTo: ["mentor", "pupil"] as const, editableBy: ["pupil"] as const }
    expect(canWriteField(single("pupil"), { published: false }, pupilField, false)).toBe(false)
    expect(canWriteField(single("pupil"), { published: true }, pupilField, false)).toBe(true)
    expect(canWriteField(single("pupil"), { published: true }, pupilField, true)).toBe(false)
    expect(canWriteField(single("guardian"), { published: true }, pupilField, false)).toBe(false)
  })

  it("lets archived plan change end date only", () => {
    const owner = single("mentor")
    expect(canWriteHeader(owner, { endDate: date("2027-06-30") }, true)).toBe(true)
    expect(canWriteHeader(owner, { endDate: null }, true)).toBe(true)
    expect(canWriteHeader(owner, { title: "Ny" }, true)).toBe(false)
    expect(canWriteHeader(owner, { startDate: date("2026-01-01") }, true)).toBe(false)
    expect(canWriteHeader(owner, { published: true }, true)).toBe(false)
    expect(canWriteHeader(owner, { title: "Ny", published: false }, false)).toBe(true)
    expect(canWriteHeader(single("teacher"), { endDate: null }, false)).toBe(false)
  })

  it("deletes only current plans", () => {
    expect(canDeletePlan(single("mentor"), false)).toBe(true)
    expect(canDeletePlan(single("administrator"), false)).toBe(true)
    expect(canDeletePlan(single("mentor"), true)).toBe(false)
    expect(canDeletePlan(single("teacher"), false)).toBe(false)
  })
})

describe("document access", () => {
  it("follows published plan readers", () => {
    for (const role of allRelations) expect(canReadDocuments(single(role)), role).toBe(true)
    expect(canReadDocuments(new Set())).toBe(false)
  })

  it("lets owners write documents", () => {
    expect(canWriteDocuments(single("mentor"))).toBe(true)
    expect(canWriteDocuments(single("administrator"))).toBe(true)
    for (const role of nonOwnerRoles) expect(canWriteDocuments(single(role)), role).toBe(false)
    expect(canExportPlans(single("mentor"))).toBe(true)
    expect(canExportPlans(single("guardian"))).toBe(false)
  })
})

describe("entry access", () => {
  const math = { courseId: courseId("math"), visibleToPupils: false, selfAssessmentEnabled: true }

  it("lets course teacher read hidden entry", () => {
    expect(canReadEntry(teacherOfMath, new Set(), math)).toBe(true)
    expect(canReadEntry(teacherOfMath, new Set(), { ...math, courseId: courseId("art") })).toBe(false)
  })

  it("shows pupil entries only while visible", () => {
    const nobody = noFacts(personId("x"))
    for (const role of ["pupil", "guardian"] as const) {
      expect(canReadEntry(nobody, single(role), math), role).toBe(false)
      expect(canReadEntry(nobody, single(role), { ...math, visibleToPupils: true }), role).toBe(true)
    }
    for (const role of ["mentor", "administrator"] as const) {
      expect(canReadEntry(nobody, single(role), math), role).toBe(true)
    }
    expect(canReadEntry(nobody, single("teacher"), math)).toBe(false)
  })

  it("self-assesses only when visible and enabled", () => {
    expect(canSelfAssess(single("pupil"), { visibleToPupils: true, selfAssessmentEnabled: true })).toBe(true)
    expect(canSelfAssess(single("pupil"), { visibleToPupils: false, selfAssessmentEnabled: true })).toBe(false)
    expect(canSelfAssess(single("pupil"), { visibleToPupils: true, selfAssessmentEnabled: false })).toBe(false)
    expect(canSelfAssess(single("guardian"), { visibleToPupils: true, selfAssessmentEnabled: true })).toBe(false)
  })

  it("manages assessments of taught courses", () => {
    expect(canManageAssessments(teacherOfMath, courseId("math"))).toBe(true)
    expect(canManageAssessments(teacherOfMath, courseId("art"))).toBe(false)
  })
})

describe("administration", () => {
  const school = organisationId("school")
  const siteAdministrator = { ...noFacts(personId("admin")), siteAdministrator: true }
  const schoolAdministrator = { ...noFacts(personId("head")), administeredOrganisationIds: new Set([school]) }

  it("scopes templates to administered organisations", () => {
    expect(canManageTemplates(siteAdministrator, { _tag: "site" })).toBe(true)
    expect(canManageTemplates(siteAdministrator, { _tag: "organisation", organisationId: school })).toBe(true)
    expect(canManageTemplates(schoolAdministrator, { _tag: "organisation", organisationId: school })).toBe(true)
    expect(canManageTemplates(schoolAdministrator, { _tag: "organisation", organisationId: organisationId("other") })).toBe(false)
    expect(canManageTemplates(schoolAdministrator, { _tag: "site" })).toBe(false)
  })

  it("leaves grading scales to site administrators", () => {
    expect(canManageGradingScales(siteAdministrator)).toBe(true)
    expect(canManageGradingScales(schoolAdministrator)).toBe(false)
  })

  it("recognises both kinds of administrator", () => {
    expect(isAdministrator(siteAdministrator)).toBe(true)
    expect(isAdministrator(schoolAdministrator)).toBe(true)
    expect(isAdministrator(noFacts(personId("teacher")))).toBe(false)
    expect(administersOrganisation(siteAdministrator, school)).toBe(true)
    expect(administersOrganisation(schoolAdministrator, school)).toBe(true)
    expect(administersOrganisation(schoolAdministrator, organisationId("other"))).toBe(false)
  })
})

describe("relations from directory", () => {
  const pupil = personId("pupil1")
  const open = { startDate: date("2020-01-01"), endDate: null }
  const roster: Roster = {
    ...emptyRoster,
    organisations: [
      { id: organisationId("municipality"), name: "Kommunen", parentId: null },
      { id: organisationId("school"), name: "Skolan", parentId: organisationId("municipality") },
      { id: organisationId("unit"), name: "Enheten", parentId: organisationId("school") },
      { id: organisationId("elsewhere"), name: "Annan skola", parentId: null }
    ],
    enrolments: [{ pupilId: pupil, organisationId: organisationId("unit"), schoolYear: 8, ...open }],
    mentorships: [
      { mentorId: personId("mentorA"), pupilId: pupil, ...open },
      { mentorId: personId("mentorB"), pupilId: pupil, ...open },
      { mentorId: personId("formerMentor"), pupilId: pupil, startDate: date("2020-01-01"), endDate: date("2026-06-30") }
    ],
    teachings: [{ teacherId: personId("mentorA"), courseId: courseId("math"), ...open }],
    courseMemberships: [{ pupilId: pupil, courseId: courseId("math"), ...open }],
    guardianships: [{ guardianId: personId("parent"), pupilId: pupil, ...open }],
    administrations: [
      { personId: personId("head"), scope: { _tag: "organisation", organisationId: organisationId("municipality") }, ...open },
      { personId: personId("otherHead"), scope: { _tag: "organisation", organisationId: organisationId("elsewhere") }, ...open },
      { personId: personId("siteAdmin"), scope: { _tag: "site" }, ...open }
    ]
  }
  const directory = directoryFromRoster(roster)
  const relationsOn = (personName: string, day: string) =>
    Effect.gen(function*() {
      const actor = yield* directory.actorFacts(personId(personName), date(day))
      const facts = yield* directory.pupilFacts(pupil, date(day))
      return [...relationsToPupil(actor, facts)].sort()
    })

  it.effect("gives co-mentors the same relation", () =>
    Effect.gen(function*() {
      expect(yield* relationsOn("mentorA", "2026-09-01")).toEqual(["mentor", "teacher"])
      expect(yield* relationsOn("mentorB", "2026-09-01")).toEqual(["mentor"])
      expect(yield* relationsOn("parent", "2026-09-01")).toEqual(["guardian"])
      expect(yield* relationsOn("pupil1", "2026-09-01")).toEqual(["pupil"])
    }))

  it.effect("ends relation after its end date", () =>
    Effect.gen(function*() {
      expect(yield* relationsOn("formerMentor", "2026-06-30")).toEqual(["mentor"])
      expect(yield* relationsOn("formerMentor", "2026-07-01")).toEqual([])
    }))

  it.effect("reaches pupils in nested organisations", () =>
    Effect.gen(function*() {
      expect(yield* relationsOn("head", "2026-09-01")).toEqual(["administrator"])
      expect(yield* relationsOn("siteAdmin", "2026-09-01")).toEqual(["administrator"])
      expect(yield* relationsOn("otherHead", "2026-09-01")).toEqual([])
      expect(yield* directory.pupilsOfOrganisation(organisationId("municipality"), date("2026-09-01"))).toEqual([pupil])
      expect(yield* directory.pupilsOfOrganisation(organisationId("elsewhere"), date("2026-09-01"))).toEqual([])
      expect(yield* directory.mentorsOf(pupil, date("2026-09-01"))).toEqual([personId("mentorA"), personId("mentorB")])
    }))
})
