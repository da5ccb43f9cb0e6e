/**
 * Decoding of untrusted input into domain values. A failure becomes an {@link InvalidInputError}
 * naming the first offending field as a dotted path, its value and the rule it broke.
 *
 * @since 0.1.0
 */
import { Effect, Either, ParseResult, Schema } from "effect"
import { InvalidInputError } from "./Errors.js"

const valueAt = (input: unknown, path: ReadonlyArray<PropertyKey>): unknown => {
  let current: unknown = input
  for (const key of path) {
    if (current === null || typeof current !== "object") return undefined
    current = (current as Record<PropertyKey, unknown>)[key]
  }
  return current
}

// Effect's own type messages read "Expected <type>, actual <value>". The error reports the value
// separately, so the rule keeps only what the value must be, in words a form user understands.
const defaultTypeMessage = /^Expected ([\s\S]+), actual [\s\S]*$/
const quotedLiterals = /^"[^"]*"(?: \| "[^"]*")*$/

const expectedInWords = (expected: string): string => {
  if (expected === "string") return "must be text"
  if (expected === "number") return "must be a number"
  if (expected === "an integer") return "must be a whole number"
  if (expected === "boolean") return "must be true or false"
  if (expected.startsWith("ReadonlyArray<")) return "must be a list"
  if (expected.startsWith("{")) return "must be an object"
  if (quotedLiterals.test(expected)) return `must be one of ${expected.split(" | ").join(", ")}`
  return `must be ${expected}`
}

const ruleOf = (issue: ParseResult.ArrayFormatterIssue, value: unknown): string => {
  // A missing key and a key set to undefined both lack a value.
  if (value === undefined) return "is required"
  // Only callers that decode with `onExcessProperty: "error"` see these.
  if (issue._tag === "Unexpected") {
    const expected = /expected: ([\s\S]+)$/.exec(issue.message)
    return expected === null ? "is not a known property" : `is not a known property, expected one of ${expected[1]!.split(" | ").join(", ")}`
  }
  if (issue.message.includes("into a DateTime")) {
    return "must be an ISO 8601 date and time with an offset, such as 2026-08-01T10:00:00Z"
  }
  const match = defaultTypeMessage.exec(issue.message)
  return match === null ? issue.message : expectedInWords(match[1]!)
}

/**
 * Converts a parse error into an {@link InvalidInputError} for the first issue, prefixing the
 * path with `field` when given.
 *
 * @category decoding
 * @since 0.1.0
 */
export const toInvalidInput = (error: ParseResult.ParseError, input: unknown, field?: string): InvalidInputError => {
  const issues = ParseResult.ArrayFormatter.formatErrorSync(error)
  const issue = issues[0]
  if (issue === undefined) return InvalidInputError.of(field ?? "", input, "is not valid")
  const path = issue.path.map(String)
  const fullPath = [...(field === undefined || field === "" ? [] : [field]), ...path].join(".")
  const value = valueAt(input, issue.path)
  return InvalidInputError.of(fullPath, value === undefined ? "nothing" : value, ruleOf(issue, value))
}

/**
 * Options of {@link decodeInput} and {@link decodeInputEither}.
 *
 * @category decoding
 * @since 0.1.0
 */
export interface DecodeInputOptions {
  /**
   * Handling of object properties the schema does not declare: drop them (the default) or
   * fail naming the first one, as an API that documents `additionalProperties: false` should.
   */
  readonly onExcessProperty?: "ignore" | "error"
}

/**
 * Decodes unknown input with a schema, failing with an {@link InvalidInputError}.
 *
 * @category decoding
 * @since 0.1.0
 */
export const decodeInput = <A, I>(schema: Schema.Schema<A, I, never>, field?: string, options?: DecodeInputOptions) => {
  const decode = Schema.decodeUnknownEither(schema, { errors: "first", onExcessProperty: options?.onExcessProperty ?? "ignore" })
  return (input: unknown): Effect.Effect<A, InvalidInputError> =>
    Either.match(decode(input), {
      onLeft: (error) => Effect.fail(toInvalidInput(error, input, field)),
      onRight: Effect.succeed
    })
}

/**
 * Decodes unknown input with a schema, returning an Either for pure callers.
 *
 * @category decoding
 * @since 0.1.0
 */
export const decodeInputEither = <A, I>(schema: Schema.Schema<A, I, never>, field?: string, options?: DecodeInputOptions) => {
  const decode = Schema.decodeUnknownEither(schema, { errors: "first", onExcessProperty: options?.onExcessProperty ?? "ignore" })
  return (input: unknown): Either.Either<A, InvalidInputError> =>
    Either.mapLeft(decode(input), (error) => toInvalidInput(error, input, field))
}
