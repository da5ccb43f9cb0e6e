import { expect } from "@effect/vitest"
import { type FieldId, type LocalDate, type PersonId, Plan, type PlanField, type PlanId, PlanStore, type Version } from "@iupkit/core"
import { DateTime, Effect, Option, Schema } from "effect"
import { planFixture } from "../fixtures.js"
import { expectFailure, type Section, sortBy } from "./shared.js"

const later = DateTime.unsafeMake("2026-05-10T14:30:00.250Z")
const encode = (plan: Plan) => Schema.encodeSync(Plan)(plan)

export const planTests = ({ id, it, lacks }: Section) => {
  const mentor = () => id<PersonId>("mentor")

  it.effect("plan insertMany and get keep fields in order", () =>
    Effect.gen(function*() {
      const store = yield* PlanStore
      const by = mentor()
      const plans = [
        planFixture(id<PlanId>("plan"), id<PersonId>("pupil"), by, { fieldCount: 5 }),
        planFixture(id<PlanId>("plan"), id<PersonId>("pupil"), by, { endDate: null })
      ]
      yield* store.insertMany(plans)
      for (const plan of plans) {
        const read = Option.getOrThrow(yield* store.get(plan.id))
        expect(encode(read)).toEqual(encode(plan))
      }
      expect(Option.isNone(yield* store.get(id<PlanId>("missing")))).toBe(true)
    }))

  it.effect("plan getMany and listByPupils", () =>
    Effect.gen(function*() {
      const store = yield* PlanStore
      const by = mentor()
      const pupil = id<PersonId>("pupil")
      const other = id<PersonId>("pupil")
      const a = planFixture(id<PlanId>("plan"), pupil, by, { startDate: "2025-08-18", endDate: "2025-12-19" })
      const b = planFixture(id<PlanId>("plan"), pupil, by)
      const c = planFixture(id<PlanId>("plan"), other, by)
      yield* store.insertMany([a, b, c])

      const many = yield* store.getMany([a.id, c.id, id<PlanId>("missing")])
      expect(sortBy(many, (p) => p.id).map(encode)).toEqual(sortBy([a, c], (p) => p.id).map(encode))
      const ofPupil = yield* store.listByPupils([pupil])
      expect(sortBy(ofPupil, (p) => p.id).map(encode)).toEqual(sortBy([a, b], (p) => p.id).map(encode))
      expect(yield* store.listByPupils([])).toEqual([])
      expect(yield* store.getMany([])).toEqual([])

      const headers = yield* store.listHeadersByPupils([pupil, pupil, id<PersonId>("unknown")])
      const withoutFields = (plan: Plan) => {
        const { fields: _fields, ...header } = encode(plan)
        return header
      }
      expect(sortBy(headers, (p) => p.id).map((header) => encode({ ...header, fields: [] }))).toEqual(
        sortBy([a, b], (p) => p.id).map((plan) => ({ ...withoutFields(plan), fields: [] }))
      )
      expect(headers.every((header) => !("fields" in header))).toBe(true)
      expect(yield* store.listHeadersByPupils([])).toEqual([])

      // Plan a runs from 2025-08-18 to 2025-12-19 and b from 2026-01-07 to 2026-06-12, both ends inclusive.
      const overlapping = (start: string, end: string | null) =>
        Effect.map(store.listHeadersByPupils([pupil], { start: start as LocalDate, end: end as LocalDate | null }), (found) =>
          found.map((header) => header.id).toSorted())
      expect(yield* overlapping("2025-12-19", "2026-01-06")).toEqual([a.id])
      expect(yield* overlapping("2025-12-20", "2026-01-06")).toEqual([])
      expect(yield* overlapping("2026-06-12", null)).toEqual([b.id])
      expect(yield* overlapping("2026-06-13", null)).toEqual([])
      expect(yield* overlapping("2025-01-01", "2025-08-18")).toEqual([a.id])
      expect(yield* overlapping("2025-01-01", null)).toEqual([a.id, b.id].toSorted())
      const open = planFixture(id<PlanId>("plan"), other, by, { startDate: "2027-08-16", endDate: null })
      yield* store.insertMany([open])
      expect((yield* store.listHeadersByPupils([other], { start: "2030-01-01" as LocalDate, end: "2030-01-02" as LocalDate })).map((h) => h.id))
        .toEqual([open.id])
    }))

  it.effect("plan insertMany with a duplicate id inserts none", () =>
    Effect.gen(function*() {
      const store = yield* PlanStore
      const by = mentor()
      const existing = planFixture(id<PlanId>("plan"), id<PersonId>("pupil"), by)
      yield* store.insertMany([existing])
      const fresh = planFixture(id<PlanId>("plan"), id<PersonId>("pupil"), by)
      const error = yield* expectFailure(store.insertMany([fresh, { ...existing, title: "Dubblett" }]))
      expect(error._tag).toBe("StorageError")
      expect(Option.isNone(yield* store.get(fresh.id))).toBe(true)
      expect(Option.getOrThrow(yield* store.get(existing.id)).title).toBe(existing.title)
    }))

  it.effect("plan header update and conflict", () =>
    Effect.gen(function*() {
      const store = yield* PlanStore
      const plan = planFixture(id<PlanId>("plan"), id<PersonId>("pupil"), mentor())
      yield* store.insertMany([plan])
      const updated = yield* store.updateHeader(plan.id, 1 as Version, { published: true, endDate: null }, later)
      expect(updated.published).toBe(true)
      expect(updated.endDate).toBeNull()
      expect(updated.title).toBe(plan.title)
      expect(updated.headerVersion).toBe(2)
      expect(updated.fields).toEqual(plan.fields)
      expect(DateTime.formatIso(updated.updatedAt)).toBe(DateTime.formatIso(later))

      const error = yield* expectFailure(store.updateHeader(plan.id, 1 as Version, { title: "Stale" }, later))
      expect(error._tag).toBe("VersionConflictError")
      if (error._tag !== "VersionConflictError") return
      expect(error.kind).toBe("plan")
      expect(error.currentVersion).toBe(2)
      expect(encode(error.currentValue as Plan)).toEqual(encode(updated))
      expect(Option.getOrThrow(yield* store.get(plan.id)).title).toBe(plan.title)

      const missing = yield* expectFailure(store.updateHeader(id<PlanId>("missing"), 1 as Version, { title: "X" }, later))
      expect(missing._tag).toBe("NotFoundError")
    }))

  it.effect("plan field versions are independent", () =>
    Effect.gen(function*() {
      const store = yield* PlanStore
      const by = mentor()
      const pupil = id<PersonId>("pupil")
      const plan = planFixture(id<PlanId>("plan"), pupil, by)
      yield* store.insertMany([plan])
      const [one, two] = plan.fields
      const written = yield* store.updateField(plan.id, one!.fieldId, 1 as Version, "Läsa mer", later, by)
      expect(written.value).toBe("Läsa mer")
      expect(written.version).toBe(2)
      expect(written.lastEditedBy).toBe(by)
      expect(DateTime.formatIso(written.lastEditedAt!)).toBe(DateTime.formatIso(later))
      // Another field and the header still accept their own version 1.
      yield* store.updateField(plan.id, two!.fieldId, 1 as Version, "Elevens mål", later, pupil)
      yield* store.updateHeader(plan.id, 1 as Version, { published: true }, later)

      const error = yield* expectFailure(store.updateField(plan.id, one!.fieldId, 1 as Version, "Stale", later, by))
      expect(error._tag).toBe("VersionConflictError")
      if (error._tag !== "VersionConflictError") return
      expect(error.kind).toBe("planField")
      expect(error.currentVersion).toBe(2)
      expect((error.currentValue as PlanField).value).toBe("Läsa mer")

      const read = Option.getOrThrow(yield* store.get(plan.id))
      expect(read.fields.map((f) => [f.value, f.version])).toEqual([["Läsa mer", 2], ["Elevens mål", 2], ["", 1]])
      expect(read.headerVersion).toBe(2)
    }))

  it.effect("plan field update of missing field or plan is not found", () =>
    Effect.gen(function*() {
      const store = yield* PlanStore
      const plan = planFixture(id<PlanId>("plan"), id<PersonId>("pupil"), mentor())
      yield* store.insertMany([plan])
      const noField = yield* expectFailure(store.updateField(plan.id, "no-such-field" as FieldId, 1 as Version, "x", later, plan.createdBy))
      expect(noField._tag).toBe("NotFoundError")
      if (noField._tag === "NotFoundError") expect(noField.kind).toBe("planField")
      const noPlan = yield* expectFailure(store.updateField(id<PlanId>("missing"), plan.fields[0]!.fieldId, 1 as Version, "x", later, plan.createdBy))
      expect(noPlan._tag).toBe("NotFoundError")
      if (noPlan._tag === "NotFoundError") expect(noPlan.kind).toBe("plan")
    }))

  it.effect("plan delete removes plan and fields", () =>
    Effect.gen(function*() {
      const store = yield* PlanStore
      const plan = planFixture(id<PlanId>("plan"), id<PersonId>("pupil"), mentor())
      yield* store.insertMany([plan])
      yield* store.delete(plan.id)
      expect(Option.isNone(yield* store.get(plan.id))).toBe(true)
      expect(yield* store.listByPupils([plan.pupilId])).toEqual([])
      expect((yield* expectFailure(store.delete(plan.id)))._tag).toBe("NotFoundError")
      // The id can be used again, so no field row was left behind.
      yield* store.insertMany([plan])
      expect(Option.getOrThrow(yield* store.get(plan.id)).fields.length).toBe(plan.fields.length)
    }))

  const bulkReason = lacks("largeBatches")
  const bulkTitle = "plan insertMany of 3000 plans is batched"
  if (bulkReason !== undefined) {
    it.effect.skip(`${bulkTitle} (skipped: ${bulkReason})`, () => Effect.void)
  } else {
    it.effect(bulkTitle, () =>
      Effect.gen(function*() {
        const store = yield* PlanStore
        const by = mentor()
        const pupils = Array.from({ length: 3000 }, () => id<PersonId>("pupil"))
        const plans = pupils.map((pupil) => planFixture(id<PlanId>("plan"), pupil, by, { fieldCount: 4 }))
        yield* store.insertMany(plans)
        const read = yield* store.listByPupils(pupils)
        expect(read.length).toBe(3000)
        expect(read.every((p) => p.fields.length === 4)).toBe(true)
      }))
  }
}
