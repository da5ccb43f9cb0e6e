/**
 * Plan operations for every role: read a plan, list a pupil's plans, create plans for selected
 * pupils, change the header (title, dates, publishing), write field values and delete. What an
 * operation allows follows from the actor's relations to the pupil today.
 *
 * @since 0.1.0
 */
import {
  type Actor,
  BodyText,
  canDeletePlan,
  canReadField,
  canWriteField,
  canWriteHeader,
  decodeInput,
  FieldId,
  InvalidInputError,
  isArchivedOn,
  overlapWarnings,
  PersonId,
  PlanHeaderPatch,
  PlanId,
  PlanInput,
  PlanStore,
  Transactor,
  Version,
  type Warning
} from "@iupkit/core"
import { Context, Effect, Layer, Schema } from "effect"
import { type Bound, bindOperations } from "./internal/bind.js"
import { type CreatedPlans, insertPlans } from "./internal/createPlans.js"
import { readablePlan, readablePlansOf } from "./internal/plans.js"
import { audit, forbidden, notFound, openSession } from "./internal/session.js"
import { byStartDescending, fieldView, peopleById, planSummary, planViews, summaryOf } from "./internal/views.js"
import type { PlanFieldView, PlanSummary } from "./Views.js"

const decodePlanId = decodeInput(PlanId, "planId")
const decodePersonId = decodeInput(PersonId, "pupilId")
const decodeVersion = decodeInput(Version, "expectedVersion")
const decodePatch = decodeInput(PlanHeaderPatch, "patch")
const decodeCreate = decodeInput(
  Schema.Struct({
    pupilIds: Schema.Array(PersonId).pipe(Schema.minItems(1, { message: () => "select at least one pupil" })),
    plan: PlanInput
  })
)
const decodeFieldWrite = decodeInput(
  Schema.Struct({ planId: PlanId, fieldId: FieldId, expectedVersion: Version, value: BodyText })
)

/**
 * The result of a header change: the new summary and version, and the overlap warnings when the
 * dates moved.
 *
 * @category plans
 * @since 0.1.0
 */
export interface UpdatedHeader {
  readonly plan: PlanSummary
  readonly headerVersion: Version
  readonly warnings: ReadonlyArray<Warning>
}

const getPlan = (actor: Actor, planId: string) =>
  Effect.gen(function*() {
    const id = yield* decodePlanId(planId)
    const session = yield* openSession(actor)
    const { plan, relations } = yield* readablePlan(session, id)
    const people = yield* peopleById([plan.pupilId])
    const [view] = yield* planViews(session, [{ plan, relations, pupil: summaryOf(people, plan.pupilId) }], "plan.read", people)
    return view!
  })

const plansOfPupil = (actor: Actor, pupilId: string) =>
  Effect.gen(function*() {
    const id = yield* decodePersonId(pupilId)
    const session = yield* openSession(actor)
    const relations = yield* session.relationsTo(id)
    if (relations.size === 0) return yield* Effect.fail(notFound("person", id))
    const plans = yield* readablePlansOf(session, [id])
    const people = yield* peopleById([id])
    return plans.map((plan) => planSummary(session, plan, summaryOf(people, id))).toSorted(byStartDescending)
  })

const createPlans = (
  actor: Actor,
  request: { readonly pupilIds: ReadonlyArray<string>; readonly plan: typeof PlanInput.Encoded }
) =>
  Effect.gen(function*() {
    const decoded = yield* decodeCreate(request)
    const session = yield* openSession(actor)
    return yield* insertPlans(session, decoded.pupilIds, decoded.plan)
  })

const updateHeader = (actor: Actor, planId: string, expectedVersion: number, patch: typeof PlanHeaderPatch.Encoded) =>
  Effect.gen(function*() {
    const id = yield* decodePlanId(planId)
    const version = yield* decodeVersion(expectedVersion)
    const decodedPatch = yield* decodePatch(patch)
    const session = yield* openSession(actor)
    const { plan, relations } = yield* readablePlan(session, id)
    const archived = isArchivedOn(plan, session.today)
    if (!canWriteHeader(relations, decodedPatch, archived)) {
      const reason = archived && relations.has("mentor")
        ? "the plan is archived; only its end date can move"
        : "only the pupil's mentors and administrators change a plan's header"
      return yield* Effect.fail(forbidden("plan", id, "change the header of", reason))
    }
    const startDate = decodedPatch.startDate ?? plan.startDate
    const endDate = decodedPatch.endDate === undefined ? plan.endDate : decodedPatch.endDate
    if (endDate !== null && endDate < startDate) {
      return yield* Effect.fail(
        InvalidInputError.of("patch.endDate", endDate, `must not be before the start date ${startDate}`)
      )
    }
    const store = yield* PlanStore
    const transactor = yield* Transactor
    const updated = yield* transactor.withTransaction(
      Effect.tap(
        store.updateHeader(id, version, decodedPatch, session.now),
        () => audit(session, "plan.updateHeader", [{ targetId: id, pupilId: plan.pupilId }])
      )
    )
    const datesMoved = decodedPatch.startDate !== undefined || decodedPatch.endDate !== undefined
    const warnings = datesMoved ? overlapWarnings(updated, yield* store.listByPupils([plan.pupilId])) : []
    const people = yield* peopleById([plan.pupilId])
    return {
      plan: planSummary(session, updated, summaryOf(people, plan.pupilId)),
      headerVersion: updated.headerVersion,
      warnings
    } satisfies UpdatedHeader
  })

