// Turns a record of operations that need the ports into a service whose methods need nothing,
// by capturing the context once when the layer is built.
import { Context, Effect } from "effect"
import type { ServicePorts } from "./session.js"

type Operation = (...args: ReadonlyArray<any>) => Effect.Effect<any, any, ServicePorts>

export type Bound<Operations extends Record<string, Operation>> = {
  readonly [K in keyof Operations]: Operations[K] extends (...args: infer Args) => Effect.Effect<infer A, infer E, ServicePorts>
    ? (...args: Args) => Effect.Effect<A, E>
    : never
}

export const bindOperations = <Operations extends Record<string, Operation>>(
  operations: Operations
): Effect.Effect<Bound<Operations>, never, ServicePorts> =>
  Effect.map(Effect.context<ServicePorts>(), (context: Context.Context<ServicePorts>) => {
    const bound: Record<string, unknown> = {}
    for (const [name, operation] of Object.entries(operations)) {
      bound[name] = (...args: ReadonlyArray<unknown>) => Effect.provide(operation(...args), context)
    }
    return bound as Bound<Operations>
  })
