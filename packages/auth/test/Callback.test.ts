import { describe, expect, it } from "@effect/vitest"
import { Effect } from "effect"
import { AuthenticationError, callbackAuthenticator } from "../src/index.js"

interface HostRequest {
  readonly session?: { readonly userId?: string }
}

const auth = callbackAuthenticator((request: HostRequest) => request.session?.userId)

describe("callback authenticator", () => {
  it.effect("returns the host's person", () =>
    Effect.gen(function*() {
      expect(yield* auth.authenticate({ session: { userId: "teacher-1" } })).toEqual({ personId: "teacher-1" })
    }))

  it.effect("rejects when nobody is signed in", () =>
    Effect.gen(function*() {
      const error = yield* Effect.flip(auth.authenticate({}))
      expect(error).toBeInstanceOf(AuthenticationError)
      expect(error.reason).toBe("missingPersonId")
    }))

  it.effect("rejects an invalid person id", () =>
    Effect.gen(function*() {
      const error = yield* Effect.flip(auth.authenticate({ session: { userId: "no spaces allowed" } }))
      expect(error.reason).toBe("invalidPersonId")
    }))

  it.effect("rejects when the callback fails", () =>
    Effect.gen(function*() {
      const failing = callbackAuthenticator(async (_: unknown) => {
        throw new Error("session store down")
      })
      const error = yield* Effect.flip(failing.authenticate(undefined))
      expect(error.reason).toBe("rejected")
      expect(error.detail).toContain("session store down")
    }))

  it("works as a Promise", async () => {
    await expect(auth.authenticateAsync({ session: { userId: "p-1" } })).resolves.toEqual({ personId: "p-1" })
    await expect(auth.authenticateAsync({})).rejects.toMatchObject({ _tag: "AuthenticationError", reason: "missingPersonId" })
  })
})
