/**
 * The demo behind `npm start`. It opens a SQLite file, creating or migrating it. When the database
 * is empty, it imports the fictional school from `examples/data/school` through the SS 12000
 * folder importer and seeds plans and assessments. It returns the services and the people to
 * sign in as.
 */
import { mkdirSync } from "node:fs"
import { dirname } from "node:path"
import { fileURLToPath } from "node:url"
import { DirectoryWriter, type LocalDate, localDateOf } from "@iupkit/core"
import { createIupClient, type IupClient, layerIupServices, layerRandomIds, layerSiteConfig } from "@iupkit/services"
import { folderSource, fullImport, layerMemoryCache } from "@iupkit/ss12000"
import { SqliteStorage } from "@iupkit/store-sqlite"
import { DateTime, Effect, Exit, Layer, Scope } from "effect"
import { type DemoPerson, demoPeopleOf } from "./people.js"
import { fitRosterToToday, withAdministrators } from "./roster.js"
import { seedDemo } from "./seed.js"

/** The folder of SS 12000 files the demo imports. */
export const schoolFolder = fileURLToPath(new URL("../school", import.meta.url))

/** A running demo. */
export interface Demo {
  readonly iup: IupClient
  readonly demoPeople: ReadonlyArray<DemoPerson>
  /** The outcome of opening: "created" for a new database, "opened" for one already seeded. */
  readonly database: "created" | "opened"
  /**
   * Whether an opened database was seeded for an earlier term: no mentor has a current plan
   * today, because the seeded plans and mentorships lie in the past.
   */
  readonly outdated: boolean
  readonly close: () => Promise<void>
}

/**
 * Opens the demo database at `filename`, importing and seeding it when it is empty. `now` (epoch
 * milliseconds) sets the seeding day. The views always use the real clock.
 */
export const openDemo = async (filename: string, options: { readonly now?: number } = {}): Promise<Demo> => {
  mkdirSync(dirname(filename), { recursive: true })
  const scope = Effect.runSync(Scope.make())
  const close = () => Effect.runPromise(Scope.close(scope, Exit.void))
  try {
    const context = await Effect.runPromise(Layer.buildWithScope(SqliteStorage.layer({ filename }), scope))
    const storage = Layer.succeedContext(context)
    const now = options.now ?? Date.now()
    const today: LocalDate = localDateOf(DateTime.unsafeMake(now))

    const prepare = Effect.gen(function*() {
      const writer = yield* DirectoryWriter
      const existing = yield* writer.snapshot()
      // NOTE: a start interrupted while seeding leaves a partly seeded database; delete the file to start over.
      if (existing.people.length > 0) return { roster: existing, database: "opened" as const }
      yield* fullImport(folderSource(schoolFolder), { administrations: [] }).pipe(Effect.provide(layerMemoryCache))
      const roster = withAdministrators(fitRosterToToday(yield* writer.snapshot(), today), today)
      yield* writer.replace(roster)
      const siteAdministrator = roster.administrations.find((administration) => administration.scope._tag === "site")
      if (siteAdministrator === undefined) throw new Error("the demo school has no teacher to make site administrator")
      yield* seedDemo(roster, siteAdministrator.personId, now)
      return { roster, database: "created" as const }
    })
    const services = Layer.provideMerge(layerIupServices, Layer.mergeAll(storage, layerRandomIds, layerSiteConfig()))
    const { roster, database } = await Effect.runPromise(Effect.provide(prepare, services))

    const iup = createIupClient({ storage, directory: storage })
    const demoPeople = demoPeopleOf(roster, today)
    const mentor = demoPeople.find((person) => person.roles.includes("mentor"))
    const outdated = mentor === undefined || (await iup.mentoring.page({ personId: mentor.id })).currentPlans.length === 0
    return {
      iup,
      demoPeople,
      database,
      outdated,
      close: async () => {
        await iup.dispose()
        await close()
      }
    }
  } catch (error) {
    await close()
    throw error
  }
}
