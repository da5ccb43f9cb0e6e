import { Effect, Tracer, Option } from "effect"
import type { PersonId } from "@iupkit/core"
import { Mentoring, Plans } from "@iupkit/services"
import { openRuntime } from "../databases.js"
import { rawMentorOverview, rawPlanView } from "../raw.js"
const names: Record<string, number> = {}
const tracer = Tracer.make({
  span: (name, parent, context, links, startTime, kind) => {
    names[name] = (names[name] ?? 0) + 1
    const span: Tracer.Span = { _tag: "Span", name, spanId: String(Math.random()), traceId: "t", parent, context, status: { _tag: "Started", startTime }, attributes: new Map(), links, sampled: true, kind,
      end: () => {}, attribute: () => {}, event: () => {}, addLinks: () => {} }
    return span
  },
  context: (f) => f()
})
const runtime = openRuntime({ _tag: "sqlite", filename: "/tmp/probe.db" })
const count = async (label: string, effect: Effect.Effect<unknown, unknown, any>) => {
  for (const k of Object.keys(names)) delete names[k]
  await runtime.runPromise(Effect.withTracer(effect, tracer))
  console.log(label, JSON.stringify(Object.fromEntries(Object.entries(names).filter(([k]) => k.startsWith("sql") || !k.includes(".")))), "operations:", Object.entries(names).filter(([k]) => !k.startsWith("sql")).map(([k, v]) => `${k}×${v}`).join(" "))
}
const mentor = { personId: "person-mentor-0" as PersonId }
await count("getPlan", Effect.flatMap(Plans, (p) => p.getPlan(mentor, "plan-1-current")))
await count("rawPlanView", rawPlanView("person-mentor-0", "plan-1-current"))
await count("overview", Effect.flatMap(Mentoring, (m) => m.overview(mentor)))
await count("rawOverview", rawMentorOverview("person-mentor-0"))
await runtime.dispose()
