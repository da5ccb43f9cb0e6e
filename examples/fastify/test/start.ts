// Starts the Fastify host as test/hosts/suite.ts and test/hosts/browser.ts expect it.
import { Writable } from "node:stream"
import type { RunningHost, SuiteHostOptions } from "../../../test/hosts/suite.js"
import { buildApp } from "../src/app.js"
import { listen } from "../src/listen.js"

export const startFastify = async (options: SuiteHostOptions): Promise<RunningHost> => {
  const stream = new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split("\n")) if (line !== "") options.logLine(line)
      done()
    }
  })
  const app = await buildApp({ ...options, logger: { level: "info", stream } })
  try {
    const url = await listen(app, "127.0.0.1", options.port)
    return { url, close: () => app.close() }
  } catch (error) {
    await app.close()
    throw error
  }
}
