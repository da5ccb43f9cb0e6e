import { describe, expect, it } from "@effect/vitest"
import { Either } from "effect"
import fc from "fast-check"
import { applyEntryWrite } from "../src/Assessment.js"
import type { LocalDate } from "../src/LocalDate.js"
import { entryMatchesPlan, isArchived, matchingEntries, overlappingPlans, overlapWarnings } from "../src/Plan.js"
import { periodContainsDate, periodsOverlap } from "../src/Time.js"
import { dateNear, edit, instantAround, zoneId } from "./support/arbitraries.js"
import {
  isEuropeanDstDay,
  isMonthEnd,
  isNearLocalMidnight,
  localDateIn,
  shiftDays,
  utc,
  zone
} from "./support/calendar.js"
import { assessmentId, at, date, entry, personId, planId } from "./support/fixtures.js"
import { propertyRuns, runs } from "./support/runs.js"


interface PlanPeriod {
  readonly startDate: LocalDate
  readonly endDate: LocalDate | null
}

const containsOracle = (plan: PlanPeriod, day: LocalDate): boolean =>
  day >= plan.startDate && (plan.endDate === null || day <= plan.endDate)

const sorted = (a: LocalDate, b: LocalDate): [LocalDate, LocalDate] => (a <= b ? [a, b] : [b, a])

