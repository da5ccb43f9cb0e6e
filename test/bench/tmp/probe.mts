import { openRuntime, generateInto } from "../databases.js"
import { sizeForEntries } from "../generate.js"
import { planView } from "../scenarios.js"
const size = sizeForEntries(20_000)
const target = { _tag: "sqlite", filename: "/tmp/probe.db" } as const
await generateInto(target, size, 1)
const runtime = openRuntime(target)
console.log(JSON.stringify(await planView(runtime, size, 400)))
await runtime.dispose()
