/**
 * Turns the core's tagged errors into sentences an end user can act on. The errors' own `message`
 * is English text for developers and logs; these messages come from the catalogue instead.
 *
 * @since 0.1.0
 */
import type {
  ExportLimitExceededError,
  ForbiddenError,
  InvalidInputError,
  NotFoundError,
  PupilsWithoutMentorError,
  StorageError,
  VersionConflictError
} from "@iupkit/core"
import { shortenValue } from "@iupkit/core"
import { defaultLocale, type Locale, type Messages, messagesFor } from "./Messages.js"

/**
 * The tagged errors of the core that pages explain to users.
 *
 * @category errors
 * @since 0.1.0
 */
export type DomainError =
  | InvalidInputError
  | NotFoundError
  | ForbiddenError
  | VersionConflictError
  | ExportLimitExceededError
  | PupilsWithoutMentorError
  | StorageError

/**
 * What an error page shows: a heading, a sentence, and for a conflict the current text when the
 * error carries one.
 *
 * @category errors
 * @since 0.1.0
 */
export interface UserMessage {
  readonly title: string
  readonly message: string
  readonly currentValue?: string
}

const tagOf = (error: unknown): string | undefined =>
  typeof error === "object" && error !== null && "_tag" in error && typeof error._tag === "string" ? error._tag : undefined

const kindName = (messages: Messages, kind: string): string => messages.resourceKinds[kind] ?? messages.resourceKinds["plan"]!

// Fields are dotted paths such as "plan.startDate" or "fields.0.value"; the last named part is
// the form field the user filled in.
const lastFieldPart = (field: string): string => {
  const parts = field.split(".").filter((part) => part !== "" && !/^\d+$/.test(part))
  return parts[parts.length - 1] ?? ""
}

/**
 * Returns the form field an invalid-input error names, such as "startDate" for "plan.startDate",
 * so a form can show the message next to that field. Any other error names no field.
 *
 * @category errors
 * @since 0.1.0
 */
export const formFieldOf = (error: unknown): string | undefined =>
  tagOf(error) === "InvalidInputError" ? lastFieldPart((error as InvalidInputError).field) || undefined : undefined

const fieldName = (messages: Messages, field: string): string => messages.fieldNames[lastFieldPart(field)] ?? messages.unnamedField

// The core decodes a missing value as the text "nothing".
const sentValue = (value: string): string | null => (value === "" || value === "nothing" ? null : value)

// The core's rules are English sentences written by its text, date and scale checks. These
// patterns recognise them so the user reads the rule in their own language. A rule that no pattern
// matches gets a generic sentence, because its English text is meant for developers.
const ruleText = (messages: Messages, rule: string, value: string): string => {
  if (/NUL character/i.test(rule)) return messages.rules.nul
  if (/unpaired surrogate/i.test(rule)) return messages.rules.surrogate
  const tooLong = /at most ([\d,]+) characters/i.exec(rule)
  if (tooLong !== null) return messages.rules.tooLong(tooLong[1]!)
  if (/must not be empty/i.test(rule)) return messages.rules.empty
  if (/before the start date/i.test(rule)) return messages.rules.endBeforeStart
  if (/calendar date/i.test(rule)) return messages.rules.date(sentValue(value))
  const steps = /one of the scale's steps: (.*)$/i.exec(rule)
  // Levels are short step names, so echoing the rejected one is safe and helps.
  if (steps !== null) return messages.rules.notAStep(value, steps[1]!)
  if (/has no grading scale/i.test(rule)) return messages.rules.noScale
  if (/whole number|must be a number/i.test(rule)) return messages.rules.number
  if (/^is a checkbox/.test(rule)) return messages.rules.checkbox(value)
  if (/must be one of/i.test(rule)) return messages.rules.choice
  return fileRuleText(messages, rule) ?? messages.rules.other
}

const invalidInputText = (messages: Messages, error: InvalidInputError): string => {
  const field = lastFieldPart(error.field)
  // The version is a hidden form field, so a bad one means the page was loaded before a change.
  if (field === "expectedVersion" || field === "version") return messages.staleForm
  if (field === "planIds" && /must not be empty/i.test(error.rule)) return messages.noPlanSelected
  if (field === "confirm") return messages.deleteNotConfirmed
  if (/^is not a known property/.test(error.rule)) return messages.unknownProperty(error.field)
  return messages.invalidInput(fieldName(messages, error.field), ruleText(messages, error.rule, error.value))
}

// The services' upload checks name the broken rule in these words.
const fileRuleText = (messages: Messages, rule: string): string | undefined => {
  const tooLarge = /^is \d+ bytes, more than the limit of (\d+) bytes$/i.exec(rule)
  if (tooLarge !== null) return messages.rules.fileTooLarge(messages.fileSize(Number(tooLarge[1])))
  if (/^is empty$/i.test(rule)) return messages.rules.fileEmpty
  if (/only PDF, DOC and DOCX files are accepted|not a readable DOCX file/i.test(rule)) return messages.rules.fileType
  if (/could run code when opened/i.test(rule)) return messages.rules.pdfScript
  if (/unpacks to|compressed \d+ to 1|may hold at most \d+ parts/i.test(rule)) return messages.rules.docxUnpack
  return undefined
}

/**
 * Describes an error for an end user: a heading and a sentence from the catalogue. Errors that are
 * not the core's tagged errors get a generic message, so no internal detail reaches the page.
 *
 * @category errors
 * @since 0.1.0
 */
export const describeError = (error: unknown, locale: Locale = defaultLocale): UserMessage => {
  const messages = messagesFor(locale)
  switch (tagOf(error)) {
    case "NotFoundError": {
      // The id is the caller's own input, shortened so a long one cannot flood the page.
      const { kind, id } = error as NotFoundError
      return { title: messages.notFoundTitle, message: messages.notFound(kindName(messages, kind), shortenValue(id)) }
    }
    case "ForbiddenError": {
      const { kind } = error as ForbiddenError
      return { title: messages.forbiddenTitle, message: messages.forbidden(kindName(messages, kind)) }
    }
    case "VersionConflictError": {
      const { currentValue, kind } = error as VersionConflictError
      const described = { title: messages.conflictTitle, message: messages.conflict(kindName(messages, kind)) }
      return typeof currentValue === "string" ? { ...described, currentValue } : described
    }
    case "ExportLimitExceededError": {
      const { limit, requested } = error as ExportLimitExceededError
      return { title: messages.exportLimitTitle, message: messages.exportLimit(requested, limit) }
    }
    case "InvalidInputError":
      return { title: messages.invalidInputTitle, message: invalidInputText(messages, error as InvalidInputError) }
    case "PupilsWithoutMentorError": {
      const { pupilIds } = error as PupilsWithoutMentorError
      return { title: messages.errorTitle, message: messages.pupilsWithoutMentor(pupilIds.length) }
    }
    case "StorageError":
      return { title: messages.errorTitle, message: messages.storageFailed }
    default:
      return { title: messages.errorTitle, message: messages.unexpectedError }
  }
}

/**
 * Turns an error into one sentence for an end user, in Swedish unless another locale is given.
 *
 * @category errors
 * @since 0.1.0
 * @example
 * messageFor(new ExportLimitExceededError({ requested: 140, limit: 100 }))
 * // "Du valde 140 planer, men en utskrift eller export kan innehålla högst 100. …"
 */
export const messageFor = (error: DomainError | unknown, locale: Locale = defaultLocale): string =>
  describeError(error, locale).message