describe("plan period", () => {
  it("shows entry iff local edit date lies in period", () => {
    const seen = { nearMidnight: 0, dstDay: 0, monthEnd: 0, onStart: 0, onEnd: 0, dayAfterEnd: 0, dayBeforeStart: 0, openEnded: 0 }
    const zonesSeen = new Set<string>()
    const cases = edit.chain((e) => {
      const local = localDateIn(e.epochMillis, e.zoneId)
      return fc.record({
        edit: fc.constant(e),
        bounds: fc.tuple(dateNear(local), dateNear(local)),
        openEnded: fc.integer({ min: 0, max: 4 }).map((n) => n === 0)
      })
    })

    fc.assert(
      fc.property(cases, ({ bounds, edit: e, openEnded }) => {
        const [start, end] = sorted(bounds[0], bounds[1])
        const plan: PlanPeriod = { startDate: start, endDate: openEnded ? null : end }
        const local = localDateIn(e.epochMillis, e.zoneId)

        if (isNearLocalMidnight(e.epochMillis, e.zoneId)) seen.nearMidnight++
        if (e.zoneId === "Europe/Stockholm" && isEuropeanDstDay(local)) seen.dstDay++
        if (isMonthEnd(local)) seen.monthEnd++
        if (local === plan.startDate) seen.onStart++
        if (local === plan.endDate) seen.onEnd++
        if (plan.endDate !== null && local === shiftDays(plan.endDate, 1)) seen.dayAfterEnd++
        if (local === shiftDays(plan.startDate, -1)) seen.dayBeforeStart++
        if (plan.endDate === null) seen.openEnded++
        zonesSeen.add(e.zoneId)

        const shown = entryMatchesPlan({ lastEditedAt: utc(e.epochMillis) }, plan, zone(e.zoneId))
        expect(shown).toBe(containsOracle(plan, local))
      }),
      runs
    )

    // The generators must actually reach the edges they lean towards: each in at least 2% of cases.
    for (const [edge, count] of Object.entries(seen)) expect(count, edge).toBeGreaterThanOrEqual(propertyRuns / 50)
    expect(zonesSeen.size).toBeGreaterThanOrEqual(5)
  })

  const consecutivePlans = fc
    .record({
      first: dateNear(date("2026-03-29")),
      lengths: fc.array(fc.oneof(fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: 200 })), { minLength: 2, maxLength: 5 }),
      gaps: fc.array(fc.oneof(fc.constant(1), fc.integer({ min: 1, max: 30 })), { minLength: 5, maxLength: 5 }),
      lastOpen: fc.boolean()
    })
    .map(({ first, gaps, lastOpen, lengths }) => {
      const plans: Array<PlanPeriod & { id: string; pupilId: string }> = []
      let start = first
      lengths.forEach((length, index) => {
        const end = shiftDays(start, length)
        const open = lastOpen && index === lengths.length - 1
        plans.push({ id: `plan${index}`, pupilId: "pupil1", startDate: start, endDate: open ? null : end })
        start = shiftDays(end, gaps[index] ?? 1)
      })
      return plans
    })

  // An edit aimed at a boundary of one of the plans, or at a day beside it.
  const editAtBoundary = (plans: ReadonlyArray<PlanPeriod>) =>
    fc
      .tuple(fc.constantFrom(...plans), fc.boolean(), fc.integer({ min: -1, max: 1 }), zoneId)
      .chain(([plan, atStart, offset, z]) => {
        const boundary = atStart || plan.endDate === null ? plan.startDate : plan.endDate
        return instantAround(shiftDays(boundary, offset), z).map((epochMillis) => ({ epochMillis, zoneId: z }))
      })

  it.prop(
    "consecutive plans match an entry at most once",
    [consecutivePlans.chain((plans) => fc.tuple(fc.constant(plans), editAtBoundary(plans)))],
    ([[plans, e]]) => {
      const local = localDateIn(e.epochMillis, e.zoneId)
      const matches = plans.filter((plan) => entryMatchesPlan({ lastEditedAt: utc(e.epochMillis) }, plan, zone(e.zoneId)))
      expect(matches.length).toBeLessThanOrEqual(1)
      expect(matches.length).toBe(plans.filter((plan) => containsOracle(plan, local)).length)
      for (const plan of plans) expect(overlapWarnings(plan, plans)).toEqual([])
    },
    { fastCheck: runs }
  )

  const sharingPlans = fc
    .record({
      shared: dateNear(date("2026-10-25")),
      before: fc.tuple(fc.integer({ min: 0, max: 40 }), fc.integer({ min: 0, max: 40 })),
      after: fc.tuple(fc.option(fc.integer({ min: 0, max: 40 })), fc.option(fc.integer({ min: 0, max: 40 }))),
      zoneId
    })
    .chain((shape) =>
      instantAround(shape.shared, shape.zoneId)
        .filter((ms) => localDateIn(ms, shape.zoneId) === shape.shared)
        .map((epochMillis) => ({ ...shape, epochMillis }))
    )

  it.prop(
    "plans sharing day both match and warn",
    [sharingPlans],
    ([{ after, before, epochMillis, shared, zoneId: z }]) => {
      const periodAround = (daysBefore: number, daysAfter: number | null) => ({
        startDate: shiftDays(shared, -daysBefore),
        endDate: daysAfter === null ? null : shiftDays(shared, daysAfter)
      })
      const earlier = { id: "planA", pupilId: "pupil1", ...periodAround(before[0], after[0]) }
      const created = { id: "planB", pupilId: "pupil1", ...periodAround(before[1], after[1]) }
      const otherPupil = { ...earlier, id: "planC", pupilId: "pupil2" }

      const edited = { lastEditedAt: utc(epochMillis) }
      expect(entryMatchesPlan(edited, earlier, zone(z))).toBe(true)
      expect(entryMatchesPlan(edited, created, zone(z))).toBe(true)

      expect(periodsOverlap({ start: earlier.startDate, end: earlier.endDate }, { start: created.startDate, end: created.endDate })).toBe(true)
      expect(overlapWarnings(created, [earlier, created, otherPupil])).toEqual([
        { _tag: "PlanOverlap", pupilId: "pupil1", planId: "planB", otherPlanIds: ["planA"] }
      ])
      expect(overlappingPlans(created, [otherPupil])).toEqual([])
    },
    { fastCheck: runs }
  )

  it.prop(
    "archived iff end date before today",
    {
      now: edit,
      endOffset: fc.option(fc.integer({ min: -3, max: 3 }), { freq: 5 })
    },
    ({ endOffset, now }) => {
      const today = localDateIn(now.epochMillis, now.zoneId)
      const endDate = endOffset === null ? null : shiftDays(today, endOffset)
      const archived = isArchived({ endDate }, utc(now.epochMillis), zone(now.zoneId))
      expect(archived).toBe(endDate !== null && endDate < today)
    },
    { fastCheck: runs }
  )
})

