import { describe, expect, it } from "@effect/vitest"
import { Either } from "effect"
import fc from "fast-check"
import { PupilsWithoutMentorError } from "../src/Errors.js"
import type { PersonId } from "../src/Ids.js"
import { archivedPlanAccepts, distinctPupils, newPlans, organisationWideTargets, type PlanInput } from "../src/Plan.js"
import { fieldRoles } from "../src/Role.js"
import type { Template, TemplateField } from "../src/Template.js"
import { at, date, fieldId, personId, planId, template, templateId } from "./support/fixtures.js"
import { runs } from "./support/runs.js"


// A small pool of pupils, so selections repeat pupils often.
const pupil = fc.integer({ min: 0, max: 14 }).map((n) => personId(`pupil${n}`))
const roles = fc.subarray([...fieldRoles])
const templateField: fc.Arbitrary<TemplateField> = fc
  .record({ n: fc.nat(), heading: fc.string({ minLength: 1, maxLength: 30 }), visibleTo: roles, cut: fc.nat() })
  .map(({ cut, heading, n, visibleTo }) => ({
    id: fieldId(`field${n}`),
    heading,
    visibleTo,
    editableBy: visibleTo.slice(0, cut % (visibleTo.length + 1))
  }))
const templateArbitrary = fc
  .uniqueArray(templateField, { minLength: 1, maxLength: 6, selector: (field) => field.id })
  .map((fields) => template(fields))
const input: PlanInput = { templateId: templateId("t1"), title: "Utvecklingssamtal HT 2026", startDate: date("2026-08-15"), endDate: date("2027-01-15") }
const now = at("2026-08-20T08:00:00Z")

const snapshot = <A>(value: A): A => structuredClone(value)

// Changes a template in every way a mutable copy allows: headings, role sets and the field list.
const scramble = (source: Template): void => {
  const fields = source.fields as Array<TemplateField>
  for (const field of fields) {
    ;(field as { heading: string }).heading = "Ändrad rubrik"
    ;(field.visibleTo as Array<string>).push("guardian")
    ;(field.editableBy as Array<string>).splice(0)
  }
  fields.push({ id: fieldId("added"), heading: "Nytt fält", visibleTo: ["mentor"], editableBy: [] })
  ;(source as { title: string }).title = "Ny mall"
}

describe("bulk creation", () => {
  it.prop(
    "makes one plan per distinct pupil",
    [fc.array(pupil, { maxLength: 40 }), templateArbitrary],
    ([selection, source]) => {
      const distinct = [...new Set(selection)]
      const ids = distinct.map((_, index) => planId(`plan${index}`))
      const plans = newPlans({ pupilIds: selection, ids, createdBy: personId("mentor1"), template: source, input, now })

      expect(plans.map((plan) => plan.pupilId)).toEqual(distinct)
      expect(plans.map((plan) => plan.id)).toEqual(ids)
      for (const plan of plans) {
        expect(plan.templateId).toBe(source.id)
        expect(plan.createdBy).toBe("mentor1")
        expect(plan.title).toBe(input.title)
        expect(plan.startDate).toBe(input.startDate)
        expect(plan.endDate).toBe(input.endDate)
        expect(plan.published).toBe(false)
        expect(plan.headerVersion).toBe(1)
        expect(plan.createdAt).toBe(now)
        expect(plan.updatedAt).toBe(now)
        expect(plan.fields.map(({ editableBy, fieldId: id, heading, visibleTo }) => ({ id, heading, visibleTo, editableBy }))).toEqual(
          source.fields
        )
        for (const field of plan.fields) {
          expect(field.value).toBe("")
          expect(field.version).toBe(1)
          expect(field.lastEditedAt).toBeNull()
          expect(field.lastEditedBy).toBeNull()
        }
      }
    },
    { fastCheck: runs }
  )

  it.prop(
    "template changes reach no plan",
    [fc.array(pupil, { minLength: 1, maxLength: 10 }), templateArbitrary],
    ([selection, generated]) => {
      const source = snapshot(generated)
      const ids = selection.map((_, index) => planId(`plan${index}`))
      const plans = newPlans({ pupilIds: selection, ids, createdBy: personId("mentor1"), template: source, input, now })
      const before = snapshot(plans)

      scramble(source)
      expect(plans).toEqual(before)
    },
    { fastCheck: runs }
  )

  it("rejects too few ids", () => {
    expect(() =>
      newPlans({
        pupilIds: [personId("a"), personId("b"), personId("a")],
        ids: [planId("only")],
        createdBy: personId("mentor1"),
        template: template([{ id: fieldId("f"), heading: "Mål", visibleTo: [], editableBy: [] }]),
        input,
        now
      })
    ).toThrow("newPlans needs 2 ids but got 1")
  })

  it("keeps first-selected order", () => {
    expect(distinctPupils(["b", "a", "b", "c", "a"])).toEqual(["b", "a", "c"])
  })
})

