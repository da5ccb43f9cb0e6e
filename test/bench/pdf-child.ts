/**
 * Runs one 100-plan PDF export in its own process and prints its time and peak RSS as JSON, so
 * the memory figure belongs to the export alone. `iupkit` exports through the services and the
 * PDF renderer; `pdfkit` reads the same plans with hand-written SQL and writes their text
 * directly with pdfkit and the same fonts.
 */
import type { PersonId } from "@iupkit/core"
import { dejaVuSans, renderExportPdf } from "@iupkit/render-pdf"
import { Exports } from "@iupkit/services"
import { Effect, Either } from "effect"
import PDFDocument from "pdfkit"
import type { Readable } from "node:stream"
import { openRuntime } from "./databases.js"
import { municipalityIds, sizeForEntries } from "./generate.js"
import { rawPlanView } from "./raw.js"

const [mode, filename, pupilsText] = process.argv.slice(2)
const ids = municipalityIds(sizeForEntries(Number(pupilsText) * 20))
// The current plans of the first 100 pupils; those of protected pupils are left out, as the export does.
const planIds = Array.from({ length: 100 }, (_, index) => ids.currentPlanOf(index))
const admin = { personId: ids.administratorId as PersonId }

const drain = async (stream: Readable): Promise<number> => {
  let bytes = 0
  for await (const chunk of stream) bytes += (chunk as Buffer).length
  return bytes
}

const runIupkit = async (runtime: ReturnType<typeof openRuntime>) => {
  const view = await runtime.runPromise(Effect.flatMap(Exports, (exports) => exports.exportPlans(admin, { planIds })))
  const pdf = renderExportPdf(view)
  if (Either.isLeft(pdf)) throw new Error(pdf.left.message)
  return { bytes: await drain(pdf.right), plans: view.plans.length }
}

const runPdfkit = async (runtime: ReturnType<typeof openRuntime>) => {
  const fonts = dejaVuSans()
  const doc = new PDFDocument({ size: "A4", autoFirstPage: false })
  doc.registerFont("Regular", fonts.regular)
  doc.registerFont("Bold", fonts.bold)
  const bytes = drain(doc as unknown as Readable)
  let plans = 0
  for (const planId of planIds) {
    const view = await runtime.runPromise(rawPlanView(ids.administratorId, planId, "plan.export"))
    // Pupils with a protection marking are left out, as the export does unless they are named.
    if (view === null || view.pupil.protected) continue
    plans++
    doc.addPage()
    doc.font("Bold").fontSize(16).text(view.title)
    doc.font("Regular").fontSize(10).text(`${view.pupil.givenName} ${view.pupil.familyName}, ${view.startDate} – ${view.endDate ?? ""}`)
    for (const field of view.fields) {
      doc.moveDown().font("Bold").fontSize(12).text(field.heading)
      doc.font("Regular").fontSize(10).text(field.value)
    }
    for (const entry of view.entries) {
      doc.moveDown(0.5).font("Bold").fontSize(10).text(`${entry.course.name}: ${entry.assessmentTitle}`)
      doc.font("Regular").text(`${entry.level ?? ""} ${entry.comment}`)
    }
  }
  doc.end()
  return { bytes: await bytes, plans }
}

const main = async () => {
  const runtime = openRuntime({ _tag: "sqlite", filename: filename! })
  // Opening the database is the host's start-up, not the export's.
  await runtime.runPromise(Effect.void)
  const rssBeforeMiB = process.memoryUsage().rss / 2 ** 20
  const start = process.hrtime.bigint()
  const result = mode === "pdfkit" ? await runPdfkit(runtime) : await runIupkit(runtime)
  const millis = Number(process.hrtime.bigint() - start) / 1e6
  await runtime.dispose()
  process.stdout.write(`${JSON.stringify({ ...result, millis, rssBeforeMiB, peakRssMiB: process.resourceUsage().maxRSS / 1024 })}\n`)
}

void main()