const updateField = (
  actor: Actor,
  write: { readonly planId: string; readonly fieldId: string; readonly expectedVersion: number; readonly value: string }
) =>
  Effect.gen(function*() {
    const decoded = yield* decodeFieldWrite(write)
    const session = yield* openSession(actor)
    const { plan, relations } = yield* readablePlan(session, decoded.planId)
    const field = plan.fields.find((candidate) => candidate.fieldId === decoded.fieldId)
    if (field === undefined || !canReadField(relations, plan, field)) {
      return yield* Effect.fail(notFound("planField", `${decoded.planId}/${decoded.fieldId}`))
    }
    const archived = isArchivedOn(plan, session.today)
    if (!canWriteField(relations, plan, field, archived)) {
      const reason = archived
        ? "the plan is archived and read-only"
        : "the field's edit rights do not name any of your roles for this pupil"
      return yield* Effect.fail(forbidden("planField", `${decoded.planId}/${decoded.fieldId}`, "write", reason))
    }
    const store = yield* PlanStore
    const transactor = yield* Transactor
    const updated = yield* transactor.withTransaction(
      Effect.tap(
        store.updateField(decoded.planId, decoded.fieldId, decoded.expectedVersion, decoded.value, session.now, session.actor.personId),
        () => audit(session, "plan.updateField", [{ targetId: decoded.planId, pupilId: plan.pupilId }])
      )
    )
    return fieldView(relations, plan, updated, archived) satisfies PlanFieldView
  })

const deletePlan = (actor: Actor, planId: string) =>
  Effect.gen(function*() {
    const id = yield* decodePlanId(planId)
    const session = yield* openSession(actor)
    const { plan, relations } = yield* readablePlan(session, id)
    const archived = isArchivedOn(plan, session.today)
    if (!canDeletePlan(relations, archived)) {
      const reason = archived && (relations.has("mentor") || relations.has("administrator"))
        ? "the plan is archived; move its end date first"
        : "only the pupil's mentors and administrators delete plans"
      return yield* Effect.fail(forbidden("plan", id, "delete", reason))
    }
    const store = yield* PlanStore
    const transactor = yield* Transactor
    yield* transactor.withTransaction(
      Effect.zipRight(store.delete(id), audit(session, "plan.delete", [{ targetId: id, pupilId: plan.pupilId }]))
    )
  })

const planOperations = {
  /** One plan as the actor may read it; the read is audited. */
  getPlan,
  /** Every plan of a pupil the actor may read, archived ones too, latest first. */
  plansOfPupil,
  /** One plan per selected pupil, all or nothing, with overlap warnings. */
  createPlans,
  /** Changes title, dates or publishing; an archived plan accepts only a new end date. */
  updateHeader,
  /** Publishes a plan to the pupil, its guardians and teachers. */
  publish: (actor: Actor, planId: string, expectedVersion: number) =>
    updateHeader(actor, planId, expectedVersion, { published: true }),
  /** Takes a plan back to the mentors' draft. */
  unpublish: (actor: Actor, planId: string, expectedVersion: number) =>
    updateHeader(actor, planId, expectedVersion, { published: false }),
  /** Moves the end date, the one change an archived plan accepts. */
  moveEndDate: (actor: Actor, planId: string, expectedVersion: number, endDate: string | null) =>
    updateHeader(actor, planId, expectedVersion, { endDate }),
  /** Writes one field value, naming the version read (autosave). */
  updateField,
  /** Deletes a current plan. */
  deletePlan
}

/**
 * Plans created in one request, one per pupil, with the overlap warnings.
 *
 * @category plans
 * @since 0.1.0
 */
export type { CreatedPlans }

/**
 * Plan operations.
 *
 * @category services
 * @since 0.1.0
 */
export interface PlansService extends Bound<typeof planOperations> {}

/**
 * Tag of the plan operations.
 *
 * @category services
 * @since 0.1.0
 */
export class Plans extends Context.Tag("iupkit/Plans")<Plans, PlansService>() {
  /** Builds the service on the ports. */
  static readonly layer = Layer.effect(Plans, bindOperations(planOperations))
}

