// Plan lookups shared by the services: a plan the actor may read, or not found.
import { type NotFoundError, type PersonId, type Plan, PlanStore, type PupilRelation, canReadPlan, type Directory, type StorageError } from "@iupkit/core"
import { Effect, Option } from "effect"
import { notFound, type Session } from "./session.js"

export interface ReadablePlan {
  readonly plan: Plan
  readonly relations: ReadonlySet<PupilRelation>
}

/** The plan and the actor's relations to its pupil, or not found when the actor may not read it. */
export const readablePlan = (
  session: Session,
  planId: string
): Effect.Effect<ReadablePlan, NotFoundError | StorageError, PlanStore | Directory> =>
  Effect.gen(function*() {
    const store = yield* PlanStore
    const found = yield* store.get(planId as Plan["id"])
    if (Option.isNone(found)) return yield* Effect.fail(notFound("plan", planId))
    const plan = found.value
    const relations = yield* session.relationsTo(plan.pupilId)
    if (!canReadPlan(relations, plan)) return yield* Effect.fail(notFound("plan", planId))
    return { plan, relations }
  })

/**
 * {@link readablePlan} of many ids, read together, each then passed to `then` in the given order.
 * The first id that fails, by either check, fails the whole, as going through them one by one would.
 */
export const readablePlansById = <A, E>(
  session: Session,
  planIds: ReadonlyArray<string>,
  then: (readable: ReadablePlan) => Effect.Effect<A, E>
): Effect.Effect<ReadonlyArray<A>, E | NotFoundError | StorageError, PlanStore | Directory> =>
  Effect.gen(function*() {
    const store = yield* PlanStore
    const found = new Map((yield* store.getMany(planIds as ReadonlyArray<Plan["id"]>)).map((plan) => [plan.id as string, plan]))
    yield* session.loadPupils([...found.values()].map((plan) => plan.pupilId))
    return yield* Effect.forEach(planIds, (planId) =>
      Effect.gen(function*() {
        const plan = found.get(planId)
        if (plan === undefined) return yield* Effect.fail(notFound("plan", planId))
        const relations = yield* session.relationsTo(plan.pupilId)
        if (!canReadPlan(relations, plan)) return yield* Effect.fail(notFound("plan", planId))
        return yield* then({ plan, relations })
      }))
  })

/** The plans of the pupils that the actor may read. */
export const readablePlansOf = (
  session: Session,
  pupilIds: ReadonlyArray<PersonId>
): Effect.Effect<ReadonlyArray<Plan>, StorageError, PlanStore | Directory> =>
  Effect.gen(function*() {
    if (pupilIds.length === 0) return []
    const store = yield* PlanStore
    const plans = yield* store.listByPupils(pupilIds)
    yield* session.loadPupils(plans.map((plan) => plan.pupilId))
    const readable: Array<Plan> = []
    for (const plan of plans) {
      if (canReadPlan(yield* session.relationsTo(plan.pupilId), plan)) readable.push(plan)
    }
    return readable
  })
