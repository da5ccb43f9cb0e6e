/**
 * Every service in one layer, built on the ports a host provides.
 *
 * @since 0.1.0
 */
import { Layer } from "effect"
import { Administration } from "./Administration.js"
import { Documents } from "./Documents.js"
import { Exports } from "./Exports.js"
import { Mentoring } from "./Mentoring.js"
import { Plans } from "./Plans.js"
import { Guardians, Pupils } from "./Pupils.js"
import { Teaching } from "./Teaching.js"

/**
 * Every service tag.
 *
 * @category services
 * @since 0.1.0
 */
export type IupServices = Administration | Plans | Mentoring | Teaching | Pupils | Guardians | Exports | Documents

/**
 * A layer of every service. It needs storage (every store and the transactor), the directory
 * and an id generator; the site settings are optional.
 *
 * @category services
 * @since 0.1.0
 */
export const layerIupServices = Layer.mergeAll(
  Administration.layer,
  Plans.layer,
  Mentoring.layer,
  Teaching.layer,
  Pupils.layer,
  Guardians.layer,
  Exports.layer,
  Documents.layer
)
