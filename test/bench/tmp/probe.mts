import { openRuntime } from "../databases.js"
import { sizeForEntries } from "../generate.js"
import { bulkCreation } from "../scenarios.js"
const target = { _tag: "sqlite", filename: "/work/wt/bench/reports/bench/main.db" } as const
const runtime = openRuntime(target)
const count = Number(process.argv[2] ?? 2000)
const t = await bulkCreation(runtime, target, sizeForEntries(200_000), count, 1)
console.log(JSON.stringify(t))
await runtime.dispose()
