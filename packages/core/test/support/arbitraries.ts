/**
 * Generators for the property tests. Dates lean towards the days where date rules break: the
 * European daylight-saving Sundays, month ends, leap days and the first of a month. Instants lean
 * towards local midnight and the hours around a daylight-saving change.
 */
import fc from "fast-check"
import type { LocalDate } from "../../src/LocalDate.js"
import { dateText, instantOfWallClock, lastSunday, monthLength, partsOf, shiftDays, zoneIds } from "./calendar.js"

const year = fc.integer({ min: 1995, max: 2060 })
const month = fc.integer({ min: 1, max: 12 })

/** Any calendar date between 1995 and 2060. */
export const anyDate: fc.Arbitrary<LocalDate> = fc
  .tuple(year, month, fc.integer({ min: 1, max: 31 }))
  .map(([y, m, d]) => dateText(y, m, Math.min(d, monthLength(y, m))))

/** A last Sunday of March or October. */
export const dstDay: fc.Arbitrary<LocalDate> = fc
  .tuple(year, fc.constantFrom(3, 10))
  .map(([y, m]) => lastSunday(y, m))

/** The last day of a month. */
export const monthEnd: fc.Arbitrary<LocalDate> = fc.tuple(year, month).map(([y, m]) => dateText(y, m, monthLength(y, m)))

/** Dates leaning towards daylight-saving days, month ends, leap days and month starts. */
export const biasedDate: fc.Arbitrary<LocalDate> = fc.oneof(
  { arbitrary: anyDate, weight: 3 },
  { arbitrary: dstDay, weight: 3 },
  { arbitrary: monthEnd, weight: 3 },
  { arbitrary: fc.tuple(year, month).map(([y, m]) => dateText(y, m, 1)), weight: 1 },
  { arbitrary: fc.tuple(year, fc.constantFrom(28, 29)).map(([y, d]) => dateText(y, 2, Math.min(d, monthLength(y, 2)))), weight: 1 }
)

/** One of the zones the tests run in, most often Europe/Stockholm. */
export const zoneId: fc.Arbitrary<string> = fc.oneof(
  { arbitrary: fc.constant("Europe/Stockholm"), weight: 3 },
  { arbitrary: fc.constantFrom(...zoneIds), weight: 2 }
)

const minutes = (count: number) => count * 60_000
const hours = (count: number) => count * 3_600_000

/**
 * An instant on or around a date in a zone: within two minutes of the local midnight that starts
 * or ends it, within the early-morning hours where clocks change, or anywhere in the day.
 */
export const instantAround = (date: LocalDate, zoneId: string): fc.Arbitrary<number> => {
  const { day, month: m, year: y } = partsOf(date)
  const next = partsOf(shiftDays(date, 1))
  const start = instantOfWallClock(zoneId, y, m, day)
  const end = instantOfWallClock(zoneId, next.year, next.month, next.day)
  const nearStart = fc.integer({ min: -minutes(2), max: minutes(2) }).map((offset) => start + offset)
  const nearEnd = fc.integer({ min: -minutes(2), max: minutes(2) }).map((offset) => end + offset)
  const earlyMorning = fc.integer({ min: hours(1), max: hours(4) }).map((offset) => start + offset)
  const anyTime = fc.integer({ min: 0, max: hours(24) }).map((offset) => start + offset)
  return fc.oneof(nearStart, nearEnd, earlyMorning, anyTime)
}

/** An edit: a zone, the date it was aimed at, and the instant (epoch milliseconds). */
export interface Edit {
  readonly zoneId: string
  readonly aimedAt: LocalDate
  readonly epochMillis: number
}

/** An edit instant around a biased date in one of the test zones. */
export const edit: fc.Arbitrary<Edit> = fc
  .tuple(zoneId, biasedDate)
  .chain(([zone, date]) => instantAround(date, zone).map((epochMillis) => ({ zoneId: zone, aimedAt: date, epochMillis })))

/** A date a few days from the given one, or any date. */
export const dateNear = (date: LocalDate): fc.Arbitrary<LocalDate> =>
  fc.oneof(
    { arbitrary: fc.integer({ min: -2, max: 2 }).map((days) => shiftDays(date, days)), weight: 4 },
    { arbitrary: fc.integer({ min: -400, max: 400 }).map((days) => shiftDays(date, days)), weight: 1 }
  )
