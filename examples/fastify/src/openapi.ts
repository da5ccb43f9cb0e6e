/**
 * The OpenAPI 3.1 document, collected from the routes themselves: every route declares its
 * request Schemas in `schema.body` and `schema.params`, the validator compiler decodes with them,
 * and this plugin turns the same Schemas into JSON Schema, so the document cannot drift from
 * what the server accepts.
 */
import { JSONSchema, type Schema } from "effect"
import type { RouteOptions } from "fastify"
import fp from "fastify-plugin"

type AnySchema = Schema.Schema<unknown, unknown, never>

/** Route options read by the document: the summary and the effect Schemas of the request. */
export interface DocumentedSchema {
  readonly body?: AnySchema
  readonly params?: AnySchema
}

declare module "fastify" {
  interface FastifyContextConfig {
    /** One line for the OpenAPI document; routes without it are left out of the document. */
    readonly summary?: string
    /** The OpenAPI content of a request body that is not JSON, such as a multipart upload. */
    readonly requestContent?: Readonly<Record<string, unknown>>
    /** The OpenAPI content of a successful response that is not JSON, such as a file. */
    readonly responseContent?: Readonly<Record<string, unknown>>
  }
}

/** Where a route's request body schema sits in the document: named Schemas go to components. */
export const componentsPath = "#/components/schemas/"

const toOpenApiPath = (url: string): string => url.replace(/:(\w+)/g, "{$1}")

const errorSchema = {
  type: "object",
  required: ["error"],
  properties: {
    error: {
      type: "object",
      required: ["tag", "message"],
      properties: { tag: { type: "string" }, message: { type: "string" } },
      additionalProperties: true
    }
  }
}

const buildDocument = (routes: ReadonlyArray<RouteOptions>, info: { title: string; version: string }) => {
  const definitions: Record<string, JSONSchema.JsonSchema7> = {}
  const toJsonSchema = (schema: AnySchema) =>
    JSONSchema.fromAST(schema.ast, { definitions, definitionPath: componentsPath, target: "openApi3.1" })
  const paths: Record<string, Record<string, unknown>> = {}
  for (const route of routes) {
    const summary = route.config?.summary
    const { requestContent, responseContent } = route.config ?? {}
    if (summary === undefined) continue
    const schemas = (route.schema ?? {}) as DocumentedSchema
    const methods = Array.isArray(route.method) ? route.method : [route.method]
    const params = schemas.params === undefined ? undefined : toJsonSchema(schemas.params)
    const parameters =
      params !== undefined && "properties" in params
        ? Object.entries(params.properties).map(([name, schema]) => ({ name, in: "path", required: true, schema }))
        : []
    for (const method of methods) {
      paths[toOpenApiPath(route.url)] ??= {}
      paths[toOpenApiPath(route.url)]![method.toLowerCase()] = {
        summary,
        ...(parameters.length > 0 ? { parameters } : {}),
        ...(schemas.body === undefined
          ? {}
          : { requestBody: { required: true, content: { "application/json": { schema: toJsonSchema(schemas.body) } } } }),
        ...(requestContent === undefined ? {} : { requestBody: { required: true, content: requestContent } }),
        security: [{ bearer: [] }],
        responses: {
          "200": { description: "The result of the operation", ...(responseContent === undefined ? {} : { content: responseContent }) },
          default: {
            description: "An error: 400 invalid input, 401 not signed in, 403 forbidden, 404 not found, 409 version conflict, 413 file too large, 422 export limit or pupils without mentor",
            content: { "application/json": { schema: { $ref: `${componentsPath}Error` } } }
          }
        }
      }
    }
  }
  return {
    openapi: "3.1.0",
    info,
    paths,
    components: {
      schemas: { ...definitions, Error: errorSchema },
      securitySchemes: { bearer: { type: "http", scheme: "bearer", bearerFormat: "JWT" } }
    }
  }
}

/**
 * Collects every route registered after it and serves the document at `/openapi.json`. Register
 * it before the routes it should describe.
 */
export const openApiPlugin = fp<{ readonly title: string; readonly version: string }>(
  async (fastify, options) => {
    const routes: Array<RouteOptions> = []
    fastify.addHook("onRoute", (route) => {
      routes.push(route)
    })
    let document: unknown
    fastify.get("/openapi.json", async () => {
      document ??= buildDocument(routes, { title: options.title, version: options.version })
      return document
    })
  },
  { name: "iupkit-openapi" }
)
