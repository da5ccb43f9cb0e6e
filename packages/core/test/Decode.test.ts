import { describe, expect, it } from "@effect/vitest"
import { Effect, Either, Schema } from "effect"
import fc from "fast-check"
import { AssessmentInput, EntryWrite } from "../src/Assessment.js"
import { decodeInput, decodeInputEither } from "../src/Decode.js"
import { InvalidInputError, shortenValue } from "../src/Errors.js"
import { GradingScale, GradingScaleInput } from "../src/GradingScale.js"
import { LocalDate } from "../src/LocalDate.js"
import { Plan, PlanHeaderPatch, PlanInput } from "../src/Plan.js"
import { Template, TemplateInput } from "../src/Template.js"
import { runs } from "./support/runs.js"
import { BodyText, characterCount, hasUnpairedSurrogate, maxBodyLength, maxTitleLength, Name, textRuleViolation, Title } from "../src/Text.js"

const failure = <A, I>(schema: Schema.Schema<A, I, never>, input: unknown, field?: string): InvalidInputError => {
  const result = decodeInputEither(schema, field)(input)
  if (Either.isRight(result)) throw new Error(`expected ${JSON.stringify(input)} to be rejected`)
  return result.left
}

const planInput = { templateId: "t1", title: "Utvecklingssamtal VT 2027", startDate: "2027-01-10", endDate: "2027-06-15" }
const fieldDefinition = { heading: "Mål", visibleTo: ["mentor", "pupil"], editableBy: ["pupil"] }
const templateInput = { title: "Utvecklingssamtal", scope: { _tag: "site" }, fields: [fieldDefinition] }
const stored = { version: 1, createdAt: "2026-08-01T10:00:00Z", updatedAt: "2026-08-01T10:00:00Z" }

