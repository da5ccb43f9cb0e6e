// Common starting data for the flow tests, created through the services themselves.
import { Effect } from "effect"
import { Administration, Mentoring, Plans, Teaching } from "../src/index.js"
import { as, atTestNow, ids } from "./fixtures.js"

export const seed = Effect.gen(function*() {
  yield* atTestNow
  const administration = yield* Administration
  const teaching = yield* Teaching
  const mentoring = yield* Mentoring
  const plans = yield* Plans
  const template = yield* administration.createTemplate(as(ids.siteAdmin), {
    title: "Utvecklingssamtal",
    scope: { _tag: "site" },
    fields: [
      { heading: "Mål", visibleTo: ["mentor", "teacher", "pupil", "guardian"], editableBy: [] },
      { heading: "Elevens ord", visibleTo: ["pupil", "guardian"], editableBy: ["pupil"] },
      { heading: "Hemmets ord", visibleTo: ["guardian"], editableBy: ["guardian"] },
      { heading: "Mentorns anteckning", visibleTo: [], editableBy: [] }
    ]
  })
  const scale = yield* administration.createGradingScale(as(ids.siteAdmin), {
    name: "Tre steg",
    steps: ["Otillräckligt", "Godtagbart", "Mer än godtagbart"]
  })
  const { assessment } = yield* teaching.createAssessment(as(ids.tea), {
    courseId: "math-7",
    title: "Omdöme HT 2026",
    gradingScaleId: scale.id,
    visibleToPupils: true,
    selfAssessmentEnabled: true
  })
  const hidden = yield* teaching.createAssessment(as(ids.tea), {
    courseId: "math-7",
    title: "Utkast HT 2026",
    gradingScaleId: null,
    visibleToPupils: false,
    selfAssessmentEnabled: false
  })
  const entry = yield* teaching.writeEntry(as(ids.tea), {
    assessmentId: assessment.id,
    pupilId: ids.p1,
    expectedVersion: null,
    level: "Godtagbart",
    comment: "Arbetar bra med bråk."
  })
  yield* teaching.writeEntry(as(ids.tea), {
    assessmentId: hidden.assessment.id,
    pupilId: ids.p1,
    expectedVersion: null,
    comment: "Ännu inte synligt."
  })
  const created = yield* mentoring.createPlans(as(ids.anna), {
    pupilIds: [ids.p1, ids.p2],
    plan: { templateId: template.id, title: "IUP HT 2026", startDate: "2026-08-15", endDate: "2026-12-31" }
  })
  const p1Plan = created.plans.find((plan) => plan.pupil.id === ids.p1)!
  const p2Plan = created.plans.find((plan) => plan.pupil.id === ids.p2)!
  const published = yield* plans.publish(as(ids.anna), p1Plan.id, 1)
  return { template, scale, assessment, hidden: hidden.assessment, entry, p1Plan, p2Plan, p1HeaderVersion: published.headerVersion }
})
