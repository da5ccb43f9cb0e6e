/**
 * An authenticator for verified JWT bearer tokens. The host configures a key (or a local JWKS
 * file), the expected issuer and audience, and the claim holding the person id. Expired, unsigned,
 * wrongly signed and malformed tokens fail with an {@link AuthenticationError} giving the reason.
 *
 * @since 0.1.0
 */
import { type Actor, PersonId } from "@iupkit/core"
import { Clock, Effect, Either, Schema } from "effect"
import * as jose from "jose"
import { readFile } from "node:fs/promises"
import { AuthConfigError, AuthenticationError, type AuthenticationFailure } from "./AuthenticationError.js"

/**
 * Settings of {@link makeJwtAuthenticator}. Give exactly one of `key`, `jwks` or `jwksFile`.
 *
 * @category jwt
 * @since 0.1.0
 */
export interface JwtAuthenticatorOptions {
  /** A verification key: a public key or secret as a KeyObject or CryptoKey, raw secret bytes, or a JWK. */
  readonly key?: jose.CryptoKey | import("node:crypto").KeyObject | Uint8Array | jose.JWK
  /** A JSON Web Key Set held in memory; the token's `kid` picks the key. */
  readonly jwks?: jose.JSONWebKeySet
  /** Path of a local file holding a JSON Web Key Set. Read once, when the authenticator is made. */
  readonly jwksFile?: string
  /** Expected `iss`; one or several accepted values. */
  readonly issuer: string | ReadonlyArray<string>
  /** Expected `aud`; one or several accepted values. */
  readonly audience: string | ReadonlyArray<string>
  /** Claim holding the person id as the directory knows it; default `sub`. */
  readonly personIdClaim?: string
  /** Accepted signature algorithms; default RS256, PS256, ES256 and EdDSA, or HS256 for a secret. */
  readonly algorithms?: ReadonlyArray<string>
  /** Seconds of clock difference tolerated on `exp` and `nbf`; default 30. */
  readonly clockToleranceSeconds?: number
}

/**
 * Verifies bearer tokens.
 *
 * @category jwt
 * @since 0.1.0
 */
export interface JwtAuthenticator {
  /** The actor named by a token, given raw or as an `Authorization: Bearer …` header value. */
  readonly authenticate: (tokenOrHeader: string | null | undefined) => Effect.Effect<Actor, AuthenticationError>
  /** The same as a Promise, rejecting with the {@link AuthenticationError}. */
  readonly authenticateAsync: (tokenOrHeader: string | null | undefined) => Promise<Actor>
}

const fail = (reason: AuthenticationFailure, detail: string) => new AuthenticationError({ reason, detail })

const asymmetricAlgorithms = ["RS256", "PS256", "ES256", "EdDSA"]

type VerificationKey = jose.CryptoKey | import("node:crypto").KeyObject | Uint8Array | jose.JWTVerifyGetKey

const isJwk = (key: NonNullable<JwtAuthenticatorOptions["key"]>): key is jose.JWK =>
  !(key instanceof Uint8Array) && "kty" in key && typeof key.kty === "string"

const loadKey = (options: JwtAuthenticatorOptions): Effect.Effect<VerificationKey, AuthConfigError> => {
  const given = [options.key, options.jwks, options.jwksFile].filter((value) => value !== undefined).length
  if (given !== 1) {
    return Effect.fail(new AuthConfigError({ setting: "key", detail: `give exactly one of key, jwks or jwksFile (got ${given})` }))
  }
  if (options.jwksFile !== undefined) {
    const path = options.jwksFile
    return Effect.tryPromise({
      try: async () => jose.createLocalJWKSet(JSON.parse(await readFile(path, "utf8")) as jose.JSONWebKeySet),
      catch: (error) => new AuthConfigError({ setting: "jwksFile", detail: `cannot read a JWKS from ${path}: ${String(error)}` })
    })
  }
  if (options.jwks !== undefined) {
    const jwks = options.jwks
    return Effect.try({
      try: () => jose.createLocalJWKSet(jwks),
      catch: (error) => new AuthConfigError({ setting: "jwks", detail: String(error) })
    })
  }
  const key = options.key!
  if (!isJwk(key)) return Effect.succeed(key)
  return Effect.tryPromise({
    try: () => jose.importJWK(key, key.alg ?? (key.kty === "oct" ? "HS256" : undefined)),
    catch: (error) => new AuthConfigError({ setting: "key", detail: `cannot import the JWK: ${String(error)}` })
  })
}