describe("decoding bad input", () => {
  const cases: ReadonlyArray<{
    name: string
    schema: Schema.Schema<any, any, never>
    input: unknown
    field: string
    value: string
    rule: string
  }> = [
    { name: "impossible date", schema: PlanInput, input: { ...planInput, startDate: "2026-02-30" }, field: "startDate", value: "2026-02-30", rule: "must be a real calendar date written YYYY-MM-DD" },
    { name: "unpadded date", schema: PlanInput, input: { ...planInput, endDate: "2027-6-1" }, field: "endDate", value: "2027-6-1", rule: "must be a real calendar date written YYYY-MM-DD" },
    { name: "number as date", schema: PlanInput, input: { ...planInput, startDate: 20270110 }, field: "startDate", value: "20270110", rule: "must be a real calendar date written YYYY-MM-DD" },
    { name: "end before start", schema: PlanInput, input: { ...planInput, endDate: "2027-01-09" }, field: "endDate", value: "2027-01-09", rule: "must not be before the start date 2027-01-10" },
    { name: "missing title", schema: PlanInput, input: { templateId: "t1", startDate: "2027-01-10", endDate: null }, field: "title", value: "nothing", rule: "is required" },
    { name: "blank title", schema: PlanInput, input: { ...planInput, title: "   " }, field: "title", value: "   ", rule: "must not be empty" },
    { name: "number as title", schema: PlanInput, input: { ...planInput, title: 42 }, field: "title", value: "42", rule: "must be text" },
    { name: "bad template id", schema: PlanInput, input: { ...planInput, templateId: "a b" }, field: "templateId", value: "a b", rule: "an id is 1 to 128 characters of A-Z, a-z, 0-9, '_', '.', ':' or '-'" },
    { name: "plan not object", schema: PlanInput, input: "plan", field: "", value: "plan", rule: "must be an object" },
    { name: "header patch date", schema: PlanHeaderPatch, input: { endDate: "2027-13-01" }, field: "endDate", value: "2027-13-01", rule: "must be a real calendar date written YYYY-MM-DD" },
    { name: "header patch flag", schema: PlanHeaderPatch, input: { published: "yes" }, field: "published", value: "yes", rule: "must be true or false" },
    { name: "stored plan version", schema: Plan, input: { id: "p1", pupilId: "pupil1", createdBy: "m1", templateId: "t1", title: "Plan", startDate: "2027-01-10", endDate: null, published: false, headerVersion: 0, createdAt: stored.createdAt, updatedAt: stored.updatedAt, fields: [] }, field: "headerVersion", value: "0", rule: "a version is a whole number from 1 up" },
    { name: "stored plan instant", schema: Plan, input: { id: "p1", pupilId: "pupil1", createdBy: "m1", templateId: "t1", title: "Plan", startDate: "2027-01-10", endDate: null, published: false, headerVersion: 1, createdAt: "yesterday", updatedAt: stored.updatedAt, fields: [] }, field: "createdAt", value: "yesterday", rule: "must be an ISO 8601 date and time with an offset, such as 2026-08-01T10:00:00Z" },
    { name: "one-step scale", schema: GradingScaleInput, input: { name: "Skala", steps: ["Godkänd"] }, field: "steps", value: "[\"Godkänd\"]", rule: "a grading scale needs at least two steps" },
    { name: "repeated step", schema: GradingScaleInput, input: { name: "Skala", steps: ["Bra", " bra "] }, field: "steps", value: "[\"Bra\",\" bra \"]", rule: "step names must be unique, but \" bra \" appears twice" },
    { name: "empty step", schema: GradingScaleInput, input: { name: "Skala", steps: ["Bra", ""] }, field: "steps.1", value: "", rule: "must not be empty" },
    { name: "steps not list", schema: GradingScaleInput, input: { name: "Skala", steps: "A,B" }, field: "steps", value: "A,B", rule: "must be a list" },
    { name: "stored scale steps", schema: GradingScale, input: { id: "s1", name: "Skala", steps: [], ...stored }, field: "steps", value: "[]", rule: "a grading scale needs at least two steps" },
    { name: "template without fields", schema: TemplateInput, input: { ...templateInput, fields: [] }, field: "fields", value: "[]", rule: "a template needs at least one field" },
    { name: "edit without read", schema: TemplateInput, input: { ...templateInput, fields: [{ ...fieldDefinition, visibleTo: ["mentor"], editableBy: ["pupil", "guardian"] }] }, field: "fields.0.editableBy", value: "[\"pupil\",\"guardian\"]", rule: "a role that may edit a field must also read it, but pupil, guardian may edit without reading" },
    { name: "unknown role", schema: TemplateInput, input: { ...templateInput, fields: [{ ...fieldDefinition, visibleTo: ["mentor", "principal"] }] }, field: "fields.0.visibleTo.1", value: "principal", rule: "must be one of mentor, teacher, pupil, guardian" },
    { name: "repeated role", schema: TemplateInput, input: { ...templateInput, fields: [{ ...fieldDefinition, visibleTo: ["pupil", "pupil"], editableBy: [] }] }, field: "fields.0.visibleTo", value: "[\"pupil\",\"pupil\"]", rule: "must not list a role twice" },
    { name: "unknown scope", schema: TemplateInput, input: { ...templateInput, scope: { _tag: "region" } }, field: "scope._tag", value: "region", rule: "must be one of \"site\", \"organisation\"" },
    { name: "scope without organisation", schema: TemplateInput, input: { ...templateInput, scope: { _tag: "organisation" } }, field: "scope.organisationId", value: "nothing", rule: "is required" },
    { name: "long heading", schema: TemplateInput, input: { ...templateInput, fields: [{ ...fieldDefinition, heading: "R".repeat(201) }] }, field: "fields.0.heading", value: `${"R".repeat(60)}… (201 characters)`, rule: "must be at most 200 characters, but has 201" },
    { name: "repeated field id", schema: Template, input: { id: "t1", title: "Mall", scope: { _tag: "site" }, fields: [{ id: "f1", ...fieldDefinition }, { id: "f1", ...fieldDefinition }], hidden: false, ...stored }, field: "fields", value: shortenValue([{ id: "f1", ...fieldDefinition }, { id: "f1", ...fieldDefinition }]), rule: "field ids must be unique" },
    { name: "stored template without fields", schema: Template, input: { id: "t1", title: "Mall", scope: { _tag: "site" }, fields: [], hidden: false, ...stored }, field: "fields", value: "[]", rule: "a template needs at least one field" },
    { name: "assessment flag", schema: AssessmentInput, input: { courseId: "c1", title: "Omdöme HT 2026", gradingScaleId: null, visibleToPupils: 1, selfAssessmentEnabled: false }, field: "visibleToPupils", value: "1", rule: "must be true or false" },
    { name: "entry comment NUL", schema: EntryWrite, input: { assessmentId: "a1", pupilId: "p1", expectedVersion: null, comment: "Bra\u0000" }, field: "comment", value: "Bra\u0000", rule: "must not contain the NUL character (U+0000)" },
    { name: "entry comment surrogate", schema: EntryWrite, input: { assessmentId: "a1", pupilId: "p1", expectedVersion: null, comment: "Bra \ud83d" }, field: "comment", value: "Bra \ud83d", rule: "must not contain an unpaired surrogate (invalid Unicode)" },
    { name: "entry version text", schema: EntryWrite, input: { assessmentId: "a1", pupilId: "p1", expectedVersion: "2" }, field: "expectedVersion", value: "2", rule: "must be a number" },
    { name: "value of no listed type", schema: Schema.Struct({ limit: Schema.BigIntFromSelf }), input: { limit: true }, field: "limit", value: "true", rule: "must be bigint" },
    { name: "entry version fraction", schema: EntryWrite, input: { assessmentId: "a1", pupilId: "p1", expectedVersion: 1.5 }, field: "expectedVersion", value: "1.5", rule: "must be a whole number" }
  ]

  for (const example of cases) {
    it(`rejects ${example.name}`, () => {
      const error = failure(example.schema, example.input)
      expect(error).toBeInstanceOf(InvalidInputError)
      expect(error._tag).toBe("InvalidInputError")
      expect({ field: error.field, value: error.value, rule: error.rule }).toEqual({
        field: example.field,
        value: example.value,
        rule: example.rule
      })
      expect(error.message).toBe(`Invalid ${example.field || "input"}: ${example.rule} (got ${example.value})`)
    })
  }

  it("prefixes the field it is given", () => {
    const error = failure(LocalDate, "2026-02-30", "plan.startDate")
    expect(error.message).toBe("Invalid plan.startDate: must be a real calendar date written YYYY-MM-DD (got 2026-02-30)")
    expect(failure(Schema.Struct({ a: LocalDate }), { a: "x" }, "outer").field).toBe("outer.a")
    expect(failure(Schema.Struct({ a: LocalDate }), { a: "x" }, "").field).toBe("a")
    expect(failure(Schema.Struct({ a: LocalDate }), { a: "x" }).field).toBe("a")
  })

  it.effect("fails the effect with the same error", () =>
    Effect.gen(function*() {
      const error = yield* Effect.flip(decodeInput(PlanInput)({ ...planInput, endDate: "2027-01-01" }))
      expect(error.field).toBe("endDate")
      expect(error.rule).toBe("must not be before the start date 2027-01-10")
      const decoded = yield* decodeInput(PlanInput)({ ...planInput, extra: "ignored" })
      expect(decoded).toEqual(planInput)
    }))

  it("rejects excess properties on request", () => {
    const result = decodeInputEither(PlanHeaderPatch, "patch", { onExcessProperty: "error" })({ publised: false })
    if (Either.isRight(result)) throw new Error("expected the misspelt property to be rejected")
    expect(result.left.field).toBe("patch.publised")
    expect(result.left.value).toBe("false")
    expect(result.left.rule).toMatch(/^is not a known property, expected one of .*"published"/)
    expect(decodeInputEither(PlanHeaderPatch)({ publised: false })).toEqual(Either.right({}))
  })

  it("accepts valid input unchanged", () => {
    expect(decodeInputEither(TemplateInput)(templateInput)).toEqual(Either.right(templateInput))
    expect(decodeInputEither(PlanInput)({ ...planInput, endDate: planInput.startDate })).toEqual(
      Either.right({ ...planInput, endDate: planInput.startDate })
    )
    expect(Either.isRight(decodeInputEither(GradingScaleInput)({ name: "Tre steg", steps: ["E", "C", "A"] }))).toBe(true)
    expect(Either.isRight(decodeInputEither(PlanInput)({ ...planInput, endDate: null }))).toBe(true)
    const storedTemplate = {
      id: "t1",
      title: "Mall",
      scope: { _tag: "organisation", organisationId: "school" },
      fields: [{ id: "f1", ...fieldDefinition }, { id: "f2", ...fieldDefinition, editableBy: [] }],
      hidden: false,
      ...stored
    }
    expect(Either.isRight(decodeInputEither(Template)(storedTemplate))).toBe(true)
  })
})

