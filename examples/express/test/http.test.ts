import { Writable } from "node:stream"
import type { IupClient } from "@iupkit/services"
import { hostSuite } from "../../../test/hosts/suite.js"
import { apiRoutes } from "../src/api.js"
import { documentApiRoutes } from "../src/documents.js"
import { createApp } from "../src/app.js"
import { listen } from "../src/listen.js"

// Only the route table's Schemas are read here, never its operations.
const unused = {} as IupClient

hostSuite({
  name: "Express",
  bodySchemas: [...apiRoutes(unused), ...documentApiRoutes(unused)]
    .filter((route) => route.body !== undefined)
    .map((route) => ({ method: route.method, path: `/api${route.path.replace(/:(\w+)/g, "{$1}")}`, schema: route.body! })),
  start: async (options) => {
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
})
