/**
 * Id generators for hosts that have no scheme of their own.
 *
 * @since 0.1.0
 */
import { IdGenerator } from "@iupkit/core"
import { Effect, Layer } from "effect"
import { randomUUID } from "node:crypto"

/**
 * Random ids: the kind's name, a colon and a UUID, such as `plan:0b9f…`, so logs show what an id
 * names.
 *
 * @category ids
 * @since 0.1.0
 */
export const layerRandomIds: Layer.Layer<IdGenerator> = Layer.succeed(IdGenerator, {
  next: (kind) => Effect.sync(() => `${kind}:${randomUUID()}`)
})
