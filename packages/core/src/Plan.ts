/**
 * Plans (framåtsyftande planering): the mentor's forward-looking plan for one pupil. A plan copies
 * its template's fields at creation and is versioned per part: the header (title, dates,
 * published) and each field value have their own version, so a pupil writing its field never
 * conflicts with a mentor writing another.
 *
 * @since 0.1.0
 */
import { DateTime, Either, Schema } from "effect"
import type { AssessmentEntry, Warning } from "./Assessment.js"
import { PupilsWithoutMentorError } from "./Errors.js"
import { FieldId, PersonId, PlanId, TemplateId } from "./Ids.js"
import { LocalDate } from "./LocalDate.js"
import { FieldRole } from "./Role.js"
import type { Template } from "./Template.js"
import { BodyText, Title } from "./Text.js"
import { defaultTimeZone, Instant, localDateOf, type Period, periodContainsInstant, periodsOverlap } from "./Time.js"
import { initialVersion, Version } from "./Version.js"

const endNotBeforeStart = <A extends { readonly startDate: LocalDate; readonly endDate: LocalDate | null }>(period: A) =>
  period.endDate === null || period.endDate >= period.startDate
    ? true
    : { path: ["endDate"], message: `must not be before the start date ${period.startDate}` }

/**
 * A field value of a plan, with the field definition copied from the template.
 *
 * @category plans
 * @since 0.1.0
 */
export const PlanField = Schema.Struct({
  fieldId: FieldId,
  heading: Title,
  visibleTo: Schema.Array(FieldRole),
  editableBy: Schema.Array(FieldRole),
  value: BodyText,
  version: Version,
  lastEditedAt: Schema.NullOr(Instant),
  lastEditedBy: Schema.NullOr(PersonId)
})
/** @category plans */
export type PlanField = typeof PlanField.Type

/**
 * A stored plan.
 *
 * @category plans
 * @since 0.1.0
 */
export const Plan = Schema.Struct({
  id: PlanId,
  pupilId: PersonId,
  createdBy: PersonId,
  templateId: TemplateId,
  title: Title,
  startDate: LocalDate,
  endDate: Schema.NullOr(LocalDate),
  published: Schema.Boolean,
  headerVersion: Version,
  createdAt: Instant,
  updatedAt: Instant,
  fields: Schema.Array(PlanField)
}).pipe(Schema.filter(endNotBeforeStart))
/** @category plans */
export type Plan = typeof Plan.Type

/**
 * What a mentor or administrator submits to create plans for one or more pupils.
 *
 * @category plans
 * @since 0.1.0
 */
export const PlanInput = Schema.Struct({
  templateId: TemplateId,
  title: Title,
  startDate: LocalDate,
  endDate: Schema.NullOr(LocalDate)
}).pipe(Schema.filter(endNotBeforeStart))
/** @category plans */
export type PlanInput = typeof PlanInput.Type

/**
 * A change to a plan's header; omitted parts keep their value.
 *
 * @category plans
 * @since 0.1.0
 */
export const PlanHeaderPatch = Schema.Struct({
  title: Schema.optional(Title),
  startDate: Schema.optional(LocalDate),
  endDate: Schema.optional(Schema.NullOr(LocalDate)),
  published: Schema.optional(Schema.Boolean)
})
/** @category plans */
export type PlanHeaderPatch = typeof PlanHeaderPatch.Type

/**
 * The period a plan covers.
 *
 * @category plans
 * @since 0.1.0
 */
export const periodOf = (plan: { readonly startDate: LocalDate; readonly endDate: LocalDate | null }): Period => ({
  start: plan.startDate,
  end: plan.endDate
})

/**
 * Whether a plan is archived: its end date lies before today's date in the site's zone. A plan
 * without an end date is never archived.
 *
 * @category plans
 * @since 0.1.0
 */
export const isArchived = (
  plan: { readonly endDate: LocalDate | null },
  now: DateTime.DateTime,
  zone: DateTime.TimeZone = defaultTimeZone
): boolean => isArchivedOn(plan, localDateOf(now, zone))

/**
 * {@link isArchived} for a caller that already has today's date in the site's zone, which spares
 * converting the instant again for each plan of a long list.
 *
 * @category plans
 * @since 0.1.0
 */
export const isArchivedOn = (plan: { readonly endDate: LocalDate | null }, today: LocalDate): boolean =>
  plan.endDate !== null && plan.endDate < today

/**
 * Whether an entry is shown with a plan: it has been written and its last edit, read as a date in
 * the site's zone, lies within the plan's period, both ends inclusive.
 *
 * @category plans
 * @since 0.1.0
 */
export const entryMatchesPlan = (
  entry: Pick<AssessmentEntry, "lastEditedAt">,
  plan: { readonly startDate: LocalDate; readonly endDate: LocalDate | null },
  zone: DateTime.TimeZone = defaultTimeZone
): boolean => periodContainsInstant(periodOf(plan), entry.lastEditedAt, zone)

/**
 * The entries shown with a plan, most recently edited first.
 *
 * @category plans
 * @since 0.1.0
 */
export const matchingEntries = <E extends Pick<AssessmentEntry, "lastEditedAt" | "pupilId">>(
  plan: { readonly pupilId: string; readonly startDate: LocalDate; readonly endDate: LocalDate | null },
  entries: ReadonlyArray<E>,
  zone: DateTime.TimeZone = defaultTimeZone
): ReadonlyArray<E> =>
  entries
    .filter((entry) => entry.pupilId === plan.pupilId && entryMatchesPlan(entry, plan, zone))
    .toSorted((a, b) => DateTime.toEpochMillis(b.lastEditedAt) - DateTime.toEpochMillis(a.lastEditedAt))

