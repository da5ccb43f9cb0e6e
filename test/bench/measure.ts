// Timing and reporting helpers of the benchmark runner.
import { cpus, totalmem } from "node:os"

/** Median of a non-empty list. */
export const median = (values: ReadonlyArray<number>): number => {
  const sorted = [...values].sort((a, b) => a - b)
  const middle = Math.floor(sorted.length / 2)
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2
}

/** Milliseconds one call of `run` takes. */
export const timeOnce = async (run: () => Promise<unknown>): Promise<number> => {
  const start = process.hrtime.bigint()
  await run()
  return Number(process.hrtime.bigint() - start) / 1e6
}

/**
 * Runs two implementations of the same work alternately, after warm-up calls, and returns the
 * median milliseconds per call of each. Alternating keeps a noisy neighbour from favouring one.
 */
export const compare = async (
  options: { readonly warmup: number; readonly rounds: number },
  library: (round: number) => Promise<unknown>,
  baseline: (round: number) => Promise<unknown>
): Promise<{ readonly library: number; readonly baseline: number }> => {
  for (let round = 0; round < options.warmup; round++) {
    await library(round)
    await baseline(round)
  }
  const libraryTimes: Array<number> = []
  const baselineTimes: Array<number> = []
  for (let round = 0; round < options.rounds; round++) {
    // Which side goes first alternates too, so caches warmed by one help both equally.
    if (round % 2 === 0) {
      libraryTimes.push(await timeOnce(() => library(options.warmup + round)))
      baselineTimes.push(await timeOnce(() => baseline(options.warmup + round)))
    } else {
      baselineTimes.push(await timeOnce(() => baseline(options.warmup + round)))
      libraryTimes.push(await timeOnce(() => library(options.warmup + round)))
    }
  }
  return { library: median(libraryTimes), baseline: median(baselineTimes) }
}

/** The machine a run came from. */
export const machine = () => ({
  cpuModel: cpus()[0]?.model ?? "unknown",
  cores: cpus().length,
  memoryGiB: Math.round(totalmem() / 2 ** 30),
  node: process.version,
  platform: `${process.platform} ${process.arch}`
})

/** One row of the result table. */
export interface ResultRow {
  readonly scenario: string
  readonly database: string
  readonly measure: string
  readonly iupkit: number | null
  readonly baseline: number | null
  /** iupkit over baseline for times, iupkit over baseline for throughput too (higher is better there). */
  readonly ratio: number | null
  readonly target: string
  readonly met: boolean | null
  readonly note?: string
}

const cell = (value: number | null, digits = 2) => (value === null ? "–" : value.toFixed(digits))

/** The rows as a Markdown table. */
export const markdownTable = (rows: ReadonlyArray<ResultRow>): string => {
  const lines = [
    "| scenario | database | measure | iupkit | baseline | ratio | target | result |",
    "| --- | --- | --- | ---: | ---: | ---: | --- | --- |"
  ]
  for (const row of rows) {
    const result = row.met === null ? "–" : row.met ? "met" : "missed"
    lines.push(`| ${row.scenario} | ${row.database} | ${row.measure} | ${cell(row.iupkit)} | ${cell(row.baseline)} | ${cell(row.ratio)} | ${row.target} | ${result}${row.note === undefined ? "" : ` (${row.note})`} |`)
  }
  return lines.join("\n")
}
