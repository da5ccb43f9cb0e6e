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

/** The plans of the pupils that the actor may read. */
export const readablePlansOf = (
  session: Session,
  pupilIds: ReadonlyArray<PersonId>
): Effect.Effect<ReadonlyArray<Plan>, StorageError, PlanStore | Directory> =>
  Effect.gen(function*() {
    if (pupilIds.length === 0) return []
    const store = yield* PlanStore
    const plans = yield* store.listByPupils(pupilIds)
    const readable: Array<Plan> = []
    for (const plan of plans) {
      if (canReadPlan(yield* session.relationsTo(plan.pupilId), plan)) readable.push(plan)
    }
    return readable
  })
