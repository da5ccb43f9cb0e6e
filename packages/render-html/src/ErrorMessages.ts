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

const fieldName = (messages: Messages, field: string): string => {
  // Fields are dotted paths such as "fields.0.value"; the last named part is what the user typed.
  const parts = field.split(".").filter((part) => !/^\d+$/.test(part))
  const last = parts[parts.length - 1] ?? field
  return messages.fieldNames[last] ?? (last === "" ? messages.invalidInputTitle : last)
}

// The core's rules are English sentences written by its text and date checks; these patterns
// recognise them so the user reads the rule in their own language.
const ruleText = (messages: Messages, rule: string): string => {
  if (/NUL character/i.test(rule)) return messages.rules.nul
  if (/unpaired surrogate/i.test(rule)) return messages.rules.surrogate
  const tooLong = /at most ([\d,]+) characters/i.exec(rule)
  if (tooLong !== null) return messages.rules.tooLong(tooLong[1]!)
  if (/must not be empty/i.test(rule)) return messages.rules.empty
  if (/before the start date/i.test(rule)) return messages.rules.endBeforeStart
  if (/calendar date/i.test(rule)) return messages.rules.date
  return fileRuleText(messages, rule) ?? messages.rules.other(rule)
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
      const { kind } = error as NotFoundError
      return { title: messages.notFoundTitle, message: messages.notFound(kindName(messages, kind)) }
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
    case "InvalidInputError": {
      const { field, rule } = error as InvalidInputError
      return {
        title: messages.invalidInputTitle,
        message: messages.invalidInput(fieldName(messages, field), ruleText(messages, rule))
      }
    }
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
