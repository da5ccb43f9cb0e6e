/**
 * `npm run bench`: generates the municipality, runs every scenario through iupkit and through a
 * hand-written baseline in the same run, prints a table and writes reports/bench.json.
 * `--quick` (default) uses a smaller municipality; `--full` the large one.
 */
import { mkdirSync, writeFileSync } from "node:fs"
import { httpThroughput, pdfExport } from "./children.js"
import { dropTarget, generateInto, openRuntime, type Target } from "./databases.js"
import { fullSize, municipalityIds, type MunicipalitySize, sizeForEntries } from "./generate.js"
import { jwtSettings } from "./jwt.js"
import { machine, markdownTable, type ResultRow, timeOnce } from "./measure.js"
import { bulkCreation, mentorOverview, planView, type Timing } from "./scenarios.js"

const full = process.argv.includes("--full")
const seed = 20_261_204
const mainSize: MunicipalitySize = full ? fullSize : sizeForEntries(200_000)
// Quick mode stops at 100,000 entries: generating 1,000,000 takes about a minute per database.
const growthSteps = full ? [10_000, 100_000, 1_000_000] : [10_000, 100_000]
const bulkCount = 10_000
const postgresUrl = process.env.IUPKIT_BENCH_POSTGRES_URL || process.env.IUPKIT_TEST_POSTGRES_URL || undefined

const rows: Array<ResultRow> = []
const log = (line: string) => process.stderr.write(`${line}\n`)

const ratioRow = (scenario: string, database: string, measure: string, timing: Timing, limit: number): ResultRow => {
  const ratio = timing.library / timing.baseline
  return {
    scenario, database, measure, iupkit: timing.library, baseline: timing.baseline, ratio,
    target: `≤ ${limit.toFixed(1)}×`, met: timing.mismatch === undefined && ratio <= limit,
    ...(timing.mismatch === undefined ? {} : { note: `results differ: ${timing.mismatch}` })
  }
}

const targetsFor = (name: string): ReadonlyArray<Target> => [
  { _tag: "sqlite", filename: `reports/bench/${name}.db` },
  ...(postgresUrl === undefined ? [] : [{ _tag: "postgres", url: postgresUrl, schema: `iupkit_bench_${name}` } as const])
]

const generate = async (target: Target, size: MunicipalitySize) => {
  let counts: Record<string, number> = {}
  const millis = await timeOnce(async () => {
    counts = { ...(await generateInto(target, size, seed)) }
  })
  log(`generated ${size.pupils} pupils, ${counts.assessment_entries} entries on ${target._tag} in ${(millis / 1000).toFixed(1)} s`)
  return { millis, counts }
}

const generation: Array<Record<string, unknown>> = []

const runMain = async (target: Target) => {
  const generated = await generate(target, mainSize)
  generation.push({ database: target._tag, pupils: mainSize.pupils, seconds: generated.millis / 1000, rows: generated.counts })
  const runtime = openRuntime(target)
  try {
    log(`${target._tag}: bulk creation`)
    rows.push(ratioRow("1 bulk creation", target._tag, `ms per ${bulkCount} plans`, await bulkCreation(runtime, target, mainSize, bulkCount, full ? 3 : 2), 1.2))
    log(`${target._tag}: plan view`)
    rows.push(ratioRow("2 plan view", target._tag, "ms per view", await planView(runtime, mainSize, 60), 1.2))
    log(`${target._tag}: mentor overview`)
    rows.push(ratioRow("3 mentor overview", target._tag, "ms per overview", await mentorOverview(runtime, mainSize, 30), 1.2))
  } finally {
    await runtime.dispose()
  }
}

