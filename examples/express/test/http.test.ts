import type { IupClient } from "@iupkit/services"
import { hostSuite } from "../../../test/hosts/suite.js"
import { apiRoutes } from "../src/api.js"
import { documentApiRoutes } from "../src/documents.js"
import { startExpress } from "./start.js"

// Only the route table's Schemas are read here, never its operations.
const unused = {} as IupClient

hostSuite({
  name: "Express",
  bodySchemas: [...apiRoutes(unused), ...documentApiRoutes(unused)]
    .filter((route) => route.body !== undefined)
    .map((route) => ({ method: route.method, path: `/api${route.path.replace(/:(\w+)/g, "{$1}")}`, schema: route.body! })),
  start: startExpress
})
