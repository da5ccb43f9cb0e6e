/**
 * The one place that maps errors to HTTP: the core's tagged errors, the host's own sign-in and
 * CSRF errors, and Fastify's request errors each become a status, a tag and the data a client
 * needs to act. JSON and HTML responses are both built from this.
 */
import { Cause, Runtime } from "effect"
import { describeError, messagesFor } from "@iupkit/render-html"
import { type Language, type MessageKey, message } from "./messages.js"

/** An error reduced to what a response carries. */
export interface Problem {
  readonly status: number
  readonly tag: string
  /** English, for API clients and developers; pages use the catalogue instead. */
  readonly message: string
  readonly data: Readonly<Record<string, unknown>>
}

/** No or an invalid credential. Thrown by the host's sign-in hooks. */
export class UnauthenticatedError extends Error {
  readonly _tag = "UnauthenticatedError"
  constructor(reason: string) {
    super(`Not signed in: ${reason}. Send a bearer token in the Authorization header, or sign in.`)
  }
}

/** An uploaded file over the host's size limit, cut off while it streamed in. */
export class FileTooLargeError extends Error {
  readonly _tag = "FileTooLargeError"
  constructor(readonly limit: number) {
    super(`The file is larger than the limit of ${limit} bytes: upload a smaller file`)
  }
}

/** Largest request body the host parses, in bytes (Fastify's `bodyLimit`); document uploads have their own limit. */
export const maxRequestBodyBytes = 1024 * 1024

// The limit travels in the data, so API clients and the page can both state it.
const requestTooLarge = (limit: number, data: Record<string, unknown>): Problem => ({
  status: 413,
  tag: "RequestError",
  message: `The request body is larger than the limit of ${limit} bytes: send a smaller request`,
  data: { ...data, limit }
})

const requestTooLargeText = (problem: Problem, language: Language): { readonly title: string; readonly text: string } | undefined =>
  problem.status === 413 && typeof problem.data.limit === "number"
    ? {
      title: message(language, "requestTooLargeTitle"),
      text: message(language, "requestTooLargeText", { limit: messagesFor(language).fileSize(problem.data.limit) })
    }
    : undefined

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null

// The Promise API rejects with the tagged error itself, but an Effect run by the host rejects
// with a FiberFailure around it; both map the same way.
const unwrap = (error: unknown): unknown => (Runtime.isFiberFailure(error) ? Cause.squash(error[Runtime.FiberFailureCauseId]) : error)

/** Maps anything thrown by a handler to a {@link Problem}. */
export const problemOf = (thrown: unknown): Problem => {
  const error = unwrap(thrown)
  const tag = isRecord(error) && typeof error._tag === "string" ? error._tag : undefined
  const text = error instanceof Error ? error.message : ""
  const problem = (status: number, data: Record<string, unknown> = {}): Problem => ({
    status,
    tag: tag ?? "Error",
    message: text,
    data
  })
  if (isRecord(error)) {
    switch (tag) {
      case "InvalidInputError":
        return problem(400, { field: error.field, reason: error.rule, value: error.value })
      case "UnauthenticatedError":
        return problem(401)
      case "AuthenticationError":
        return problem(401, { reason: error.reason })
      case "ForbiddenError":
        return problem(403, { kind: error.kind, id: error.id, action: error.action, reason: error.reason })
      case "NotFoundError":
        return problem(404, { kind: error.kind, id: error.id })
      case "VersionConflictError":
        return problem(409, {
          kind: error.kind,
          id: error.id,
          currentVersion: error.currentVersion,
          currentValue: error.currentValue
        })
      case "ExportLimitExceededError":
        return problem(422, { requested: error.requested, limit: error.limit })
      case "PupilsWithoutMentorError":
        return problem(422, { pupilIds: error.pupilIds })
      case "FileTooLargeError":
        return problem(413, { field: "file", reason: `must be at most ${String(error.limit)} bytes`, limit: error.limit })
    }
    const code = typeof error.code === "string" ? error.code : ""
    if (code.startsWith("FST_CSRF_")) {
      return { status: 403, tag: "CsrfError", message: "Missing or invalid CSRF token: reload the form and send it again", data: {} }
    }
    if (code === "FST_ERR_CTP_BODY_TOO_LARGE") return requestTooLarge(maxRequestBodyBytes, { code })
    // Fastify's own request errors (malformed JSON, unsupported media type).
    const statusCode = typeof error.statusCode === "number" ? error.statusCode : 500
    if (statusCode >= 400 && statusCode < 500) {
      return { status: statusCode, tag: "RequestError", message: text, data: { code } }
    }
  }
  return { status: 500, tag: "InternalError", message: "An unexpected error occurred; quote the request id when reporting it", data: {} }
}

// The core's errors are explained by the renderer's catalogue; these are the host's own.
const domainTags = new Set([
  "InvalidInputError",
  "ForbiddenError",
  "NotFoundError",
  "VersionConflictError",
  "ExportLimitExceededError",
  "PupilsWithoutMentorError"
])

const hostPageTexts = (problem: Problem): readonly [MessageKey, MessageKey] => {
  switch (problem.tag) {
    case "UnauthenticatedError":
      return ["unauthenticatedTitle", "unauthenticatedText"]
    case "AuthenticationError":
      return ["unauthenticatedTitle", problem.data.reason === "unknownPerson" ? "unknownPersonText" : "unauthenticatedText"]
    case "CsrfError":
      return ["csrfTitle", "csrfText"]
    case "RequestError":
      return ["badRequestTitle", "badRequestText"]
    default:
      return ["internalTitle", "internalText"]
  }
}

/**
 * Builds the `WWW-Authenticate` value of a 401 (RFC 6750): the realm, and for a rejected token
 * the error code with the reason as its description.
 */
export const wwwAuthenticate = (problem: Problem): string => {
  if (problem.tag !== "AuthenticationError") return 'Bearer realm="iupkit"'
  const reason = String(problem.data.reason)
  const code = reason === "missingToken" ? "invalid_request" : "invalid_token"
  return `Bearer realm="iupkit", error="${code}", error_description="${reason}"`
}

/** Returns the title and explanation an error page shows, in the reader's language. */
export const problemPageText = (
  problem: Problem,
  error: unknown,
  language: Language,
  requestId: string
): { readonly title: string; readonly text: string } => {
  if (domainTags.has(problem.tag)) {
    const described = describeError(unwrap(error), language)
    return { title: described.title, text: described.message }
  }
  if (error instanceof FileTooLargeError) {
    const texts = messagesFor(language)
    return { title: texts.fileTooLargeTitle, text: texts.invalidInput(texts.fieldNames.file!, texts.rules.fileTooLarge(texts.fileSize(error.limit))) }
  }
  const tooLarge = requestTooLargeText(problem, language)
  if (tooLarge !== undefined) return tooLarge
  const [title, text] = hostPageTexts(problem)
  return { title: message(language, title), text: message(language, text, { requestId }) }
}
