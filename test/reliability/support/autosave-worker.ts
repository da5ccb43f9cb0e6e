/**
 * A worker process of the SQLite concurrency test: opens its own connection to the file, waits
 * for the test's signal, runs its share of the writers and prints their writes as JSON.
 */
import { SqliteStorage } from "@iupkit/store-sqlite"
import { layerIupServices, layerRandomIds, layerSiteConfig } from "@iupkit/services"
import { Layer, ManagedRuntime } from "effect"
import { type AutosaveWorld, runWriter } from "./autosave.js"

const { filename, world, writers } = JSON.parse(process.argv[2] ?? "{}") as {
  readonly filename: string
  readonly world: AutosaveWorld
  readonly writers: ReadonlyArray<number>
}

const storage = SqliteStorage.layer({ filename, busyTimeoutMillis: 30_000, migrate: false })
const runtime = ManagedRuntime.make(Layer.provideMerge(layerIupServices, Layer.mergeAll(storage, layerRandomIds, layerSiteConfig())))
// Builds the layers, says so, and waits for the test's signal, so every worker begins writing at once.
await runtime.runtime()
process.stdout.write("ready\n")
await new Promise((resolve) => process.stdin.once("data", resolve))
const outcomes = (await Promise.all(writers.map((index) => runWriter(runtime, world, index)))).flat()
await runtime.dispose()
process.stdout.write(JSON.stringify(outcomes))
