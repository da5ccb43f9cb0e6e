import { browserSuite } from "../../../test/hosts/browser.js"
import { startExpress } from "./start.js"

browserSuite({ name: "Express", start: startExpress })
