/**
 * An authenticator for hosts that have already signed the person in: the host's callback returns
 * the person id (or nothing, when nobody is signed in), and iupkit checks it is a valid id.
 *
 * @since 0.1.0
 */
import { type Actor, PersonId } from "@iupkit/core"
import { Effect, Either, Schema } from "effect"
import { AuthenticationError } from "./AuthenticationError.js"

/**
 * Resolves the person behind a host request.
 *
 * @category callback
 * @since 0.1.0
 */
export type ResolvePerson<Request> = (request: Request) => string | null | undefined | Promise<string | null | undefined>

/**
 * Turns host requests into actors.
 *
 * @category callback
 * @since 0.1.0
 */
export interface CallbackAuthenticator<Request> {
  readonly authenticate: (request: Request) => Effect.Effect<Actor, AuthenticationError>
  /** The same as a Promise, rejecting with the {@link AuthenticationError}. */
  readonly authenticateAsync: (request: Request) => Promise<Actor>
}

const decodePersonId = Schema.decodeUnknownEither(PersonId)

/**
 * Builds an authenticator from the host's own resolution of the signed-in person. A callback that
 * throws or rejects fails with reason `rejected`; one that returns nothing with `missingPersonId`.
 *
 * @category callback
 * @since 0.1.0
 */
export const callbackAuthenticator = <Request>(resolve: ResolvePerson<Request>): CallbackAuthenticator<Request> => {
  const authenticate = (request: Request): Effect.Effect<Actor, AuthenticationError> =>
    Effect.gen(function*() {
      const value = yield* Effect.tryPromise({
        try: async () => resolve(request),
        catch: (error) =>
          new AuthenticationError({ reason: "rejected", detail: `the host's sign-in callback failed: ${String(error)}` })
      })
      if (value === null || value === undefined || value === "") {
        return yield* Effect.fail(new AuthenticationError({ reason: "missingPersonId", detail: "the host reports nobody signed in" }))
      }
      const personId = decodePersonId(value)
      if (Either.isLeft(personId)) {
        return yield* Effect.fail(
          new AuthenticationError({ reason: "invalidPersonId", detail: "the host's person id is not a valid id (1 to 128 of A-Z a-z 0-9 _ . : -)" })
        )
      }
      return { personId: personId.right }
    })
  return {
    authenticate,
    authenticateAsync: (request) =>
      Effect.runPromise(Effect.either(authenticate(request))).then(
        Either.match({ onLeft: (error) => Promise.reject(error), onRight: (actor) => actor })
      )
  }
}
