/**
 * `npm run bench:statements`: counts the SQL statements of one call of each benchmarked operation,
 * through iupkit and through its baseline, on a small SQLite municipality. A statement is one
 * `sql.execute` span of @effect/sql, which leaves out BEGIN, COMMIT and savepoints. Those are
 * counted as transactions instead, one per `sql.transaction` span.
 */
import type { PersonId } from "@iupkit/core"
import { Exports, Mentoring, Plans } from "@iupkit/services"
import { Effect, Tracer } from "effect"
import { mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { dialectOf, generateInto, openRuntime, type Target } from "./databases.js"
import { municipalityIds, sizeForEntries } from "./generate.js"
import { rawCreatePlans, rawMentorOverview, rawPlanView } from "./raw.js"

const directory = mkdtempSync(join(tmpdir(), "iupkit-statements-"))
const target: Target = { _tag: "sqlite", filename: join(directory, "statements.db") }
const size = sizeForEntries(20_000)
const ids = municipalityIds(size)

const counts = { statements: 0, transactions: 0 }
const countingTracer = (base: Tracer.Tracer): Tracer.Tracer =>
  Tracer.make({
    span: (name, ...rest) => {
      if (name === "sql.execute") counts.statements++
      if (name === "sql.transaction") counts.transactions++
      return base.span(name, ...rest)
    },
    context: base.context
  })

const counted = <A, E, R>(effect: Effect.Effect<A, E, R>) =>
  Effect.flatMap(Effect.tracer, (base) => {
    counts.statements = 0
    counts.transactions = 0
    return Effect.map(Effect.withTracer(effect, countingTracer(base)), () => ({ ...counts }))
  })

const actor = (personId: string) => ({ personId: personId as PersonId })

const main = async () => {
  await generateInto(target, size, 20_261_204)
  const runtime = openRuntime(target)
  const pupilIds = Array.from({ length: 100 }, (_, index) => ids.pupilOf(index))
  const planIds = Array.from({ length: 100 }, (_, index) => ids.currentPlanOf(index))
  const input = (year: number) => ({ templateId: ids.templateId, title: "Räkning", startDate: `${year}-08-15`, endDate: `${year + 1}-06-15` })
  const mentor = ids.mentorOf(0)
  const operations: ReadonlyArray<readonly [string, Effect.Effect<unknown, unknown, any>, Effect.Effect<unknown, unknown, any>]> = [
    ["plan view", Effect.flatMap(Plans, (plans) => plans.getPlan(actor(mentor), ids.currentPlanOf(0))), rawPlanView(mentor, ids.currentPlanOf(0))],
    ["mentor overview", Effect.flatMap(Mentoring, (mentoring) => mentoring.overview(actor(mentor))), rawMentorOverview(mentor)],
    [
      "bulk creation of 100 plans",
      Effect.flatMap(Plans, (plans) => plans.createPlans(actor(ids.administratorId), { pupilIds, plan: input(2040) })),
      rawCreatePlans(ids.administratorId, pupilIds, input(2042), dialectOf(target).maxBindParameters)
    ],
    [
      "export of 100 plans (reads only)",
      Effect.flatMap(Exports, (exports) => exports.exportPlans(actor(ids.administratorId), { planIds })),
      Effect.forEach(planIds, (planId) => rawPlanView(ids.administratorId, planId, "plan.export"))
    ]
  ]
  const lines = ["| operation | iupkit statements | iupkit transactions | baseline statements | baseline transactions |", "| --- | ---: | ---: | ---: | ---: |"]
  try {
    for (const [name, library, baseline] of operations) {
      const libraryCounts = await runtime.runPromise(counted(library))
      const baselineCounts = await runtime.runPromise(counted(baseline))
      lines.push(`| ${name} | ${libraryCounts.statements} | ${libraryCounts.transactions} | ${baselineCounts.statements} | ${baselineCounts.transactions} |`)
    }
  } finally {
    await runtime.dispose()
    rmSync(directory, { recursive: true, force: true })
  }
  process.stdout.write(`${lines.join("\n")}\n`)
}

main().catch((error: unknown) => {
  process.stderr.write(`Counting failed: ${error instanceof Error ? error.message : String(error)}\n`)
  process.exitCode = 1
})
