import { describe, expect, it } from "@effect/vitest"
import { Effect, Either, TestClock } from "effect"
import * as jose from "jose"
import { mkdtemp, rm, writeFile } from "node:fs/promises"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { AuthenticationError, type JwtAuthenticatorOptions, makeJwtAuthenticator } from "../src/index.js"

const issuer = "https://idp.school.test"
const audience = "iupkit"
// 2026-09-01T08:00:00Z, the time the TestClock is set to.
const now = 1_788_249_600_000
const seconds = (millis: number) => Math.floor(millis / 1000)

// Generated once per run: RSA key generation is slow.
let generated: Promise<{ rsa: jose.GenerateKeyPairResult; other: jose.GenerateKeyPairResult; ec: jose.GenerateKeyPairResult }> | undefined
const keys = Effect.promise(() => {
  generated ??= (async () => ({
    rsa: await jose.generateKeyPair("RS256", { extractable: true }),
    other: await jose.generateKeyPair("RS256", { extractable: true }),
    ec: await jose.generateKeyPair("ES256", { extractable: true })
  }))()
  return generated
})

const sign = (
  key: jose.CryptoKey,
  claims: jose.JWTPayload,
  options: { readonly alg?: string; readonly kid?: string; readonly iat?: number; readonly exp?: number } = {}
) =>
  Effect.promise(() =>
    new jose.SignJWT(claims)
      .setProtectedHeader({ alg: options.alg ?? "RS256", ...(options.kid === undefined ? {} : { kid: options.kid }) })
      .setIssuer(issuer)
      .setAudience(audience)
      .setIssuedAt(options.iat ?? seconds(now))
      .setExpirationTime(options.exp ?? seconds(now) + 600)
      .sign(key)
  )

const reasonOf = (effect: Effect.Effect<unknown, AuthenticationError>) =>
  Effect.map(Effect.either(effect), (result) => (Either.isLeft(result) ? result.left.reason : "accepted"))

const authenticator = (options: Omit<JwtAuthenticatorOptions, "issuer" | "audience">) =>
  Effect.orDie(makeJwtAuthenticator({ issuer, audience, ...options }))

