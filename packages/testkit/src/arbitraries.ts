/**
 * fast-check arbitraries for every domain object and for whole worlds. Every value they produce
 * passes the core's Schemas, and a world's records refer only to records of the same world, so a
 * vendor's tests can generate valid data without knowing the rules.
 *
 * @since 0.1.0
 */
import {
  type Assessment,
  type AssessmentEntry,
  type AuditEntry,
  AuditAction,
  type FieldRole,
  type GradingScale,
  type LegacyDocument,
  type LocalDate,
  newPlan,
  type Plan,
  type Template,
  type TemplateField,
  type Version
} from "@iupkit/core"
import { DateTime } from "effect"
import fc from "fast-check"

// Brands exist only in types; arbitraries build plain values and cast once here.
const as = <A>(value: unknown): A => value as A

const swedishWords = ["Åsa", "Örjan", "Märta", "Elsa", "Nils", "Ingrid", "Björkskolan", "Matematik", "Svenska", "Utvecklingssamtal", "Mål framåt", "Läsförståelse", "Idrott och hälsa"]

/**
 * An id matching the core's id pattern.
 *
 * @category arbitraries
 * @since 0.1.0
 */
export const idArbitrary = <A extends string = string>(prefix = "id"): fc.Arbitrary<A> =>
  fc.stringMatching(/^[A-Za-z0-9_.:-]{1,24}$/).map((suffix) => as<A>(`${prefix}-${suffix}`))

/**
 * A title or heading: 1 to 200 characters, not blank, valid Unicode without NUL, Swedish words
 * and emoji included.
 *
 * @category arbitraries
 * @since 0.1.0
 */
export const titleArbitrary: fc.Arbitrary<string> = fc
  .oneof(
    fc.constantFrom(...swedishWords),
    fc.string({ unit: "grapheme", minLength: 1, maxLength: 60 }),
    fc.tuple(fc.constantFrom(...swedishWords), fc.constantFrom("🎉", "📚", "✅", "👩‍🏫")).map(([word, emoji]) => `${word} ${emoji}`)
  )
  .map((text) => text.replaceAll("\u0000", ""))
  .filter((text) => text.trim().length > 0 && [...text].length <= 200)

/**
 * A field value or comment of up to 2,000 characters (the limit is 20,000), possibly empty.
 *
 * @category arbitraries
 * @since 0.1.0
 */
export const bodyTextArbitrary: fc.Arbitrary<string> = fc
  .oneof(fc.constant(""), titleArbitrary, fc.string({ unit: "grapheme", maxLength: 2000 }))
  .map((text) => text.replaceAll("\u0000", ""))

/**
 * A calendar date between 2015 and 2035.
 *
 * @category arbitraries
 * @since 0.1.0
 */
export const localDateArbitrary: fc.Arbitrary<LocalDate> = fc
  .date({ min: new Date("2015-01-01T00:00:00Z"), max: new Date("2035-12-31T00:00:00Z"), noInvalidDate: true })
  .map((date) => as<LocalDate>(date.toISOString().slice(0, 10)))

/**
 * An instant between 2015 and 2035, in UTC with milliseconds.
 *
 * @category arbitraries
 * @since 0.1.0
 */
export const instantArbitrary: fc.Arbitrary<DateTime.Utc> = fc
  .date({ min: new Date("2015-01-01T00:00:00Z"), max: new Date("2035-12-31T23:59:59.999Z"), noInvalidDate: true })
  .map((date) => DateTime.unsafeMake(date.getTime()))

/**
 * A version from 1 up.
 *
 * @category arbitraries
 * @since 0.1.0
 */
export const versionArbitrary: fc.Arbitrary<Version> = fc.integer({ min: 1, max: 10_000 }).map((n) => as<Version>(n))

const fieldRole: fc.Arbitrary<FieldRole> = fc.constantFrom("mentor", "teacher", "pupil", "guardian")

/**
 * A template field whose edit set is a subset of its visibility set, neither naming a role twice.
 *
 * @category arbitraries
 * @since 0.1.0
 */
export const templateFieldArbitrary = (id: fc.Arbitrary<string> = idArbitrary("field")): fc.Arbitrary<TemplateField> =>
  fc
    .record({ id, heading: titleArbitrary, visibleTo: fc.uniqueArray(fieldRole, { maxLength: 4 }) })
    .chain((field) =>
      fc.subarray(field.visibleTo).map((editableBy) => as<TemplateField>({ ...field, editableBy }))
    )

/**
 * A template with one to six fields of distinct ids; its scope is the site or one of the given
 * organisations.
 *
 * @category arbitraries
 * @since 0.1.0
 */
export const templateArbitrary = (organisationIds: ReadonlyArray<string> = []): fc.Arbitrary<Template> =>
  fc.record({
    id: idArbitrary("template"),
    title: titleArbitrary,
    scope: organisationIds.length === 0
      ? fc.constant({ _tag: "site" as const })
      : fc.oneof(
        fc.constant({ _tag: "site" as const }),
        fc.constantFrom(...organisationIds).map((organisationId) => ({ _tag: "organisation" as const, organisationId }))
      ),
    fields: fc.uniqueArray(templateFieldArbitrary(), { minLength: 1, maxLength: 6, selector: (field) => field.id }),
    hidden: fc.boolean(),
    version: versionArbitrary,
    createdAt: instantArbitrary,
    updatedAt: instantArbitrary
  }).map((template) => as<Template>(template))

