import { openRuntime, generateInto } from "../databases.js"
import { sizeForEntries } from "../generate.js"
import { bulkCreation } from "../scenarios.js"
const size = sizeForEntries(200_000)
const target = { _tag: "postgres", url: "postgres://postgres@127.0.0.1:5432/test", schema: "iupkit_probe" } as const
await generateInto(target, size, 1)
const runtime = openRuntime(target)
try { console.log(JSON.stringify(await bulkCreation(runtime, target, size, 10000, 2))) } catch (e: any) { console.log("ERR", String(e?.message).slice(0,300), "|", String(e?.reason).slice(0, 600), "|", String(e?.cause?.message ?? e?.cause?.cause?.message).slice(0, 400)) }
await runtime.dispose()
