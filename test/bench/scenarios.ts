// The database scenarios: bulk plan creation, one plan view and the mentor overview, each through
// the services and as hand-written SQL on the same client.
import type { PersonId } from "@iupkit/core"
import { Mentoring, Plans } from "@iupkit/services"
import { Effect, type ManagedRuntime } from "effect"
import type { BenchServices, Target } from "./databases.js"
import { dialectOf } from "./databases.js"
import { municipalityIds, type MunicipalitySize, classSize } from "./generate.js"
import { compare } from "./measure.js"
import { rawCreatePlans, rawMentorOverview, rawPlanView } from "./raw.js"

type Runtime = ManagedRuntime.ManagedRuntime<BenchServices, unknown>

/** Median milliseconds of one call through iupkit and through the baseline. */
export interface Timing {
  readonly library: number
  readonly baseline: number
  /** A difference between the two results that would make the comparison unfair, if any. */
  readonly mismatch?: string
}

const actor = (personId: string) => ({ personId: personId as PersonId })

/** Creates `count` plans for the first pupils, through the services and by raw INSERTs, alternately. */
export const bulkCreation = async (runtime: Runtime, target: Target, size: MunicipalitySize, count: number, rounds: number): Promise<Timing> => {
  const ids = municipalityIds(size)
  const pupilIds = Array.from({ length: Math.min(count, size.pupils) }, (_, index) => ids.pupilOf(index))
  // Each round uses its own year, so the plans of one round never collide with another's.
  const input = (round: number) => ({
    templateId: ids.templateId,
    title: `Benchmark ${round}`,
    startDate: `${2040 + round}-08-15`,
    endDate: `${2041 + round}-06-15`
  })
  let created = 0
  const timing = await compare(
    { warmup: 0, rounds },
    async (round) => {
      const result = await runtime.runPromise(
        Effect.flatMap(Plans, (plans) => plans.createPlans(actor(ids.administratorId), { pupilIds, plan: input(round) }))
      )
      created = result.plans.length
    },
    (round) => runtime.runPromise(rawCreatePlans(ids.administratorId, pupilIds, input(100 + round), dialectOf(target).maxBindParameters))
  )
  return created === pupilIds.length ? timing : { ...timing, mismatch: `services created ${created} of ${pupilIds.length} plans` }
}

/** Reads the current plans of class 0 as its mentor, one per call. */
export const planView = async (runtime: Runtime, size: MunicipalitySize, rounds: number): Promise<Timing> => {
  const ids = municipalityIds(size)
  const mentor = ids.mentorOf(0)
  const planOf = (round: number) => ids.currentPlanOf(round % Math.min(classSize, size.pupils))
  const library = await runtime.runPromise(Effect.flatMap(Plans, (plans) => plans.getPlan(actor(mentor), planOf(0))))
  const baseline = await runtime.runPromise(rawPlanView(mentor, planOf(0)))
  const timing = await compare(
    { warmup: 10, rounds },
    (round) => runtime.runPromise(Effect.flatMap(Plans, (plans) => plans.getPlan(actor(mentor), planOf(round)))),
    (round) => runtime.runPromise(rawPlanView(mentor, planOf(round)))
  )
  const counts = (view: { readonly entries: ReadonlyArray<unknown>; readonly fields: ReadonlyArray<unknown> } | null) =>
    view === null ? "not readable" : `${view.entries.length} entries, ${view.fields.length} fields`
  return counts(library) === counts(baseline) ? timing : { ...timing, mismatch: `iupkit ${counts(library)}, baseline ${counts(baseline)}` }
}

/** The overview of class 0's mentor: 30 pupils across 16 courses. */
export const mentorOverview = async (runtime: Runtime, size: MunicipalitySize, rounds: number): Promise<Timing> => {
  const mentor = municipalityIds(size).mentorOf(0)
  const library = await runtime.runPromise(Effect.flatMap(Mentoring, (mentoring) => mentoring.overview(actor(mentor))))
  const baseline = await runtime.runPromise(rawMentorOverview(mentor))
  const timing = await compare(
    { warmup: 5, rounds },
    () => runtime.runPromise(Effect.flatMap(Mentoring, (mentoring) => mentoring.overview(actor(mentor)))),
    () => runtime.runPromise(rawMentorOverview(mentor))
  )
  const shape = (view: { readonly pupils: ReadonlyArray<unknown>; readonly courses: ReadonlyArray<unknown>; readonly cells: ReadonlyArray<unknown> }) =>
    `${view.pupils.length} pupils, ${view.courses.length} courses, ${view.cells.length} cells`
  return shape(library) === shape(baseline) ? timing : { ...timing, mismatch: `iupkit ${shape(library)}, baseline ${shape(baseline)}` }
}