const claimFailure = (error: jose.errors.JWTClaimValidationFailed): AuthenticationError => {
  switch (error.claim) {
    case "iss":
      return fail("issuerMismatch", "the token's issuer (iss) is not the configured one")
    case "aud":
      return fail("audienceMismatch", "the token's audience (aud) does not include the configured one")
    case "nbf":
      return fail("notYetValid", "the token is not valid yet (nbf lies in the future)")
    default:
      return fail("claimInvalid", `the token's ${error.claim} claim failed validation (${error.reason})`)
  }
}

const failureOf = (error: unknown): AuthenticationError => {
  if (error instanceof jose.errors.JWTExpired) return fail("expired", "the token has expired (exp lies in the past)")
  if (error instanceof jose.errors.JWTClaimValidationFailed) return claimFailure(error)
  if (error instanceof jose.errors.JWSSignatureVerificationFailed) {
    return fail("invalidSignature", "the token's signature does not match the configured key")
  }
  if (error instanceof jose.errors.JOSEAlgNotAllowed) {
    return fail("algorithmNotAllowed", "the token is signed with an algorithm that is not accepted")
  }
  if (error instanceof jose.errors.JWKSNoMatchingKey) return fail("unknownKey", "no configured key matches the token's kid and algorithm")
  if (error instanceof jose.errors.JOSEError) return fail("malformed", `the token could not be verified: ${error.message}`)
  return fail("malformed", "the token could not be verified")
}

const bearerToken = (tokenOrHeader: string | null | undefined): Either.Either<string, AuthenticationError> => {
  const trimmed = (tokenOrHeader ?? "").trim()
  const token = /^bearer\s+/i.test(trimmed) ? trimmed.replace(/^bearer\s+/i, "") : trimmed
  return token === "" ? Either.left(fail("missingToken", "no bearer token was given")) : Either.right(token)
}

const decodePersonId = Schema.decodeUnknownEither(PersonId)

/**
 * Builds a JWT authenticator, reading the JWKS file when one is configured. The current time for
 * `exp` and `nbf` comes from Effect's Clock, so tests can move it.
 *
 * @category jwt
 * @since 0.1.0
 */
export const makeJwtAuthenticator = (options: JwtAuthenticatorOptions): Effect.Effect<JwtAuthenticator, AuthConfigError> =>
  Effect.gen(function*() {
    const key = yield* loadKey(options)
    const claim = options.personIdClaim ?? "sub"
    if (claim.trim() === "") return yield* Effect.fail(new AuthConfigError({ setting: "personIdClaim", detail: "must not be empty" }))
    const symmetric = key instanceof Uint8Array || (typeof key === "object" && "type" in key && key.type === "secret")
    const algorithms = [...(options.algorithms ?? (symmetric ? ["HS256"] : asymmetricAlgorithms))]
    const verifyOptions = {
      issuer: typeof options.issuer === "string" ? options.issuer : [...options.issuer],
      audience: typeof options.audience === "string" ? options.audience : [...options.audience],
      algorithms,
      clockTolerance: options.clockToleranceSeconds ?? 30
    }

    const authenticate = (tokenOrHeader: string | null | undefined): Effect.Effect<Actor, AuthenticationError> =>
      Effect.gen(function*() {
        const token = yield* bearerToken(tokenOrHeader)
        const header = yield* Effect.try({
          try: () => jose.decodeProtectedHeader(token),
          catch: () => fail("malformed", "the token is not a compact JWS (three base64url parts)")
        })
        if (typeof header.alg !== "string" || header.alg.toLowerCase() === "none") {
          return yield* Effect.fail(fail("unsigned", "the token is unsigned (alg none); only signed tokens are accepted"))
        }
        const nowMillis = yield* Clock.currentTimeMillis
        const verified = yield* Effect.tryPromise({
          // Two calls with the same arguments, because jose's overloads take a key set or a key, not the union.
          try: () =>
            typeof key === "function"
              ? jose.jwtVerify(token, key, { ...verifyOptions, currentDate: new Date(nowMillis) })
              : jose.jwtVerify(token, key, { ...verifyOptions, currentDate: new Date(nowMillis) }),
          catch: failureOf
        })
        const value = verified.payload[claim]
        if (value === undefined || value === null || value === "") {
          return yield* Effect.fail(fail("missingPersonId", `the token has no ${claim} claim naming the person`))
        }
        const personId = decodePersonId(value)
        if (Either.isLeft(personId)) {
          return yield* Effect.fail(fail("invalidPersonId", `the token's ${claim} claim is not a valid person id`))
        }
        return { personId: personId.right }
      })

    return {
      authenticate,
      authenticateAsync: (tokenOrHeader) =>
        Effect.runPromise(Effect.either(authenticate(tokenOrHeader))).then(
          Either.match({
            onLeft: (error) => Promise.reject(error),
            onRight: (actor) => actor
          })
        )
    }
  })
