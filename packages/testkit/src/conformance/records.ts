import { expect } from "@effect/vitest"
import {
  type AuditEntryId,
  AuditLog,
  BlobStore,
  type DocumentId,
  DocumentStore,
  LegacyDocument,
  type PersonId
} from "@iupkit/core"
import { DateTime, Effect, Option, Schema } from "effect"
import { auditFixture, documentFixture } from "../fixtures.js"
import { expectFailure, type Section, sortBy } from "./shared.js"

export const recordTests = ({ id, it }: Section) => {
  it.effect("document insert, list, get and delete", () =>
    Effect.gen(function*() {
      const store = yield* DocumentStore
      const pupil = id<PersonId>("pupil")
      const mentor = id<PersonId>("mentor")
      const pdf = documentFixture(id<DocumentId>("document"), pupil, mentor)
      const docx = {
        ...documentFixture(id<DocumentId>("document"), pupil, mentor),
        mediaType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document" as const,
        documentDate: null,
        source: "import" as const
      }
      yield* store.insert(pdf)
      yield* store.insert(docx)
      const encode = (document: LegacyDocument) => Schema.encodeSync(LegacyDocument)(document)
      expect(encode(Option.getOrThrow(yield* store.get(docx.id)))).toEqual(encode(docx))
      const listed = yield* store.listByPupils([pupil])
      expect(sortBy(listed, (d) => d.id).map(encode)).toEqual(sortBy([pdf, docx], (d) => d.id).map(encode))

      yield* store.delete(pdf.id)
      expect(Option.isNone(yield* store.get(pdf.id))).toBe(true)
      expect((yield* expectFailure(store.delete(pdf.id)))._tag).toBe("NotFoundError")
      expect(yield* store.listByPupils([])).toEqual([])
    }))

  it.effect("blob put, overwrite, get and delete", () =>
    Effect.gen(function*() {
      const store = yield* BlobStore
      const key = id<string>("blob")
      const bytes = Uint8Array.from({ length: 300_000 }, (_, index) => (index * 31) % 256)
      yield* store.put(key, bytes)
      const read = Option.getOrThrow(yield* store.get(key))
      expect(read.byteLength).toBe(bytes.byteLength)
      expect(Buffer.from(read).equals(Buffer.from(bytes))).toBe(true)

      yield* store.put(key, Uint8Array.from([0, 1, 2, 255]))
      expect([...Option.getOrThrow(yield* store.get(key))]).toEqual([0, 1, 2, 255])
      yield* store.delete(key)
      expect(Option.isNone(yield* store.get(key))).toBe(true)
      // Deleting a missing key succeeds, so a retried delete is harmless.
      yield* store.delete(key)
    }))

  it.effect("audit log lists matches oldest first", () =>
    Effect.gen(function*() {
      const log = yield* AuditLog
      const actor = id<PersonId>("actor")
      const pupil = id<PersonId>("pupil")
      const plan = id<string>("plan")
      const t1 = DateTime.unsafeMake("2026-01-10T10:00:00.000Z")
      const t2 = DateTime.unsafeMake("2026-01-10T10:00:00.001Z")
      const t3 = DateTime.unsafeMake("2026-02-01T00:00:00.000Z")
      const third = auditFixture(id<AuditEntryId>("audit"), actor, plan, t3, pupil)
      const first = auditFixture(id<AuditEntryId>("audit"), actor, plan, t1, pupil)
      const second = { ...auditFixture(id<AuditEntryId>("audit"), actor, id("other-plan"), t2, null), action: "plan.export" as const }
      yield* log.append([third, first])
      yield* log.append([second])

      const ids = (entries: ReadonlyArray<{ readonly id: string }>) => entries.map((entry) => entry.id)
      expect(ids(yield* log.list({ actorId: actor }))).toEqual([first.id, second.id, third.id])
      expect(ids(yield* log.list({ targetId: plan }))).toEqual([first.id, third.id])
      expect(ids(yield* log.list({ pupilId: pupil, action: "plan.read" }))).toEqual([first.id, third.id])
      expect(ids(yield* log.list({ actorId: actor, action: "plan.export" }))).toEqual([second.id])
      const read = (yield* log.list({ actorId: actor }))[0]!
      expect(DateTime.formatIso(read.at)).toBe(DateTime.formatIso(t1))
      expect(read.pupilId).toBe(pupil)
    }))

  it.effect("audit append with a duplicate id appends none", () =>
    Effect.gen(function*() {
      const log = yield* AuditLog
      const actor = id<PersonId>("actor")
      const existing = auditFixture(id<AuditEntryId>("audit"), actor, "plan-x")
      yield* log.append([existing])
      const fresh = auditFixture(id<AuditEntryId>("audit"), actor, "plan-y")
      const error = yield* expectFailure(log.append([fresh, existing]))
      expect(error._tag).toBe("StorageError")
      expect((yield* log.list({ actorId: actor })).map((entry) => entry.id)).toEqual([existing.id])
    }))
}
