/**
 * Grading scales (bedömningsskalor): ordered named steps a teacher picks a level from. They are
 * used only for written assessments; an assessment may also have no scale (Ingen bedömning).
 *
 * @since 0.1.0
 */
import { Schema } from "effect"
import { GradingScaleId } from "./Ids.js"
import { Title } from "./Text.js"
import { Instant } from "./Time.js"
import { Version } from "./Version.js"

const Steps = Schema.Array(Title).pipe(
  Schema.minItems(2, { message: () => "a grading scale needs at least two steps" }),
  Schema.filter((steps) => {
    const seen = new Set<string>()
    for (const step of steps) {
      const key = step.trim().toLocaleLowerCase("sv")
      if (seen.has(key)) return `step names must be unique, but "${step}" appears twice`
      seen.add(key)
    }
    return true
  })
)

/**
 * What an administrator submits: a name and the steps from lowest to highest.
 *
 * @category grading scales
 * @since 0.1.0
 */
export const GradingScaleInput = Schema.Struct({
  name: Title,
  steps: Steps
})
/** @category grading scales */
export type GradingScaleInput = typeof GradingScaleInput.Type

/**
 * A stored grading scale. A level is one of its step names.
 *
 * @category grading scales
 * @since 0.1.0
 */
export const GradingScale = Schema.Struct({
  id: GradingScaleId,
  name: Title,
  steps: Steps,
  version: Version,
  createdAt: Instant,
  updatedAt: Instant
})
/** @category grading scales */
export type GradingScale = typeof GradingScale.Type

/**
 * Step counts the mentor overview can show.
 *
 * @category grading scales
 * @since 0.1.0
 */
export const overviewStepCounts: ReadonlyArray<number> = [2, 3, 6]

/**
 * Whether the mentor overview can show a scale, and why not when it cannot.
 *
 * @category grading scales
 * @since 0.1.0
 */
export type OverviewSupport =
  | { readonly _tag: "supported"; readonly stepCount: number }
  | { readonly _tag: "unsupportedStepCount"; readonly stepCount: number; readonly supportedStepCounts: ReadonlyArray<number> }
  | { readonly _tag: "noScale" }

/**
 * Tells whether the mentor overview supports a scale: only 2, 3 or 6 steps; an assessment
 * without a scale has no level to show.
 *
 * @category grading scales
 * @since 0.1.0
 */
export const overviewSupport = (scale: Pick<GradingScale, "steps"> | null): OverviewSupport => {
  if (scale === null) return { _tag: "noScale" }
  const stepCount = scale.steps.length
  return overviewStepCounts.includes(stepCount)
    ? { _tag: "supported", stepCount }
    : { _tag: "unsupportedStepCount", stepCount, supportedStepCounts: overviewStepCounts }
}

/**
 * The position of a level in a scale (0 is the lowest step), or -1 when the scale has no such step.
 *
 * @category grading scales
 * @since 0.1.0
 */
export const stepIndex = (scale: Pick<GradingScale, "steps">, level: string): number => scale.steps.indexOf(level)
