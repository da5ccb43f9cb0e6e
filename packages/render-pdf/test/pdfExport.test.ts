import { ExportLimitExceededError, type PersonId } from "@iupkit/core"
import { exportPdfStream, PdfRenderError, renderExportPdf } from "@iupkit/render-pdf"
import type { ExportView, PlanView } from "@iupkit/services"
import { Chunk, Effect, Either, Stream } from "effect"
import type { Readable } from "node:stream"
import { describe, expect, it } from "vitest"
import { fixtures, person } from "../../render-html/test/fixtures.js"
import { collect, pdfText } from "./pdfText.js"

const f = fixtures()

const render = (view: ExportView, options: Parameters<typeof renderExportPdf>[1] = {}): Readable =>
  Either.getOrThrow(renderExportPdf(view, options))

const textOf = async (view: ExportView, options: Parameters<typeof renderExportPdf>[1] = {}) =>
  pdfText(await collect(render(view, options)))

const withPlans = (view: ExportView, plans: ReadonlyArray<PlanView>): ExportView => ({ ...view, plans })

describe("pdf export", () => {
  it("prints names, titles and å ä ö", async () => {
    const { pages } = await textOf(f.exportOf(2))
    expect(pages).toHaveLength(2)
    const [first, second] = pages
    expect(first).toContain("Åsa Öberg")
    expect(first).toContain("Utvecklingssamtal HT 2026")
    expect(first).toContain("Period: 17 augusti 2026 – 15 januari 2027")
    expect(first).toContain("Mål och åtgärder")
    expect(first).toContain("Åsa övar på läsförståelse två gånger i veckan.")
    expect(second).toContain("Ängla Lindqvist")
  })

  it("draws matched assessments as a table", async () => {
    const { pages } = await textOf(f.exportOf(1))
    const page = pages[0]!
    expect(page).toContain("Kurs Omdöme Nivå Senast ändrad")
    expect(page).toContain("Svenska 7A")
    expect(page).toContain("Kommentar: Läser flytande")
    expect(page).toContain("Självskattning: Godtagbara kunskaper 3.")
    expect(page.indexOf("Omdömen under planens period")).toBeLessThan(page.indexOf("Planering"))
    expect(page.indexOf("Planering")).toBeLessThan(page.indexOf("Tidigare dokument"))
  })

  it("prints only the fields in the view", async () => {
    const plan = f.planView("plan-1", f.pupil, { fields: [f.pupilPlan.fields[0]!] })
    const { pages } = await textOf(withPlans(f.exportOf(1), [plan]))
    expect(pages[0]).toContain("Elevens egna mål")
    expect(pages[0]).not.toContain("Mål och åtgärder")
  })

  it("puts page numbers and the notice in every footer", async () => {
    const long = f.planView("plan-1", f.pupil, {
      fields: [{ ...f.pupilPlan.fields[0]!, value: "Ett långt stycke om läsning och skrivande. ".repeat(600) }]
    })
    const { pages } = await textOf(withPlans(f.exportOf(2), [long, f.planView("plan-2", f.other)]))
    expect(pages.length).toBeGreaterThan(3)
    const runOfFirst = pages.length - 1
    pages.forEach((page, index) => {
      expect(page, `page ${index + 1}`).toContain("Känslig information om ett barn – dela inte vidare.")
      expect(page).toContain(`Sida ${index + 1} ·`)
    })
    expect(pages[0]).toContain(`Plan 1 av 2, sida 1 av ${runOfFirst}`)
    expect(pages[runOfFirst - 1]).toContain(`Plan 1 av 2, sida ${runOfFirst} av ${runOfFirst}`)
    expect(pages[runOfFirst]).toContain("Plan 2 av 2, sida 1 av 1")
    expect(pages[runOfFirst]).toContain("Ängla Lindqvist")
  })

  it("repeats table titles on a new page", async () => {
    const entries = Array.from({ length: 14 }, (_, index) =>
      f.entry(f.pupil, { comment: `Kommentar nummer ${index + 1}. ${"Mer text om arbetet i kursen. ".repeat(12)}` })
    )
    const { pages } = await textOf(withPlans(f.exportOf(1), [f.planView("plan-1", f.pupil, { entries })]))
    const withTitles = pages.filter((page) => page.includes("Kurs Omdöme Nivå Senast ändrad"))
    expect(pages.length).toBeGreaterThan(1)
    expect(withTitles.length).toBeGreaterThan(1)
  })

  it("prints 100 plans, one page each", async () => {
    const { pages } = await textOf(f.exportOf(100))
    expect(pages).toHaveLength(100)
    pages.forEach((page, index) => expect(page).toContain(`Sida ${index + 1} · Plan ${index + 1} av 100, sida 1 av 1`))
  })

  it("rejects 101 plans", async () => {
    const result = renderExportPdf(f.exportOf(101))
    expect(Either.isLeft(result)).toBe(true)
    expect(Either.flip(result).pipe(Either.getOrThrow)).toMatchObject({ _tag: "ExportLimitExceededError", requested: 101, limit: 100 })
    const error = await Effect.runPromise(Effect.flip(Stream.runDrain(exportPdfStream(f.exportOf(101)))))
    expect(error).toBeInstanceOf(ExportLimitExceededError)
  })

  it("sends pages before laying out the last plan", async () => {
    const received: Array<Buffer> = []
    let pagesBeforeLast: number | undefined
    const readable = render(f.exportOf(100), {
      onPlanStart: (index, total) => {
        if (index === total - 1) {
          const sent = Buffer.concat(received).toString("latin1")
          pagesBeforeLast = sent.match(/\/Type \/Page\b/g)?.length ?? 0
        }
      }
    })
    for await (const chunk of readable) received.push(chunk as Buffer)
    // Page objects of earlier plans reached the reader while the last plan was still to come.
    expect(pagesBeforeLast).toBeGreaterThan(50)
    expect((await pdfText(Buffer.concat(received))).pages).toHaveLength(100)
  })

  it("stops laying out when the reader goes away", async () => {
    const started: Array<number> = []
    const readable = render(f.exportOf(100), { onPlanStart: (index) => started.push(index) })
    for await (const _ of readable) {
      readable.destroy()
      break
    }
    await new Promise((resolve) => setTimeout(resolve, 50))
    expect(started.length).toBeLessThan(100)
  })

  it("ends the stream with a layout error", async () => {
    const readable = render(f.exportOf(3), {
      onPlanStart: (index) => {
        if (index === 1) throw new Error("progress reporter failed")
      }
    })
    const error = await collect(readable).then(
      () => undefined,
      (cause: unknown) => cause
    )
    expect(error).toBeInstanceOf(PdfRenderError)
    expect(error).toMatchObject({ reason: "laying out the PDF failed" })
    const failed = await Effect.runPromise(Effect.flip(Stream.runDrain(exportPdfStream(f.exportOf(2), { onPlanStart: () => { throw new Error("x") } }))))
    expect(failed._tag).toBe("PdfRenderError")
  })

  it("replaces characters the font lacks", async () => {
    const plan = f.planView("plan-1", person("pupil-9" as PersonId, "李", "Ångström"))
    const { pages } = await textOf(withPlans(f.exportOf(1), [plan]))
    expect(pages[0]).toContain("\uFFFD Ångström")
    expect(pages[0]).not.toContain("李")
  })

  it("draws Cyrillic, Greek and Polish", async () => {
    const plan = f.planView("plan-1", person("pupil-8" as PersonId, "Łukasz Жанна", "Σοφία"))
    const { pages } = await textOf(withPlans(f.exportOf(1), [plan]))
    expect(pages[0]).toContain("Łukasz Жанна Σοφία")
  })

  it("writes English labels", async () => {
    const { pages } = await textOf(f.exportOf(1), { locale: "en" })
    expect(pages[0]).toContain("Assessments in the plan's period")
    expect(pages[0]).toContain("Page 1 · Plan 1 of 1, page 1 of 1")
  })

  it("says how many protected pupils were left out", async () => {
    const { pages } = await textOf({ ...f.exportOf(1), leftOutProtectedCount: 3 })
    expect(pages[0]).toContain("3 planer utelämnades")
    const empty = await textOf({ ...f.exportOf(0), leftOutProtectedCount: 1 })
    expect(empty.pages).toHaveLength(1)
    expect(empty.pages[0]).toContain("Det finns inga publicerade planer.")
    expect(empty.pages[0]).toContain("1 plan utelämnades")
  })

  it("streams bytes as an effect Stream", async () => {
    const chunks = await Effect.runPromise(Stream.runCollect(exportPdfStream(f.exportOf(3))))
    const bytes = Buffer.concat(Chunk.toReadonlyArray(chunks))
    expect(bytes.subarray(0, 5).toString("latin1")).toBe("%PDF-")
    expect((await pdfText(bytes)).pages).toHaveLength(3)
  })
})
