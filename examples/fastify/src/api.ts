/**
 * The JSON API under `/api`, as an encapsulated plugin: its validator compiler decodes request
 * bodies and path parameters with effect Schemas, and its error and not-found handlers answer in
 * JSON, while the pages outside keep their HTML handlers.
 */
import {
  BodyText,
  decodeInputEither,
  FieldId,
  PersonId,
  PlanHeaderPatch,
  PlanId,
  PlanInput,
  Version
} from "@iupkit/core"
import { Either, Schema } from "effect"
import type { FastifyPluginAsync, FastifyReply } from "fastify"
import { requireActor } from "./auth.js"
import { logCaughtError } from "./logging.js"
import { problemOf } from "./problems.js"

/** Body of a bulk plan creation: one plan per pupil, all or nothing. */
export const CreatePlansBody = Schema.Struct({
  pupilIds: Schema.NonEmptyArray(PersonId),
  plan: PlanInput,
  skipPupilsWithoutMentor: Schema.optional(Schema.Boolean)
})

/** Body of a plan header change, naming the header version it was based on. */
export const UpdatePlanHeaderBody = Schema.Struct({ headerVersion: Version, patch: PlanHeaderPatch })

/** Body of a field write, naming the field version it was based on. */
export const WritePlanFieldBody = Schema.Struct({ version: Version, value: BodyText })

/** Body of a plan export. */
export const ExportPlansBody = Schema.Struct({ planIds: Schema.Array(PlanId) })

const PlanParams = Schema.Struct({ planId: PlanId })
const PlanFieldParams = Schema.Struct({ planId: PlanId, fieldId: FieldId })

/**
 * The service operations the API calls. Each resolves with a JSON-serialisable result or rejects
 * with one of the core's tagged errors.
 */
export interface IupOperations {
  readonly readPlan: (actor: PersonId, planId: PlanId) => Promise<unknown>
  readonly createPlans: (actor: PersonId, body: typeof CreatePlansBody.Type) => Promise<unknown>
  readonly updatePlanHeader: (actor: PersonId, planId: PlanId, body: typeof UpdatePlanHeaderBody.Type) => Promise<unknown>
  readonly writePlanField: (
    actor: PersonId,
    planId: PlanId,
    fieldId: FieldId,
    body: typeof WritePlanFieldBody.Type
  ) => Promise<unknown>
  readonly exportPlans: (actor: PersonId, body: typeof ExportPlansBody.Type) => Promise<unknown>
}

const unsafeMethods = new Set(["POST", "PUT", "PATCH", "DELETE"])

/** Sends an error as `{ error: { tag, message, ...data } }` with its status. */
export const sendJsonProblem = (reply: FastifyReply, error: unknown): FastifyReply => {
  const problem = problemOf(error)
  logCaughtError(reply, problem.status, problem.tag)
  return reply
    .status(problem.status)
    .type("application/json; charset=utf-8")
    .send({ error: { tag: problem.tag, message: problem.message, ...problem.data } })
}

/** Registers the API routes; mount with `prefix: "/api"`. */
export const apiPlugin: FastifyPluginAsync<{ readonly operations: IupOperations }> = async (fastify, options) => {
  const { operations } = options

  fastify.setValidatorCompiler(({ schema }) => {
    const decode = decodeInputEither(schema as Schema.Schema<unknown, unknown, never>)
    return (data) => Either.match(decode(data), { onLeft: (error) => ({ error }), onRight: (value) => ({ value }) })
  })
  fastify.setErrorHandler((error, _request, reply) => sendJsonProblem(reply, error))
  fastify.setNotFoundHandler((request, reply) =>
    reply.status(404).send({
      error: { tag: "NotFoundError", message: `No API route ${request.method} ${request.url.split("?")[0]}` }
    })
  )

  // Every API route needs a signed-in actor, checked before the body is decoded.
  fastify.addHook("onRequest", async (request) => {
    requireActor(request)
  })

  // Browsers attach the session cookie on their own, so cookie-authenticated writes need the CSRF
  // token; bearer tokens are never sent implicitly.
  fastify.addHook("preValidation", (request, reply, done) => {
    if (unsafeMethods.has(request.method) && request.actor?.via === "session") {
      fastify.csrfProtection(request, reply, done)
    } else done()
  })

  fastify.get("/me", { config: { summary: "The signed-in person" } }, async (request) => ({
    personId: requireActor(request).personId
  }))

  fastify.post(
    "/plans",
    { schema: { body: CreatePlansBody }, config: { summary: "Create one plan per pupil, all or nothing" } },
    async (request, reply) => {
      const body = request.body as typeof CreatePlansBody.Type
      return reply.status(201).send(await operations.createPlans(requireActor(request).personId, body))
    }
  )

  fastify.get(
    "/plans/:planId",
    { schema: { params: PlanParams }, config: { summary: "Read a plan with the fields and entries the actor may read" } },
    async (request) => {
      const params = request.params as typeof PlanParams.Type
      return operations.readPlan(requireActor(request).personId, params.planId)
    }
  )

  fastify.patch(
    "/plans/:planId",
    {
      schema: { params: PlanParams, body: UpdatePlanHeaderBody },
      config: { summary: "Change a plan's title, dates or publication" }
    },
    async (request) => {
      const params = request.params as typeof PlanParams.Type
      const body = request.body as typeof UpdatePlanHeaderBody.Type
      return operations.updatePlanHeader(requireActor(request).personId, params.planId, body)
    }
  )

  fastify.put(
    "/plans/:planId/fields/:fieldId",
    {
      schema: { params: PlanFieldParams, body: WritePlanFieldBody },
      config: { summary: "Write one field of a plan" }
    },
    async (request) => {
      const params = request.params as typeof PlanFieldParams.Type
      const body = request.body as typeof WritePlanFieldBody.Type
      return operations.writePlanField(requireActor(request).personId, params.planId, params.fieldId, body)
    }
  )

  fastify.post(
    "/exports",
    { schema: { body: ExportPlansBody }, config: { summary: "Export at most 100 plans" } },
    async (request) => {
      const body = request.body as typeof ExportPlansBody.Type
      return operations.exportPlans(requireActor(request).personId, body)
    }
  )
}
