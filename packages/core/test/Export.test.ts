import { describe, expect, it } from "@effect/vitest"
import { Either } from "effect"
import fc from "fast-check"
import { ExportLimitExceededError } from "../src/Errors.js"
import { checkExportSize, excludeProtectedPupils, exportBatches, exportLimit } from "../src/Export.js"
import type { PersonId } from "../src/Ids.js"
import type { Protection } from "../src/Roster.js"
import { personId } from "./support/fixtures.js"
import { runs } from "./support/runs.js"


// Selection sizes lean towards the limit and multiples of it, where off-by-one mistakes live.
const size = fc.oneof(
  fc.integer({ min: 0, max: 350 }),
  fc.integer({ min: 95, max: 105 }),
  fc.constantFrom(0, 1, 99, 100, 101, 199, 200, 201, 300)
)
const selection = size.map((length) => Array.from({ length }, (_, index) => `plan${index}`))

describe("export selection", () => {
  it.prop(
    "accepts at most the limit",
    [selection],
    ([plans]) => {
      const checked = checkExportSize(plans)
      if (plans.length <= 100) {
        expect(Either.getOrThrow(checked)).toBe(plans)
        return
      }
      expect(Either.isLeft(checked)).toBe(true)
      if (Either.isRight(checked)) return
      const error = checked.left
      expect(error).toBeInstanceOf(ExportLimitExceededError)
      expect(error.requested).toBe(plans.length)
      expect(error.limit).toBe(100)
      expect(error.message).toContain(`but ${plans.length} were requested`)
    },
    { fastCheck: runs }
  )

  it.prop(
    "batches cover selection once in order",
    [selection],
    ([plans]) => {
      const batches = exportBatches(plans)
      expect(batches.flat()).toEqual(plans)
      expect(batches.length).toBe(Math.ceil(plans.length / 100))
      batches.forEach((batch, index) => {
        expect(batch.length).toBeGreaterThan(0)
        if (index < batches.length - 1) expect(batch.length).toBe(100)
        else expect(batch.length).toBeLessThanOrEqual(100)
        expect(Either.isRight(checkExportSize(batch))).toBe(true)
      })
    },
    { fastCheck: runs }
  )

  it("limits exports to one hundred", () => {
    expect(exportLimit).toBe(100)
  })

  it("names the numbers in its message", () => {
    const error = new ExportLimitExceededError({ requested: 250, limit: 100 })
    expect(error.message).toBe(
      "An export holds at most 100 plans, but 250 were requested; split the selection into batches of 100"
    )
  })

  it("honours a custom limit and size", () => {
    expect(Either.isLeft(checkExportSize([1, 2, 3], 2))).toBe(true)
    expect(Either.isRight(checkExportSize([1, 2], 2))).toBe(true)
    expect(exportBatches([1, 2, 3, 4, 5], 2)).toEqual([[1, 2], [3, 4], [5]])
    expect(exportBatches([], 2)).toEqual([])
  })

  it("rejects a batch size below one", () => {
    expect(() => exportBatches([1], 0)).toThrow("Batch size must be a positive whole number (got 0)")
    expect(() => exportBatches([1], 1.5)).toThrow(RangeError)
    expect(exportBatches([1, 2], 1)).toEqual([[1], [2]])
  })
})

describe("protected pupils", () => {
  const protections: Record<string, Protection> = {
    open: "none",
    secret: "confidential",
    hidden: "protectedRegistration"
  }
  const protectionOf = (pupilId: PersonId): Protection => protections[pupilId] ?? "none"
  const plans = ["open", "secret", "hidden", "open"].map((pupil, index) => ({ id: `plan${index}`, pupilId: personId(pupil) }))

  it("leaves out marked pupils and counts them", () => {
    const result = excludeProtectedPupils(plans, protectionOf, new Set())
    expect(result.included.map((plan) => plan.id)).toEqual(["plan0", "plan3"])
    expect(result.leftOutCount).toBe(2)
  })

  it("keeps marked pupils named in request", () => {
    const result = excludeProtectedPupils(plans, protectionOf, new Set([personId("secret")]))
    expect(result.included.map((plan) => plan.id)).toEqual(["plan0", "plan1", "plan3"])
    expect(result.leftOutCount).toBe(1)
  })
})
