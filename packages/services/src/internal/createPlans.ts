// Creation of plans for selected pupils, shared by mentors' bulk creation and administrators'
// organisation-wide creation.
import {
  canCreatePlan,
  distinctPupils,
  IdGenerator,
  newPlans,
  overlapWarnings,
  periodOf,
  type PersonId,
  type PlanHeader,
  PlanId,
  type PlanInput,
  PlanStore,
  type Template,
  TemplateStore,
  Transactor,
  type Warning
} from "@iupkit/core"
import { Effect, Option } from "effect"
import type { PlanSummary } from "../Views.js"
import { audit, forbidden, notFound, type Session } from "./session.js"
import { peopleById, planSummary, summaryOf } from "./views.js"

/** Created plans, one per pupil, and the overlap warnings. */
export interface CreatedPlans {
  readonly plans: ReadonlyArray<PlanSummary>
  readonly warnings: ReadonlyArray<Warning>
}

/** Whether a template may be used for a pupil by this actor. */
const templateUsableFor = (session: Session, template: Template, pupilOrganisations: ReadonlySet<string>): boolean =>
  template.scope._tag === "site" ||
  pupilOrganisations.has(template.scope.organisationId) ||
  session.actor.siteAdministrator ||
  session.actor.administeredOrganisationIds.has(template.scope.organisationId)

/**
 * Creates one plan per distinct pupil in one transaction. Every pupil must be one the actor may
 * create plans for, and the template must be visible and usable for each; otherwise nothing is
 * written.
 */
export const insertPlans = (
  session: Session,
  pupilIds: ReadonlyArray<PersonId>,
  input: PlanInput
) =>
  Effect.gen(function*() {
    const templates = yield* TemplateStore
    const found = yield* templates.get(input.templateId)
    if (Option.isNone(found) || found.value.hidden) return yield* Effect.fail(notFound("template", input.templateId))
    const template = found.value
    const pupils = distinctPupils(pupilIds)
    // One directory read covers the whole selection. The checks below then run in memory in the
    // selection's order, so the first pupil that fails is still the one reported.
    yield* session.loadRelations(pupils)
    for (const pupilId of pupils) {
      const relations = yield* session.relationsTo(pupilId)
      if (relations.size === 0) return yield* Effect.fail(notFound("person", pupilId))
      if (!canCreatePlan(relations)) {
        return yield* Effect.fail(forbidden("person", pupilId, "create plans for", "only the pupil's mentors and administrators create plans"))
      }
      if (!templateUsableFor(session, template, yield* session.enrolmentsOf(pupilId))) {
        return yield* Effect.fail(
          forbidden("template", template.id, `use for pupil ${pupilId}`, "the template belongs to an organisation the pupil is not enrolled at")
        )
      }
    }
    const ids = yield* IdGenerator
    const planIds = yield* Effect.forEach(pupils, () => Effect.map(ids.next("plan"), (id) => PlanId.make(id)))
    const plans = newPlans({ pupilIds: pupils, ids: planIds, createdBy: session.actor.personId, template, input, now: session.now })
    const store = yield* PlanStore
    // Grouped by pupil first: comparing each new plan with every existing plan of the selection
    // grows with the square of the selection (minutes for 10,000 pupils). The overlap check looks
    // at dates alone, so the existing plans' fields are not read, nor plans outside the new period.
    const existingByPupil = new Map<PersonId, Array<PlanHeader>>()
    for (const plan of yield* store.listHeadersByPupils(pupils, periodOf(input))) {
      const list = existingByPupil.get(plan.pupilId) ?? []
      list.push(plan)
      existingByPupil.set(plan.pupilId, list)
    }
    const warnings = plans.flatMap((plan) => overlapWarnings(plan, existingByPupil.get(plan.pupilId) ?? []))
    const transactor = yield* Transactor
    yield* transactor.withTransaction(
      Effect.zipRight(
        store.insertMany(plans),
        audit(session, "plan.create", plans.map((plan) => ({ targetId: plan.id, pupilId: plan.pupilId })))
      )
    )
    const people = yield* peopleById(pupils)
    return {
      plans: plans.map((plan) => planSummary(session, plan, summaryOf(people, plan.pupilId))),
      warnings
    } satisfies CreatedPlans
  })

