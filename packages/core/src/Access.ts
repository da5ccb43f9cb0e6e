/**
 * Who may read and write what. Every function here is pure: the facts about the actor and the
 * pupil come from the directory, answered for today, and the service layer passes them in.
 *
 * The model in short: a pupil's mentors and the administrators whose scope holds the pupil read
 * every plan; others read a plan only once it is published, and then only the fields whose
 * visibility names their role. A person with several relations to a pupil gets the union of what
 * each allows. What the actor may not read is answered as not found.
 *
 * @since 0.1.0
 */
import type { Assessment } from "./Assessment.js"
import type { CourseId, OrganisationId, PersonId } from "./Ids.js"
import type { Plan, PlanField, PlanHeaderPatch } from "./Plan.js"
import { archivedPlanAccepts } from "./Plan.js"
import type { FieldRole, PupilRelation } from "./Role.js"
import type { TemplateScope } from "./Template.js"

/**
 * Facts the directory returns about the acting person for today.
 *
 * @category access
 * @since 0.1.0
 */
export interface ActorFacts {
  readonly personId: PersonId
  readonly siteAdministrator: boolean
  /** Organisations the actor administers, including every organisation nested below them. */
  readonly administeredOrganisationIds: ReadonlySet<OrganisationId>
  readonly menteeIds: ReadonlySet<PersonId>
  /** Pupils the actor is a guardian of. */
  readonly childIds: ReadonlySet<PersonId>
  readonly taughtCourseIds: ReadonlySet<CourseId>
}

/**
 * Facts the directory returns about a pupil for today.
 *
 * @category access
 * @since 0.1.0
 */
export interface PupilFacts {
  readonly pupilId: PersonId
  /** Organisations the pupil is enrolled at. */
  readonly organisationIds: ReadonlySet<OrganisationId>
  readonly courseIds: ReadonlySet<CourseId>
}

/**
 * Facts about a person with no relations, the starting point for building others.
 *
 * @category access
 * @since 0.1.0
 */
export const noFacts = (personId: PersonId): ActorFacts => ({
  personId,
  siteAdministrator: false,
  administeredOrganisationIds: new Set(),
  menteeIds: new Set(),
  childIds: new Set(),
  taughtCourseIds: new Set()
})

const intersects = <A>(a: ReadonlySet<A>, b: Iterable<A>): boolean => {
  for (const item of b) if (a.has(item)) return true
  return false
}

/**
 * Whether an actor administers an organisation (directly or through a parent, or as site
 * administrator).
 *
 * @category access
 * @since 0.1.0
 */
export const administersOrganisation = (actor: ActorFacts, organisationId: OrganisationId): boolean =>
  actor.siteAdministrator || actor.administeredOrganisationIds.has(organisationId)

/**
 * Computes every relation the actor has to a pupil today.
 *
 * @category access
 * @since 0.1.0
 */
export const relationsToPupil = (actor: ActorFacts, pupil: PupilFacts): ReadonlySet<PupilRelation> => {
  const relations = new Set<PupilRelation>()
  if (actor.menteeIds.has(pupil.pupilId)) relations.add("mentor")
  if (intersects(actor.taughtCourseIds, pupil.courseIds)) relations.add("teacher")
  if (actor.personId === pupil.pupilId) relations.add("pupil")
  if (actor.childIds.has(pupil.pupilId)) relations.add("guardian")
  if (actor.siteAdministrator || intersects(actor.administeredOrganisationIds, pupil.organisationIds)) {
    relations.add("administrator")
  }
  return relations
}

/**
 * Relations that read and write every part of a plan, published or not.
 *
 * @category access
 * @since 0.1.0
 */
const isPlanOwner = (relations: ReadonlySet<PupilRelation>): boolean =>
  relations.has("mentor") || relations.has("administrator")

const fieldRolesOf = (relations: ReadonlySet<PupilRelation>): ReadonlyArray<FieldRole> =>
  (["mentor", "teacher", "pupil", "guardian"] as const).filter((role) => relations.has(role))

/**
 * Whether the actor may read a plan: mentors and administrators always; the pupil's teachers,
 * the pupil and its guardians once it is published.
 *
 * @category access
 * @since 0.1.0
 */
export const canReadPlan = (relations: ReadonlySet<PupilRelation>, plan: Pick<Plan, "published">): boolean =>
  isPlanOwner(relations) ||
  (plan.published && (relations.has("teacher") || relations.has("pupil") || relations.has("guardian")))

/**
 * Whether the actor may read a field of a plan it may read: mentors and administrators read
 * every field; others the fields whose visibility names one of their roles.
 *
 * @category access
 * @since 0.1.0
 */
export const canReadField = (
  relations: ReadonlySet<PupilRelation>,
  plan: Pick<Plan, "published">,
  field: Pick<PlanField, "visibleTo">
): boolean =>
  canReadPlan(relations, plan) &&
  (isPlanOwner(relations) || fieldRolesOf(relations).some((role) => field.visibleTo.includes(role)))

/**
 * Whether the actor may write a field's value. Archived plans are read-only. Mentors write every
 * field; others only fields whose edit set names one of their roles, on published plans, and
 * only fields they may also read. Administrators read every field but write none unless they
 * are also the pupil's mentor: field values record the development talk.
 *
 * @category access
 * @since 0.1.0
 */
