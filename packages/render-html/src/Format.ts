/**
 * Dates and times as end users read them. Calendar dates have no zone and are printed as they are;
 * instants are turned into the site's local time with effect's DateTime before Intl formats them,
 * so a named zone and a fixed offset both work and no date library is needed.
 *
 * @since 0.1.0
 */
import { LocalDates, type LocalDate } from "@iupkit/core"
import { DateTime } from "effect"
import type { Messages } from "./Messages.js"

const dateFormats = new Map<string, Intl.DateTimeFormat>()
const timeFormats = new Map<string, Intl.DateTimeFormat>()

const cached = (cache: Map<string, Intl.DateTimeFormat>, tag: string, options: Intl.DateTimeFormatOptions) => {
  let format = cache.get(tag)
  if (format === undefined) {
    // The wall-clock time is already computed, so Intl must not shift it again: format in UTC.
    format = new Intl.DateTimeFormat(tag, { ...options, timeZone: "UTC" })
    cache.set(tag, format)
  }
  return format
}

const wallClockMillis = (parts: { year: number; month: number; day: number; hours?: number; minutes?: number }) =>
  Date.UTC(parts.year, parts.month - 1, parts.day, parts.hours ?? 0, parts.minutes ?? 0)

/**
 * A calendar date in words, such as "4 december 2026" (sv) or "4 December 2026" (en).
 *
 * @category formatting
 * @since 0.1.0
 */
export const formatDate = (date: LocalDate, messages: Messages): string =>
  cached(dateFormats, messages.languageTag, { dateStyle: "long" }).format(wallClockMillis(LocalDates.toParts(date)))

/**
 * An instant as a date and time in the site's zone, such as "4 december 2026 21:05".
 *
 * @category formatting
 * @since 0.1.0
 */
export const formatInstant = (instant: DateTime.DateTime, zone: DateTime.TimeZone, messages: Messages): string => {
  const parts = DateTime.toParts(DateTime.setZone(instant, zone))
  const millis = wallClockMillis(parts)
  const date = cached(dateFormats, messages.languageTag, { dateStyle: "long" }).format(millis)
  const time = cached(timeFormats, messages.languageTag, { hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).format(millis)
  return `${date} ${time}`
}

/**
 * An instant in ISO 8601 with the site's offset, for the `datetime` attribute of `<time>`.
 *
 * @category formatting
 * @since 0.1.0
 */
export const isoInstant = (instant: DateTime.DateTime, zone: DateTime.TimeZone): string =>
  DateTime.formatIsoOffset(DateTime.setZone(instant, zone))

/**
 * A plan's period in words: "1 augusti 2026 – 31 januari 2027", or "från 1 augusti 2026" when it
 * has no end date.
 *
 * @category formatting
 * @since 0.1.0
 */
export const formatPeriod = (start: LocalDate, end: LocalDate | null, messages: Messages): string =>
  messages.periodText(formatDate(start, messages), end === null ? null : formatDate(end, messages))

/**
 * A person's full name as pages show it.
 *
 * @category formatting
 * @since 0.1.0
 */
export const fullName = (person: { readonly givenName: string; readonly familyName: string }): string =>
  `${person.givenName} ${person.familyName}`