/**
 * The other plans of the same pupil whose periods share a day with the given period.
 *
 * @category plans
 * @since 0.1.0
 */
export const overlappingPlans = <P extends { readonly id: string; readonly pupilId: string; readonly startDate: LocalDate; readonly endDate: LocalDate | null }>(
  candidate: { readonly id?: string; readonly pupilId: string; readonly startDate: LocalDate; readonly endDate: LocalDate | null },
  plans: ReadonlyArray<P>
): ReadonlyArray<P> =>
  plans.filter(
    (plan) =>
      plan.pupilId === candidate.pupilId &&
      plan.id !== candidate.id &&
      periodsOverlap(periodOf(plan), periodOf(candidate))
  )

/**
 * The overlap warning for a created or re-dated plan, or none when it overlaps no other plan.
 *
 * @category plans
 * @since 0.1.0
 */
export const overlapWarnings = (
  plan: { readonly id: string; readonly pupilId: string; readonly startDate: LocalDate; readonly endDate: LocalDate | null },
  otherPlans: ReadonlyArray<{ readonly id: string; readonly pupilId: string; readonly startDate: LocalDate; readonly endDate: LocalDate | null }>
): ReadonlyArray<Warning> => {
  const others = overlappingPlans(plan, otherPlans)
  return others.length === 0
    ? []
    : [{ _tag: "PlanOverlap", pupilId: plan.pupilId, planId: plan.id, otherPlanIds: others.map((other) => other.id) }]
}

/**
 * The distinct pupils of a selection, in the order first selected.
 *
 * @category plans
 * @since 0.1.0
 */
export const distinctPupils = <A extends string>(selection: ReadonlyArray<A>): ReadonlyArray<A> => [...new Set(selection)]

/**
 * Builds a new plan for one pupil, copying the template's fields with empty values. The copy is
 * deep, so later template changes never reach the plan.
 *
 * @category plans
 * @since 0.1.0
 */
export const newPlan = (args: {
  readonly id: PlanId
  readonly pupilId: PersonId
  readonly createdBy: PersonId
  readonly template: Template
  readonly input: PlanInput
  readonly now: DateTime.Utc
}): Plan => ({
  id: args.id,
  pupilId: args.pupilId,
  createdBy: args.createdBy,
  templateId: args.template.id,
  title: args.input.title,
  startDate: args.input.startDate,
  endDate: args.input.endDate,
  published: false,
  headerVersion: initialVersion,
  createdAt: args.now,
  updatedAt: args.now,
  fields: args.template.fields.map((field) => ({
    fieldId: field.id,
    heading: field.heading,
    visibleTo: [...field.visibleTo],
    editableBy: [...field.editableBy],
    value: "",
    version: initialVersion,
    lastEditedAt: null,
    lastEditedBy: null
  }))
})

/**
 * Builds one plan per distinct selected pupil. `ids` supplies one id per distinct pupil, in order.
 *
 * @category plans
 * @since 0.1.0
 */
export const newPlans = (args: {
  readonly pupilIds: ReadonlyArray<PersonId>
  readonly ids: ReadonlyArray<PlanId>
  readonly createdBy: PersonId
  readonly template: Template
  readonly input: PlanInput
  readonly now: DateTime.Utc
}): ReadonlyArray<Plan> => {
  const pupils = distinctPupils(args.pupilIds)
  if (args.ids.length < pupils.length) {
    throw new RangeError(`newPlans needs ${pupils.length} ids but got ${args.ids.length}`)
  }
  return pupils.map((pupilId, index) =>
    newPlan({ id: args.ids[index]!, pupilId, createdBy: args.createdBy, template: args.template, input: args.input, now: args.now })
  )
}

/**
 * Which header changes an archived plan accepts: only a new end date, which may make the plan
 * current again. Everything else about an archived plan is read-only.
 *
 * @category plans
 * @since 0.1.0
 */
export const archivedPlanAccepts = (patch: PlanHeaderPatch): boolean =>
  patch.title === undefined && patch.startDate === undefined && patch.published === undefined

/**
 * The pupils an organisation- or site-wide creation covers. A pupil without a mentor today fails
 * the whole request with the list of such pupils, unless the request asks to skip them; then
 * they are left out and reported.
 *
 * @category plans
 * @since 0.1.0
 */
export const organisationWideTargets = (
  pupils: ReadonlyArray<{ readonly pupilId: PersonId; readonly mentorIds: ReadonlyArray<PersonId> }>,
  skipPupilsWithoutMentor: boolean
): Either.Either<
  { readonly pupilIds: ReadonlyArray<PersonId>; readonly skippedPupilIds: ReadonlyArray<PersonId> },
  PupilsWithoutMentorError
> => {
  const withMentor = distinctPupils(pupils.filter((pupil) => pupil.mentorIds.length > 0).map((pupil) => pupil.pupilId))
  const withoutMentor = distinctPupils(pupils.filter((pupil) => pupil.mentorIds.length === 0).map((pupil) => pupil.pupilId))
    .filter((pupilId) => !withMentor.includes(pupilId))
  if (withoutMentor.length > 0 && !skipPupilsWithoutMentor) {
    return Either.left(new PupilsWithoutMentorError({ pupilIds: withoutMentor }))
  }
  return Either.right({ pupilIds: withMentor, skippedPupilIds: withoutMentor })
}
