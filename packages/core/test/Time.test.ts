import { describe, expect, it } from "@effect/vitest"
import { DateTime } from "effect"
import fc from "fast-check"
import * as LocalDates from "../src/LocalDate.js"
import {
  defaultTimeZone,
  defaultTimeZoneId,
  defaultWindow,
  defaultWindowMonths,
  localDateOf,
  periodContainsInstant,
  schoolYearLabel,
  startOfDate,
  termLabel,
  termOf
} from "../src/Time.js"
import { anyDate, biasedDate, edit, zoneId } from "./support/arbitraries.js"
import { dateText, localDateIn, monthLength, partsOf, shiftDays, shiftMonths, utc, zone } from "./support/calendar.js"
import { at, date } from "./support/fixtures.js"
import { propertyRuns, runs } from "./support/runs.js"


describe("default window", () => {
  it("starts four calendar months back", () => {
    let clamped = 0
    let monthEnds = 0
    fc.assert(
      fc.property(edit, (now) => {
        const today = localDateIn(now.epochMillis, now.zoneId)
        const { day, month, year } = partsOf(today)
        const back = new Date(Date.UTC(year, month - 1 - 4, 1))
        const targetLength = monthLength(back.getUTCFullYear(), back.getUTCMonth() + 1)
        if (day > targetLength) clamped++
        if (day === monthLength(year, month)) monthEnds++

        const expectedStart = dateText(back.getUTCFullYear(), back.getUTCMonth() + 1, Math.min(day, targetLength))
        expect(defaultWindow(utc(now.epochMillis), zone(now.zoneId))).toEqual({ start: expectedStart, end: today })
      }),
      runs
    )
    expect(clamped).toBeGreaterThanOrEqual(propertyRuns / 50)
    expect(monthEnds).toBeGreaterThanOrEqual(propertyRuns / 10)
  })

  it("clamps to the month's last day", () => {
    expect(defaultWindow(at("2026-07-31T12:00:00+02:00"))).toEqual({ start: "2026-03-31", end: "2026-07-31" })
    expect(defaultWindow(at("2026-06-30T12:00:00+02:00"))).toEqual({ start: "2026-02-28", end: "2026-06-30" })
    expect(defaultWindow(at("2028-06-30T12:00:00+02:00"))).toEqual({ start: "2028-02-29", end: "2028-06-30" })
    expect(defaultWindow(at("2027-02-28T12:00:00+01:00"))).toEqual({ start: "2026-10-28", end: "2027-02-28" })
    expect(defaultWindowMonths).toBe(4)
  })

  it("reads today in the site's zone", () => {
    // 22:30 UTC on 31 July is already 1 August in Stockholm.
    expect(defaultWindow(at("2026-07-31T22:30:00Z"))).toEqual({ start: "2026-04-01", end: "2026-08-01" })
    expect(defaultWindow(at("2026-07-31T22:30:00Z"), zone("UTC"))).toEqual({ start: "2026-03-31", end: "2026-07-31" })
  })
})

describe("local dates of instants", () => {
  it.prop(
    "agrees with Intl in every zone",
    [edit],
    ([e]) => {
      expect(localDateOf(utc(e.epochMillis), zone(e.zoneId))).toBe(localDateIn(e.epochMillis, e.zoneId))
      expect(periodContainsInstant({ start: e.aimedAt, end: e.aimedAt }, utc(e.epochMillis), zone(e.zoneId))).toBe(
        localDateIn(e.epochMillis, e.zoneId) === e.aimedAt
      )
    },
    { fastCheck: runs }
  )

  it.prop(
    "starts each date at local midnight",
    [biasedDate, zoneId],
    ([day, z]) => {
      const start = DateTime.toEpochMillis(startOfDate(day, zone(z)))
      expect(localDateIn(start, z)).toBe(day)
      expect(localDateIn(start - 1, z)).toBe(shiftDays(day, -1))
    },
    { fastCheck: runs }
  )

  it("starts days where midnight is skipped or repeated", () => {
    // Havana, Santiago and Beirut change their clocks at local midnight, so some days begin at
    // 01:00 and one begins twice at 00:00.
    const cases = [
      ["America/Havana", "2026-03-08"],
      ["America/Havana", "2026-11-01"],
      ["America/Santiago", "2026-09-06"],
      ["America/Santiago", "2026-04-05"],
      ["Asia/Beirut", "2026-03-29"]
    ] as const
    for (const [zoneName, day] of cases) {
      const start = DateTime.toEpochMillis(startOfDate(date(day), zone(zoneName)))
      expect(localDateIn(start, zoneName), `${zoneName} ${day}`).toBe(day)
      expect(localDateIn(start - 1, zoneName), `${zoneName} ${day}`).toBe(shiftDays(day, -1))
    }
  })

  it("defaults to Stockholm", () => {
    expect(defaultTimeZoneId).toBe("Europe/Stockholm")
    expect(DateTime.zoneToString(defaultTimeZone)).toBe("Europe/Stockholm")
    expect(localDateOf(at("2026-03-28T23:30:00Z"))).toBe("2026-03-29")
    expect(DateTime.formatIso(startOfDate(date("2026-03-29")))).toBe("2026-03-28T23:00:00.000Z")
    expect(DateTime.formatIso(startOfDate(date("2026-03-30")))).toBe("2026-03-29T22:00:00.000Z")
  })
})

