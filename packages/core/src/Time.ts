/**
 * Instants, the site's time zone, periods and terms. Every comparison between an instant (an edit
 * time) and a calendar date (a plan's start or end) is made in the site's zone, so a daylight-saving
 * change never moves an edit across a boundary. Nothing here reads a clock: "now" is an argument.
 *
 * @since 0.1.0
 */
import { DateTime, Schema } from "effect"
import * as LocalDate from "./LocalDate.js"

/**
 * An instant in UTC, encoded as an ISO 8601 string.
 *
 * @category time
 * @since 0.1.0
 */
export const Instant = Schema.DateTimeUtc
/** @category time */
export type Instant = DateTime.Utc

/**
 * The zone used when a site configures none.
 *
 * @category time
 * @since 0.1.0
 */
export const defaultTimeZoneId = "Europe/Stockholm"

/**
 * The default site time zone, Europe/Stockholm.
 *
 * @category time
 * @since 0.1.0
 */
export const defaultTimeZone: DateTime.TimeZone = DateTime.zoneUnsafeMakeNamed(defaultTimeZoneId)

/**
 * The calendar date an instant falls on in a zone.
 *
 * @category time
 * @since 0.1.0
 */
export const localDateOf = (instant: DateTime.DateTime, zone: DateTime.TimeZone = defaultTimeZone): LocalDate.LocalDate => {
  const parts = DateTime.toParts(DateTime.setZone(instant, zone))
  return LocalDate.fromParts({ year: parts.year, month: parts.month, day: parts.day })
}

/**
 * The first instant of a calendar date in a zone (local midnight, or the first valid time after
 * it where a zone skips midnight).
 *
 * @category time
 * @since 0.1.0
 */
export const startOfDate = (date: LocalDate.LocalDate, zone: DateTime.TimeZone = defaultTimeZone): DateTime.Utc => {
  const { day, month, year } = LocalDate.toParts(date)
  const zoned = DateTime.unsafeMakeZoned(
    { year, month, day, hours: 0, minutes: 0, seconds: 0, millis: 0 },
    // "compatible" takes the first 00:00 when midnight repeats and moves forward past a skipped
    // one; "earlier" would move back into the previous day there.
    { timeZone: zone, adjustForTimeZone: true, disambiguation: "compatible" }
  )
  return DateTime.toUtc(zoned)
}

/**
 * An inclusive period of calendar dates; `end` null means open-ended.
 *
 * @category time
 * @since 0.1.0
 */
export interface Period {
  readonly start: LocalDate.LocalDate
  readonly end: LocalDate.LocalDate | null
}

/**
 * Whether a date lies within a period, both ends inclusive.
 *
 * @category time
 * @since 0.1.0
 */
export const periodContainsDate = (period: Period, date: LocalDate.LocalDate): boolean =>
  date >= period.start && (period.end === null || date <= period.end)

/**
 * Whether an instant lies within a period: from the start of the start date to the end of the end
 * date in the given zone.
 *
 * @category time
 * @since 0.1.0
 */
export const periodContainsInstant = (
  period: Period,
  instant: DateTime.DateTime,
  zone: DateTime.TimeZone = defaultTimeZone
): boolean => periodContainsDate(period, localDateOf(instant, zone))

/**
 * Whether two periods share at least one day.
 *
 * @category time
 * @since 0.1.0
 */
export const periodsOverlap = (a: Period, b: Period): boolean =>
  (a.end === null || b.start <= a.end) && (b.end === null || a.start <= b.end)

/**
 * Months in the default assessment window.
 *
 * @category time
 * @since 0.1.0
 */
export const defaultWindowMonths = 4

/**
 * The default window of assessment views: from four calendar months before today (clamped to the
 * month's last day) to today, both in the site's zone.
 *
 * @category time
 * @since 0.1.0
 */
export const defaultWindow = (
  now: DateTime.DateTime,
  zone: DateTime.TimeZone = defaultTimeZone
): { readonly start: LocalDate.LocalDate; readonly end: LocalDate.LocalDate } => {
  const today = localDateOf(now, zone)
  return { start: LocalDate.addMonths(today, -defaultWindowMonths), end: today }
}

/**
 * A school term: autumn (HT, July–December) or spring (VT, January–June).
 *
 * @category time
 * @since 0.1.0
 */
export interface Term {
  readonly kind: "autumn" | "spring"
  /** Calendar year the term lies in. */
  readonly year: number
  /** First calendar year of the school year, which runs 1 July – 30 June. */
  readonly schoolYearStart: number
  readonly start: LocalDate.LocalDate
  readonly end: LocalDate.LocalDate
}

/**
 * The term and school year a date belongs to. The school year runs 1 July – 30 June, so every date
 * belongs to exactly one term.
 *
 * @category time
 * @since 0.1.0
 */
export const termOf = (date: LocalDate.LocalDate): Term => {
  const { month, year } = LocalDate.toParts(date)
  return month >= 7
    ? {
      kind: "autumn",
      year,
      schoolYearStart: year,
      start: LocalDate.fromParts({ year, month: 7, day: 1 }),
      end: LocalDate.fromParts({ year, month: 12, day: 31 })
    }
    : {
      kind: "spring",
      year,
      schoolYearStart: year - 1,
      start: LocalDate.fromParts({ year, month: 1, day: 1 }),
      end: LocalDate.fromParts({ year, month: 6, day: 30 })
    }
}

/**
 * The Swedish short name of a term, such as "HT 2026" or "VT 2027".
 *
 * @category time
 * @since 0.1.0
 */
export const termLabel = (term: Term): string => `${term.kind === "autumn" ? "HT" : "VT"} ${term.year}`

/**
 * The school year as Swedish schools write it, such as "2026/27".
 *
 * @category time
 * @since 0.1.0
 */
export const schoolYearLabel = (term: Term): string =>
  `${term.schoolYearStart}/${String((term.schoolYearStart + 1) % 100).padStart(2, "0")}`