describe("organisation-wide creation", () => {
  const entryArbitrary = fc.record({
    pupilId: pupil,
    mentorIds: fc.array(fc.constantFrom(personId("m1"), personId("m2")), { maxLength: 2 })
  })

  it.prop(
    "splits pupils by mentor",
    [fc.array(entryArbitrary, { maxLength: 30 }), fc.boolean()],
    ([pupils, skip]) => {
      const withMentor = new Set(pupils.filter((p) => p.mentorIds.length > 0).map((p) => p.pupilId))
      // A pupil listed twice counts as having a mentor if either listing names one.
      const expectedTargets = [...withMentor]
      const expectedSkipped = [...new Set(pupils.map((p) => p.pupilId))].filter((id) => !withMentor.has(id))
      const result = organisationWideTargets(pupils, skip)

      if (expectedSkipped.length > 0 && !skip) {
        expect(Either.isLeft(result)).toBe(true)
        if (Either.isRight(result)) return
        expect(result.left).toBeInstanceOf(PupilsWithoutMentorError)
        expect(result.left.pupilIds).toEqual(expectedSkipped)
        return
      }
      expect(Either.isRight(result)).toBe(true)
      if (Either.isLeft(result)) return
      expect(result.right.pupilIds).toEqual(expectedTargets)
      expect(result.right.skippedPupilIds).toEqual(expectedSkipped)
    },
    { fastCheck: runs }
  )

  it("lists pupils without mentor", () => {
    const pupils: ReadonlyArray<{ pupilId: PersonId; mentorIds: ReadonlyArray<PersonId> }> = [
      { pupilId: personId("anna"), mentorIds: [personId("m1")] },
      { pupilId: personId("bo"), mentorIds: [] },
      { pupilId: personId("cecilia"), mentorIds: [] }
    ]
    const failed = organisationWideTargets(pupils, false)
    expect(Either.isLeft(failed)).toBe(true)
    if (Either.isLeft(failed)) {
      expect(failed.left.message).toBe("2 pupil(s) have no mentor: bo, cecilia; assign mentors or ask to skip these pupils")
    }
    expect(organisationWideTargets(pupils, true)).toEqual(Either.right({ pupilIds: ["anna"], skippedPupilIds: ["bo", "cecilia"] }))
  })
})

describe("archived plan header", () => {
  it("accepts only a new end date", () => {
    expect(archivedPlanAccepts({})).toBe(true)
    expect(archivedPlanAccepts({ endDate: date("2027-06-30") })).toBe(true)
    expect(archivedPlanAccepts({ endDate: null })).toBe(true)
    expect(archivedPlanAccepts({ title: "Ny" })).toBe(false)
    expect(archivedPlanAccepts({ startDate: date("2026-01-01") })).toBe(false)
    expect(archivedPlanAccepts({ published: false })).toBe(false)
  })
})
