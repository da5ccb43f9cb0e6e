/**
 * The JSON API under `/api` as a table of routes. Each entry names its request Schemas; the
 * router decodes bodies and path parameters with them, and the OpenAPI document is generated
 * from the same table.
 */
import {
  BodyText,
  decodeInput,
  FieldId,
  PersonId,
  PlanHeaderPatch,
  PlanId,
  PlanInput,
  Version
} from "@iupkit/core"
import { Effect, Schema } from "effect"
import { type Request, type RequestHandler, Router } from "express"
import { requireActor } from "./auth.js"

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

type AnySchema = Schema.Schema<any, any, never>

/** One API route: Express path, request Schemas, a summary for the document, and the call. */
export interface ApiRoute<P extends AnySchema = AnySchema, B extends AnySchema = AnySchema> {
  readonly method: "get" | "post" | "put" | "patch" | "delete"
  readonly path: string
  readonly summary: string
  readonly params?: P
  readonly body?: B
  readonly status?: number
  readonly run: (input: { readonly actor: PersonId; readonly params: P["Type"]; readonly body: B["Type"] }) => Promise<unknown>
}

// Keeps each entry's Schema types tied to its `run` while the table holds mixed entries.
const route = <P extends AnySchema, B extends AnySchema>(definition: ApiRoute<P, B>): ApiRoute =>
  definition as unknown as ApiRoute

/** The API's routes over the given operations, paths relative to `/api`. */
export const apiRoutes = (operations: IupOperations): ReadonlyArray<ApiRoute> => [
  route({ method: "get", path: "/me", summary: "The signed-in person", run: async ({ actor }) => ({ personId: actor }) }),
  route({
    method: "post",
    path: "/plans",
    summary: "Create one plan per pupil, all or nothing",
    body: CreatePlansBody,
    status: 201,
    run: ({ actor, body }) => operations.createPlans(actor, body)
  }),
  route({
    method: "get",
    path: "/plans/:planId",
    summary: "Read a plan with the fields and entries the actor may read",
    params: PlanParams,
    run: ({ actor, params }) => operations.readPlan(actor, params.planId)
  }),
  route({
    method: "patch",
    path: "/plans/:planId",
    summary: "Change a plan's title, dates or publication",
    params: PlanParams,
    body: UpdatePlanHeaderBody,
    run: ({ actor, params, body }) => operations.updatePlanHeader(actor, params.planId, body)
  }),
  route({
    method: "put",
    path: "/plans/:planId/fields/:fieldId",
    summary: "Write one field of a plan",
    params: PlanFieldParams,
    body: WritePlanFieldBody,
    run: ({ actor, params, body }) => operations.writePlanField(actor, params.planId, params.fieldId, body)
  }),
  route({
    method: "post",
    path: "/exports",
    summary: "Export at most 100 plans",
    body: ExportPlansBody,
    run: ({ actor, body }) => operations.exportPlans(actor, body)
  })
]

const decodePart = (schema: AnySchema | undefined, value: unknown): Promise<unknown> =>
  schema === undefined ? Promise.resolve(undefined) : Effect.runPromise(Effect.either(decodeInput(schema)(value))).then((result) => {
    if (result._tag === "Left") throw result.left
    return result.right
  })

const handlerOf = (definition: ApiRoute): RequestHandler => async (req: Request, res) => {
  // Signed-in first, so an anonymous caller learns nothing from validation errors.
  const actor = requireActor(req)
  const params = await decodePart(definition.params, req.params)
  const body = await decodePart(definition.body, req.body)
  const result = await definition.run({ actor: actor.personId, params, body })
  res.status(definition.status ?? 200).json(result)
}

/**
 * A router serving the routes, each after the `before` handlers; mount it at `/api` after body parsing, sign-in and CSRF
 * middleware. Unknown paths below it answer 404 in JSON through the error middleware.
 */
export const apiRouter = (routes: ReadonlyArray<ApiRoute>, ...before: ReadonlyArray<RequestHandler>): Router => {
  const router = Router()
  for (const definition of routes) router[definition.method](definition.path, ...before, handlerOf(definition))
  return router
}
