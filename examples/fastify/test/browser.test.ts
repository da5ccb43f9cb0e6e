import { browserSuite } from "../../../test/hosts/browser.js"
import { startFastify } from "./start.js"

browserSuite({ name: "Fastify", start: startFastify })
