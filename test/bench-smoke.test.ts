import { SqlClient } from "@effect/sql/SqlClient"
import { Effect } from "effect"
import { mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { afterAll, describe, expect, it } from "vitest"
import { clientLayer, dropTarget, generateInto, type Target } from "./bench/databases.js"
import { tableDigests } from "./bench/digest.js"
import { makeRandom, type MunicipalitySize } from "./bench/generate.js"

const directory = mkdtempSync(join(tmpdir(), "iupkit-bench-smoke-"))
afterAll(() => rmSync(directory, { recursive: true, force: true }))

// Two classes, the second one short, so the edge of a partial class is covered too.
const tiny: MunicipalitySize = { schools: 1, pupils: 45 }
const sqlite = (name: string): Target => ({ _tag: "sqlite", filename: join(directory, `${name}.db`) })

const digestsOf = (target: Target) =>
  Effect.runPromise(Effect.scoped(Effect.provide(tableDigests, clientLayer(target))) as Effect.Effect<Record<string, { readonly rows: number; readonly sha256: string }>>)

const countOf = (target: Target, query: string) =>
  Effect.runPromise(
    Effect.scoped(
      Effect.provide(Effect.flatMap(SqlClient, (sql) => sql.unsafe<{ readonly n: number | string }>(query)), clientLayer(target))
    ) as Effect.Effect<ReadonlyArray<{ readonly n: number | string }>>
  ).then((rows) => Number(rows[0]?.n))

describe("benchmark data generator", () => {
  it("writes the expected row counts", async () => {
    const target = sqlite("counts")
    const counts = await generateInto(target, tiny, 7)
    const digests = await digestsOf(target)
    const expected = {
      people: 1 + 40 + 2 + 45 + 90,
      organisations: 1,
      courses: 32,
      assessments: 128,
      course_memberships: 45 * 16,
      guardianships: 90,
      mentorships: 45,
      assessment_entries: 45 * 20,
      plans: 90,
      plan_fields: 270
    }
    for (const [table, rows] of Object.entries(expected)) {
      expect({ table, rows: digests[table]?.rows }).toEqual({ table, rows })
      expect({ table, rows: counts[table] }).toEqual({ table, rows })
    }
  })

  it("gives each mentor one group of 30", async () => {
    const target = sqlite("groups")
    await generateInto(target, tiny, 7)
    expect(await countOf(target, "SELECT count(*) AS n FROM mentorships WHERE mentor_id = 'person-mentor-0'")).toBe(30)
    expect(await countOf(target, "SELECT count(DISTINCT course_id) AS n FROM course_memberships WHERE pupil_id = 'person-pupil-0'")).toBe(16)
  })

  it("repeats data for the same seed", async () => {
    const first = sqlite("seed-7-a")
    const second = sqlite("seed-7-b")
    const other = sqlite("seed-8")
    await generateInto(first, tiny, 7)
    await generateInto(second, tiny, 7)
    await generateInto(other, tiny, 8)
    const [a, b, c] = [await digestsOf(first), await digestsOf(second), await digestsOf(other)]
    expect(b).toEqual(a)
    expect(c.assessment_entries?.sha256).not.toBe(a.assessment_entries?.sha256)
    expect(c.people?.sha256).not.toBe(a.people?.sha256)
  })

  it("writes the same rows to PostgreSQL", async (context) => {
    const url = process.env.IUPKIT_TEST_POSTGRES_URL
    if (url === undefined || url === "") return context.skip()
    const target: Target = { _tag: "postgres", url, schema: `bench_smoke_${process.pid}` }
    try {
      await generateInto(target, tiny, 7)
      const local = sqlite("compare")
      await generateInto(local, tiny, 7)
      expect(await digestsOf(target)).toEqual(await digestsOf(local))
    } finally {
      await dropTarget(target)
    }
  })

  it("draws the same PRNG sequence", () => {
    const a = makeRandom(42)
    const b = makeRandom(42)
    const sequence = Array.from({ length: 5 }, () => a.next())
    expect(Array.from({ length: 5 }, () => b.next())).toEqual(sequence)
    expect(new Set(sequence).size).toBe(5)
    for (const value of sequence) {
      expect(value).toBeGreaterThanOrEqual(0)
      expect(value).toBeLessThan(1)
    }
  })
})
