import type { SqlClient } from "@effect/sql/SqlClient"
import type { SqlError } from "@effect/sql/SqlError"
import { Effect } from "effect"
import type { Db, SqlDialect } from "../Dialect.js"
import { storageError } from "./errors.js"
import type { StorageError } from "@iupkit/core"

/** The query builder, client and dialect every SQL store is built from. */
export interface SqlContext {
  readonly db: Db
  readonly sql: SqlClient
  readonly dialect: SqlDialect
}

/**
 * Turns a Kysely builder into a plain effect. @effect/sql-kysely proxies every builder and also
 * every value derived from one through its methods, including `.pipe`, so a continuation attached
 * with `builder.pipe(…)` would itself be run as a query. Wrapping first keeps the proxy at the
 * query alone.
 */
export const run = <A, E, R>(builder: Effect.Effect<A, E, R>): Effect.Effect<A, E, R> => Effect.suspend(() => builder)

/** Runs a write in a transaction that first takes the dialect's write lock, if it needs one. */
export const writeTransaction = <A, E, R>(context: SqlContext, effect: Effect.Effect<A, E, R>) =>
  context.sql.withTransaction(
    context.dialect.writeLockStatement === null
      ? effect
      : Effect.zipRight(context.sql.unsafe(context.dialect.writeLockStatement), effect)
  )

/** Turns driver failures into {@link StorageError}s and wraps the operation in a span. */
export const operation = (name: string, attributes: Record<string, unknown> = {}) =>
<A, E, R>(effect: Effect.Effect<A, E | SqlError, R>): Effect.Effect<A, Exclude<E, SqlError> | StorageError, R> =>
  effect.pipe(
    Effect.catchIf(
      (error): error is SqlError => (error as { readonly _tag?: unknown })._tag === "SqlError",
      (error) => Effect.fail(storageError(name)(error))
    ),
    // The name and attributes identify the operation. Capturing a stack trace for every call took
    // about 2 % of the CPU profile samples of a plan view on SQLite.
    Effect.withSpan(name, { attributes, captureStackTrace: false })
  ) as Effect.Effect<A, Exclude<E, SqlError> | StorageError, R>

/** Splits rows into chunks whose statements stay below the dialect's parameter limit. */
export const chunks = <A>(
  dialect: SqlDialect,
  rows: ReadonlyArray<A>,
  parametersPerRow: number,
  reservedParameters = 0
): ReadonlyArray<ReadonlyArray<A>> => {
  const size = Math.max(1, Math.floor((dialect.maxBindParameters - reservedParameters) / parametersPerRow))
  const result: Array<ReadonlyArray<A>> = []
  for (let start = 0; start < rows.length; start += size) result.push(rows.slice(start, start + size))
  return result
}

/** Runs a query per chunk of keys and concatenates the rows. An empty key list runs nothing. */
export const selectInChunks = <K, A, E, R>(
  context: SqlContext,
  keys: ReadonlyArray<K>,
  query: (chunk: ReadonlyArray<K>) => Effect.Effect<ReadonlyArray<A>, E, R>
): Effect.Effect<ReadonlyArray<A>, E, R> =>
  Effect.map(
    Effect.forEach(chunks(context.dialect, [...new Set(keys)], 1, 16), query),
    (results) => results.flat()
  )
