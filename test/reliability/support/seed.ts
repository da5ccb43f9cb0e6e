/**
 * Data the HTTP tests read and write, made through the services: a template with a field per
 * role, a grading scale, a plan per mentee (the first pupil's published), an assessment visible to
 * pupils with entries, and a document of the first pupil.
 */
import type { IupClient } from "@iupkit/services"
import { courseId, mentees, people } from "./world.js"

/** A tiny valid PDF, enough for the content check. */
export const minimalPdf = Buffer.from(
  "%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n",
  "latin1"
)

const as = (personId: string) => ({ personId }) as never

export const seedSchool = async (iup: IupClient) => {
  const template = await iup.administration.createTemplate(as(people.siteAdmin), {
    title: "Utvecklingssamtal",
    scope: { _tag: "site" },
    fields: [
      { heading: "Mål", visibleTo: ["mentor", "teacher", "pupil", "guardian"], editableBy: [] },
      { heading: "Elevens ord", visibleTo: ["pupil", "guardian"], editableBy: ["pupil"] },
      { heading: "Hemmets ord", visibleTo: ["guardian"], editableBy: ["guardian"] },
      { heading: "Mentorns anteckning", visibleTo: [], editableBy: [] }
    ]
  })
  const scale = await iup.administration.createGradingScale(as(people.siteAdmin), { name: "Tre steg", steps: ["Låg", "Mellan", "Hög"] })
  const created = await iup.mentoring.createPlans(as(people.mentor), {
    pupilIds: mentees,
    plan: { templateId: template.id, title: "IUP VT 2027", startDate: "2026-08-10", endDate: null }
  })
  const planOf = (pupilId: string) => created.plans.find((plan) => plan.pupil.id === pupilId)!.id
  await iup.plans.publish(as(people.mentor), planOf(people.pupil), 1)
  const published = await iup.plans.getPlan(as(people.mentor), planOf(people.pupil))
  const { assessment } = await iup.teaching.createAssessment(as(people.teacher), {
    courseId,
    title: "Omdöme HT 2026",
    gradingScaleId: scale.id,
    visibleToPupils: true,
    selfAssessmentEnabled: true
  })
  const { assessment: hidden } = await iup.teaching.createAssessment(as(people.teacher), {
    courseId,
    title: "Utkast HT 2026",
    gradingScaleId: null,
    visibleToPupils: false,
    selfAssessmentEnabled: false
  })
  for (const pupilId of mentees.slice(0, 3)) {
    await iup.teaching.writeEntry(as(people.teacher), { assessmentId: assessment.id, pupilId, expectedVersion: null, level: "Mellan", comment: "Läser mycket." })
    await iup.teaching.writeEntry(as(people.teacher), { assessmentId: hidden.id, pupilId, expectedVersion: null, comment: "Ännu inte synligt." })
  }
  const document = await iup.documents.upload(as(people.mentor), {
    pupilId: people.pupil,
    title: "Tidigare IUP",
    fileName: "tidigare.pdf",
    bytes: new Uint8Array(minimalPdf)
  })
  return {
    templateId: template.id,
    fieldIds: published.fields.map((field) => field.fieldId),
    scaleId: scale.id,
    planOf,
    publishedPlanId: planOf(people.pupil),
    assessmentId: assessment.id,
    hiddenAssessmentId: hidden.id,
    documentId: document.id
  }
}

export type SeededSchool = Awaited<ReturnType<typeof seedSchool>>
