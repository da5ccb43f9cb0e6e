/**
 * Serves the plan view over HTTP on 127.0.0.1 for the throughput scenario, in its own process so
 * the load generator does not share its event loop. `host` is the Fastify example host on the
 * services; `bare` is a plain Fastify route doing the same work by hand: it verifies the same JWT,
 * runs the hand-written SQL, writes the same audit row and returns the view as JSON. Prints the
 * URL as one JSON line, then serves until stopped.
 */
import { makeJwtAuthenticator } from "@iupkit/auth"
import { createIupClient } from "@iupkit/services"
import { SqliteStorage } from "@iupkit/store-sqlite"
import { Effect } from "effect"
import Fastify from "fastify"
import * as jose from "jose"
import { buildApp } from "../../examples/fastify/src/app.js"
import { openRuntime } from "./databases.js"
import { jwtSettings } from "./jwt.js"
import { rawPlanView } from "./raw.js"


const startHost = async (filename: string) => {
  const storage = SqliteStorage.layer({ filename, migrate: false })
  const iup = createIupClient({ storage, directory: storage })
  const bearer = await Effect.runPromise(makeJwtAuthenticator({ key: jwtSettings.secret, issuer: jwtSettings.issuer, audience: jwtSettings.audience }))
  const app = await buildApp({ iup, bearer, cookieSecret: "benchmark-cookie-secret-0123456789abcdef", logger: false })
  return app
}

const startBare = (filename: string) => {
  const runtime = openRuntime({ _tag: "sqlite", filename })
  const app = Fastify({ logger: false })
  app.get<{ Params: { planId: string } }>("/api/plans/:planId", async (request, reply) => {
    const header = request.headers.authorization ?? ""
    let personId: string
    try {
      const { payload } = await jose.jwtVerify(header.replace(/^bearer\s+/i, ""), jwtSettings.secret, {
        issuer: jwtSettings.issuer,
        audience: jwtSettings.audience,
        algorithms: ["HS256"],
        clockTolerance: 30
      })
      if (typeof payload.sub !== "string") throw new Error("no sub claim")
      personId = payload.sub
    } catch {
      return reply.status(401).send({ error: { tag: "UnauthenticatedError", message: "invalid bearer token" } })
    }
    const view = await runtime.runPromise(rawPlanView(personId, request.params.planId))
    if (view === null) return reply.status(404).send({ error: { tag: "NotFoundError", message: "plan not found" } })
    return reply.send(view)
  })
  return app
}

const main = async () => {
  const [mode, filename] = process.argv.slice(2)
  if ((mode !== "host" && mode !== "bare") || filename === undefined) {
    throw new Error(`usage: http-server.ts host|bare DATABASE_FILE (got ${JSON.stringify(process.argv.slice(2))})`)
  }
  const app = mode === "host" ? await startHost(filename) : startBare(filename)
  const url = await app.listen({ host: "127.0.0.1", port: 0 })
  process.stdout.write(`${JSON.stringify({ url })}\n`)
  process.once("SIGTERM", () => void app.close().then(() => process.exit(0)))
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`)
  process.exit(1)
})
