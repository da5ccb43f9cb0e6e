import { describe, expect, it } from "@effect/vitest"
import { Either } from "effect"
import fc from "fast-check"
import {
  type AssessmentEntry,
  applyEntryWrite,
  entryKey,
  type EntryWrite,
  titleNamesTerm,
  titleTermPattern,
  titleWarnings,
  validateEntryLevels
} from "../src/Assessment.js"
import { VersionConflictError } from "../src/Errors.js"
import { assessmentId, at, personId, version } from "./support/fixtures.js"
import { runs } from "./support/runs.js"


describe("title names a term", () => {
  const randomCase = (word: string) =>
    fc.array(fc.boolean(), { minLength: word.length, maxLength: word.length }).map((upper) =>
      [...word].map((c, i) => (upper[i] ? c.toUpperCase() : c)).join("")
    )
  const termWord = fc.constantFrom("ht", "vt", "höstterminen", "vårterminen").chain(randomCase)
  const year = fc.oneof(fc.integer({ min: 0, max: 99 }).map((n) => String(n).padStart(2, "0")), fc.integer({ min: 1990, max: 2099 }).map(String))
  const term = fc.tuple(termWord, fc.constantFrom("", " ", "-"), year).map(([word, separator, y]) => `${word}${separator}${y}`)
  const boundary = fc.constantFrom("", " ", "(", ", ", " – ", "/")
  const filler = fc.constantFrom("", "Omdöme", "Matematik", "Skriftligt omdöme i svenska")

  it.prop(
    "finds a term between word boundaries",
    [filler, boundary, term, boundary, filler],
    ([before, left, named, right, after]) => {
      const title = `${before}${before === "" ? "" : left || " "}${named}${right}${right === "" ? "" : after}`
      expect(titleNamesTerm(title)).toBe(true)
      expect(titleWarnings(title)).toEqual([])
    },
    { fastCheck: runs }
  )

  it.prop(
    "ignores a term glued to letters or digits",
    [term, fc.constantFrom("x", "Å", "7"), fc.boolean()],
    ([named, glue, atStart]) => {
      const title = atStart ? `${glue}${named}` : `${named}${glue}`
      expect(titleNamesTerm(title)).toBe(false)
      expect(titleWarnings(title)).toEqual([{ _tag: "TitleNamesNoTerm", title }])
    },
    { fastCheck: runs }
  )

  it("accepts the documented examples", () => {
    for (const title of ["HT20", "ht-2020", "VT 2021", "Vårterminen 2021", "Omdöme HT 2020", "HÖSTTERMINEN-26", "Svenska (vt25)"]) {
      expect(titleNamesTerm(title), title).toBe(true)
    }
  })

  it("rejects titles without a term", () => {
    for (const title of ["Omdöme", "HT2020x", "HT 123", "HT", "2020", "VT 2", "HT  2020", "HT_2020", "Vårt 2021", "HT–2020"]) {
      expect(titleNamesTerm(title), title).toBe(false)
    }
  })

  it("matches decomposed å", () => {
    expect(titleNamesTerm("Va\u030Arterminen 2021")).toBe(true)
    expect(titleTermPattern.test("VÅRTERMINEN 2021")).toBe(true)
  })
})

const pupil = personId("pupil1")
const teacher = personId("teacher1")
const assessment = assessmentId("omdome-ht26")