const runChildren = async () => {
  const filename = "reports/bench/main.db"
  log("sqlite: PDF export")
  const pdf = await pdfExport(filename, mainSize.pupils, full ? 5 : 3)
  const pdfNote = `${pdf.iupkit.plans} plans; pdfkit ${pdf.pdfkit.millis.toFixed(0)} ms`
  rows.push({
    scenario: "5 PDF export of 100 plans", database: "sqlite", measure: "ms per export (reads included)",
    iupkit: pdf.iupkit.millis, baseline: pdf.pdfkit.millis, ratio: pdf.iupkit.millis / pdf.pdfkit.millis,
    target: "< 1000 ms", met: pdf.iupkit.millis < 1000, note: pdfNote
  })
  rows.push({
    scenario: "5 PDF export of 100 plans", database: "sqlite", measure: "MiB RSS growth during export",
    iupkit: pdf.iupkit.exportRssMiB, baseline: pdf.pdfkit.exportRssMiB, ratio: pdf.iupkit.exportRssMiB / pdf.pdfkit.exportRssMiB,
    target: "< 150 MB", met: pdf.iupkit.exportRssMiB < 150,
    note: `peak RSS of the child ${pdf.iupkit.peakRssMiB.toFixed(0)} MiB, pdfkit ${pdf.pdfkit.peakRssMiB.toFixed(0)} MiB, both under tsx`
  })
  log("sqlite: HTTP plan view")
  const ids = municipalityIds(mainSize)
  const http = await httpThroughput(filename, {
    mentorId: ids.mentorOf(0), planId: ids.currentPlanOf(0), seconds: full ? 10 : 5, rounds: full ? 3 : 2, ...jwtSettings
  })
  const ratio = http.host / http.bare
  rows.push({
    scenario: "6 HTTP plan view", database: "sqlite", measure: "requests per second",
    iupkit: http.host, baseline: http.bare, ratio, target: "≥ 0.8×", met: ratio >= 0.8 && http.failures === 0,
    ...(http.failures === 0 ? {} : { note: `${http.failures} failed or non-2xx responses` })
  })
}

const runGrowth = async (database: "sqlite" | "postgres") => {
  const measured: Array<{ entries: number; view: Timing; overview: Timing }> = []
  for (const entries of growthSteps) {
    const target = targetsFor(`growth_${entries}`).find((candidate) => candidate._tag === database)!
    const size = sizeForEntries(entries)
    await generate(target, size)
    const runtime = openRuntime(target)
    try {
      measured.push({ entries, view: await planView(runtime, size, 40), overview: await mentorOverview(runtime, size, 20) })
    } finally {
      await runtime.dispose()
      await dropTarget(target)
    }
  }
  for (let index = 1; index < measured.length; index++) {
    const before = measured[index - 1]!
    const after = measured[index]!
    const step = `${before.entries.toLocaleString("en")} → ${after.entries.toLocaleString("en")} entries`
    for (const [name, pick] of [["plan view", (m: typeof before) => m.view], ["mentor overview", (m: typeof before) => m.overview]] as const) {
      const growth = pick(after).library / pick(before).library
      rows.push({
        scenario: `4 growth of ${name}`, database, measure: `${step}, ms before → after`,
        iupkit: growth, baseline: pick(after).baseline / pick(before).baseline, ratio: null,
        target: "≤ 1.2× per 10×", met: growth <= 1.2,
        note: `iupkit ${pick(before).library.toFixed(2)} → ${pick(after).library.toFixed(2)} ms`
      })
    }
  }
}

const main = async () => {
  const started = Date.now()
  for (const target of targetsFor("main")) await runMain(target)
  await runChildren()
  await runGrowth("sqlite")
  if (postgresUrl !== undefined) await runGrowth("postgres")
  for (const target of targetsFor("main")) await dropTarget(target)

  const report = { mode: full ? "full" : "quick", seed, machine: machine(), generation, rows, seconds: (Date.now() - started) / 1000, at: new Date().toISOString() }
  mkdirSync("reports", { recursive: true })
  writeFileSync("reports/bench.json", `${JSON.stringify(report, null, 2)}\n`)
  const { cpuModel, cores, node } = report.machine
  process.stdout.write(`iupkit benchmarks (${report.mode}), ${cores} × ${cpuModel}, Node ${node}\n\n${markdownTable(rows)}\n\nWrote reports/bench.json in ${report.seconds.toFixed(0)} s.\n`)
}

main().catch((error: unknown) => {
  // Tagged errors carry their facts (operation, reason) as fields, which the message may leave out.
  const fields = typeof error === "object" && error !== null ? JSON.stringify({ ...error }) : ""
  process.stderr.write(`Benchmark failed: ${error instanceof Error ? error.message : String(error)} ${fields}\n`)
  process.exitCode = 1
})
