/**
 * Administration: templates (create, edit, hide, delete, list by scope), grading scales, and
 * plans for every pupil of an organisation or of the whole site.
 *
 * @since 0.1.0
 */
import {
  type Actor,
  administersOrganisation,
  canManageGradingScales,
  canManageTemplates,
  decodeInput,
  Directory,
  FieldDefinition,
  FieldId,
  GradingScale,
  GradingScaleId,
  GradingScaleInput,
  GradingScaleStore,
  IdGenerator,
  initialVersion,
  isAdministrator,
  isOfferedToMentor,
  OrganisationId,
  organisationWideTargets,
  type PersonId,
  PlanInput,
  type Template,
  TemplateId,
  TemplateInput,
  TemplateScope,
  TemplateStore,
  Title,
  Transactor,
  Version
} from "@iupkit/core"
import { Context, Effect, Either, Layer, Option, Schema } from "effect"
import { type Bound, bindOperations } from "./internal/bind.js"
import { readablePlansOf } from "./internal/plans.js"
import { audit, forbidden, notFound, openSession, type Session } from "./internal/session.js"
import { byName, byStartDescending, peopleById, planSummary, scaleView, summaryOf } from "./internal/views.js"
import { type CreatedPlans, insertPlans } from "./internal/createPlans.js"
import type { GradingScaleView, PlanSummary } from "./Views.js"

/**
 * A template as administrators see it, with its full field definitions.
 *
 * @category administration
 * @since 0.1.0
 */
export type TemplateView = Template

/**
 * A field in a template edit: an existing field keeps its id, a new one has none.
 *
 * @category administration
 * @since 0.1.0
 */
export const TemplateFieldEdit = Schema.extend(
  Schema.Struct({ id: Schema.optional(FieldId) }),
  FieldDefinition
)

/**
 * Changes to a template: omitted parts keep their value.
 *
 * @category administration
 * @since 0.1.0
 */
export const TemplatePatchInput = Schema.Struct({
  title: Schema.optional(Title),
  scope: Schema.optional(TemplateScope),
  fields: Schema.optional(
    Schema.Array(TemplateFieldEdit).pipe(Schema.minItems(1, { message: () => "a template needs at least one field" }))
  )
})

const decodeTemplateId = decodeInput(TemplateId, "templateId")
const decodeScaleId = decodeInput(GradingScaleId, "gradingScaleId")
const decodeVersion = decodeInput(Version, "expectedVersion")
const decodeTemplateInput = decodeInput(TemplateInput, "template")
const decodeTemplatePatch = decodeInput(TemplatePatchInput, "patch")
const decodeScaleInput = decodeInput(GradingScaleInput, "gradingScale")
const decodeScalePatch = decodeInput(Schema.Struct({ name: Schema.optionalWith(Title, { exact: true }), steps: Schema.optionalWith(GradingScaleInput.fields.steps, { exact: true }) }), "patch")
const decodeScopeFilter = decodeInput(Schema.UndefinedOr(TemplateScope), "scope")
const decodeOrganisationWide = decodeInput(
  Schema.Struct({
    organisationId: Schema.NullOr(OrganisationId),
    plan: PlanInput,
    skipPupilsWithoutMentor: Schema.optionalWith(Schema.Boolean, { default: () => false })
  })
)

const scopeKey = (scope: TemplateScope): string => (scope._tag === "site" ? "site" : `organisation ${scope.organisationId}`)

/** A template the actor manages; not found when it may not even see it, forbidden when it only sees it. */
const manageableTemplate = (session: Session, templateId: TemplateId, action: string) =>
  Effect.gen(function*() {
    const store = yield* TemplateStore
    const found = yield* store.get(templateId)
    if (Option.isNone(found)) return yield* Effect.fail(notFound("template", templateId))
    const template = found.value
    if (canManageTemplates(session.actor, template.scope)) return template
    if (yield* visibleToMentor(session, template)) {
      return yield* Effect.fail(forbidden("template", templateId, action, "only administrators of the template's scope change templates"))
    }
    return yield* Effect.fail(notFound("template", templateId))
  })

/** Whether the actor sees the template when creating plans for its mentees; nobody else sees it. */
const visibleToMentor = (session: Session, template: Template) =>
  Effect.gen(function*() {
    if (session.actor.menteeIds.size === 0) return false
    const organisations = new Set<string>()
    yield* session.loadPupils(session.actor.menteeIds)
    for (const pupilId of session.actor.menteeIds) {
      for (const id of (yield* session.pupilFacts(pupilId)).organisationIds) organisations.add(id)
    }
    return isOfferedToMentor(template, organisations)
  })

