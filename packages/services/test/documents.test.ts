import { describe, expect, it } from "@effect/vitest"
import { AuditLog, BlobStore } from "@iupkit/core"
import { Effect } from "effect"
import { Documents, Plans } from "../src/index.js"
import { as, ids, makeTestLayer, snapshot } from "./fixtures.js"
import { bombDocx, excelCompoundFile, minimalDoc, minimalDocx, minimalPdf, plainZip } from "./files.js"
import { seed } from "./seed.js"

describe("documents", () => {
  it.effect("accepts PDF, DOC and DOCX by content", () =>
    Effect.gen(function*() {
      yield* seed
      const documents = yield* Documents
      // File names lie on purpose: the content decides.
      const pdf = yield* documents.upload(as(ids.anna), { pupilId: ids.p1, title: "PDF", fileName: "a.docx", bytes: minimalPdf })
      const doc = yield* documents.upload(as(ids.bo), { pupilId: ids.p1, title: "DOC", fileName: "b.pdf", bytes: minimalDoc })
      const docx = yield* documents.upload(as(ids.anna), { pupilId: ids.p1, title: "DOCX", fileName: "c.txt", bytes: minimalDocx, documentDate: "2019-05-01" })
      expect(pdf.mediaType).toBe("application/pdf")
      expect(doc.mediaType).toBe("application/msword")
      expect(docx.mediaType).toBe("application/vnd.openxmlformats-officedocument.wordprocessingml.document")
      expect(docx.documentDate).toBe("2019-05-01")
      const listed = yield* documents.list(as(ids.g1), ids.p1)
      expect(listed.map((d) => d.id).toSorted()).toEqual([pdf.id, doc.id, docx.id].toSorted())
      const downloaded = yield* documents.download(as(ids.p1), docx.id)
      expect(Buffer.from(downloaded.bytes).equals(Buffer.from(minimalDocx))).toBe(true)
      const log = yield* AuditLog
      expect((yield* log.list({ action: "document.read" })).map((entry) => entry.actorId)).toEqual([ids.p1])
    }).pipe(Effect.provide(makeTestLayer())))

  it.effect("rejects other content and zip bombs", () =>
    Effect.gen(function*() {
      yield* seed
      const documents = yield* Documents
      const cases: ReadonlyArray<readonly [string, Uint8Array, RegExp]> = [
        ["text", new TextEncoder().encode("just text"), /only PDF, DOC and DOCX/],
        ["png", new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52]), /image\/png/],
        ["excel", excelCompoundFile, /not a Word document/],
        ["zip", plainZip, /only PDF, DOC and DOCX/],
        ["bomb", bombDocx(), /compressed \d+ to 1/],
        ["empty", new Uint8Array(), /is empty/]
      ]
      for (const [name, bytes, message] of cases) {
        const before = yield* snapshot
        const error = yield* Effect.flip(documents.upload(as(ids.anna), { pupilId: ids.p1, title: name, fileName: `${name}.pdf`, bytes }))
        expect(error._tag, name).toBe("InvalidInputError")
        expect(error.message, name).toMatch(message)
        expect(yield* snapshot, name).toEqual(before)
      }
    }).pipe(Effect.provide(makeTestLayer())))

  it.effect("size limit is configurable", () =>
    Effect.gen(function*() {
      yield* seed
      const documents = yield* Documents
      const error = yield* Effect.flip(documents.upload(as(ids.anna), { pupilId: ids.p1, title: "x", fileName: "x.pdf", bytes: minimalPdf }))
      expect(error.message).toContain("more than the limit of 100 bytes")
    }).pipe(Effect.provide(makeTestLayer({ maxDocumentBytes: 100 }))))

  it.effect("delete removes metadata and bytes", () =>
    Effect.gen(function*() {
      yield* seed
      const documents = yield* Documents
      const stored = yield* documents.upload(as(ids.anna), { pupilId: ids.p1, title: "x", fileName: "x.pdf", bytes: minimalPdf })
      yield* documents.delete(as(ids.bo), stored.id)
      expect(yield* documents.list(as(ids.anna), ids.p1)).toEqual([])
      const blobs = yield* BlobStore
      expect((yield* blobs.get(stored.id))._tag).toBe("None")
      const again = yield* Effect.flip(documents.download(as(ids.anna), stored.id))
      expect(again._tag).toBe("NotFoundError")
    }).pipe(Effect.provide(makeTestLayer())))

  it.effect("imports earlier plans as file or text", () =>
    Effect.gen(function*() {
      const data = yield* seed
      const documents = yield* Documents
      const file = yield* documents.importPlan(as(ids.siteAdmin), {
        pupilId: ids.p1, title: "IUP VT 2019", date: "2019-05-01", content: { _tag: "file", fileName: "iup.pdf", bytes: minimalPdf }
      })
      expect(file._tag === "document" && file.document.source).toBe("import")
      const text = yield* documents.importPlan(as(ids.anna), {
        pupilId: ids.p1, title: "IUP HT 2018", date: "2018-11-20", content: { _tag: "text", text: "Mål: läsa mer." }
      })
      expect(text._tag).toBe("plan")
      const plans = yield* Plans
      const list = yield* plans.plansOfPupil(as(ids.g1), ids.p1)
      expect(list.map((plan) => plan.title)).toEqual(["IUP HT 2026", "IUP HT 2018"])
      const imported = yield* plans.getPlan(as(ids.g1), list[1]!.id)
      expect(imported.archived).toBe(true)
      expect(imported.fields.map((field) => [field.heading, field.value])).toEqual([["Innehåll", "Mål: läsa mer."]])
      expect(imported.documents.map((document) => document.title)).toEqual(["IUP VT 2019"])
      expect(data.p1Plan.id).not.toBe(imported.id)
    }).pipe(Effect.provide(makeTestLayer())))
})
