// Starts the Express host as test/hosts/suite.ts and test/hosts/browser.ts expect it.
import { Writable } from "node:stream"
import type { RunningHost, SuiteHostOptions } from "../../../test/hosts/suite.js"
import { createApp } from "../src/app.js"
import { listen } from "../src/listen.js"

export const startExpress = async (options: SuiteHostOptions): Promise<RunningHost> => {
  const logDestination = new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split("\n")) if (line !== "") options.logLine(line)
      done()
    }
  })
  const server = await listen(createApp({ ...options, logDestination }), "127.0.0.1", options.port)
  const address = server.address()
  if (address === null || typeof address === "string") throw new Error("the server has no TCP address")
  return {
    url: `http://127.0.0.1:${address.port}`,
    close: () => new Promise<void>((resolve, reject) => server.close((error) => (error === undefined ? resolve() : reject(error))))
  }
}
