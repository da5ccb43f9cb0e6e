import type { LocalDate } from "@iupkit/core"
import { en, formatDate, formatInstant, formatPeriod, isoInstant, sv } from "@iupkit/render-html"
import { DateTime } from "effect"
import { describe, expect, it } from "vitest"

const stockholm = DateTime.zoneUnsafeMakeNamed("Europe/Stockholm")
const at = (iso: string) => DateTime.unsafeMake(iso)

describe("date formatting", () => {
  it("writes dates in Swedish and English", () => {
    expect(formatDate("2026-12-04" as LocalDate, sv)).toBe("4 december 2026")
    expect(formatDate("2026-12-04" as LocalDate, en)).toBe("4 December 2026")
  })

  it("keeps a calendar date whatever the zone", () => {
    // A calendar date has no zone, so 1 January never moves to 31 December.
    expect(formatDate("2027-01-01" as LocalDate, sv)).toBe("1 januari 2027")
  })

  it("shows edit times in the site's zone", () => {
    expect(formatInstant(at("2026-01-15T23:30:00Z"), stockholm, sv)).toBe("16 januari 2026 00:30")
    expect(formatInstant(at("2026-07-15T23:30:00Z"), stockholm, sv)).toBe("16 juli 2026 01:30")
    expect(isoInstant(at("2026-07-15T23:30:00Z"), stockholm)).toBe("2026-07-16T01:30:00.000+02:00")
  })

  it("follows another site's zone", () => {
    const newYork = DateTime.zoneUnsafeMakeNamed("America/New_York")
    expect(formatInstant(at("2026-01-15T03:30:00Z"), newYork, en)).toBe("14 January 2026 22:30")
    const offset = DateTime.zoneMakeOffset(3 * 60 * 60 * 1000)
    expect(formatInstant(at("2026-01-15T22:30:00Z"), offset, sv)).toBe("16 januari 2026 01:30")
  })

  it("writes open and closed periods", () => {
    expect(formatPeriod("2026-08-17" as LocalDate, null, sv)).toBe("från 17 augusti 2026")
    expect(formatPeriod("2026-08-17" as LocalDate, "2027-01-15" as LocalDate, en)).toBe("17 August 2026 – 15 January 2027")
  })
})