describe("terms", () => {
  it.prop(
    "puts every date in exactly one term",
    [anyDate],
    ([day]) => {
      const term = termOf(day)
      const { month, year } = partsOf(day)
      expect(term.start <= day).toBe(true)
      expect(day <= term.end).toBe(true)
      expect(term.kind).toBe(month >= 7 ? "autumn" : "spring")
      expect(term.year).toBe(year)
      expect(term.start).toBe(month >= 7 ? `${year}-07-01` : `${year}-01-01`)
      expect(term.end).toBe(month >= 7 ? `${year}-12-31` : `${year}-06-30`)

      // The school year runs 1 July to 30 June.
      expect(term.schoolYearStart).toBe(month >= 7 ? year : year - 1)
      expect(day >= `${term.schoolYearStart}-07-01`).toBe(true)
      expect(day <= `${term.schoolYearStart + 1}-06-30`).toBe(true)

      // Terms tile the calendar: the day after a term's end starts the next one.
      const next = termOf(shiftDays(term.end, 1))
      expect(next.start).toBe(shiftDays(term.end, 1))
      expect(next.kind).not.toBe(term.kind)
      expect(termOf(shiftDays(term.start, -1)).end).toBe(shiftDays(term.start, -1))
    },
    { fastCheck: runs }
  )

  it("labels terms and school years", () => {
    expect(termLabel(termOf(date("2026-08-15")))).toBe("HT 2026")
    expect(termLabel(termOf(date("2027-02-01")))).toBe("VT 2027")
    expect(schoolYearLabel(termOf(date("2026-08-15")))).toBe("2026/27")
    expect(schoolYearLabel(termOf(date("2027-06-30")))).toBe("2026/27")
    expect(schoolYearLabel(termOf(date("2099-12-01")))).toBe("2099/00")
    expect(schoolYearLabel(termOf(date("2009-01-01")))).toBe("2008/09")
  })
})

describe("calendar arithmetic", () => {
  const dayCount = fc.oneof(fc.integer({ min: -3, max: 3 }), fc.integer({ min: -5000, max: 5000 }))
  const monthCount = fc.oneof(fc.integer({ min: -13, max: 13 }), fc.integer({ min: -600, max: 600 }))

  it.prop(
    "adds days like Date.UTC",
    [biasedDate, dayCount],
    ([day, days]) => {
      const shifted = LocalDates.addDays(day, days)
      expect(shifted).toBe(shiftDays(day, days))
      expect(LocalDates.daysBetween(day, shifted)).toBe(days)
      expect(LocalDates.addDays(shifted, -days)).toBe(day)
      expect(Math.sign(LocalDates.compare(shifted, day))).toBe(Math.sign(days))
    },
    { fastCheck: runs }
  )

  it.prop(
    "adds months clamped to month end",
    [biasedDate, monthCount],
    ([day, months]) => {
      const shifted = LocalDates.addMonths(day, months)
      expect(shifted).toBe(shiftMonths(day, months))
      const from = partsOf(day)
      const to = partsOf(shifted)
      expect(to.year * 12 + to.month - (from.year * 12 + from.month)).toBe(months)
      expect(to.day).toBe(Math.min(from.day, monthLength(to.year, to.month)))
    },
    { fastCheck: runs }
  )

  it.prop(
    "parses exactly the real dates",
    [fc.integer({ min: 0, max: 9999 }), fc.integer({ min: 0, max: 13 }), fc.integer({ min: 0, max: 32 })],
    ([year, month, day]) => {
      const text = dateText(year, month, day)
      const real = year >= 1 && month >= 1 && month <= 12 && day >= 1 && day <= monthLength(year, month)
      expect(LocalDates.parse(text)).toBe(real ? text : undefined)
      if (real) expect(LocalDates.toParts(text)).toEqual({ year, month, day })
    },
    { fastCheck: runs }
  )

  it("rejects malformed date texts", () => {
    for (const text of ["2026-2-3", "2026-02-30", "26-02-03", "2026-02-03T00:00", " 2026-02-03", "2026/02/03", "0000-01-01", ""]) {
      expect(LocalDates.parse(text), text).toBeUndefined()
    }
    expect(LocalDates.parse("0001-01-01")).toBe("0001-01-01")
    expect(LocalDates.parse("2024-02-29")).toBe("2024-02-29")
    expect(LocalDates.parse("2000-02-29")).toBe("2000-02-29")
    expect(LocalDates.parse("1900-02-29")).toBeUndefined()
  })

  it("throws on impossible parts", () => {
    expect(() => LocalDates.fromParts({ year: 2026, month: 2, day: 30 })).toThrow("Not a calendar date: 2026-02-30")
    expect(LocalDates.fromParts({ year: 987, month: 1, day: 2 })).toBe("0987-01-02")
  })

  it("orders dates", () => {
    const [early, late] = [date("2026-01-31"), date("2026-02-01")]
    expect(LocalDates.compare(early, late)).toBe(-1)
    expect(LocalDates.compare(late, early)).toBe(1)
    expect(LocalDates.compare(early, early)).toBe(0)
    expect(LocalDates.min(early, late)).toBe(early)
    expect(LocalDates.min(late, early)).toBe(early)
    expect(LocalDates.max(early, late)).toBe(late)
    expect(LocalDates.max(late, early)).toBe(late)
  })

  it("counts days per month", () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12].map((m) => LocalDates.daysInMonth(2026, m))).toEqual([
      31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31
    ])
    expect(LocalDates.daysInMonth(2024, 2)).toBe(29)
    expect(LocalDates.daysInMonth(2100, 2)).toBe(28)
    expect(LocalDates.daysInMonth(2000, 2)).toBe(29)
  })
})
