import { hostSuite } from "../../../test/hosts/suite.js"
import * as Api from "../src/schemas.js"
import { startFastify } from "./start.js"

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
  start: startFastify
})
