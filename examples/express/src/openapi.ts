/**
 * The OpenAPI 3.1 document, generated from the API's route table: the same Schemas that decode
 * each request become its JSON Schema here, so the document cannot drift from the server.
 */
import { JSONSchema } from "effect"
import type { ApiRoute } from "./api.js"

/** Where named Schemas of request bodies and parameters go in the document. */
export const componentsPath = "#/components/schemas/"

const errorBody = {
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

/** The description of every operation's error response. */
export const errorDescription =
  "An error: 400 invalid input, 401 not signed in, 403 forbidden, 404 not found, 409 version conflict, 413 file too large, 422 export limit or pupils without mentor"

/**
 * Builds the document for routes mounted under `prefix`. `otherOperations` adds operations the
 * route table cannot describe, such as uploads and downloads, keyed by path and method.
 */
export const openApiDocument = (
  routes: ReadonlyArray<ApiRoute>,
  prefix: string,
  info: { title: string; version: string },
  otherOperations: Readonly<Record<string, Readonly<Record<string, unknown>>>> = {}
) => {
  const definitions: Record<string, JSONSchema.JsonSchema7> = {}
  const jsonSchemaOf = (route: ApiRoute, part: "params" | "body") => {
    const schema = route[part]
    return schema === undefined
      ? undefined
      : JSONSchema.fromAST(schema.ast, { definitions, definitionPath: componentsPath, target: "openApi3.1" })
  }

  const paths: Record<string, Record<string, unknown>> = {}
  for (const route of routes) {
    const path = `${prefix}${route.path}`.replace(/:(\w+)/g, "{$1}")
    const params = jsonSchemaOf(route, "params")
    const body = jsonSchemaOf(route, "body")
    const operation: Record<string, unknown> = { summary: route.summary, security: [{ bearer: [] }] }
    if (params !== undefined && "properties" in params) {
      operation.parameters = Object.entries(params.properties).map(([name, schema]) => ({ name, in: "path", required: true, schema }))
    }
    if (body !== undefined) {
      operation.requestBody = { required: true, content: { "application/json": { schema: body } } }
    }
    operation.responses = {
      [String(route.status ?? 200)]: { description: "The result of the operation" },
      default: {
        description: errorDescription,
        content: { "application/json": { schema: { $ref: `${componentsPath}Error` } } }
      }
    }
    paths[path] = { ...paths[path], [route.method]: operation }
  }
  for (const [path, operations] of Object.entries(otherOperations)) paths[path] = { ...paths[path], ...operations }

  return {
    openapi: "3.1.0",
    info,
    paths,
    components: {
      schemas: { ...definitions, Error: errorBody },
      securitySchemes: { bearer: { type: "http", scheme: "bearer", bearerFormat: "JWT" } }
    }
  }
}