describe("entry writes", () => {
  const selfAssessment = fc.record({ level: fc.constantFrom(null, "E", "C"), comment: fc.string({ maxLength: 10 }) })
  const writeArbitrary = fc.record(
    {
      level: fc.constantFrom(null, "E", "C", "A"),
      comment: fc.string({ maxLength: 10 }),
      selfAssessment,
      stale: fc.integer({ min: 0, max: 4 }).map((n) => n === 0)
    },
    { requiredKeys: ["stale"] }
  )

  it.prop(
    "versions each accepted write",
    [fc.array(writeArbitrary, { minLength: 1, maxLength: 12 })],
    ([writes]) => {
      let current: AssessmentEntry | undefined
      writes.forEach(({ stale, ...change }, index) => {
        const currentVersion = current?.version ?? null
        // A stale write names a version the entry never had at this point, or "new" for a written entry.
        let staleVersion: EntryWrite["expectedVersion"] = version(index + 1)
        if (currentVersion !== null) staleVersion = index % 2 === 0 ? null : version(currentVersion + 1)
        const expectedVersion = stale ? staleVersion : currentVersion
        const write: EntryWrite = { assessmentId: assessment, pupilId: pupil, expectedVersion, ...change }
        const editedAt = at(`2026-09-${String(index + 1).padStart(2, "0")}T10:00:00Z`)
        const result = applyEntryWrite(current, write, editedAt, teacher)

        if (stale) {
          expect(Either.isLeft(result)).toBe(true)
          if (Either.isRight(result)) return
          expect(result.left).toBeInstanceOf(VersionConflictError)
          expect(result.left.currentVersion).toBe(currentVersion)
          expect(result.left.expectedVersion).toBe(expectedVersion)
          expect(result.left.currentValue).toEqual(current ?? null)
          expect(result.left.id).toBe("omdome-ht26/pupil1")
          return
        }
        expect(Either.isRight(result)).toBe(true)
        if (Either.isLeft(result)) return
        const next = result.right
        expect(next.version).toBe(currentVersion === null ? 1 : currentVersion + 1)
        expect(next.level).toBe(change.level !== undefined ? change.level : (current?.level ?? null))
        expect(next.comment).toBe(change.comment ?? current?.comment ?? "")
        expect(next.selfAssessment).toEqual(change.selfAssessment ?? current?.selfAssessment ?? null)
        expect(next.lastEditedAt).toBe(editedAt)
        expect(next.lastEditedBy).toBe(teacher)
        expect(next.assessmentId).toBe(assessment)
        expect(next.pupilId).toBe(pupil)
        current = next
      })
    },
    { fastCheck: runs }
  )

  it("clears a level with null", () => {
    const first = Either.getOrThrow(
      applyEntryWrite(undefined, { assessmentId: assessment, pupilId: pupil, expectedVersion: null, level: "C" }, at("2026-09-01T10:00:00Z"), teacher)
    )
    const cleared = Either.getOrThrow(
      applyEntryWrite(first, { assessmentId: assessment, pupilId: pupil, expectedVersion: first.version, level: null }, at("2026-09-02T10:00:00Z"), teacher)
    )
    expect(cleared.level).toBeNull()
    expect(cleared.version).toBe(2)
  })

  it("explains a conflict", () => {
    const conflict = applyEntryWrite(
      undefined,
      { assessmentId: assessment, pupilId: pupil, expectedVersion: version(3), comment: "x" },
      at("2026-09-01T10:00:00Z"),
      teacher
    )
    expect(Either.isLeft(conflict)).toBe(true)
    if (Either.isLeft(conflict)) {
      expect(conflict.left.message).toBe(
        "Conflict on assessmentEntry omdome-ht26/pupil1: the write expected version 3 but it does not exist yet; reload and try again"
      )
    }
    expect(entryKey("a", "b")).toBe("a/b")
  })
})

describe("entry levels", () => {
  const base: EntryWrite = { assessmentId: assessment, pupilId: pupil, expectedVersion: null }
  const scale = { steps: ["F", "E", "C", "A"] }

  it("accepts steps of the scale", () => {
    expect(validateEntryLevels({ ...base, level: "E", selfAssessment: { level: "A", comment: "" } }, scale)).toEqual(
      Either.right({ ...base, level: "E", selfAssessment: { level: "A", comment: "" } })
    )
    expect(Either.isRight(validateEntryLevels({ ...base, level: null }, null))).toBe(true)
    expect(Either.isRight(validateEntryLevels({ ...base, comment: "Bra" }, null))).toBe(true)
  })

  it("rejects a level outside the scale", () => {
    const result = validateEntryLevels({ ...base, level: "B" }, scale)
    expect(Either.isLeft(result)).toBe(true)
    if (Either.isLeft(result)) {
      expect(result.left.field).toBe("level")
      expect(result.left.message).toBe("Invalid level: must be one of the scale's steps: F, E, C, A (got B)")
    }
  })

  it("rejects a self-assessed level outside the scale", () => {
    const result = validateEntryLevels({ ...base, level: "E", selfAssessment: { level: "B", comment: "" } }, scale)
    expect(Either.isLeft(result)).toBe(true)
    if (Either.isLeft(result)) expect(result.left.field).toBe("selfAssessment.level")
  })

  it("rejects any level without a scale", () => {
    const result = validateEntryLevels({ ...base, level: "E" }, null)
    expect(Either.isLeft(result)).toBe(true)
    if (Either.isLeft(result)) {
      expect(result.left.message).toBe("Invalid level: this assessment has no grading scale, so it takes no level (got E)")
    }
  })
})
