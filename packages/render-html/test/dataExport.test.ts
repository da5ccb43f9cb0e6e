import { csvCell, entriesToCsv, entriesToJson } from "@iupkit/render-html"
import { describe, expect, it } from "vitest"
import { fixtures } from "./fixtures.js"

const f = fixtures()

// A small RFC 4180 reader, so the test checks what a spreadsheet would read back.
const parseCsv = (text: string, delimiter = ","): Array<Array<string>> => {
  const rows: Array<Array<string>> = []
  let row: Array<string> = []
  let cell = ""
  let quoted = false
  for (let i = 0; i < text.length; i++) {
    const char = text[i]!
    if (quoted) {
      if (char === "\"" && text[i + 1] === "\"") {
        cell += "\""
        i++
      } else if (char === "\"") quoted = false
      else cell += char
    } else if (char === "\"") quoted = true
    else if (char === delimiter) {
      row.push(cell)
      cell = ""
    } else if (char === "\r" && text[i + 1] === "\n") {
      row.push(cell)
      rows.push(row)
      row = []
      cell = ""
      i++
    } else cell += char
  }
  return rows
}

describe("csv export", () => {
  it("quotes delimiters, quotes and line breaks", () => {
    expect(csvCell("plain")).toBe("plain")
    expect(csvCell("a,b")).toBe("\"a,b\"")
    expect(csvCell("a;b")).toBe("a;b")
    expect(csvCell("a;b", ";")).toBe("\"a;b\"")
    expect(csvCell("say \"hi\"")).toBe("\"say \"\"hi\"\"\"")
    expect(csvCell("two\nlines")).toBe("\"two\nlines\"")
  })

  it("neutralises formula starts", () => {
    for (const start of ["=", "+", "-", "@", "\t", "\r"]) {
      expect(csvCell(`${start}SUM(A1)`).replace(/^"/, "")).toMatch(/^'/)
    }
    expect(csvCell("=HYPERLINK(\"http://x\",\"y\")")).toBe("\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"")
    expect(csvCell("a=b")).toBe("a=b")
  })

  it("writes one row per entry", () => {
    const entries = [
      f.entry(f.pupil, { comment: "=1+1, \"citat\"\nny rad" }),
      f.entry(f.other, { level: null, selfAssessment: null })
    ]
    const csv = entriesToCsv(entries)
    expect(csv.startsWith("\uFEFF")).toBe(true)
    expect(csv.endsWith("\r\n")).toBe(true)
    const rows = parseCsv(csv.slice(1))
    expect(rows).toHaveLength(3)
    expect(rows[0]).toEqual([
      "Förnamn",
      "Efternamn",
      "Kurs",
      "Ämneskod",
      "Omdöme",
      "Nivå",
      "Kommentar",
      "Självskattad nivå",
      "Självskattning",
      "Senast ändrad"
    ])
    expect(rows[1]).toEqual([
      "Åsa",
      "Öberg",
      "Svenska 7A",
      "SVE",
      "Omdöme HT 2026",
      "Godtagbara kunskaper 2",
      "'=1+1, \"citat\"\nny rad",
      "Godtagbara kunskaper 3",
      "Jag tycker att jag har blivit bättre på att läsa högt.",
      "2026-11-03T10:15:00.000+01:00"
    ])
    expect(rows[2]![5]).toBe("")
    expect(rows[2]![7]).toBe("")
  })

  it("writes English headers and semicolons", () => {
    const csv = entriesToCsv([f.entry(f.pupil)], { locale: "en", delimiter: ";", byteOrderMark: false })
    const rows = parseCsv(csv, ";")
    expect(rows[0]![0]).toBe("Given name")
    expect(rows[1]).toHaveLength(10)
  })
})

describe("json export", () => {
  it("writes plain records", () => {
    const parsed = JSON.parse(entriesToJson([f.entry(f.pupil)])) as { entries: Array<Record<string, unknown>> }
    expect(parsed.entries).toHaveLength(1)
    expect(parsed.entries[0]).toEqual({
      assessmentId: "assessment-1",
      assessmentTitle: "Omdöme HT 2026",
      courseId: "course-sv",
      courseName: "Svenska 7A",
      subjectCode: "SVE",
      pupilId: "pupil-1",
      pupilGivenName: "Åsa",
      pupilFamilyName: "Öberg",
      level: "Godtagbara kunskaper 2",
      scaleSteps: ["Godtagbara kunskaper 1", "Godtagbara kunskaper 2", "Godtagbara kunskaper 3"],
      comment: f.entry(f.pupil).comment,
      selfAssessment: { level: "Godtagbara kunskaper 3", comment: "Jag tycker att jag har blivit bättre på att läsa högt." },
      lastEditedAt: "2026-11-03T09:15:00.000Z",
      version: 3
    })
  })

  it("writes an empty list", () => {
    expect(JSON.parse(entriesToJson([]))).toEqual({ entries: [] })
  })
})