const withFieldIds = (fields: ReadonlyArray<typeof TemplateFieldEdit.Type>) =>
  Effect.gen(function*() {
    const ids = yield* IdGenerator
    return yield* Effect.forEach(fields, (field) =>
      field.id !== undefined
        ? Effect.succeed({ ...field, id: field.id })
        : Effect.map(ids.next("field"), (id) => ({ ...field, id: FieldId.make(id) })))
  })

const requireScope = (session: Session, scope: TemplateScope, action: string) =>
  canManageTemplates(session.actor, scope)
    ? Effect.void
    : Effect.fail(forbidden("template", scopeKey(scope), action, "only administrators of a scope manage its templates"))

const createTemplate = (actor: Actor, input: typeof TemplateInput.Encoded) =>
  Effect.gen(function*() {
    const decoded = yield* decodeTemplateInput(input)
    const session = yield* openSession(actor)
    yield* requireScope(session, decoded.scope, "create a template in")
    const ids = yield* IdGenerator
    const template: Template = {
      id: TemplateId.make(yield* ids.next("template")),
      title: decoded.title,
      scope: decoded.scope,
      fields: yield* withFieldIds(decoded.fields),
      hidden: false,
      version: initialVersion,
      createdAt: session.now,
      updatedAt: session.now
    }
    const store = yield* TemplateStore
    const transactor = yield* Transactor
    yield* transactor.withTransaction(
      Effect.zipRight(store.insert(template), audit(session, "template.create", [{ targetId: template.id, pupilId: null }]))
    )
    return template satisfies TemplateView
  })

const updateTemplate = (
  actor: Actor,
  templateId: string,
  expectedVersion: number,
  patch: typeof TemplatePatchInput.Encoded
) =>
  Effect.gen(function*() {
    const id = yield* decodeTemplateId(templateId)
    const version = yield* decodeVersion(expectedVersion)
    const decoded = yield* decodeTemplatePatch(patch)
    const session = yield* openSession(actor)
    const current = yield* manageableTemplate(session, id, "edit")
    if (decoded.scope !== undefined) yield* requireScope(session, decoded.scope, "move a template to")
    const knownFieldIds = new Set(current.fields.map((field) => field.id))
    for (const field of decoded.fields ?? []) {
      if (field.id !== undefined && !knownFieldIds.has(field.id)) {
        return yield* Effect.fail(notFound("template", `${id}/${field.id}`))
      }
    }
    const fields = decoded.fields === undefined ? undefined : yield* withFieldIds(decoded.fields)
    const store = yield* TemplateStore
    const transactor = yield* Transactor
    return yield* transactor.withTransaction(
      Effect.tap(
        store.update(id, version, {
          ...(decoded.title === undefined ? {} : { title: decoded.title }),
          ...(decoded.scope === undefined ? {} : { scope: decoded.scope }),
          ...(fields === undefined ? {} : { fields })
        }, session.now),
        () => audit(session, "template.update", [{ targetId: id, pupilId: null }])
      )
    )
  })

const setTemplateHidden = (actor: Actor, templateId: string, expectedVersion: number, hidden: boolean) =>
  Effect.gen(function*() {
    const id = yield* decodeTemplateId(templateId)
    const version = yield* decodeVersion(expectedVersion)
    const session = yield* openSession(actor)
    yield* manageableTemplate(session, id, hidden ? "hide" : "show")
    const store = yield* TemplateStore
    const transactor = yield* Transactor
    return yield* transactor.withTransaction(
      Effect.tap(
        store.update(id, version, { hidden }, session.now),
        () => audit(session, "template.update", [{ targetId: id, pupilId: null }])
      )
    )
  })

const deleteTemplate = (actor: Actor, templateId: string) =>
  Effect.gen(function*() {
    const id = yield* decodeTemplateId(templateId)
    const session = yield* openSession(actor)
    yield* manageableTemplate(session, id, "delete")
    const store = yield* TemplateStore
    const transactor = yield* Transactor
    yield* transactor.withTransaction(
      Effect.zipRight(store.delete(id), audit(session, "template.delete", [{ targetId: id, pupilId: null }]))
    )
  })