describe("JWT authenticator", () => {
  it.effect("accepts a valid bearer header", () =>
    Effect.gen(function*() {
      yield* TestClock.setTime(now)
      const { rsa } = yield* keys
      const auth = yield* authenticator({ key: rsa.publicKey })
      const token = yield* sign(rsa.privateKey, { sub: "person-1" })
      expect(yield* auth.authenticate(`Bearer ${token}`)).toEqual({ personId: "person-1" })
      expect(yield* auth.authenticate(token)).toEqual({ personId: "person-1" })
    }))

  it.effect("rejects an expired token", () =>
    Effect.gen(function*() {
      yield* TestClock.setTime(now)
      const { rsa } = yield* keys
      const auth = yield* authenticator({ key: rsa.publicKey })
      const token = yield* sign(rsa.privateKey, { sub: "person-1" }, { iat: seconds(now) - 7200, exp: seconds(now) - 3600 })
      const error = yield* Effect.flip(auth.authenticate(token))
      expect(error).toBeInstanceOf(AuthenticationError)
      expect(error.reason).toBe("expired")
      expect(error.message).toContain("expired")
    }))

  it.effect("expiry follows the Effect clock", () =>
    Effect.gen(function*() {
      yield* TestClock.setTime(now)
      const { rsa } = yield* keys
      const auth = yield* authenticator({ key: rsa.publicKey, clockToleranceSeconds: 0 })
      const token = yield* sign(rsa.privateKey, { sub: "person-1" }, { exp: seconds(now) + 60 })
      expect(yield* reasonOf(auth.authenticate(token))).toBe("accepted")
      yield* TestClock.adjust("61 seconds")
      expect(yield* reasonOf(auth.authenticate(token))).toBe("expired")
    }))

  it.effect("rejects an unsigned token", () =>
    Effect.gen(function*() {
      yield* TestClock.setTime(now)
      const { rsa } = yield* keys
      const auth = yield* authenticator({ key: rsa.publicKey })
      const unsigned = new jose.UnsecuredJWT({ sub: "person-1" })
        .setIssuer(issuer)
        .setAudience(audience)
        .setExpirationTime(seconds(now) + 600)
        .encode()
      expect(yield* reasonOf(auth.authenticate(unsigned))).toBe("unsigned")
      // The same with the signature part of a real token pasted on.
      const real = yield* sign(rsa.privateKey, { sub: "person-1" })
      const forged = `${unsigned.split(".").slice(0, 2).join(".")}.${real.split(".")[2]}`
      expect(yield* reasonOf(auth.authenticate(forged))).toBe("unsigned")
    }))

  it.effect("rejects a wrongly signed token", () =>
    Effect.gen(function*() {
      yield* TestClock.setTime(now)
      const { other, rsa } = yield* keys
      const auth = yield* authenticator({ key: rsa.publicKey })
      const token = yield* sign(other.privateKey, { sub: "person-1" })
      expect(yield* reasonOf(auth.authenticate(token))).toBe("invalidSignature")
      // A changed payload under the original signature.
      const good = yield* sign(rsa.privateKey, { sub: "person-1" })
      const [head, , signature] = good.split(".")
      const payload = jose.base64url.encode(JSON.stringify({ sub: "admin", iss: issuer, aud: audience, exp: seconds(now) + 600 }))
      expect(yield* reasonOf(auth.authenticate(`${head}.${payload}.${signature}`))).toBe("invalidSignature")
    }))

  it.effect("rejects malformed tokens", () =>
    Effect.gen(function*() {
      const { rsa } = yield* keys
      const auth = yield* authenticator({ key: rsa.publicKey })
      for (const token of ["abc", "a.b.c", "x.y", "a.b.c.d.e.f", "Bearer"]) {
        expect(yield* reasonOf(auth.authenticate(token)), token).toMatch(/malformed|missingToken/)
      }
      expect(yield* reasonOf(auth.authenticate(undefined))).toBe("missingToken")
      expect(yield* reasonOf(auth.authenticate("  "))).toBe("missingToken")
    }))

  it.effect("rejects wrong issuer, audience and early tokens", () =>
    Effect.gen(function*() {
      yield* TestClock.setTime(now)
      const { rsa } = yield* keys
      const auth = yield* authenticator({ key: rsa.publicKey, clockToleranceSeconds: 0 })
      const wrongIssuer = yield* Effect.promise(() =>
        new jose.SignJWT({ sub: "p" }).setProtectedHeader({ alg: "RS256" }).setIssuer("https://evil.test")
          .setAudience(audience).setExpirationTime(seconds(now) + 60).sign(rsa.privateKey)
      )
      const wrongAudience = yield* Effect.promise(() =>
        new jose.SignJWT({ sub: "p" }).setProtectedHeader({ alg: "RS256" }).setIssuer(issuer)
          .setAudience("other-app").setExpirationTime(seconds(now) + 60).sign(rsa.privateKey)
      )
      const early = yield* sign(rsa.privateKey, { sub: "p", nbf: seconds(now) + 300 })
      expect(yield* reasonOf(auth.authenticate(wrongIssuer))).toBe("issuerMismatch")
      expect(yield* reasonOf(auth.authenticate(wrongAudience))).toBe("audienceMismatch")
      expect(yield* reasonOf(auth.authenticate(early))).toBe("notYetValid")
    }))

  it.effect("reads the configured person claim", () =>
    Effect.gen(function*() {
      yield* TestClock.setTime(now)
      const { ec } = yield* keys
      const auth = yield* authenticator({ key: ec.publicKey, personIdClaim: "person_id" })
      const good = yield* sign(ec.privateKey, { sub: "ignored", person_id: "elev-42" }, { alg: "ES256" })
      expect(yield* auth.authenticate(good)).toEqual({ personId: "elev-42" })
      const missing = yield* sign(ec.privateKey, { sub: "x" }, { alg: "ES256" })
      expect(yield* reasonOf(auth.authenticate(missing))).toBe("missingPersonId")
      const invalid = yield* sign(ec.privateKey, { person_id: "has spaces/and slashes" }, { alg: "ES256" })
      expect(yield* reasonOf(auth.authenticate(invalid))).toBe("invalidPersonId")
    }))

  it.effect("rejects algorithms not configured", () =>
    Effect.gen(function*() {
      yield* TestClock.setTime(now)
      const { ec } = yield* keys
      const auth = yield* authenticator({ key: ec.publicKey, algorithms: ["RS256"] })
      const token = yield* sign(ec.privateKey, { sub: "p" }, { alg: "ES256" })
      expect(yield* reasonOf(auth.authenticate(token))).toBe("algorithmNotAllowed")
    }))

  it.effect("verifies against a local JWKS file", () =>
    Effect.gen(function*() {
      yield* TestClock.setTime(now)
      const { other, rsa } = yield* keys
      const directory = yield* Effect.promise(() => mkdtemp(join(tmpdir(), "iupkit-auth-")))
      yield* Effect.addFinalizer(() => Effect.promise(() => rm(directory, { recursive: true, force: true })))
      const jwk = yield* Effect.promise(() => jose.exportJWK(rsa.publicKey))
      const file = join(directory, "jwks.json")
      yield* Effect.promise(() => writeFile(file, JSON.stringify({ keys: [{ ...jwk, kid: "k1", alg: "RS256" }] })))
      const auth = yield* authenticator({ jwksFile: file })
      const token = yield* sign(rsa.privateKey, { sub: "person-7" }, { kid: "k1" })
      expect(yield* auth.authenticate(token)).toEqual({ personId: "person-7" })
      const unknownKid = yield* sign(other.privateKey, { sub: "person-7" }, { kid: "k2" })
      expect(yield* reasonOf(auth.authenticate(unknownKid))).toBe("unknownKey")
      const wrongKey = yield* sign(other.privateKey, { sub: "person-7" }, { kid: "k1" })
      expect(yield* reasonOf(auth.authenticate(wrongKey))).toBe("invalidSignature")
    }).pipe(Effect.scoped))

  it.effect("verifies HS256 with a shared secret", () =>
    Effect.gen(function*() {
      yield* TestClock.setTime(now)
      const secret = new TextEncoder().encode("a shared secret of at least thirty-two bytes!")
      const auth = yield* authenticator({ key: secret })
      const token = yield* Effect.promise(() =>
        new jose.SignJWT({ sub: "p1" }).setProtectedHeader({ alg: "HS256" }).setIssuer(issuer).setAudience(audience)
          .setExpirationTime(seconds(now) + 60).sign(secret)
      )
      expect(yield* auth.authenticate(token)).toEqual({ personId: "p1" })
      const wrong = yield* Effect.promise(() =>
        new jose.SignJWT({ sub: "p1" }).setProtectedHeader({ alg: "HS256" }).setIssuer(issuer).setAudience(audience)
          .setExpirationTime(seconds(now) + 60).sign(new TextEncoder().encode("another secret of at least thirty-two bytes"))
      )
      expect(yield* reasonOf(auth.authenticate(wrong))).toBe("invalidSignature")
    }))

  it.effect("rejects unusable configuration", () =>
    Effect.gen(function*() {
      const { rsa } = yield* keys
      const none = yield* Effect.flip(makeJwtAuthenticator({ issuer, audience }))
      expect(none.setting).toBe("key")
      const both = yield* Effect.flip(makeJwtAuthenticator({ issuer, audience, key: rsa.publicKey, jwksFile: "/nonexistent" }))
      expect(both.setting).toBe("key")
      const missingFile = yield* Effect.flip(makeJwtAuthenticator({ issuer, audience, jwksFile: "/nonexistent/jwks.json" }))
      expect(missingFile.setting).toBe("jwksFile")
    }))

  it("rejects with the tagged error as a Promise", async () => {
    const { publicKey } = await jose.generateKeyPair("RS256")
    const auth = await Effect.runPromise(makeJwtAuthenticator({ issuer, audience, key: publicKey }))
    await expect(auth.authenticateAsync("a.b.c")).rejects.toMatchObject({ _tag: "AuthenticationError", reason: "malformed" })
  })
})
