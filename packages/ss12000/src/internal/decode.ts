// Decodes SS 12000 list pages item by item, so an error carries the JSON path of the bad value
// ($.data[3].enrolments[0].startDate) and recognises shapes that are close to SS 12000 but not it.
import { shortenValue } from "@iupkit/core"
import { Either, ParseResult, Schema } from "effect"
import { Ss12000PayloadError } from "../Errors.js"
import { type EntityKind, type EntityOf, entityKinds, entitySchemas, ObjectId, objectTypeOf } from "../Model.js"

const listShape = (kind: EntityKind) =>
  `an SS 12000 v2.1 list: {"data": [${objectTypeOf[kind]}, ...], "pageToken": string or null}`

/** Formats a parse path as JSONPath: `$.data[2].givenName`. */
export const formatPath = (path: ReadonlyArray<PropertyKey>): string =>
  path.reduce<string>((text, key) => {
    if (typeof key === "number") return `${text}[${key}]`
    const name = String(key)
    return /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(name) ? `${text}.${name}` : `${text}[${JSON.stringify(name)}]`
  }, "$")

const valueAt = (input: unknown, path: ReadonlyArray<PropertyKey>): unknown => {
  let current = input
  for (const key of path) {
    if (current === null || typeof current !== "object") return undefined
    current = (current as Record<PropertyKey, unknown>)[key]
  }
  return current
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value)

// Errors end up in logs, so they show scalars only, and never a person's name.
const nameFields = new Set<PropertyKey>(["givenName", "middleName", "familyName"])
const describeValue = (value: unknown, path: ReadonlyArray<PropertyKey>): string => {
  if (value === undefined) return "nothing"
  if (Array.isArray(value)) return `an array of ${value.length} item(s)`
  if (typeof value === "object" && value !== null) return `an object with the keys ${Object.keys(value).slice(0, 8).join(", ")}`
  if (typeof value === "string" && nameFields.has(path[path.length - 1] ?? "")) return `a string of ${value.length} characters, not shown`
  return shortenValue(value)
}

const payloadError = (source: string, path: ReadonlyArray<PropertyKey>, value: unknown, rule: string, expected: string) =>
  new Ss12000PayloadError({ source, path: formatPath(path), value: describeValue(value, path), rule, expected })

/** Decodes one value with a schema; the error's path starts at `prefix`. */
export const decodeAt = <A, I>(
  schema: Schema.Schema<A, I, never>,
  input: unknown,
  source: string,
  prefix: ReadonlyArray<PropertyKey>,
  expected: string
): Either.Either<A, Ss12000PayloadError> => {
  const result = Schema.decodeUnknownEither(schema, { errors: "first", onExcessProperty: "ignore" })(input)
  if (Either.isRight(result)) return Either.right(result.right)
  const issue = ParseResult.ArrayFormatter.formatErrorSync(result.left)[0]
  const path = [...prefix, ...(issue?.path ?? [])]
  const rule = issue === undefined ? "is not valid" : issue._tag === "Missing" ? "is required" : issue.message
  return Either.left(payloadError(source, path, valueAt(input, issue?.path ?? []), rule, expected))
}

// Skolverket's subset for digital national tests wraps lists by type name instead of `data`.
const subsetWrapperKey = (body: Record<string, unknown>): string | undefined =>
  entityKinds.find((key) => Array.isArray(body[key]))

/** Checks the `{data, pageToken}` envelope and explains the near misses. */
const envelope = (
  kind: EntityKind,
  body: unknown,
  source: string
): Either.Either<{ readonly data: ReadonlyArray<unknown>; readonly pageToken: string | null }, Ss12000PayloadError> => {
  const expected = listShape(kind)
  if (Array.isArray(body)) {
    return Either.left(payloadError(source, [], body, "is a bare JSON array, not a list object", expected))
  }
  if (!isRecord(body)) return Either.left(payloadError(source, [], body, "is not a JSON object", expected))
  if (!("data" in body)) {
    const wrapper = subsetWrapperKey(body)
    if (wrapper !== undefined) {
      return Either.left(
        payloadError(
          source,
          [wrapper],
          body[wrapper],
          `wraps the list in "${wrapper}" as Skolverket's SS 12000 subset for national tests does; that subset also leaves out meta and the start dates iupkit needs`,
          expected
        )
      )
    }
    if ("id" in body) {
      return Either.left(payloadError(source, [], body, `is a single object, not a list of ${objectTypeOf[kind]} objects`, expected))
    }
    return Either.left(payloadError(source, ["data"], undefined, "is required", expected))
  }
  if (!Array.isArray(body.data)) return Either.left(payloadError(source, ["data"], body.data, "must be an array", expected))
  const token = body.pageToken
  if (token !== undefined && token !== null && typeof token !== "string") {
    return Either.left(payloadError(source, ["pageToken"], token, "must be a string or null", expected))
  }
  return Either.right({ data: body.data, pageToken: token === undefined || token === null || token === "" ? null : token })
}

/**
 * Decodes one page of a list endpoint; fails on the first bad object with its JSON path.
 */
export const decodePage = <K extends EntityKind>(
  kind: K,
  body: unknown,
  source: string
): Either.Either<{ readonly items: ReadonlyArray<EntityOf[K]>; readonly pageToken: string | null }, Ss12000PayloadError> =>
  Either.flatMap(envelope(kind, body, source), ({ data, pageToken }) => {
    const schema = entitySchemas[kind] as unknown as Schema.Schema<EntityOf[K], unknown, never>
    const items: Array<EntityOf[K]> = []
    const expected = `an SS 12000 v2.1 ${objectTypeOf[kind]} object`
    for (let index = 0; index < data.length; index++) {
      const item = decodeAt(schema, data[index], source, ["data", index], expected)
      if (Either.isLeft(item)) return Either.left(item.left)
      items.push(item.right)
    }
    return Either.right({ items, pageToken })
  })

const IdList = Schema.optional(Schema.NullOr(Schema.Array(ObjectId)))

// The SIS file spells the activities key "activitites"; both spellings are read.
const DeletedEntitiesPage = Schema.Struct({
  data: Schema.Struct({
    organisations: IdList,
    persons: IdList,
    groups: IdList,
    duties: IdList,
    activities: IdList,
    activitites: IdList,
    syllabuses: IdList
  }),
  pageToken: Schema.optional(Schema.NullOr(Schema.String))
})

/**
 * Decodes one page of the deleted-entities endpoint into ids by endpoint.
 */
export const decodeDeletedPage = (
  body: unknown,
  source: string
): Either.Either<{ readonly ids: { readonly [K in EntityKind]: ReadonlyArray<string> }; readonly pageToken: string | null }, Ss12000PayloadError> =>
  Either.map(
    decodeAt(
      DeletedEntitiesPage,
      body,
      source,
      [],
      `an SS 12000 v2.1 deleted-entities list: {"data": {"persons": [id, ...], "groups": [...], ...}, "pageToken": string or null}`
    ),
    (page) => ({
      ids: {
        organisations: page.data.organisations ?? [],
        persons: page.data.persons ?? [],
        groups: page.data.groups ?? [],
        duties: page.data.duties ?? [],
        activities: [...(page.data.activities ?? []), ...(page.data.activitites ?? [])],
        syllabuses: page.data.syllabuses ?? []
      },
      pageToken: page.pageToken === undefined || page.pageToken === null || page.pageToken === "" ? null : page.pageToken
    })
  )
