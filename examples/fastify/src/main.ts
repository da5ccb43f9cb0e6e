/**
 * `npm start`: the fictional school in a SQLite file under data/, served by the Fastify host on
 * 127.0.0.1 (port 3000 unless --port or PORT says otherwise), with the demo sign-in page.
 */
import { existsSync } from "node:fs"
import { makeJwtAuthenticator } from "@iupkit/auth"
import { Effect } from "effect"
import { openDemo } from "../../data/demo/demo.js"
import { cookieSecret, databaseFile, jwtClaims, jwtSecret, openingMessage, outdatedMessage, startMessage } from "../../data/demo/settings.js"
import { buildApp } from "./app.js"
import { defaultHost, listen, portFrom } from "./listen.js"

const main = async (): Promise<void> => {
  const port = portFrom(process.argv.slice(2), process.env)
  const filename = databaseFile(process.env)
  const jwt = jwtSecret(process.env)
  console.log(openingMessage(filename, existsSync(filename)))
  const demo = await openDemo(filename)
  if (demo.outdated) console.warn(outdatedMessage(filename))
  const bearer = await Effect.runPromise(makeJwtAuthenticator({ key: jwt.key, ...jwtClaims }))
  const app = await buildApp({ iup: demo.iup, bearer, cookieSecret: cookieSecret(), demoPeople: demo.demoPeople, logger: { level: "info" } })
  const stop = async () => {
    await app.close()
    await demo.close()
  }
  try {
    const url = await listen(app, defaultHost, port)
    console.log(startMessage("Fastify", url, jwt.fromEnvironment))
  } catch (error) {
    await stop()
    throw error
  }
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.once(signal, () => {
      void stop().then(() => process.exit(0))
    })
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error)
  process.exit(1)
})
