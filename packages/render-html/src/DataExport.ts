/**
 * CSV and JSON exports of assessment entries for a municipality's own reports. The entries come
 * from service views, so they hold only what the exporting actor may read.
 *
 * @since 0.1.0
 */
import { defaultTimeZone } from "@iupkit/core"
import type { EntryView } from "@iupkit/services"
import { DateTime } from "effect"
import { isoInstant } from "./Format.js"
import { defaultLocale, type Locale, messagesFor } from "./Messages.js"

/**
 * Options of the CSV export.
 *
 * @category data export
 * @since 0.1.0
 */
export interface CsvOptions {
  /** Language of the header row; Swedish by default. */
  readonly locale?: Locale
  /** Zone of the edit times; Europe/Stockholm by default. */
  readonly timeZone?: DateTime.TimeZone
  /**
   * Separator between cells. RFC 4180 uses ","; Excel with Swedish regional settings expects ";".
   */
  readonly delimiter?: "," | ";"
  /** Whether to start with a UTF-8 byte order mark, which Excel needs to read å, ä and ö; true by default. */
  readonly byteOrderMark?: boolean
}

// Spreadsheets run a cell starting with one of these as a formula, so such cells get a leading
// apostrophe, which spreadsheets show as text.
const formulaStart = /^[=+\-@\t\r]/

/**
 * Makes one CSV cell: neutralises a formula start, then quotes the cell when it holds the
 * delimiter, a quote or a line break, doubling inner quotes as RFC 4180 requires.
 *
 * @category data export
 * @since 0.1.0
 */
export const csvCell = (value: string, delimiter: "," | ";" = ","): string => {
  const safe = formulaStart.test(value) ? `'${value}` : value
  const needsQuotes = safe.includes(delimiter) || /["\r\n]/.test(safe) || safe !== safe.trim()
  return needsQuotes ? `"${safe.replaceAll("\"", "\"\"")}"` : safe
}

/**
 * Writes entries as CSV: a header row in the chosen language, then one row per entry, with CRLF
 * line endings as RFC 4180 specifies. Edit times are ISO 8601 with the site's offset.
 *
 * @category data export
 * @since 0.1.0
 */
export const entriesToCsv = (entries: ReadonlyArray<EntryView>, options: CsvOptions = {}): string => {
  const { csv } = messagesFor(options.locale ?? defaultLocale)
  const delimiter = options.delimiter ?? ","
  const zone = options.timeZone ?? defaultTimeZone
  const header = [
    csv.pupilGivenName,
    csv.pupilFamilyName,
    csv.course,
    csv.subjectCode,
    csv.assessment,
    csv.level,
    csv.comment,
    csv.selfAssessmentLevel,
    csv.selfAssessmentComment,
    csv.lastEditedAt
  ]
  const rows = entries.map((entry) => [
    entry.pupil.givenName,
    entry.pupil.familyName,
    entry.course.name,
    entry.course.subjectCode ?? "",
    entry.assessmentTitle,
    entry.level ?? "",
    entry.comment,
    entry.selfAssessment?.level ?? "",
    entry.selfAssessment?.comment ?? "",
    isoInstant(entry.lastEditedAt, zone)
  ])
  const lines = [header, ...rows].map((cells) => cells.map((cell) => csvCell(cell, delimiter)).join(delimiter))
  return `${options.byteOrderMark === false ? "" : "\uFEFF"}${lines.join("\r\n")}\r\n`
}

/**
 * One entry in the JSON export: ids, names and texts as plain JSON values, times in ISO 8601 UTC.
 *
 * @category data export
 * @since 0.1.0
 */
export interface EntryRecord {
  readonly assessmentId: string
  readonly assessmentTitle: string
  readonly courseId: string
  readonly courseName: string
  readonly subjectCode: string | null
  readonly pupilId: string
  readonly pupilGivenName: string
  readonly pupilFamilyName: string
  readonly level: string | null
  readonly scaleSteps: ReadonlyArray<string> | null
  readonly comment: string
  readonly selfAssessment: { readonly level: string | null; readonly comment: string } | null
  readonly lastEditedAt: string
  readonly version: number
}

/**
 * Turns an entry view into a plain record for JSON.
 *
 * @category data export
 * @since 0.1.0
 */
export const entryRecord = (entry: EntryView): EntryRecord => ({
  assessmentId: entry.assessmentId,
  assessmentTitle: entry.assessmentTitle,
  courseId: entry.course.id,
  courseName: entry.course.name,
  subjectCode: entry.course.subjectCode,
  pupilId: entry.pupil.id,
  pupilGivenName: entry.pupil.givenName,
  pupilFamilyName: entry.pupil.familyName,
  level: entry.level,
  scaleSteps: entry.scaleSteps,
  comment: entry.comment,
  selfAssessment: entry.selfAssessment === null ? null : { level: entry.selfAssessment.level, comment: entry.selfAssessment.comment },
  lastEditedAt: DateTime.formatIso(entry.lastEditedAt),
  version: entry.version
})

/**
 * Writes entries as a JSON document `{ "entries": [...] }`, one record per entry.
 *
 * @category data export
 * @since 0.1.0
 */
export const entriesToJson = (entries: ReadonlyArray<EntryView>): string =>
  JSON.stringify({ entries: entries.map(entryRecord) }, null, 2)
