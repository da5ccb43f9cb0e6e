import type { Vitest } from "@effect/vitest"
import type {
  Directory,
  DirectoryWriter,
  StorePorts
} from "@iupkit/core"
import { Effect, Either } from "effect"
import { makeIds } from "../fixtures.js"

/**
 * Every service a storage adapter must provide to run the suite.
 *
 * @category conformance
 * @since 0.1.0
 */
export type ConformanceServices =
  | StorePorts
  | Directory
  | DirectoryWriter

/**
 * Parts of the suite an adapter may declare it lacks, each with the reason.
 *
 * @category conformance
 * @since 0.1.0
 */
export type ConformanceCapability = "concurrentWriters" | "directory" | "largeBatches"

export interface Section {
  readonly it: Vitest.MethodsNonLive<ConformanceServices, true>
  readonly id: ReturnType<typeof makeIds>
  /** The reason an adapter gave for lacking a capability, if it did. */
  readonly lacks: (capability: ConformanceCapability) => string | undefined
}

/** Runs an effect expected to fail and returns its error, failing the test when it succeeds. */
export const expectFailure = <A, E, R>(effect: Effect.Effect<A, E, R>): Effect.Effect<E, string, R> =>
  Effect.flatMap(Effect.either(effect), (result) =>
    Either.isLeft(result) ? Effect.succeed(result.left) : Effect.fail("expected the operation to fail, but it succeeded"))

/** Sorts records by a key, since stores return lists in no fixed order. */
export const sortBy = <A>(items: ReadonlyArray<A>, key: (item: A) => string): ReadonlyArray<A> =>
  items.toSorted((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0))