describe("plan period edges", () => {
  const summerPlan = { startDate: date("2026-01-01"), endDate: date("2026-06-30") }

  it("includes 23:59 local on end date", () => {
    expect(entryMatchesPlan({ lastEditedAt: at("2026-06-30T23:59:00+02:00") }, summerPlan)).toBe(true)
    expect(entryMatchesPlan({ lastEditedAt: at("2026-06-30T23:59:59.999+02:00") }, summerPlan)).toBe(true)
  })

  it("excludes local midnight after end date", () => {
    // 00:00 on 1 July in Stockholm is 22:00 on 30 June in UTC, still the end date there.
    const midnight = at("2026-07-01T00:00:00+02:00")
    expect(localDateIn(midnight.epochMillis, "UTC")).toBe("2026-06-30")
    expect(entryMatchesPlan({ lastEditedAt: midnight }, summerPlan)).toBe(false)
  })

  it("includes local midnight of start date", () => {
    // 00:00 on 1 January in Stockholm is still 31 December in UTC.
    expect(entryMatchesPlan({ lastEditedAt: at("2026-01-01T00:00:00+01:00") }, summerPlan)).toBe(true)
    expect(entryMatchesPlan({ lastEditedAt: at("2025-12-31T23:59:59.999+01:00") }, summerPlan)).toBe(false)
  })

  it("uses the zone it is given", () => {
    const newYork = zone("America/New_York")
    // 23:30 on 30 June in New York is 03:30 on 1 July in UTC and 05:30 in Stockholm.
    const lateEvening = at("2026-06-30T23:30:00-04:00")
    expect(entryMatchesPlan({ lastEditedAt: lateEvening }, summerPlan, newYork)).toBe(true)
    expect(entryMatchesPlan({ lastEditedAt: lateEvening }, summerPlan)).toBe(false)
  })

  describe("spring daylight-saving change", () => {
    // On Sunday 29 March 2026 Stockholm moves from 02:00 CET to 03:00 CEST.
    const endsOnChange = { startDate: date("2026-03-01"), endDate: date("2026-03-29") }
    const startsOnChange = { startDate: date("2026-03-29"), endDate: date("2026-06-30") }

    it("includes the whole shortened day", () => {
      expect(entryMatchesPlan({ lastEditedAt: at("2026-03-29T00:00:00+01:00") }, startsOnChange)).toBe(true)
      expect(entryMatchesPlan({ lastEditedAt: at("2026-03-29T01:59:59+01:00") }, endsOnChange)).toBe(true)
      expect(entryMatchesPlan({ lastEditedAt: at("2026-03-29T03:00:00+02:00") }, endsOnChange)).toBe(true)
      expect(entryMatchesPlan({ lastEditedAt: at("2026-03-29T23:59:59+02:00") }, endsOnChange)).toBe(true)
    })

    it("excludes the neighbouring days", () => {
      expect(entryMatchesPlan({ lastEditedAt: at("2026-03-28T23:59:59+01:00") }, startsOnChange)).toBe(false)
      expect(entryMatchesPlan({ lastEditedAt: at("2026-03-30T00:00:00+02:00") }, endsOnChange)).toBe(false)
    })
  })

  describe("autumn daylight-saving change", () => {
    // On Sunday 25 October 2026 Stockholm moves from 03:00 CEST back to 02:00 CET.
    const endsBeforeChange = { startDate: date("2026-08-01"), endDate: date("2026-10-24") }
    const endsOnChange = { startDate: date("2026-08-01"), endDate: date("2026-10-25") }

    it("keeps both readings of repeated hour", () => {
      expect(entryMatchesPlan({ lastEditedAt: at("2026-10-25T02:30:00+02:00") }, endsOnChange)).toBe(true)
      expect(entryMatchesPlan({ lastEditedAt: at("2026-10-25T02:30:00+01:00") }, endsOnChange)).toBe(true)
      expect(entryMatchesPlan({ lastEditedAt: at("2026-10-25T02:30:00+02:00") }, endsBeforeChange)).toBe(false)
    })

    it("bounds the lengthened day at local midnight", () => {
      expect(entryMatchesPlan({ lastEditedAt: at("2026-10-24T23:59:59+02:00") }, endsBeforeChange)).toBe(true)
      expect(entryMatchesPlan({ lastEditedAt: at("2026-10-25T00:00:00+02:00") }, endsBeforeChange)).toBe(false)
      expect(entryMatchesPlan({ lastEditedAt: at("2026-10-25T23:59:59+01:00") }, endsOnChange)).toBe(true)
      expect(entryMatchesPlan({ lastEditedAt: at("2026-10-26T00:00:00+01:00") }, endsOnChange)).toBe(false)
    })
  })

  it("moves autumn entry edited in February", () => {
    const autumnPlan = { startDate: date("2026-07-01"), endDate: date("2026-12-31") }
    const springPlan = { startDate: date("2027-01-01"), endDate: date("2027-06-30") }
    const written = applyEntryWrite(
      undefined,
      { assessmentId: assessmentId("omdome-ht26"), pupilId: personId("pupil1"), expectedVersion: null, level: "E", comment: "Bra" },
      at("2026-11-10T10:00:00+01:00"),
      personId("teacher1")
    ).pipe(Either.getOrThrow)
    expect(entryMatchesPlan(written, autumnPlan)).toBe(true)
    expect(entryMatchesPlan(written, springPlan)).toBe(false)

    const edited = applyEntryWrite(
      written,
      { assessmentId: written.assessmentId, pupilId: written.pupilId, expectedVersion: written.version, comment: "Bättre" },
      at("2027-02-15T09:00:00+01:00"),
      personId("teacher1")
    ).pipe(Either.getOrThrow)
    expect(entryMatchesPlan(edited, springPlan)).toBe(true)
    expect(entryMatchesPlan(edited, autumnPlan)).toBe(false)
  })

  it("lists own entries latest first", () => {
    const plan = { pupilId: "pupil1", startDate: date("2026-01-01"), endDate: date("2026-06-30") }
    const early = entry(at("2026-02-01T10:00:00+01:00"), { assessmentId: assessmentId("early") })
    const late = entry(at("2026-05-01T10:00:00+02:00"), { assessmentId: assessmentId("late") })
    const outside = entry(at("2026-08-01T10:00:00+02:00"), { assessmentId: assessmentId("outside") })
    const otherPupil = entry(at("2026-03-01T10:00:00+01:00"), { pupilId: personId("pupil2") })
    expect(matchingEntries(plan, [early, outside, otherPupil, late]).map((e) => e.assessmentId)).toEqual(["late", "early"])
  })

  it("checks dates against both ends", () => {
    const period = { start: date("2026-01-10"), end: date("2026-01-20") }
    expect(periodContainsDate(period, date("2026-01-09"))).toBe(false)
    expect(periodContainsDate(period, date("2026-01-10"))).toBe(true)
    expect(periodContainsDate(period, date("2026-01-20"))).toBe(true)
    expect(periodContainsDate(period, date("2026-01-21"))).toBe(false)
    expect(periodContainsDate({ start: date("2026-01-10"), end: null }, date("2099-12-31"))).toBe(true)
  })

  it("overlaps only on shared days", () => {
    const january = { start: date("2026-01-01"), end: date("2026-01-31") }
    const february = { start: date("2026-02-01"), end: date("2026-02-28") }
    const fromJanuaryEnd = { start: date("2026-01-31"), end: null }
    expect(periodsOverlap(january, february)).toBe(false)
    expect(periodsOverlap(february, january)).toBe(false)
    expect(periodsOverlap(january, fromJanuaryEnd)).toBe(true)
    expect(periodsOverlap(fromJanuaryEnd, january)).toBe(true)
    expect(periodsOverlap({ start: date("2026-03-01"), end: null }, january)).toBe(false)
    expect(periodsOverlap(january, { start: date("2025-12-01"), end: null })).toBe(true)
  })

  it("ignores same plan when re-dated", () => {
    const plan = { id: planId("plan1"), pupilId: "pupil1", startDate: date("2026-01-01"), endDate: null }
    expect(overlapWarnings(plan, [plan])).toEqual([])
  })
})