/**
 * A grading scale of two to six steps whose names differ ignoring case and surrounding space.
 *
 * @category arbitraries
 * @since 0.1.0
 */
export const gradingScaleArbitrary: fc.Arbitrary<GradingScale> = fc.record({
  id: idArbitrary("scale"),
  name: titleArbitrary,
  steps: fc.uniqueArray(titleArbitrary, { minLength: 2, maxLength: 6, selector: (step) => step.trim().toLocaleLowerCase("sv") }),
  version: versionArbitrary,
  createdAt: instantArbitrary,
  updatedAt: instantArbitrary
}).map((scale) => as<GradingScale>(scale))

/**
 * An assessment in one of the given courses, by one of the given teachers, with one of the given
 * scales or none.
 *
 * @category arbitraries
 * @since 0.1.0
 */
export const assessmentArbitrary = (
  courseIds: ReadonlyArray<string>,
  teacherIds: ReadonlyArray<string>,
  scaleIds: ReadonlyArray<string>
): fc.Arbitrary<Assessment> =>
  fc.record({
    id: idArbitrary("assessment"),
    courseId: fc.constantFrom(...courseIds),
    title: titleArbitrary,
    gradingScaleId: scaleIds.length === 0 ? fc.constant(null) : fc.option(fc.constantFrom(...scaleIds), { nil: null }),
    visibleToPupils: fc.boolean(),
    selfAssessmentEnabled: fc.boolean(),
    createdBy: fc.constantFrom(...teacherIds),
    createdAt: instantArbitrary,
    updatedAt: instantArbitrary,
    version: versionArbitrary
  }).map((assessment) => as<Assessment>(assessment))

/**
 * An entry of a pupil in an assessment, with levels from the assessment's scale steps (none when
 * it has no scale).
 *
 * @category arbitraries
 * @since 0.1.0
 */
export const entryArbitrary = (
  assessment: Pick<Assessment, "id">,
  pupilId: string,
  steps: ReadonlyArray<string> | null,
  editorIds: ReadonlyArray<string>
): fc.Arbitrary<AssessmentEntry> => {
  const level = steps === null || steps.length === 0 ? fc.constant(null) : fc.option(fc.constantFrom(...steps), { nil: null })
  return fc.record({
    assessmentId: fc.constant(assessment.id),
    pupilId: fc.constant(pupilId),
    level,
    comment: bodyTextArbitrary,
    selfAssessment: fc.option(fc.record({ level, comment: bodyTextArbitrary }), { nil: null }),
    lastEditedAt: instantArbitrary,
    lastEditedBy: fc.constantFrom(...editorIds),
    version: versionArbitrary
  }).map((entry) => as<AssessmentEntry>(entry))
}

/**
 * A new plan for a pupil from a template, with a start date and an end date not before it (or
 * none).
 *
 * @category arbitraries
 * @since 0.1.0
 */
export const planArbitrary = (template: Template, pupilId: string, creatorId: string): fc.Arbitrary<Plan> =>
  fc.record({
    id: idArbitrary("plan"),
    title: titleArbitrary,
    startDate: localDateArbitrary,
    days: fc.option(fc.integer({ min: 0, max: 400 }), { nil: null }),
    now: instantArbitrary
  }).map(({ days, id, now, startDate, title }) => {
    const endDate = days === null ? null : as<LocalDate>(new Date(Date.parse(startDate) + days * 86_400_000).toISOString().slice(0, 10))
    return newPlan({
      id: as(id),
      pupilId: as(pupilId),
      createdBy: as(creatorId),
      template,
      input: { templateId: template.id, title, startDate, endDate },
      now
    })
  })

/**
 * Metadata of a legacy document of a pupil.
 *
 * @category arbitraries
 * @since 0.1.0
 */
export const documentArbitrary = (pupilId: string, uploaderIds: ReadonlyArray<string>): fc.Arbitrary<LegacyDocument> =>
  fc.record({
    id: idArbitrary("document"),
    pupilId: fc.constant(pupilId),
    title: titleArbitrary,
    fileName: fc.constantFrom("iup.pdf", "plan-ht2019.docx", "omdöme.doc"),
    mediaType: fc.constantFrom(
      "application/pdf" as const,
      "application/msword" as const,
      "application/vnd.openxmlformats-officedocument.wordprocessingml.document" as const
    ),
    byteSize: fc.integer({ min: 1, max: 20 * 1024 * 1024 }),
    documentDate: fc.option(localDateArbitrary, { nil: null }),
    source: fc.constantFrom("upload" as const, "import" as const),
    uploadedBy: fc.constantFrom(...uploaderIds),
    uploadedAt: instantArbitrary
  }).map((document) => as<LegacyDocument>(document))

/**
 * An audit record by one of the given actors.
 *
 * @category arbitraries
 * @since 0.1.0
 */
export const auditEntryArbitrary = (actorIds: ReadonlyArray<string>, pupilIds: ReadonlyArray<string>): fc.Arbitrary<AuditEntry> =>
  fc.record({
    id: idArbitrary("audit"),
    at: instantArbitrary,
    actorId: fc.constantFrom(...actorIds),
    action: fc.constantFrom(...AuditAction.literals),
    targetId: idArbitrary("target"),
    pupilId: pupilIds.length === 0 ? fc.constant(null) : fc.option(fc.constantFrom(...pupilIds), { nil: null })
  }).map((entry) => as<AuditEntry>(entry))