export const canWriteField = (
  relations: ReadonlySet<PupilRelation>,
  plan: Pick<Plan, "published">,
  field: Pick<PlanField, "visibleTo" | "editableBy">,
  archived: boolean
): boolean => {
  if (archived) return false
  if (relations.has("mentor")) return true
  // Each role must both read and edit the field, so a second relation (such as administrator,
  // which reads everything) never lends a role the reading it lacks.
  return (
    plan.published &&
    fieldRolesOf(relations).some((role) => field.visibleTo.includes(role) && field.editableBy.includes(role))
  )
}

/**
 * Whether the actor may change a plan's header (title, dates, published). Mentors and
 * administrators may; an archived plan accepts only a new end date.
 *
 * @category access
 * @since 0.1.0
 */
export const canWriteHeader = (
  relations: ReadonlySet<PupilRelation>,
  patch: PlanHeaderPatch,
  archived: boolean
): boolean => isPlanOwner(relations) && (!archived || archivedPlanAccepts(patch))

/**
 * Whether the actor may create plans for a pupil: its mentors and administrators.
 *
 * @category access
 * @since 0.1.0
 */
export const canCreatePlan = (relations: ReadonlySet<PupilRelation>): boolean => isPlanOwner(relations)

/**
 * Whether the actor may delete a plan: its pupil's mentors and administrators, while the plan is
 * current (archived plans are read-only until their end date moves).
 *
 * @category access
 * @since 0.1.0
 */
export const canDeletePlan = (relations: ReadonlySet<PupilRelation>, archived: boolean): boolean =>
  isPlanOwner(relations) && !archived

/**
 * Whether the actor may read one pupil's entry in an assessment: the teachers of its course, the
 * pupil's mentors and administrators always; the pupil and its guardians only while the
 * assessment is visible to pupils. A self-assessment is read by the same people as its entry.
 *
 * @category access
 * @since 0.1.0
 */
export const canReadEntry = (
  actor: ActorFacts,
  relations: ReadonlySet<PupilRelation>,
  assessment: Pick<Assessment, "courseId" | "visibleToPupils">
): boolean =>
  actor.taughtCourseIds.has(assessment.courseId) ||
  relations.has("mentor") ||
  relations.has("administrator") ||
  (assessment.visibleToPupils && (relations.has("pupil") || relations.has("guardian")))

/**
 * Whether the actor may create, edit, retitle or delete assessments of a course and write its
 * entries: the course's teachers only.
 *
 * @category access
 * @since 0.1.0
 */
export const canManageAssessments = (actor: ActorFacts, courseId: CourseId): boolean => actor.taughtCourseIds.has(courseId)

/**
 * Whether a pupil may write its self-assessment: self-assessment is on and the assessment is
 * visible to pupils.
 *
 * @category access
 * @since 0.1.0
 */
export const canSelfAssess = (
  relations: ReadonlySet<PupilRelation>,
  assessment: Pick<Assessment, "visibleToPupils" | "selfAssessmentEnabled">
): boolean => relations.has("pupil") && assessment.visibleToPupils && assessment.selfAssessmentEnabled

/**
 * Whether the actor may read a pupil's legacy documents: the same people who read its published
 * plans.
 *
 * @category access
 * @since 0.1.0
 */
export const canReadDocuments = (relations: ReadonlySet<PupilRelation>): boolean =>
  canReadPlan(relations, { published: true })

/**
 * Whether the actor may upload or delete a pupil's legacy documents: its mentors. Administrators
 * may also, because the import from an earlier system runs as one.
 *
 * @category access
 * @since 0.1.0
 */
export const canWriteDocuments = (relations: ReadonlySet<PupilRelation>): boolean => isPlanOwner(relations)

/**
 * Whether the actor may export a pupil's plans: its mentors and the administrators whose scope contains
 * it. Each exported plan shows only what the exporter may read.
 *
 * @category access
 * @since 0.1.0
 */
export const canExportPlans = (relations: ReadonlySet<PupilRelation>): boolean => isPlanOwner(relations)

/**
 * Whether the actor may create, edit, hide or delete templates of a scope: site administrators
 * any scope; organisation administrators their own organisations and those nested below.
 *
 * @category access
 * @since 0.1.0
 */
export const canManageTemplates = (actor: ActorFacts, scope: TemplateScope): boolean =>
  actor.siteAdministrator || (scope._tag === "organisation" && actor.administeredOrganisationIds.has(scope.organisationId))

/**
 * Whether the actor may define grading scales, which are global settings: site administrators.
 *
 * @category access
 * @since 0.1.0
 */
export const canManageGradingScales = (actor: ActorFacts): boolean => actor.siteAdministrator

/**
 * Whether the actor is any kind of administrator.
 *
 * @category access
 * @since 0.1.0
 */
export const isAdministrator = (actor: ActorFacts): boolean =>
  actor.siteAdministrator || actor.administeredOrganisationIds.size > 0

/**
 * The person on whose behalf an operation runs. Hosts build it from their own sign-in (see
 * `@iupkit/auth`); every service operation takes one, and what it may do follows from the
 * directory's relations of today.
 *
 * @category access
 * @since 0.1.0
 */
export interface Actor {
  readonly personId: PersonId
}
