// A digest of every generated table, to tell whether two databases hold the same rows.
import { SqlClient } from "@effect/sql/SqlClient"
import { Effect } from "effect"
import { createHash } from "node:crypto"

/** The tables the generator writes, parents first. */
export const generatedTables = [
  "grading_scales", "templates", "people", "administrations", "organisations", "courses", "teachings", "assessments",
  "enrolments", "mentorships", "course_memberships", "guardianships", "assessment_entries", "plans", "plan_fields"
] as const

/** Row count and a SHA-256 of the rows of each generated table, sorted so storage order does not matter. */
export const tableDigests = Effect.gen(function*() {
  const sql = yield* SqlClient
  const result: Record<string, { readonly rows: number; readonly sha256: string }> = {}
  for (const table of generatedTables) {
    const rows = yield* sql.unsafe<Record<string, unknown>>(`SELECT * FROM ${table}`)
    // Values are normalised to text, because PostgreSQL and SQLite return some numbers differently.
    const lines = rows.map((row) => JSON.stringify(Object.keys(row).sort().map((key) => (row[key] === null ? null : String(row[key]))))).sort()
    result[table] = { rows: rows.length, sha256: createHash("sha256").update(lines.join("\n")).digest("hex") }
  }
  return result
})