describe("text limits", () => {
  const emoji = "\u{1F600}"

  it("counts code points, not code units", () => {
    expect(characterCount(emoji.repeat(200))).toBe(200)
    expect(Either.isRight(decodeInputEither(Title)(emoji.repeat(maxTitleLength)))).toBe(true)
    expect(failure(Title, emoji.repeat(maxTitleLength + 1)).rule).toBe("must be at most 200 characters, but has 201")
  })

  it("allows body text up to its limit", () => {
    expect(Either.isRight(decodeInputEither(BodyText)("å".repeat(maxBodyLength)))).toBe(true)
    expect(Either.isRight(decodeInputEither(BodyText)(""))).toBe(true)
    const error = failure(BodyText, "å".repeat(maxBodyLength + 1), "comment")
    expect(error.rule).toBe("must be at most 20000 characters, but has 20001")
    expect(error.value).toBe(`${"å".repeat(60)}… (20001 characters)`)
  })

  it("requires names to have content", () => {
    expect(failure(Name, " ").rule).toBe("must not be empty")
    expect(Either.isRight(decodeInputEither(Name)("Åsa"))).toBe(true)
  })

  it.prop(
    "rejects NUL and unpaired surrogates anywhere",
    [fc.string({ maxLength: 20 }), fc.string({ maxLength: 20 }), fc.constantFrom("\u0000", "\ud800", "\udbff", "\udc00", "\udfff")],
    ([before, after, bad]) => {
      const text = `${before}${bad}${after}`
      expect(textRuleViolation(text, maxTitleLength)).toBeDefined()
      expect(Either.isLeft(decodeInputEither(BodyText)(text))).toBe(true)
    },
    { fastCheck: runs }
  )

  it.prop(
    "accepts well-formed text within limit",
    [fc.string({ unit: "grapheme", maxLength: 50 })],
    ([text]) => {
      const clean = text.replaceAll("\u0000", "")
      expect(hasUnpairedSurrogate(clean)).toBe(false)
      expect(textRuleViolation(clean, maxTitleLength)).toBeUndefined()
    },
    { fastCheck: runs }
  )

  it("finds surrogates by position", () => {
    expect(hasUnpairedSurrogate("a\ud83d\ude00b")).toBe(false)
    expect(hasUnpairedSurrogate("\ude00\ud83d")).toBe(true)
    expect(hasUnpairedSurrogate("end\ud83d")).toBe(true)
    expect(hasUnpairedSurrogate("\ud83d\ud83d\ude00")).toBe(true)
    // The first and last code units of each surrogate range.
    expect(hasUnpairedSurrogate("\ud800\udc00")).toBe(false)
    expect(hasUnpairedSurrogate("\udbff\udfff")).toBe(false)
    expect(hasUnpairedSurrogate("\ud800\ue000")).toBe(true)
    expect(hasUnpairedSurrogate("\ud800\udbff")).toBe(true)
    expect(hasUnpairedSurrogate("\ud7ff\ue000")).toBe(false)
  })

  it("shortens long values for messages", () => {
    expect(shortenValue("kort")).toBe("kort")
    expect(shortenValue("x".repeat(61))).toBe(`${"x".repeat(60)}… (61 characters)`)
    expect(shortenValue("x".repeat(60))).toBe("x".repeat(60))
    expect(shortenValue({ a: 1 })).toBe("{\"a\":1}")
    expect(shortenValue(undefined)).toBe("undefined")
    const cyclic: Record<string, unknown> = {}
    cyclic.self = cyclic
    expect(shortenValue(cyclic)).toBe("[object Object]")
  })
})
