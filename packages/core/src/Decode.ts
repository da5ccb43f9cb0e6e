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
  const rule = issue._tag === "Missing" ? "is required" : issue.message
  return InvalidInputError.of(fullPath, value === undefined && issue._tag === "Missing" ? "nothing" : value, rule)
}

/**
 * Decodes unknown input with a schema, failing with an {@link InvalidInputError}.
 *
 * @category decoding
 * @since 0.1.0
 */
export const decodeInput = <A, I>(schema: Schema.Schema<A, I, never>, field?: string) => {
  const decode = Schema.decodeUnknownEither(schema, { errors: "first", onExcessProperty: "ignore" })
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
export const decodeInputEither = <A, I>(schema: Schema.Schema<A, I, never>, field?: string) => {
  const decode = Schema.decodeUnknownEither(schema, { errors: "first", onExcessProperty: "ignore" })
  return (input: unknown): Either.Either<A, InvalidInputError> =>
    Either.mapLeft(decode(input), (error) => toInvalidInput(error, input, field))
}
