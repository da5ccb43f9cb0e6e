import type { SqlError } from "@effect/sql/SqlError"
import { NotFoundError, type ResourceKind, VersionConflictError } from "@iupkit/core"
import { Effect } from "effect"

/**
 * Finishes an optimistic update done in the database as `UPDATE … WHERE version = ? RETURNING`.
 * A returned row means the write won. No row means the version was stale or the record is gone:
 * the current row is then read only to build the error, and nothing was written.
 */
export const guardedUpdate = <Row, A>(args: {
  readonly kind: ResourceKind
  readonly id: string
  readonly expectedVersion: number
  readonly update: Effect.Effect<ReadonlyArray<Row>, SqlError>
  readonly readCurrent: Effect.Effect<ReadonlyArray<Row>, SqlError>
  readonly decode: (row: Row) => A
  readonly versionOf: (value: A) => number
}): Effect.Effect<A, NotFoundError | VersionConflictError | SqlError> =>
  Effect.gen(function*() {
    const updated = yield* args.update
    if (updated[0] !== undefined) return args.decode(updated[0])

    const current = yield* args.readCurrent
    if (current[0] === undefined) return yield* new NotFoundError({ kind: args.kind, id: args.id })
    const currentValue = args.decode(current[0])
    return yield* new VersionConflictError({
      kind: args.kind,
      id: args.id,
      expectedVersion: args.expectedVersion,
      currentVersion: args.versionOf(currentValue),
      currentValue
    })
  })
