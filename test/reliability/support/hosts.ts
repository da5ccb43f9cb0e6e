/**
 * The example hosts with their real stack for the HTTP tests: the services on a SQLite file in a
 * temporary folder, JWT bearer sign-in, demo sign-in, listening on 127.0.0.1 at a random port.
 * A second connection to the file watches for commits, so a test can tell whether a request
 * changed anything.
 */
import { createHmac } from "node:crypto"
import { existsSync, mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { Writable } from "node:stream"
import { SqlClient } from "@effect/sql/SqlClient"
import { makeJwtAuthenticator } from "@iupkit/auth"
import { type AuditEntry, AuditLog } from "@iupkit/core"
import { createIupClient, type IupClient } from "@iupkit/services"
import { layerSqlStorage, sqliteDialect } from "@iupkit/store-sql"
import { SqliteStorage } from "@iupkit/store-sqlite"
import { Effect, Layer, ManagedRuntime } from "effect"
import { createApp } from "../../../examples/express/src/app.js"
import { listen as listenExpress } from "../../../examples/express/src/listen.js"
import { buildApp } from "../../../examples/fastify/src/app.js"
import { listen as listenFastify } from "../../../examples/fastify/src/listen.js"
import { people, roster } from "./world.js"

const issuer = "https://sign-in.example.test"
const audience = "iupkit-reliability"
const jwtSecret = new TextEncoder().encode("reliability-suite-jwt-secret-of-32-bytes-or-more")
const cookieSecret = "reliability-suite-cookie-secret-of-at-least-32-characters"

const base64url = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString("base64url")

/** An HS256 token for a person, valid for an hour. */
export const tokenFor = (personId: string): string => {
  const now = Math.floor(Date.now() / 1000)
  const unsigned = `${base64url({ alg: "HS256", typ: "JWT" })}.${base64url({ sub: personId, iss: issuer, aud: audience, iat: now, exp: now + 3600 })}`
  return `${unsigned}.${createHmac("sha256", jwtSecret).update(unsigned).digest("base64url")}`
}

export type HostName = "fastify" | "express"

/** A host running on a fresh SQLite file. */
export interface RunningStack {
  readonly url: string
  readonly iup: IupClient
  /** Changes whenever the host's connection commits anything to the file. */
  readonly dataVersion: () => Promise<number>
  /** Every row of every table, sorted, for exact before/after comparisons. */
  readonly snapshot: () => Promise<string>
  /** The audit log in the order it was written. */
  readonly auditLog: () => Promise<ReadonlyArray<AuditEntry>>
  /** Log lines the host wrote. */
  readonly logs: ReadonlyArray<string>
  readonly close: () => Promise<void>
}

const demoPeople = [
  { id: people.mentor, name: "Mona Mentor", roles: ["mentor"] as const },
  { id: people.teacher, name: "Tove Lärare", roles: ["teacher"] as const },
  { id: people.pupil, name: "Elev1 Testsson", roles: ["pupil"] as const },
  { id: people.guardian, name: "Gun Vårdnad", roles: ["guardian"] as const }
]

/** Starts a host over a new SQLite file holding the test school's directory. */
export const startStack = async (host: HostName): Promise<RunningStack> => {
  // Memory-backed when the machine has it, so ten thousand commits do not wait on the disk.
  const folder = mkdtempSync(join(existsSync("/dev/shm") ? "/dev/shm" : tmpdir(), `iupkit-${host}-`))
  const filename = join(folder, "iup.db")
  const iup = createIupClient({ storage: SqliteStorage.layer({ filename }), directory: roster })
  // Builds the schema before the watcher opens the file.
  await iup.administration.listGradingScales({ personId: people.siteAdmin } as never)
  const watcher = ManagedRuntime.make(Layer.provideMerge(layerSqlStorage(sqliteDialect, { migrate: false }), SqliteStorage.layerClient({ filename })))
  const bearer = await Effect.runPromise(makeJwtAuthenticator({ key: jwtSecret, issuer, audience }))
  const logs: Array<string> = []
  const stream = new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split("\n")) if (line !== "") logs.push(line)
      done()
    }
  })
  const options = { iup, bearer, cookieSecret, demoPeople }
  let url: string
  let closeHost: () => Promise<void>
  if (host === "fastify") {
    const app = await buildApp({ ...options, logger: { level: "warn", stream } })
    url = await listenFastify(app, "127.0.0.1", 0)
    closeHost = () => app.close()
  } else {
    const server = await listenExpress(createApp({ ...options, logDestination: stream }), "127.0.0.1", 0)
    const address = server.address()
    if (address === null || typeof address === "string") throw new Error("the server has no TCP address")
    url = `http://127.0.0.1:${address.port}`
    closeHost = () => new Promise<void>((resolve, reject) => server.close((error) => (error === undefined ? resolve() : reject(error))))
  }
  const dataVersion = () =>
    watcher.runPromise(Effect.flatMap(SqlClient, (sql) => sql.unsafe<{ data_version: number }>("PRAGMA data_version"))).then((rows) => rows[0]!.data_version)
  const snapshot = () =>
    watcher.runPromise(Effect.gen(function*() {
      const sql = yield* SqlClient
      const tables = yield* sql<{ name: string }>`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`
      const parts: Array<string> = []
      for (const { name } of tables) {
        const rows = yield* sql.unsafe<Record<string, unknown>>(`SELECT * FROM "${name}"`)
        parts.push(name, ...rows.map((row) => JSON.stringify(row)).sort())
      }
      return parts.join("\n")
    }))
  const auditLog = () => watcher.runPromise(Effect.flatMap(AuditLog, (log) => log.list({})))
  return {
    url,
    iup,
    auditLog,
    dataVersion,
    snapshot,
    logs,
    close: async () => {
      await closeHost()
      await watcher.dispose()
      await iup.dispose()
      rmSync(folder, { recursive: true, force: true })
    }
  }
}

/** Sends a request as a person (or anonymously with null) with a JSON body. */
export const requestAs = (
  stack: RunningStack,
  personId: string | null,
  method: string,
  path: string,
  body?: unknown
): Promise<Response> =>
  fetch(`${stack.url}${path}`, {
    method,
    headers: {
      ...(personId === null ? {} : { authorization: `Bearer ${tokenFor(personId)}` }),
      ...(body === undefined ? {} : { "content-type": "application/json" })
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) })
  })
