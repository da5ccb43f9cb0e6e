/**
 * The importer's cache: the SS 12000 objects of the last sync and when it started. An incremental
 * sync reads only what changed since then, and relations span objects (a mentor's duty, the
 * group it mentors, that group's members), so the importer keeps every object to recompute the
 * relations from. The cache is saved only after the directory accepted the new roster; if saving
 * fails, the next sync reads the same changes again, which gives the same result.
 *
 * The cache holds names and relations of children: store it where the directory is stored.
 *
 * @since 0.1.0
 */
import { StorageError } from "@iupkit/core"
import { Context, Effect, Layer, Option, ParseResult, Ref, Schema } from "effect"
import { mkdir, readFile, rename, writeFile } from "node:fs/promises"
import { dirname } from "node:path"
import { Ss12000Data, Timestamp } from "./Model.js"

/**
 * The cache's content.
 *
 * @category cache
 * @since 0.1.0
 */
export interface Ss12000CacheState {
  /** When the sync that read these objects started (RFC 3339, by the host's clock). */
  readonly syncedAt: string
  readonly data: Ss12000Data
}

/**
 * Port of the cache. Guarantees: `load` returns what the last successful `save` stored, or none
 * before the first; `save` replaces the whole state at once.
 *
 * @category cache
 * @since 0.1.0
 */
export interface Ss12000CacheService {
  readonly load: () => Effect.Effect<Option.Option<Ss12000CacheState>, StorageError>
  readonly save: (state: Ss12000CacheState) => Effect.Effect<void, StorageError>
}

/**
 * Tag of the importer's cache.
 *
 * @category cache
 * @since 0.1.0
 */
export class Ss12000Cache extends Context.Tag("iupkit/Ss12000Cache")<Ss12000Cache, Ss12000CacheService>() {}

/**
 * A cache held in memory, for tests and for hosts that run a full import at every start.
 *
 * @category cache
 * @since 0.1.0
 */
export const layerMemoryCache: Layer.Layer<Ss12000Cache> = Layer.effect(
  Ss12000Cache,
  Effect.map(Ref.make(Option.none<Ss12000CacheState>()), (ref) => ({
    load: () => Ref.get(ref),
    save: (state) => Ref.set(ref, Option.some(state))
  }))
)

const CacheFile = Schema.Struct({
  format: Schema.Literal("iupkit-ss12000-cache"),
  version: Schema.Literal(1),
  syncedAt: Timestamp,
  data: Ss12000Data
})

const isMissingFile = (error: unknown): boolean =>
  typeof error === "object" && error !== null && (error as { code?: unknown }).code === "ENOENT"

/**
 * A cache in one JSON file, readable by its owner only. Saving writes a temporary file beside it
 * and renames it over the old one, so a crash leaves either the old or the new cache.
 *
 * @category cache
 * @since 0.1.0
 */
export const layerFileCache = (path: string): Layer.Layer<Ss12000Cache> =>
  Layer.succeed(Ss12000Cache, {
    load: () =>
      Effect.gen(function*() {
        const text = yield* Effect.tryPromise({
          try: () => readFile(path, "utf8"),
          catch: (error) => error
        }).pipe(
          Effect.map(Option.some),
          Effect.catchAll((error) =>
            isMissingFile(error)
              ? Effect.succeed(Option.none<string>())
              : Effect.fail(new StorageError({ operation: "Ss12000Cache.load", reason: `cannot read ${path}: ${String(error)}` }))
          )
        )
        if (Option.isNone(text)) return Option.none()
        const corrupt = (reason: string) =>
          new StorageError({
            operation: "Ss12000Cache.load",
            reason: `${path} is not a valid SS 12000 cache (${reason}); delete it and run a full import`
          })
        const json = yield* Effect.try({ try: () => JSON.parse(text.value) as unknown, catch: () => corrupt("not JSON") })
        const file = yield* Schema.decodeUnknown(CacheFile)(json).pipe(
          Effect.mapError((error) => corrupt(ParseResult.TreeFormatter.formatErrorSync(error).split("\n")[0] ?? "invalid"))
        )
        return Option.some({ syncedAt: file.syncedAt, data: file.data })
      }),
    save: (state) =>
      Effect.gen(function*() {
        const encoded = yield* Schema.encode(CacheFile)({ format: "iupkit-ss12000-cache", version: 1, ...state }).pipe(
          Effect.mapError((error) => new StorageError({ operation: "Ss12000Cache.save", reason: error.message }))
        )
        const temporary = `${path}.${process.pid}.tmp`
        yield* Effect.tryPromise({
          try: async () => {
            await mkdir(dirname(path), { recursive: true })
            await writeFile(temporary, JSON.stringify(encoded), { encoding: "utf8", mode: 0o600 })
            await rename(temporary, path)
          },
          catch: (error) => new StorageError({ operation: "Ss12000Cache.save", reason: `cannot write ${path}: ${String(error)}` })
        })
      })
  })
