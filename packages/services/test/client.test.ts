import { DirectoryWriter, ForbiddenError, NotFoundError, type PersonId } from "@iupkit/core"
import { layerMemoryStorage } from "@iupkit/store-memory"
import { SqliteStorage } from "@iupkit/store-sqlite"
import { Effect } from "effect"
import { mkdtemp, rm } from "node:fs/promises"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { describe, expect, it } from "vitest"
import { createIupClient } from "../src/index.js"
import { as, ids, roster } from "./fixtures.js"

describe("Promise API", () => {
  it("runs flows as async functions", async () => {
    const client = createIupClient({ storage: layerMemoryStorage, directory: roster })
    try {
      const template = await client.administration.createTemplate(as(ids.siteAdmin), {
        title: "Utvecklingssamtal",
        scope: { _tag: "site" },
        fields: [{ heading: "Mål", visibleTo: ["pupil", "guardian"], editableBy: ["pupil"] }]
      })
      const created = await client.mentoring.createPlans(as(ids.anna), {
        pupilIds: "all",
        plan: { templateId: template.id, title: "IUP", startDate: "2026-08-15", endDate: null }
      })
      expect(created.plans).toHaveLength(2)
      const plan = created.plans.find((summary) => summary.pupil.id === ids.p1)!
      await client.plans.publish(as(ids.anna), plan.id, 1)
      const view = await client.plans.getPlan(as(ids.p1), plan.id)
      expect(view.fields.map((field) => [field.heading, field.canEdit])).toEqual([["Mål", true]])
      const page = await client.guardians.page(as(ids.g1))
      expect(page.children[0]!.plans.map((summary) => summary.id)).toEqual([plan.id])
    } finally {
      await client.dispose()
    }
  })

  it("looks people up in the directory", async () => {
    const client = createIupClient({ storage: layerMemoryStorage, directory: roster })
    try {
      const person = await client.directory.person(ids.anna)
      expect(person?.id).toBe(ids.anna)
      expect(person?.givenName).toBe(roster.people.find((entry) => entry.id === ids.anna)!.givenName)
      expect(await client.directory.person("person-not-in-directory" as PersonId)).toBeUndefined()
    } finally {
      await client.dispose()
    }
  })

  it("rejects with the tagged error", async () => {
    const client = createIupClient({ storage: layerMemoryStorage, directory: roster, timeZone: "Europe/Stockholm" })
    try {
      const missing = client.plans.getPlan(as(ids.stranger), "plan-x")
      await expect(missing).rejects.toBeInstanceOf(NotFoundError)
      await expect(missing).rejects.toMatchObject({ _tag: "NotFoundError", kind: "plan", id: "plan-x" })
      const forbidden = client.administration.createGradingScale(as(ids.anna), { name: "S", steps: ["a", "b"] })
      await expect(forbidden).rejects.toBeInstanceOf(ForbiddenError)
      await expect(client.plans.getPlan(as(ids.anna), "bad id!")).rejects.toMatchObject({ _tag: "InvalidInputError", field: "planId" })
    } finally {
      await client.dispose()
    }
  })

  it("rejects an unknown time zone", async () => {
    const client = createIupClient({ storage: layerMemoryStorage, directory: roster, timeZone: "Mars/Olympus" })
    await expect(client.mentoring.page(as(ids.anna))).rejects.toMatchObject({ _tag: "InvalidInputError", field: "timeZone" })
    await client.dispose()
  })

  it("rejects calls after dispose", async () => {
    const client = createIupClient({ storage: layerMemoryStorage, directory: roster })
    await client.mentoring.page(as(ids.anna))
    await client.dispose()
    await expect(client.mentoring.page(as(ids.anna))).rejects.toBeDefined()
  })

  it("runs on a SQLite file with its directory", async () => {
    const folder = await mkdtemp(join(tmpdir(), "iupkit-client-"))
    try {
      const filename = join(folder, "iup.db")
      // The host's roster import fills the SQL directory before the client starts.
      await Effect.runPromise(
        Effect.flatMap(DirectoryWriter, (writer) => writer.replace(roster)).pipe(Effect.provide(SqliteStorage.layer({ filename })))
      )
      const client = createIupClient({ storage: SqliteStorage.layer({ filename }) })
      try {
        const template = await client.administration.createTemplate(as(ids.siteAdmin), {
          title: "Mall",
          scope: { _tag: "site" },
          fields: [{ heading: "Mål", visibleTo: ["pupil"], editableBy: [] }]
        })
        const created = await client.plans.createPlans(as(ids.bo), {
          pupilIds: [ids.p1],
          plan: { templateId: template.id, title: "IUP", startDate: "2026-08-15", endDate: null }
        })
        const page = await client.mentoring.page(as(ids.anna))
        expect(page.currentPlans.map((plan) => plan.id)).toEqual([created.plans[0]!.id])
        await expect(client.plans.getPlan(as(ids.p1), created.plans[0]!.id)).rejects.toMatchObject({ _tag: "NotFoundError" })
      } finally {
        await client.dispose()
      }
    } finally {
      await rm(folder, { recursive: true, force: true })
    }
  })
})