const listTemplates = (actor: Actor, scope?: typeof TemplateScope.Encoded) =>
  Effect.gen(function*() {
    const filter = yield* decodeScopeFilter(scope)
    const session = yield* openSession(actor)
    // An empty list would read as "no templates exist" to a mentor, who gets the templates offered
    // to them with the mentoring page instead.
    if (!isAdministrator(session.actor)) {
      return yield* Effect.fail(
        forbidden("template", filter === undefined ? "all" : scopeKey(filter), "list", "only administrators list templates; mentors get the templates they may use with their mentoring page")
      )
    }
    if (filter !== undefined) yield* requireScope(session, filter, "list the templates of")
    const store = yield* TemplateStore
    const templates = yield* store.list()
    return templates
      .filter((template) => canManageTemplates(session.actor, template.scope))
      .filter((template) => filter === undefined || scopeKey(template.scope) === scopeKey(filter))
      .toSorted((a, b) => a.title.localeCompare(b.title, "sv")) satisfies ReadonlyArray<TemplateView>
  })

const requireScaleManager = (session: Session, id: string, action: string) =>
  canManageGradingScales(session.actor)
    ? Effect.void
    : Effect.fail(forbidden("gradingScale", id, action, "grading scales are global settings that site administrators manage"))

const existingScale = (id: GradingScaleId) =>
  Effect.flatMap(GradingScaleStore, (store) =>
    Effect.flatMap(
      store.get(id),
      Option.match({ onNone: () => Effect.fail(notFound("gradingScale", id)), onSome: Effect.succeed })
    ))

const createGradingScale = (actor: Actor, input: typeof GradingScaleInput.Encoded) =>
  Effect.gen(function*() {
    const decoded = yield* decodeScaleInput(input)
    const session = yield* openSession(actor)
    yield* requireScaleManager(session, "new", "create")
    const ids = yield* IdGenerator
    const scale = GradingScale.make({
      id: GradingScaleId.make(yield* ids.next("gradingScale")),
      name: decoded.name,
      steps: decoded.steps,
      version: initialVersion,
      createdAt: session.now,
      updatedAt: session.now
    })
    const store = yield* GradingScaleStore
    const transactor = yield* Transactor
    yield* transactor.withTransaction(
      Effect.zipRight(store.insert(scale), audit(session, "gradingScale.create", [{ targetId: scale.id, pupilId: null }]))
    )
    return scaleView(scale)
  })

const updateGradingScale = (
  actor: Actor,
  scaleId: string,
  expectedVersion: number,
  patch: Partial<typeof GradingScaleInput.Encoded>
) =>
  Effect.gen(function*() {
    const id = yield* decodeScaleId(scaleId)
    const version = yield* decodeVersion(expectedVersion)
    const decoded = yield* decodeScalePatch(patch)
    const session = yield* openSession(actor)
    yield* existingScale(id)
    yield* requireScaleManager(session, id, "edit")
    const store = yield* GradingScaleStore
    const transactor = yield* Transactor
    const updated = yield* transactor.withTransaction(
      Effect.tap(
        store.update(id, version, decoded, session.now),
        () => audit(session, "gradingScale.update", [{ targetId: id, pupilId: null }])
      )
    )
    return scaleView(updated)
  })

// NOTE: deleting a scale that assessments still use is not prevented: the store has no lookup by
// scale. Their entries keep their levels, and views then show them without the scale's steps.
const deleteGradingScale = (actor: Actor, scaleId: string) =>
  Effect.gen(function*() {
    const id = yield* decodeScaleId(scaleId)
    const session = yield* openSession(actor)
    yield* existingScale(id)
    yield* requireScaleManager(session, id, "delete")
    const store = yield* GradingScaleStore
    const transactor = yield* Transactor
    yield* transactor.withTransaction(
      Effect.zipRight(store.delete(id), audit(session, "gradingScale.delete", [{ targetId: id, pupilId: null }]))
    )
  })

// Every person may list the scales: teachers pick from them and views print their steps.
const listGradingScales = (_actor: Actor) =>
  Effect.map(
    Effect.flatMap(GradingScaleStore, (store) => store.list()),
    (scales): ReadonlyArray<GradingScaleView> => scales.toSorted((a, b) => a.name.localeCompare(b.name, "sv")).map(scaleView)
  )

/**
 * The result of an organisation- or site-wide creation: the created plans, the overlap warnings,
 * and the pupils without a mentor that were skipped on request.
 *
 * @category administration
 * @since 0.1.0
 */
export interface CreatedOrganisationPlans extends CreatedPlans {
  readonly skippedPupilIds: ReadonlyArray<PersonId>
}

