// Periods of assessment views: a chosen one, or by default the last four months.
import { decodeInput, defaultWindow, type InstantRange, LocalDate, LocalDates, startOfDate } from "@iupkit/core"
import { Effect, Schema } from "effect"
import type { Session } from "./session.js"

export interface Window {
  readonly start: LocalDate
  readonly end: LocalDate
}

/** A chosen period of edit dates, both ends inclusive. */
export const PeriodInput = Schema.Struct({ start: LocalDate, end: LocalDate }).pipe(
  Schema.filter((window) =>
    window.end >= window.start || { path: ["end"], message: `must not be before the start ${window.start}` }
  )
)

/** A chosen period as callers write it: `YYYY-MM-DD` dates. */
export type PeriodInput = typeof PeriodInput.Encoded

const decodeWindow = decodeInput(Schema.UndefinedOr(PeriodInput), "period")

/** The chosen period, or the last four months up to today in the site's zone. */
export const resolveWindow = (session: Session, period: PeriodInput | undefined) =>
  Effect.map(decodeWindow(period), (chosen): Window => chosen ?? defaultWindow(session.now, session.config.timeZone))

/** The edit instants of a window: from the start of its first day to the start of the day after its last. */
export const instantRange = (session: Session, window: Window): InstantRange => ({
  from: startOfDate(window.start, session.config.timeZone),
  to: startOfDate(LocalDates.addDays(window.end, 1), session.config.timeZone)
})
