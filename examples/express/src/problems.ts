/**
 * The one place that maps errors to HTTP: the core's tagged errors, the host's own sign-in
 * error, CSRF rejections and body-parser errors each become a status, a tag and the data a
 * client needs to act. The error middleware renders the result as JSON or HTML.
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

/** No or an invalid credential. */
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

// The page texts of the host's own errors; the core's errors are explained by the renderer's catalogue.
type Mapped = readonly [status: number, data: (error: Record<string, unknown>) => Record<string, unknown>, page: readonly [MessageKey, MessageKey] | "domain"]

// Status, response data and page texts per tag; a tag missing here is an internal error.
const byTag: Readonly<Record<string, Mapped>> = {
  InvalidInputError: [400, (e) => ({ field: e.field, reason: e.rule, value: e.value }), "domain"],
  UnauthenticatedError: [401, () => ({}), ["unauthenticatedTitle", "unauthenticatedText"]],
  AuthenticationError: [401, (e) => ({ reason: e.reason }), ["unauthenticatedTitle", "unauthenticatedText"]],
  ForbiddenError: [403, (e) => ({ kind: e.kind, id: e.id, action: e.action, reason: e.reason }), "domain"],
  NotFoundError: [404, (e) => ({ kind: e.kind, id: e.id }), "domain"],
  VersionConflictError: [
    409,
    (e) => ({ kind: e.kind, id: e.id, currentVersion: e.currentVersion, currentValue: e.currentValue }),
    "domain"
  ],
  ExportLimitExceededError: [422, (e) => ({ requested: e.requested, limit: e.limit }), "domain"],
  PupilsWithoutMentorError: [422, (e) => ({ pupilIds: e.pupilIds }), "domain"],
  FileTooLargeError: [413, (e) => ({ field: "file", reason: `must be at most ${String(e.limit)} bytes`, limit: e.limit }), "domain"],
  CsrfError: [403, () => ({}), ["csrfTitle", "csrfText"]],
  RequestError: [400, () => ({}), ["badRequestTitle", "badRequestText"]],
  InternalError: [500, () => ({}), ["internalTitle", "internalText"]]
}

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

// An Effect run by the host rejects with a FiberFailure around the tagged error.
const unwrap = (error: unknown): unknown => (Runtime.isFiberFailure(error) ? Cause.squash(error[Runtime.FiberFailureCauseId]) : error)

/** Maps anything a handler or middleware passed to `next` to a {@link Problem}. */
export const problemOf = (thrown: unknown): Problem => {
  const error = unwrap(thrown)
  if (!isRecord(error)) return internal
  const text = error instanceof Error ? error.message : ""
  const tag = typeof error._tag === "string" ? error._tag : undefined
  const mapped = tag === undefined ? undefined : byTag[tag]
  if (tag !== undefined && mapped !== undefined) {
    return { status: mapped[0], tag, message: text, data: mapped[1](error) }
  }
  if (error.code === "EBADCSRFTOKEN") {
    return { status: 403, tag: "CsrfError", message: "Missing or invalid CSRF token: reload the form and send it again", data: {} }
  }
  // multer's limits on a multipart body: too many parts or fields, or a file under another field name.
  if (error.name === "MulterError") {
    const status = error.code === "LIMIT_UNEXPECTED_FILE" ? 400 : 413
    return { status, tag: "RequestError", message: text, data: { code: error.code } }
  }
  if (error.type === "entity.too.large" && typeof error.limit === "number") return requestTooLarge(error.limit, { type: error.type })
  // body-parser and http-errors mark client errors with a status and `expose`; the router marks a
  // path parameter with a malformed percent-encoding as a URIError with status 400 only.
  const status = typeof error.status === "number" ? error.status : 500
  if (status >= 400 && status < 500 && (error.expose === true || error instanceof URIError)) {
    return { status, tag: "RequestError", message: text, data: { type: error.type } }
  }
  return internal
}

const internal: Problem = {
  status: 500,
  tag: "InternalError",
  message: "An unexpected error occurred; quote the request id when reporting it",
  data: {}
}

// RFC 6750 error codes: a header without a token is a bad request, any other failure a bad token.
const bearerErrorCode = (reason: string): string => (reason === "missingToken" ? "invalid_request" : "invalid_token")

/** The `WWW-Authenticate` header a 401 carries (RFC 6750), with the error code when a token failed. */
export const wwwAuthenticate = (problem: Problem): string =>
  problem.tag === "AuthenticationError"
    ? `Bearer realm="iupkit", error="${bearerErrorCode(String(problem.data.reason))}", error_description="${String(problem.data.reason)}"`
    : 'Bearer realm="iupkit"'

/** Returns the title and explanation an error page shows, in the reader's language. */
export const problemPageText = (
  problem: Problem,
  error: unknown,
  language: Language,
  requestId: string
): { readonly title: string; readonly text: string } => {
  const page = problem.tag === "AuthenticationError" && problem.data.reason === "unknownPerson"
    ? ["unauthenticatedTitle", "unknownPersonText"] as const
    : byTag[problem.tag]?.[2] ?? ["internalTitle", "internalText"]
  if (error instanceof FileTooLargeError) {
    const texts = messagesFor(language)
    return { title: texts.fileTooLargeTitle, text: texts.invalidInput(texts.fieldNames.file!, texts.rules.fileTooLarge(texts.fileSize(error.limit))) }
  }
  const tooLarge = requestTooLargeText(problem, language)
  if (tooLarge !== undefined) return tooLarge
  if (page === "domain") {
    const described = describeError(unwrap(error), language)
    return { title: described.title, text: described.message }
  }
  return { title: message(language, page[0]), text: message(language, page[1], { requestId }) }
}
