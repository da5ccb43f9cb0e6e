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
      "messages.fieldNames.personId",
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
      "The document “d” does not exist, or you are not allowed to see it."
    )
  })

  it("translates the core's text rules", () => {
    const cases: ReadonlyArray<readonly [InvalidInputError, string]> = [
      [InvalidInputError.of("title", "", "must not be empty"), "Titel: måste fyllas i. Skriv något och försök igen."],
      [
        InvalidInputError.of("fields.0.value", "x", "must be at most 20000 characters (got 20001)"),
        "Text: texten får vara högst 20000 tecken lång. Korta den och försök igen."
      ],
      [InvalidInputError.of("comment", "x", "must not contain the NUL character (U+0000)"), "Kommentar: texten innehåller ett otillåtet tecken (NUL). Ta bort det och försök igen."],
      [InvalidInputError.of("endDate", "2026-01-01", "must not be before the start date 2026-02-01 (got 2026-01-01)"), "Slutdatum: slutdatumet får inte vara före startdatumet. Välj ett senare slutdatum eller lämna det tomt."],
      [InvalidInputError.of("startDate", "2026-02-30", "must be a real calendar date written YYYY-MM-DD"), "Startdatum: ”2026-02-30” är inget giltigt datum. Ange ett datum som ÅÅÅÅ-MM-DD."],
      [InvalidInputError.of("plan.startDate", "nothing", "must be a real calendar date written YYYY-MM-DD"), "Startdatum: ange ett datum som ÅÅÅÅ-MM-DD."],
      [InvalidInputError.of("level", "Z", "must be a step of the scale"), "Nivå: värdet godtogs inte. Kontrollera det och försök igen."],
      [
        InvalidInputError.of("level", "Super", "must be one of the scale's steps: E, C, A"),
        "Nivå: ”Super” är inte ett steg i bedömningsskalan. Välj ett av stegen: E, C, A."
      ],
      [InvalidInputError.of("internalFlag", "x", "must be a list"), "Ett av fälten: värdet godtogs inte. Kontrollera det och försök igen."],
      [InvalidInputError.of("planIds", [], "must not be empty"), sv.noPlanSelected]
    ]
    for (const [error, expected] of cases) expect(messageFor(error)).toBe(expected)
  })

  it("translates the upload checks' rules", () => {
    // The rules as the services' file check words them.
    const cases: ReadonlyArray<readonly [string, string, string]> = [
      [
        "only PDF, DOC and DOCX files are accepted, recognised by their content; this file looks like image/png",
        "Filen: filtypen stöds inte. Bara PDF-, DOC- och DOCX-filer tas emot.",
        "The file: the file type is not supported. Only PDF, DOC and DOCX files are accepted."
      ],
      [
        "is 20971521 bytes, more than the limit of 20971520 bytes",
        "Filen: får vara högst 20 MB. Välj en mindre fil.",
        "The file: may be at most 20 MB. Choose a smaller file."
      ],
      ["is empty", "Filen: är tom. Välj filen igen och ladda upp den på nytt.", "The file: is empty. Choose the file again and upload it once more."],
      [
        "contains a /JavaScript action, which could run code when opened; save it again without scripts (for example by printing it to PDF)",
        "Filen: PDF-filen innehåller skript eller kan starta program när den öppnas. Spara den utan skript, till exempel genom att skriva ut den till PDF, och ladda upp den igen.",
        "The file: the PDF file contains scripts or can start programs when it is opened. Save it without scripts, for example by printing it to PDF, and upload it again."
      ],
      [
        "unpacks to 314572800 bytes, more than the limit of 209715200",
        "Filen: Word-filen packas upp till långt mer än den tar plats och tas därför inte emot. Spara den på nytt i Word och försök igen.",
        "The file: the Word file unpacks to far more than it takes up, so it is not accepted. Save it again in Word and try once more."
      ],
      [
        "has a part compressed 1024 to 1, more than the limit of 100 to 1",
        "Filen: Word-filen packas upp till långt mer än den tar plats och tas därför inte emot. Spara den på nytt i Word och försök igen.",
        "The file: the Word file unpacks to far more than it takes up, so it is not accepted. Save it again in Word and try once more."
      ]
    ]
    for (const [rule, swedish, english] of cases) {
      const error = InvalidInputError.of("file", "betyg.pdf", rule)
      expect(messageFor(error), rule).toBe(swedish)
      expect(messageFor(error, "en"), rule).toBe(english)
    }
  })

  it("keeps the core's English rule and internal names off the page", () => {
    const errors = [
      InvalidInputError.of("expectedVersion", "abc", "must be a whole number"),
      InvalidInputError.of("patch.expectedVersion", "nothing", "must be a number"),
      InvalidInputError.of("level", "Super", "must be one of the scale's steps: E, C, A"),
      InvalidInputError.of("gradingScaleId", "x", "must be something no pattern knows")
    ]
    for (const error of errors) {
      const text = messageFor(error)
      expect(text, error.rule).not.toMatch(/must|expectedVersion|gradingScaleId/)
      expect(messageFor(error, "en"), error.rule).not.toMatch(/must be|expectedVersion|gradingScaleId/)
    }
    expect(messageFor(errors[0])).toBe(sv.staleForm)
    expect(messageFor(errors[3])).toBe("Bedömningsskala: värdet godtogs inte. Kontrollera det och försök igen.")
  })

  it("uses the neuter pronoun for neuter kinds", () => {
    expect(messageFor(new NotFoundError({ kind: "assessment", id: "a" }))).toBe(
      "Omdömet ”a” finns inte, eller så har du inte behörighet att se det."
    )
    expect(messageFor(new NotFoundError({ kind: "plan", id: "p" }))).toBe(
      "Planen ”p” finns inte, eller så har du inte behörighet att se den."
    )
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
