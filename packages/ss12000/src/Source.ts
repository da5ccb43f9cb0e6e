/**
 * Sources of SS 12000 objects: the API through {@link Ss12000Client}, or a folder of JSON
 * files in the same shapes, for hosts without an API and for demo data.
 *
 * @since 0.1.0
 */
import { Effect, Either } from "effect"
import { readFile } from "node:fs/promises"
import { join } from "node:path"
import { Ss12000Client } from "./Client.js"
import { type Ss12000Error, Ss12000FileError, Ss12000PayloadError } from "./Errors.js"
import { decodeDeletedPage, decodePage } from "./internal/decode.js"
import { type DeletedIds, emptyData, type EntityKind, type EntityOf, entityKinds, noDeletions, type Ss12000Data } from "./Model.js"

/**
 * Objects changed since an instant, and the ids of objects removed since then.
 *
 * @category sources
 * @since 0.1.0
 */
export interface Ss12000Changes {
  readonly changed: Ss12000Data
  readonly deleted: DeletedIds
}

/**
 * A source of SS 12000 objects.
 *
 * @category sources
 * @since 0.1.0
 */
export interface Ss12000Source<R = never> {
  /** Names the source in reports, such as "SS 12000 API" or the folder's path. */
  readonly name: string
  /** Every object, for a full import. */
  readonly readAll: Effect.Effect<Ss12000Data, Ss12000Error, R>
  /** The changes after an RFC 3339 instant, for an incremental sync. */
  readonly readChanges: (since: string) => Effect.Effect<Ss12000Changes, Ss12000Error, R>
}

const readKinds = <E, R>(read: <K extends EntityKind>(kind: K) => Effect.Effect<ReadonlyArray<EntityOf[K]>, E, R>) =>
  Effect.gen(function*() {
    // Sequential reads keep the load on the provider's server low.
    const data: Ss12000Data = {
      organisations: yield* read("organisations"),
      persons: yield* read("persons"),
      groups: yield* read("groups"),
      duties: yield* read("duties"),
      activities: yield* read("activities"),
      syllabuses: yield* read("syllabuses")
    }
    return data
  })

/**
 * The SS 12000 API. Changes come from `meta.modified.after` on each endpoint and removals from the
 * deleted-entities endpoint, because a removed object no longer appears in any list.
 *
 * @category sources
 * @since 0.1.0
 */
export const apiSource: Ss12000Source<Ss12000Client> = {
  name: "SS 12000 API",
  readAll: Effect.flatMap(Ss12000Client, (client) => readKinds((kind) => client.list(kind))),
  readChanges: (since) =>
    Effect.flatMap(Ss12000Client, (client) =>
      Effect.all({
        changed: readKinds((kind) => client.list(kind, { modifiedAfter: since })),
        deleted: client.deletedEntities(since)
      })
    )
}

const readJson = (path: string, required: boolean): Effect.Effect<unknown, Ss12000FileError> =>
  Effect.tryPromise({ try: () => readFile(path, "utf8"), catch: (error) => error }).pipe(
    Effect.catchAll((error) => {
      const missing = typeof error === "object" && error !== null && (error as { code?: unknown }).code === "ENOENT"
      if (missing && !required) return Effect.succeed(undefined)
      return Effect.fail(
        new Ss12000FileError({
          path,
          reason: missing
            ? `the file is missing; a full import needs ${entityKinds.map((kind) => `${kind}.json`).join(", ")} (an empty list is {"data": []})`
            : String(error)
        })
      )
    }),
    Effect.flatMap((text) =>
      text === undefined
        ? Effect.succeed(undefined)
        : Effect.try({
          try: () => JSON.parse(text) as unknown,
          catch: (error) => new Ss12000FileError({ path, reason: `not valid JSON: ${error instanceof Error ? error.message : String(error)}` })
        })
    )
  )

// A file written from one API page with a page token left in it holds only part of the list.
const wholeList = <A>(page: { readonly items: A; readonly pageToken: string | null }, path: string) =>
  page.pageToken === null
    ? Either.right(page.items)
    : Either.left(
      new Ss12000PayloadError({
        source: path,
        path: "$.pageToken",
        value: page.pageToken,
        rule: "is set, so the file holds only one page of the list",
        expected: "every page's objects in one data array and pageToken null or left out"
      })
    )

/**
 * Reads a folder of JSON files named after the endpoints: organisations.json, persons.json,
 * groups.json, duties.json, activities.json and syllabuses.json, each a list `{"data": [...]}`.
 * A full import needs all six. Used for an incremental sync, the folder holds only changed
 * objects, any of the six files may be left out, and deletedEntities.json
 * (`{"data": {"persons": [id, ...], ...}}`) lists removals.
 *
 * @category sources
 * @since 0.1.0
 */
export const folderSource = (directory: string): Ss12000Source => {
  const readKind = (required: boolean) => <K extends EntityKind>(kind: K) =>
    Effect.gen(function*() {
      const path = join(directory, `${kind}.json`)
      const body = yield* readJson(path, required)
      if (body === undefined) return emptyData[kind]
      return yield* Either.flatMap(decodePage(kind, body, path), (page) => wholeList(page, path))
    })

  return {
    name: directory,
    readAll: readKinds(readKind(true)),
    readChanges: () =>
      Effect.gen(function*() {
        const changed = yield* readKinds(readKind(false))
        const path = join(directory, "deletedEntities.json")
        const body = yield* readJson(path, false)
        if (body === undefined) return { changed, deleted: noDeletions }
        const deleted = yield* Either.flatMap(decodeDeletedPage(body, path), (page) =>
          wholeList({ items: page.ids, pageToken: page.pageToken }, path))
        return { changed, deleted }
      })
  }
}