const createPlansForOrganisation = (
  actor: Actor,
  request: {
    readonly organisationId: string | null
    readonly plan: typeof PlanInput.Encoded
    readonly skipPupilsWithoutMentor?: boolean
  }
) =>
  Effect.gen(function*() {
    const decoded = yield* decodeOrganisationWide(request)
    const session = yield* openSession(actor)
    const directory = yield* Directory
    const organisationId = decoded.organisationId
    if (organisationId === null) {
      if (!session.actor.siteAdministrator) {
        return yield* Effect.fail(
          forbidden("organisation", "site", "create plans for every pupil of", "only site administrators act on the whole site")
        )
      }
    } else {
      const organisations = yield* directory.organisations()
      const known = organisations.some((organisation) => organisation.id === organisationId)
      if (!known || !isAdministrator(session.actor)) return yield* Effect.fail(notFound("organisation", organisationId))
      if (!administersOrganisation(session.actor, organisationId)) {
        return yield* Effect.fail(
          forbidden("organisation", organisationId, "create plans for every pupil of", "you do not administer this organisation")
        )
      }
    }
    const pupilIds = yield* directory.pupilsOfOrganisation(organisationId, session.today)
    const pupils = yield* Effect.forEach(pupilIds, (pupilId) =>
      Effect.map(directory.mentorsOf(pupilId, session.today), (mentorIds) => ({ pupilId, mentorIds })))
    const targets = yield* Either.match(organisationWideTargets(pupils, decoded.skipPupilsWithoutMentor), {
      onLeft: Effect.fail,
      onRight: Effect.succeed
    })
    if (targets.pupilIds.length === 0) {
      return { plans: [], warnings: [], skippedPupilIds: targets.skippedPupilIds } satisfies CreatedOrganisationPlans
    }
    const created = yield* insertPlans(session, targets.pupilIds, decoded.plan)
    return { ...created, skippedPupilIds: targets.skippedPupilIds } satisfies CreatedOrganisationPlans
  })

// Site administrators see every pupil of the site; organisation administrators the pupils of the
// organisations they administer, nested ones included.
const currentPlans = (actor: Actor) =>
  Effect.gen(function*() {
    const session = yield* openSession(actor)
    // As for organisation-wide creation, someone who administers nothing learns nothing.
    if (!isAdministrator(session.actor)) return yield* Effect.fail(notFound("organisation", "site"))
    const directory = yield* Directory
    const scopes = session.actor.siteAdministrator ? [null] : [...session.actor.administeredOrganisationIds]
    const pupilIds = new Set<PersonId>()
    for (const scope of scopes) {
      for (const pupilId of yield* directory.pupilsOfOrganisation(scope, session.today)) pupilIds.add(pupilId)
    }
    const plans = yield* readablePlansOf(session, [...pupilIds])
    const people = yield* peopleById([...pupilIds])
    return plans
      .map((plan) => planSummary(session, plan, summaryOf(people, plan.pupilId)))
      .filter((plan) => !plan.archived)
      .toSorted((a, b) => byName(a.pupil, b.pupil) || byStartDescending(a, b)) satisfies ReadonlyArray<PlanSummary>
  })

const administrationOperations = {
  /** Creates a template in a scope the actor administers. */
  createTemplate,
  /** Changes a template's title, scope or fields; existing plans keep their copy. */
  updateTemplate,
  /** Hides a template from mentors, or shows it again; existing plans are unaffected. */
  setTemplateHidden,
  /** Deletes a template; existing plans keep their copy of its fields. */
  deleteTemplate,
  /**
   * The templates the actor administers, optionally of one scope, in title order. Fails as
   * forbidden for anyone who administers nothing.
   */
  listTemplates,
  /** Defines a grading scale (site administrators). */
  createGradingScale,
  /** Renames a grading scale or changes its steps (site administrators). */
  updateGradingScale,
  /** Deletes a grading scale (site administrators). */
  deleteGradingScale,
  /** Every grading scale, by name. */
  listGradingScales,
  /**
   * Creates a plan for every pupil of an organisation (with `organisationId` null: of the site).
   * Pupils without a mentor fail the request unless `skipPupilsWithoutMentor` is set.
   */
  createPlansForOrganisation,
  /**
   * The current (not archived) plans, drafts included, of every pupil the actor administers, by
   * pupil name and then latest start. Fails as not found for anyone who administers nothing.
   */
  currentPlans
}

/**
 * Administration operations.
 *
 * @category services
 * @since 0.1.0
 */
export interface AdministrationService extends Bound<typeof administrationOperations> {}

/**
 * Tag of the administration operations.
 *
 * @category services
 * @since 0.1.0
 */
export class Administration extends Context.Tag("iupkit/Administration")<Administration, AdministrationService>() {
  /** Builds the service on the ports. */
  static readonly layer = Layer.effect(Administration, bindOperations(administrationOperations))
}

