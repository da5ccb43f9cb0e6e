/**
 * An independent calendar for checking the core's date rules. It reads local dates with
 * `Intl.DateTimeFormat` and does date arithmetic with `Date.UTC`, so it shares no code with
 * `LocalDate` and `Time` in the core.
 */
import { DateTime } from "effect"
import type { LocalDate } from "../../src/LocalDate.js"

/** Zones the property tests run in: both hemispheres, half- and quarter-hour offsets, and UTC. */
export const zoneIds = [
  "Europe/Stockholm",
  "America/New_York",
  "Australia/Sydney",
  "Pacific/Auckland",
  "Asia/Kolkata",
  "Asia/Kathmandu",
  "America/St_Johns",
  "UTC"
] as const

const formatters = new Map<string, Intl.DateTimeFormat>()

const formatterFor = (zoneId: string): Intl.DateTimeFormat => {
  let formatter = formatters.get(zoneId)
  if (formatter === undefined) {
    formatter = new Intl.DateTimeFormat("en-CA", {
      timeZone: zoneId,
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
      hourCycle: "h23"
    })
    formatters.set(zoneId, formatter)
  }
  return formatter
}

interface LocalParts {
  readonly year: number
  readonly month: number
  readonly day: number
  readonly hour: number
  readonly minute: number
  readonly second: number
}

/** The wall-clock reading of an instant in a zone. */
export const wallClock = (epochMillis: number, zoneId: string): LocalParts => {
  const parts = formatterFor(zoneId).formatToParts(epochMillis)
  const read = (type: Intl.DateTimeFormatPartTypes): number => Number(parts.find((part) => part.type === type)?.value)
  return { year: read("year"), month: read("month"), day: read("day"), hour: read("hour"), minute: read("minute"), second: read("second") }
}

const pad = (value: number, width = 2): string => String(value).padStart(width, "0")

/** Writes calendar parts as `YYYY-MM-DD`. */
export const dateText = (year: number, month: number, day: number): LocalDate =>
  `${pad(year, 4)}-${pad(month)}-${pad(day)}` as LocalDate

/** The calendar date an instant falls on in a zone, read with Intl. */
export const localDateIn = (epochMillis: number, zoneId: string): LocalDate => {
  const { day, month, year } = wallClock(epochMillis, zoneId)
  return dateText(year, month, day)
}

/** The zone's offset from UTC in milliseconds at an instant (second precision). */
export const offsetAt = (epochMillis: number, zoneId: string): number => {
  const local = wallClock(epochMillis, zoneId)
  const asUtc = Date.UTC(local.year, local.month - 1, local.day, local.hour, local.minute, local.second)
  return asUtc - Math.floor(epochMillis / 1000) * 1000
}

/** The instant a wall-clock time names in a zone (the later reading in a repeated hour). */
export const instantOfWallClock = (
  zoneId: string,
  year: number,
  month: number,
  day: number,
  hour = 0,
  minute = 0,
  second = 0,
  millis = 0
): number => {
  const naive = Date.UTC(year, month - 1, day, hour, minute, second, millis)
  const first = naive - offsetAt(naive, zoneId)
  return naive - offsetAt(first, zoneId)
}

/** Splits a `YYYY-MM-DD` text into numbers. */
export const partsOf = (date: string): { year: number; month: number; day: number } => ({
  year: Number(date.slice(0, 4)),
  month: Number(date.slice(5, 7)),
  day: Number(date.slice(8, 10))
})

/** Days in a month, from `Date.UTC` (day 0 of the next month is the last of this one). */
export const monthLength = (year: number, month: number): number => new Date(Date.UTC(year, month, 0)).getUTCDate()

/** Shifts a date by whole days with `Date.UTC`. */
export const shiftDays = (date: string, days: number): LocalDate => {
  const { day, month, year } = partsOf(date)
  const shifted = new Date(Date.UTC(year, month - 1, day + days))
  return dateText(shifted.getUTCFullYear(), shifted.getUTCMonth() + 1, shifted.getUTCDate())
}

/** The date a number of calendar months away, with the day clamped to the target month's length. */
export const shiftMonths = (date: string, months: number): LocalDate => {
  const { day, month, year } = partsOf(date)
  const first = new Date(Date.UTC(year, month - 1 + months, 1))
  const targetYear = first.getUTCFullYear()
  const targetMonth = first.getUTCMonth() + 1
  return dateText(targetYear, targetMonth, Math.min(day, monthLength(targetYear, targetMonth)))
}

/** The last Sunday of a month: the European daylight-saving change in March and October. */
export const lastSunday = (year: number, month: number): LocalDate => {
  const last = monthLength(year, month)
  const weekday = new Date(Date.UTC(year, month - 1, last)).getUTCDay()
  return dateText(year, month, last - weekday)
}

/** Whether a date is the last Sunday of March or October. */
export const isEuropeanDstDay = (date: string): boolean => {
  const { month, year } = partsOf(date)
  return (month === 3 || month === 10) && lastSunday(year, month) === date
}

/** Whether a date is the last day of its month. */
export const isMonthEnd = (date: string): boolean => {
  const { day, month, year } = partsOf(date)
  return day === monthLength(year, month)
}

/** Whether an instant lies within a minute of a local midnight in the zone. */
export const isNearLocalMidnight = (epochMillis: number, zoneId: string): boolean =>
  localDateIn(epochMillis - 60_000, zoneId) !== localDateIn(epochMillis + 60_000, zoneId)

/** An effect UTC instant from epoch milliseconds. */
export const utc = (epochMillis: number): DateTime.Utc => DateTime.unsafeMake(epochMillis)

/** An effect time zone for a zone id. */
export const zone = (zoneId: string): DateTime.TimeZone => DateTime.zoneUnsafeMakeNamed(zoneId)
