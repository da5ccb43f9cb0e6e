/**
 * Errors of the SS 12000 client and importer. Each names the endpoint or file involved and builds
 * its message from its fields, so a host can log it as is and map tags to responses in one place.
 *
 * @since 0.1.0
 */
import { Schema } from "effect"

const statusHints: Record<number, string> = {
  400: "the server rejected the query; check the base URL and the filters",
  401: "the token is missing, expired or invalid; renew it",
  403: "the token may not read this endpoint; ask the SS 12000 provider for access",
  404: "the endpoint does not exist; check that the base URL ends with the API version, such as /v2.0"
}

/**
 * The SS 12000 server responded with an error status. 429 and 5xx are retried first; `attempts`
 * counts every request made.
 *
 * @category errors
 * @since 0.1.0
 */
export class Ss12000HttpError extends Schema.TaggedError<Ss12000HttpError>("@iupkit/ss12000/Ss12000HttpError")(
  "Ss12000HttpError",
  {
    endpoint: Schema.String,
    status: Schema.Number,
    attempts: Schema.Number,
    body: Schema.String
  }
) {
  override get message(): string {
    const hint = statusHints[this.status] ??
      (this.status === 429 || this.status >= 500 ? "the server is overloaded or failing; try again later" : "see the response body")
    const body = this.body === "" ? "" : ` Response: ${this.body}`
    return `SS 12000 request ${this.endpoint} failed with status ${this.status} after ${this.attempts} attempt(s): ${hint}.${body}`
  }
}

/**
 * No response arrived within the timeout, on every attempt.
 *
 * @category errors
 * @since 0.1.0
 */
export class Ss12000TimeoutError extends Schema.TaggedError<Ss12000TimeoutError>("@iupkit/ss12000/Ss12000TimeoutError")(
  "Ss12000TimeoutError",
  {
    endpoint: Schema.String,
    timeoutMillis: Schema.Number,
    attempts: Schema.Number
  }
) {
  override get message(): string {
    return `SS 12000 request ${this.endpoint} timed out after ${this.timeoutMillis} ms on each of ${this.attempts} attempt(s); check that the server is reachable, or raise the timeout`
  }
}

/**
 * The request could not be sent or its connection broke (refused, reset, DNS failure).
 *
 * @category errors
 * @since 0.1.0
 */
export class Ss12000TransportError extends Schema.TaggedError<Ss12000TransportError>(
  "@iupkit/ss12000/Ss12000TransportError"
)("Ss12000TransportError", {
  endpoint: Schema.String,
  reason: Schema.String,
  attempts: Schema.Number
}) {
  override get message(): string {
    return `SS 12000 request ${this.endpoint} failed after ${this.attempts} attempt(s): ${this.reason}; check the base URL and the network`
  }
}

/**
 * Paging did not end: the server repeated a page token or exceeded the configured page limit.
 *
 * @category errors
 * @since 0.1.0
 */
export class Ss12000PagingError extends Schema.TaggedError<Ss12000PagingError>("@iupkit/ss12000/Ss12000PagingError")(
  "Ss12000PagingError",
  {
    endpoint: Schema.String,
    reason: Schema.String
  }
) {
  override get message(): string {
    return `SS 12000 paging of ${this.endpoint} stopped: ${this.reason}`
  }
}

/**
 * A payload (a response body or a file) is not valid SS 12000: names the source, the JSON path
 * of the bad value, the value (shortened), the rule it broke and the shape that was expected.
 *
 * @category errors
 * @since 0.1.0
 */
export class Ss12000PayloadError extends Schema.TaggedError<Ss12000PayloadError>("@iupkit/ss12000/Ss12000PayloadError")(
  "Ss12000PayloadError",
  {
    source: Schema.String,
    path: Schema.String,
    value: Schema.String,
    rule: Schema.String,
    expected: Schema.String
  }
) {
  override get message(): string {
    return `Invalid SS 12000 payload from ${this.source} at ${this.path}: ${this.rule} (got ${this.value}). Expected ${this.expected}; nothing was imported`
  }
}

/**
 * A file of a folder import is missing or unreadable.
 *
 * @category errors
 * @since 0.1.0
 */
export class Ss12000FileError extends Schema.TaggedError<Ss12000FileError>("@iupkit/ss12000/Ss12000FileError")(
  "Ss12000FileError",
  {
    path: Schema.String,
    reason: Schema.String
  }
) {
  override get message(): string {
    return `Cannot read SS 12000 file ${this.path}: ${this.reason}`
  }
}

/**
 * An import would remove a larger share of the directory's people than allowed, which more often
 * means a misconfigured or failing source (an empty list, a token that sees one school) than a
 * real change. Nothing was imported.
 *
 * @category errors
 * @since 0.1.0
 */
export class Ss12000RemovalLimitError extends Schema.TaggedError<Ss12000RemovalLimitError>(
  "@iupkit/ss12000/Ss12000RemovalLimitError"
)("Ss12000RemovalLimitError", {
  peopleBefore: Schema.Number,
  peopleRemoved: Schema.Number,
  maxRemovedShare: Schema.Number
}) {
  override get message(): string {
    const percent = (share: number) => `${Math.round(share * 100)}%`
    return `The SS 12000 import would remove ${this.peopleRemoved} of ${this.peopleBefore} people (${percent(this.peopleRemoved / this.peopleBefore)}), more than the allowed ${percent(this.maxRemovedShare)}; check the source, or raise maxRemovedShare to import anyway. Nothing was imported`
  }
}

/**
 * Any failure of reading SS 12000 data.
 *
 * @category errors
 * @since 0.1.0
 */
export type Ss12000Error =
  | Ss12000HttpError
  | Ss12000TimeoutError
  | Ss12000TransportError
  | Ss12000PagingError
  | Ss12000PayloadError
  | Ss12000FileError
