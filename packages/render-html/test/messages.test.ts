import {
  ExportLimitExceededError,
  ForbiddenError,
  InvalidInputError,
  NotFoundError,
  PupilsWithoutMentorError,
  StorageError,
  VersionConflictError
} from "@iupkit/core"
import { describeError, en, messageFor, type Messages, messagesFor, sv } from "@iupkit/render-html"
import { describe, expect, it } from "vitest"

// Calls every function of a catalogue with sample arguments, so each sentence is produced.
const allStrings = (messages: Messages): Array<[string, string]> => {
  const found: Array<[string, string]> = []
  const visit = (path: string, value: unknown) => {
    if (typeof value === "string") found.push([path, value])
    else if (typeof value === "function") found.push([path, String(value("A", "B", [2, 3, 6], 4))])
    else if (typeof value === "object" && value !== null) {
      for (const [key, inner] of Object.entries(value)) visit(`${path}.${key}`, inner)
    }
  }
  visit("messages", messages)
  return found
}

describe("message catalogue", () => {
  it("defaults to Swedish", () => {
    expect(messagesFor()).toBe(sv)
    expect(messagesFor("en")).toBe(en)
  })

  it("has no empty string", () => {
    for (const catalogue of [sv, en]) {
      for (const [path, value] of allStrings(catalogue)) expect(value.trim(), path).not.toBe("")
    }
  })

  it("translates every sentence", () => {
    const english = new Map(allStrings(en))
    const same = allStrings(sv)
      .filter(([path, swedish]) => english.get(path) === swedish)
      .map(([path]) => path)
    // Words that are spelled the same in both languages, and sentences built only from arguments.
    expect(same.toSorted()).toEqual([
      "messages.adminPageTitle",
      "messages.fieldNames.value",
      "messages.fileSize",
      "messages.invalidInput",
      "messages.notSet",
      "messages.period",
      "messages.periodText",
      "messages.planPageTitle",
      "messages.productName",
      "messages.status"
    ])
  })
})

describe("messageFor", () => {
  it("explains the export limit", () => {
    const error = new ExportLimitExceededError({ requested: 140, limit: 100 })
    expect(messageFor(error)).toBe(
      "Du valde 140 planer, men en utskrift eller export kan innehålla högst 100. Dela upp urvalet i omgångar om högst 100 planer."
    )
    expect(messageFor(error, "en")).toContain("batches of at most 100 plans")
  })

  it("explains a conflict and keeps the current text", () => {
    const error = new VersionConflictError({
      kind: "planField",
      id: "f",
      expectedVersion: 1,
      currentVersion: 2,
      currentValue: "nu"
    })
    expect(messageFor(error)).toMatch(/^Någon annan ändrade fältet medan du arbetade/)
    expect(describeError(error).currentValue).toBe("nu")
    const entryConflict = new VersionConflictError({
      kind: "assessmentEntry",
      id: "e",
      expectedVersion: null,
      currentVersion: 1,
      currentValue: { level: "A" }
    })
    expect(describeError(entryConflict).currentValue).toBeUndefined()
  })

  it("explains forbidden and not found", () => {
    expect(messageFor(new ForbiddenError({ kind: "assessment", id: "a", action: "delete", reason: "r" }))).toBe(
      "Du får se omdömet men inte göra den här ändringen."
    )
    expect(messageFor(new NotFoundError({ kind: "document", id: "d" }), "en")).toBe(
      "The document does not exist, or you are not allowed to see it."
    )
  })

  it("translates the core's text rules", () => {
    const cases: ReadonlyArray<readonly [InvalidInputError, string]> = [
      [InvalidInputError.of("title", "", "must not be empty"), "Titel: får inte vara tomt."],
      [
        InvalidInputError.of("fields.0.value", "x", "must be at most 20000 characters (got 20001)"),
        "Text: texten får vara högst 20000 tecken lång."
      ],
      [InvalidInputError.of("comment", "x", "must not contain the NUL character (U+0000)"), "Kommentar: texten innehåller ett otillåtet tecken (NUL). Ta bort det och försök igen."],
      [InvalidInputError.of("endDate", "2026-01-01", "must not be before the start date 2026-02-01 (got 2026-01-01)"), "Slutdatum: slutdatumet får inte vara före startdatumet."],
      [InvalidInputError.of("startDate", "2026-02-30", "must be a real calendar date written YYYY-MM-DD"), "Startdatum: ange ett datum som ÅÅÅÅ-MM-DD."],
      [InvalidInputError.of("level", "Z", "must be a step of the scale"), "Nivå: värdet godtogs inte (must be a step of the scale)."]
    ]
    for (const [error, expected] of cases) expect(messageFor(error)).toBe(expected)
  })

  it("counts pupils without a mentor", () => {
    expect(messageFor(new PupilsWithoutMentorError({ pupilIds: ["a", "b"] }))).toMatch(/^2 elever saknar mentor/)
    expect(messageFor(new PupilsWithoutMentorError({ pupilIds: ["a"] }), "en")).toMatch(/^1 pupil has no mentor/)
  })

  it("hides storage and unknown detail", () => {
    expect(messageFor(new StorageError({ operation: "savePlan", reason: "password authentication failed" }))).not.toContain(
      "password"
    )
    expect(messageFor("boom", "en")).toBe("An unexpected error occurred. Please try again in a moment.")
    expect(messageFor(null)).toBe("Ett oväntat fel inträffade. Försök igen om en stund.")
  })
})
