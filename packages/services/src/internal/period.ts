// Periods of assessment views: a chosen one, or by default the last four months.
import { decodeInput, defaultWindow, type InstantRange, LocalDate, LocalDates, startOfDate } from "@iupkit/core"
import { Effect, Schema } from "effect"
import type { Session } from "./session.js"

export interface Window {
  readonly start: LocalDate
  readonly end: LocalDate
}

const decodeWindow = decodeInput(
  Schema.UndefinedOr(
    Schema.Struct({ start: LocalDate, end: LocalDate }).pipe(
      Schema.filter((window) =>
        window.end >= window.start || { path: ["end"], message: `must not be before the start ${window.start}` }
      )
    )
  ),
  "period"
)

/** The chosen period, or the last four months up to today in the site's zone. */
export const resolveWindow = (session: Session, period: unknown) =>
  Effect.map(decodeWindow(period), (chosen): Window => chosen ?? defaultWindow(session.now, session.config.timeZone))

/** The edit instants of a window: from the start of its first day to the start of the day after its last. */
export const instantRange = (session: Session, window: Window): InstantRange => ({
  from: startOfDate(window.start, session.config.timeZone),
  to: startOfDate(LocalDates.addDays(window.end, 1), session.config.timeZone)
})
