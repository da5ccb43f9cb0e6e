/**
 * Calendar dates as branded `YYYY-MM-DD` strings. Plans start and end on calendar dates, which
 * have no time zone of their own; comparisons with instants happen in the site's zone (see Time).
 *
 * @since 0.1.0
 */
import { Schema } from "effect"

const pattern = /^(\d{4})-(\d{2})-(\d{2})$/

const isLeapYear = (year: number): boolean => (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0

/**
 * Number of days in a month (month 1–12).
 *
 * @category dates
 * @since 0.1.0
 */
export const daysInMonth = (year: number, month: number): number =>
  month === 2 ? (isLeapYear(year) ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31

const isRealDate = (text: string): boolean => {
  const match = pattern.exec(text)
  if (match === null) return false
  const year = Number(match[1])
  const month = Number(match[2])
  const day = Number(match[3])
  return year >= 1 && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month)
}

/**
 * A calendar date written `YYYY-MM-DD`; 2026-02-30 and 2026-2-3 are rejected.
 *
 * @category dates
 * @since 0.1.0
 */
export const LocalDate = Schema.String.pipe(
  Schema.filter((text) => isRealDate(text), {
    // The override also covers input that is not a string at all, such as a number.
    message: () => ({ message: "must be a real calendar date written YYYY-MM-DD", override: true }),
    identifier: "LocalDate",
    jsonSchema: { type: "string", format: "date" }
  }),
  Schema.brand("LocalDate")
)
/** @category dates */
export type LocalDate = typeof LocalDate.Type

/**
 * The parts of a calendar date (month 1–12).
 *
 * @category dates
 * @since 0.1.0
 */
export interface DateParts {
  readonly year: number
  readonly month: number
  readonly day: number
}

const pad = (value: number, width: number): string => String(value).padStart(width, "0")

/**
 * Builds a date from its parts; throws on an impossible date, which is a programming error here
 * because every caller derives the parts from a valid date.
 *
 * @category dates
 * @since 0.1.0
 */
export const fromParts = (parts: DateParts): LocalDate => {
  const text = `${pad(parts.year, 4)}-${pad(parts.month, 2)}-${pad(parts.day, 2)}`
  if (!isRealDate(text)) throw new RangeError(`Not a calendar date: ${text}`)
  return text as LocalDate
}

/**
 * Splits a date into its parts.
 *
 * @category dates
 * @since 0.1.0
 */
export const toParts = (date: LocalDate): DateParts => ({
  year: Number(date.slice(0, 4)),
  month: Number(date.slice(5, 7)),
  day: Number(date.slice(8, 10))
})

/**
 * Parses text into a date, or returns undefined when it is not one.
 *
 * @category dates
 * @since 0.1.0
 */
export const parse = (text: string): LocalDate | undefined => (isRealDate(text) ? (text as LocalDate) : undefined)

/**
 * Orders two dates: negative when `a` is earlier. Zero-padded ISO dates order as strings.
 *
 * @category dates
 * @since 0.1.0
 */
export const compare = (a: LocalDate, b: LocalDate): number => (a < b ? -1 : a > b ? 1 : 0)

/**
 * The earlier of two dates.
 *
 * @category dates
 * @since 0.1.0
 */
export const min = (a: LocalDate, b: LocalDate): LocalDate => (a <= b ? a : b)

/**
 * The later of two dates.
 *
 * @category dates
 * @since 0.1.0
 */
export const max = (a: LocalDate, b: LocalDate): LocalDate => (a >= b ? a : b)

const dayNumber = (date: LocalDate): number => {
  const { day, month, year } = toParts(date)
  return Math.floor(Date.UTC(year, month - 1, day) / 86_400_000)
}

/**
 * Adds (or with a negative count, subtracts) whole days.
 *
 * @category dates
 * @since 0.1.0
 */
export const addDays = (date: LocalDate, days: number): LocalDate => {
  const utc = new Date((dayNumber(date) + days) * 86_400_000)
  return fromParts({ year: utc.getUTCFullYear(), month: utc.getUTCMonth() + 1, day: utc.getUTCDate() })
}

/**
 * Adds calendar months, clamping the day to the target month's last day, so 31 July minus four
 * months is 31 March and 30 June minus four months is 28 or 29 February.
 *
 * @category dates
 * @since 0.1.0
 */
export const addMonths = (date: LocalDate, months: number): LocalDate => {
  const { day, month, year } = toParts(date)
  const index = year * 12 + (month - 1) + months
  const targetYear = Math.floor(index / 12)
  const targetMonth = index - targetYear * 12 + 1
  return fromParts({ year: targetYear, month: targetMonth, day: Math.min(day, daysInMonth(targetYear, targetMonth)) })
}

/**
 * Whole days from `a` to `b` (positive when `b` is later).
 *
 * @category dates
 * @since 0.1.0
 */
export const daysBetween = (a: LocalDate, b: LocalDate): number => dayNumber(b) - dayNumber(a)
