import { Writable } from "node:stream"
import { hostSuite } from "../../../test/hosts/suite.js"
import { CreatePlansBody, ExportPlansBody, UpdatePlanHeaderBody, WritePlanFieldBody } from "../src/api.js"
import { buildApp } from "../src/app.js"
import { listen } from "../src/listen.js"

hostSuite({
  name: "Fastify",
  bodySchemas: [
    { method: "post", path: "/api/plans", schema: CreatePlansBody },
    { method: "patch", path: "/api/plans/{planId}", schema: UpdatePlanHeaderBody },
    { method: "put", path: "/api/plans/{planId}/fields/{fieldId}", schema: WritePlanFieldBody },
    { method: "post", path: "/api/exports", schema: ExportPlansBody }
  ],
  start: async (options) => {
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
})
