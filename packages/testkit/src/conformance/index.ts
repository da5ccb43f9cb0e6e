import { layer } from "@effect/vitest"
import type { Layer } from "effect"
import { makeIds } from "../fixtures.js"
import { catalogTests } from "./catalog.js"
import { concurrencyTests } from "./concurrency.js"
import { directoryTests } from "./directory.js"
import { entryTests } from "./entries.js"
import { planTests } from "./plans.js"
import { recordTests } from "./records.js"
import type { ConformanceCapability, ConformanceServices } from "./shared.js"
import { transactionTests } from "./transactions.js"
import { worldTests } from "./worlds.js"

export type { ConformanceCapability, ConformanceServices } from "./shared.js"

/**
 * Options of {@link runStorageConformance}.
 *
 * @category conformance
 * @since 0.1.0
 */
export interface ConformanceOptions {
  /**
   * Capabilities the adapter lacks, each with the reason. Their tests are skipped, and the reason
   * is printed and shown in the test name.
   */
  readonly lacks?: Partial<Record<ConformanceCapability, string>>
  /** Time to build the layer, in milliseconds (default 60,000). */
  readonly timeout?: number
}

/**
 * Registers the storage conformance suite with vitest: every port operation, version conflicts,
 * transactions, text and time round-trips, concurrent writers and the directory. Call it at the
 * top level of a test file with a layer providing every store, the transactor and the directory.
 * The layer is built once for the whole suite, and tests use fresh ids, so a shared database works.
 *
 * @example
 * ```ts
 * runStorageConformance("my adapter", MyStorage.layer(config), {
 *   lacks: { concurrentWriters: "the adapter serialises all writers in one process" }
 * })
 * ```
 *
 * @category conformance
 * @since 0.1.0
 */
export const runStorageConformance = (
  name: string,
  storageLayer: Layer.Layer<ConformanceServices, unknown>,
  options: ConformanceOptions = {}
): void => {
  const lacks = options.lacks ?? {}
  for (const [capability, reason] of Object.entries(lacks)) {
    // The suite promises never to skip silently, so each declared gap is printed where tests run.
    // eslint-disable-next-line no-console
    console.warn(`storage conformance (${name}): skipping ${capability}: ${reason}`)
  }
  layer(storageLayer, { timeout: options.timeout ?? 60_000, excludeTestServices: true })(`storage conformance: ${name}`, (it) => {
    const section = { it, id: makeIds(name.replace(/[^A-Za-z0-9]+/g, "-").slice(0, 24)), lacks: (capability: ConformanceCapability) => lacks[capability] }
    catalogTests(section)
    entryTests(section)
    planTests(section)
    recordTests(section)
    transactionTests(section)
    concurrencyTests(section)
    directoryTests(section)
    worldTests(section)
  })
}
