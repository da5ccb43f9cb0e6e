/**
 * Who is making the request: a bearer token (API clients) or the demo session cookie (browsers in
 * demo mode). Tokens are verified by a {@link BearerAuthenticator}, such as the JWT one of @iupkit/auth.
 */
import type { PersonId } from "@iupkit/core"
import type { FastifyReply, FastifyRequest } from "fastify"
import fp from "fastify-plugin"
import { UnauthenticatedError } from "./problems.js"

/**
 * Verifies an `Authorization: Bearer …` header value and resolves with the actor, or rejects with
 * an `AuthenticationError`. `makeJwtAuthenticator` from @iupkit/auth makes one.
 */
export interface BearerAuthenticator {
  readonly authenticateAsync: (header: string) => Promise<{ readonly personId: PersonId }>
}

/** The signed-in person and how they proved it. */
export interface Actor {
  readonly personId: PersonId
  /** Session actors send cookies a browser attaches by itself, so their writes need a CSRF token. */
  readonly via: "bearer" | "session"
}

declare module "fastify" {
  interface FastifyRequest {
    actor: Actor | undefined
  }
}

/** Name of the signed, HttpOnly, SameSite=Strict cookie holding the demo session. */
export const sessionCookie = "iupkit_session"

/**
 * Name of the CSRF cookie. Signing in or out clears it, so a token issued before the session
 * changed is not accepted after.
 */
export const csrfCookie = "iupkit_csrf"

const sessionHours = 8

/** Starts a demo session for a person. */
export const startSession = (reply: FastifyReply, personId: PersonId): void => {
  reply.setCookie(sessionCookie, personId, {
    signed: true,
    httpOnly: true,
    sameSite: "strict",
    path: "/",
    maxAge: sessionHours * 3600
  })
  reply.clearCookie(csrfCookie, { path: "/" })
}

/** Ends the demo session. */
export const endSession = (reply: FastifyReply): void => {
  reply.clearCookie(sessionCookie, { path: "/" })
  reply.clearCookie(csrfCookie, { path: "/" })
}

/** The signed-in actor, or an {@link UnauthenticatedError} for the error handler to answer with 401. */
export const requireActor = (request: FastifyRequest): Actor => {
  if (request.actor === undefined) throw new UnauthenticatedError("no valid bearer token or session")
  return request.actor
}

const resolveActor = async (
  request: FastifyRequest,
  bearer: BearerAuthenticator,
  sessions: boolean
): Promise<Actor | undefined> => {
  const authorization = request.headers.authorization
  if (authorization !== undefined) {
    // A bad token rejects the request (401) rather than falling back to the cookie.
    const actor = await bearer.authenticateAsync(authorization)
    return { personId: actor.personId, via: "bearer" }
  }
  const cookie = request.cookies[sessionCookie]
  if (!sessions || cookie === undefined) return undefined
  const unsigned = request.unsignCookie(cookie)
  return unsigned.valid && unsigned.value !== null ? { personId: unsigned.value as PersonId, via: "session" } : undefined
}

/** Options of {@link actorPlugin}. */
export interface ActorOptions {
  readonly bearer: BearerAuthenticator
  /** Whether session cookies count; only demo mode creates them. */
  readonly sessions: boolean
}

/** Resolves `request.actor` on every request; needs @fastify/cookie registered with a secret. */
export const actorPlugin = fp<ActorOptions>(
  async (fastify, options) => {
    fastify.decorateRequest("actor", undefined)
    fastify.addHook("onRequest", async (request) => {
      request.actor = await resolveActor(request, options.bearer, options.sessions)
    })
  },
  { name: "iupkit-actor", dependencies: ["@fastify/cookie"] }
)
