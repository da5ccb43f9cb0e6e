// Scenarios that run in child processes: the PDF export (for a clean peak RSS) and the HTTP
// servers (so autocannon does not share their event loop).
import autocannon from "autocannon"
import { type ChildProcess, execFile, spawn } from "node:child_process"
import { createInterface } from "node:readline"
import { promisify } from "node:util"
import * as jose from "jose"
import { median } from "./measure.js"

const tsx = ["node_modules/.bin/tsx", "--tsconfig", "tsconfig.base.json"]

/** One export's time and memory, as the PDF child prints it. */
export interface PdfRun {
  readonly plans: number
  readonly bytes: number
  readonly millis: number
  readonly peakRssMiB: number
  readonly rssBeforeMiB: number
}

const runPdfChild = async (mode: "iupkit" | "pdfkit", filename: string, pupils: number): Promise<PdfRun> => {
  const { stdout } = await promisify(execFile)(tsx[0]!, [...tsx.slice(1), "test/bench/pdf-child.ts", mode, filename, String(pupils)], {
    timeout: 120_000
  })
  return JSON.parse(stdout.trim().split("\n").at(-1)!) as PdfRun
}

/** Median time and peak memory of `rounds` exports of each kind, alternating. */
export const pdfExport = async (filename: string, pupils: number, rounds: number) => {
  const runs: Record<"iupkit" | "pdfkit", Array<PdfRun>> = { iupkit: [], pdfkit: [] }
  for (let round = 0; round < rounds; round++) {
    runs.iupkit.push(await runPdfChild("iupkit", filename, pupils))
    runs.pdfkit.push(await runPdfChild("pdfkit", filename, pupils))
  }
  const summary = (list: ReadonlyArray<PdfRun>) => ({
    plans: list[0]!.plans,
    millis: median(list.map((run) => run.millis)),
    peakRssMiB: Math.max(...list.map((run) => run.peakRssMiB)),
    exportRssMiB: Math.max(...list.map((run) => run.peakRssMiB - run.rssBeforeMiB))
  })
  return { iupkit: summary(runs.iupkit), pdfkit: summary(runs.pdfkit) }
}

const startServer = async (mode: "host" | "bare", filename: string): Promise<{ readonly child: ChildProcess; readonly url: string }> => {
  const child = spawn(tsx[0]!, [...tsx.slice(1), "test/bench/http-server.ts", mode, filename], { stdio: ["ignore", "pipe", "inherit"] })
  const lines = createInterface({ input: child.stdout! })
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the ${mode} server did not start within 60 s`)), 60_000)
    lines.once("line", (line) => {
      clearTimeout(timer)
      resolve((JSON.parse(line) as { url: string }).url)
    })
    child.once("exit", (code) => reject(new Error(`the ${mode} server exited with code ${code}`)))
  })
  return { child, url }
}

const load = (url: string, token: string, seconds: number) =>
  new Promise<{ readonly requestsPerSecond: number; readonly non2xx: number; readonly errors: number }>((resolve, reject) => {
    autocannon({ url, connections: 10, duration: seconds, headers: { authorization: `Bearer ${token}` } }, (error, result) => {
      if (error !== null && error !== undefined) reject(error)
      else resolve({ requestsPerSecond: result.requests.average, non2xx: result.non2xx, errors: result.errors })
    })
  })

/** Requests per second of the host's plan-view endpoint and of the bare handler, alternating. */
export const httpThroughput = async (
  filename: string,
  options: { readonly mentorId: string; readonly planId: string; readonly seconds: number; readonly rounds: number; readonly secret: Uint8Array; readonly issuer: string; readonly audience: string }
) => {
  const token = await new jose.SignJWT({})
    .setProtectedHeader({ alg: "HS256" })
    .setSubject(options.mentorId)
    .setIssuer(options.issuer)
    .setAudience(options.audience)
    .setExpirationTime("1h")
    .sign(options.secret)
  const servers = { host: await startServer("host", filename), bare: await startServer("bare", filename) }
  try {
    const results: Record<"host" | "bare", Array<number>> = { host: [], bare: [] }
    let failures = 0
    for (const mode of ["host", "bare"] as const) await load(`${servers[mode].url}/api/plans/${options.planId}`, token, 1)
    for (let round = 0; round < options.rounds; round++) {
      for (const mode of round % 2 === 0 ? (["host", "bare"] as const) : (["bare", "host"] as const)) {
        const result = await load(`${servers[mode].url}/api/plans/${options.planId}`, token, options.seconds)
        results[mode].push(result.requestsPerSecond)
        failures += result.non2xx + result.errors
      }
    }
    return { host: median(results.host), bare: median(results.bare), failures }
  } finally {
    for (const server of Object.values(servers)) server.child.kill("SIGTERM")
  }
}
