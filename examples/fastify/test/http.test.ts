import { Writable } from "node:stream"
import { hostSuite } from "../../../test/hosts/suite.js"
import * as Api from "../src/schemas.js"
import { buildApp } from "../src/app.js"
import { listen } from "../src/listen.js"

hostSuite({
  name: "Fastify",
  bodySchemas: [
    { method: "post", path: "/api/mentor/plans", schema: Api.CreatePlansBody },
    { method: "patch", path: "/api/plans/{planId}", schema: Api.UpdatePlanHeaderBody },
    { method: "put", path: "/api/plans/{planId}/fields/{fieldId}", schema: Api.UpdatePlanFieldBody },
    { method: "post", path: "/api/assessments", schema: Api.CreateAssessmentBody },
    { method: "put", path: "/api/assessments/{assessmentId}/entries/{pupilId}", schema: Api.WriteEntryBody },
    { method: "post", path: "/api/assessments/{assessmentId}/levels", schema: Api.SetLevelsBody },
    { method: "put", path: "/api/assessments/{assessmentId}/self-assessment", schema: Api.SelfAssessmentBody },
    { method: "post", path: "/api/exports", schema: Api.ExportPlansBody },
    { method: "post", path: "/api/templates", schema: Api.CreateTemplateBody },
    { method: "post", path: "/api/grading-scales", schema: Api.CreateGradingScaleBody },
    { method: "post", path: "/api/organisation-plans", schema: Api.OrganisationPlansBody },
    { method: "post", path: "/api/pupils/{pupilId}/imported-plans", schema: Api.ImportPlanBody }
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
