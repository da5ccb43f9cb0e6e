/**
 * `npm run start:express`: the fictional school in a SQLite file under data/, served by the
 * Express host on 127.0.0.1 (port 3000 unless --port or PORT says otherwise), with the demo
 * sign-in page.
 */
import { existsSync } from "node:fs"
import { makeJwtAuthenticator } from "@iupkit/auth"
import { Effect } from "effect"
import { openDemo } from "../../data/demo/demo.js"
import { cookieSecret, databaseFile, jwtClaims, jwtSecret, openingMessage, outdatedMessage, startMessage } from "../../data/demo/settings.js"
import { createApp } from "./app.js"
import { defaultHost, listen, portFrom } from "./listen.js"

const main = async (): Promise<void> => {
  const port = portFrom(process.argv.slice(2), process.env)
  const filename = databaseFile(process.env)
  const jwt = jwtSecret(process.env)
  console.log(openingMessage(filename, existsSync(filename)))
  const demo = await openDemo(filename)
  if (demo.outdated) console.warn(outdatedMessage(filename))
  const bearer = await Effect.runPromise(makeJwtAuthenticator({ key: jwt.key, ...jwtClaims }))
  const app = createApp({ iup: demo.iup, bearer, cookieSecret: cookieSecret(), demoPeople: demo.demoPeople })
  const server = await listen(app, defaultHost, port).catch(async (error: unknown) => {
    await demo.close()
    throw error
  })
  console.log(startMessage("Express", `http://${defaultHost}:${port}`, jwt.fromEnvironment))
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.once(signal, () => {
      server.close(() => {
        void demo.close().then(() => process.exit(0))
      })
    })
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error)
  process.exit(1)
})
