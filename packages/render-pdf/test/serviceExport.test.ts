// The PDF of an export the services produced: each plan shows what the exporter may read.
import { describe, expect, it } from "@effect/vitest"
import { renderExportPdf } from "@iupkit/render-pdf"
import { Exports, Plans } from "@iupkit/services"
import { Effect, Either } from "effect"
import { as, ids, makeTestLayer } from "../../services/test/fixtures.js"
import { seed } from "../../services/test/seed.js"
import { collect, pdfText } from "./pdfText.js"

describe("pdf of a service export", () => {
  it.effect("prints the mentor's plans", () =>
    Effect.gen(function*() {
      const data = yield* seed
      const plans = yield* Plans
      const mentorView = yield* plans.getPlan(as(ids.anna), data.p1Plan.id)
      const note = mentorView.fields.find((field) => field.heading === "Mentorns anteckning")!
      yield* plans.updateField(as(ids.anna), {
        planId: data.p1Plan.id,
        fieldId: note.fieldId,
        expectedVersion: 1,
        value: "Samtalet hölls på svenska och arabiska."
      })
      const view = yield* (yield* Exports).exportPlans(as(ids.anna), { planIds: [data.p1Plan.id, data.p2Plan.id] })
      const bytes = yield* Effect.promise(() => collect(Either.getOrThrow(renderExportPdf(view))))
      const { pages } = yield* Effect.promise(() => pdfText(bytes))
      expect(pages).toHaveLength(2)
      const all = pages.join("\n")
      expect(all).toContain("Pia Elev")
      expect(all).toContain("Per Elev")
      expect(all).toContain("IUP HT 2026")
      expect(all).toContain("Mentorns anteckning")
      expect(all).toContain("Samtalet hölls på svenska och arabiska.")
      expect(all).toContain("Arbetar bra med bråk.")
      expect(pages[0]).toContain("Plan 1 av 2, sida 1 av 1")
    }).pipe(Effect.provide(makeTestLayer())))
})
