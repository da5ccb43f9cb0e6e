import { Cause, Effect, Exit } from "effect"
import type { PersonId } from "@iupkit/core"
import { Plans } from "@iupkit/services"
import { openRuntime, generateInto } from "../databases.js"
import { sizeForEntries, municipalityIds } from "../generate.js"
const size = sizeForEntries(Number(process.argv[2]) * 20)
const target = { _tag: "postgres", url: "postgres://postgres@127.0.0.1:5432/test", schema: "iupkit_probe" } as const
await generateInto(target, size, 1)
const runtime = openRuntime(target)
const ids = municipalityIds(size)
const pupilIds = Array.from({ length: size.pupils }, (_, i) => ids.pupilOf(i))
for (let r = 0; r < 3; r++) {
const exit = await runtime.runPromiseExit(Effect.flatMap(Plans, (p) => p.createPlans({ personId: ids.administratorId as PersonId }, { pupilIds, plan: { templateId: ids.templateId, title: "x", startDate: `${2040 + r}-01-01`, endDate: null } })))
if (Exit.isFailure(exit)) { const e = Cause.squash(exit.cause) as any; console.log(String(e.message).slice(0, 300), "|", String(e.reason ?? "").slice(0, 500), "|", String(e.cause?.message ?? e.cause?.cause?.message ?? "").slice(0,500)) } else console.log("ok", exit.value.plans.length)
}
await runtime.dispose()
