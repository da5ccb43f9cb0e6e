/**
 * Who is making the request: a bearer token (API clients) or the demo session cookie (browsers in
 * demo mode). Tokens are verified by a {@link BearerAuthenticator}, such as the JWT one of @iupkit/auth.
 */
import { randomBytes } from "node:crypto"
import { AuthenticationError } from "@iupkit/auth"
import type { PersonId } from "@iupkit/core"
import type { CookieSerializeOptions } from "@fastify/cookie"
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

/** The directory look-up sign-in needs; `IupClient["directory"]` of @iupkit/services is one. */
export interface PersonDirectory {
  readonly person: (personId: PersonId) => Promise<unknown>
}

// A token or session stays valid after the person leaves the roster, so every request checks the
// directory: the services would otherwise serve an actor with no relations and an empty name.
const unknownPersonError = (personId: PersonId): AuthenticationError =>
  new AuthenticationError({
    reason: "unknownPerson",
    detail: `the signed-in person ${personId} is not in the school's directory; sign in as a person the school lists`
  })

/** The signed-in person and how they proved it. */
export interface Actor {
  readonly personId: PersonId
  /** Session actors send cookies a browser attaches by itself, so their writes need a CSRF token. */
  readonly via: "bearer" | "session"
}

declare module "fastify" {
  interface FastifyRequest {
    actor: Actor | undefined
    /** The error that rejected the bearer token or session, raised only by routes that need an actor. */
    authenticationError: unknown
  }
}

/** Name of the signed, HttpOnly, SameSite=Strict cookie holding the demo session id. */
export const sessionCookie = "iupkit_session"

/**
 * Name of the CSRF cookie. Signing in or out clears it, so a token issued before the session
 * changed is not accepted after.
 */
export const csrfCookie = "iupkit_csrf"

const sessionSeconds = 8 * 3600

// Setting and clearing use the same attributes, because a browser keeps a cookie that a clearing
// Set-Cookie with another Path or SameSite does not match.
const sessionCookieOptions: CookieSerializeOptions = { signed: true, httpOnly: true, sameSite: "strict", path: "/" }

/**
 * The demo sessions, kept in memory: a random id (the cookie's value) names a person until the
 * session ends or expires. Signing out deletes the id, so a copied cookie stops working.
 * NOTE: sessions live in one process and end when it restarts.
 */
export class SessionStore {
  private readonly sessions = new Map<string, { readonly personId: PersonId; readonly expiresAt: number }>()

  constructor(private readonly now: () => number = Date.now) {}

  /** Starts a session and returns its id. */
  start(personId: PersonId): string {
    this.removeExpired()
    const id = randomBytes(32).toString("base64url")
    this.sessions.set(id, { personId, expiresAt: this.now() + sessionSeconds * 1000 })
    return id
  }

  /** Returns the person of a live session, or undefined for an unknown, ended or expired id. */
  personOf(id: string): PersonId | undefined {
    const session = this.sessions.get(id)
    if (session === undefined) return undefined
    if (session.expiresAt <= this.now()) {
      this.sessions.delete(id)
      return undefined
    }
    return session.personId
  }

  end(id: string): void {
    this.sessions.delete(id)
  }

  private removeExpired(): void {
    const now = this.now()
    for (const [id, session] of this.sessions) if (session.expiresAt <= now) this.sessions.delete(id)
  }
}

const sessionIdOf = (request: FastifyRequest): string | undefined => {
  const cookie = request.cookies[sessionCookie]
  if (cookie === undefined) return undefined
  const unsigned = request.unsignCookie(cookie)
  return unsigned.valid && unsigned.value !== null ? unsigned.value : undefined
}

/** Starts a demo session for a person. */
export const startSession = (sessions: SessionStore, reply: FastifyReply, personId: PersonId): void => {
  reply.setCookie(sessionCookie, sessions.start(personId), { ...sessionCookieOptions, maxAge: sessionSeconds })
  reply.clearCookie(csrfCookie, { path: "/" })
}

/** Ends the demo session of a request, on the server and in the browser. */
export const endSession = (sessions: SessionStore, request: FastifyRequest, reply: FastifyReply): void => {
  const id = sessionIdOf(request)
  if (id !== undefined) sessions.end(id)
  reply.clearCookie(sessionCookie, sessionCookieOptions)
  reply.clearCookie(csrfCookie, { path: "/" })
}

/** The signed-in actor, or an {@link UnauthenticatedError} for the error handler to answer with 401. */
export const requireActor = (request: FastifyRequest): Actor => {
  if (request.authenticationError !== undefined) throw request.authenticationError
  if (request.actor === undefined) throw new UnauthenticatedError("no valid bearer token or session")
  return request.actor
}

const credentialActor = async (
  request: FastifyRequest,
  bearer: BearerAuthenticator,
  sessions: SessionStore | undefined
): Promise<Actor | undefined> => {
  const authorization = request.headers.authorization
  if (authorization !== undefined) {
    const actor = await bearer.authenticateAsync(authorization)
    return { personId: actor.personId, via: "bearer" }
  }
  const id = sessions === undefined ? undefined : sessionIdOf(request)
  const personId = id === undefined ? undefined : sessions?.personOf(id)
  return personId === undefined ? undefined : { personId, via: "session" }
}

const resolveActor = async (request: FastifyRequest, options: ActorOptions): Promise<Actor | undefined> => {
  // A rejected credential fails every route that needs an actor (401) rather than falling back to
  // the cookie, while unknown routes still return 404.
  try {
    const actor = await credentialActor(request, options.bearer, options.sessions)
    if (actor !== undefined && (await options.directory.person(actor.personId)) === undefined) throw unknownPersonError(actor.personId)
    return actor
  } catch (error) {
    request.authenticationError = error
    return undefined
  }
}

/** Options of {@link actorPlugin}. */
export interface ActorOptions {
  readonly bearer: BearerAuthenticator
  /** The demo sessions; undefined outside demo mode, where session cookies do not count. */
  readonly sessions: SessionStore | undefined
  /** The directory that must list every signed-in person. */
  readonly directory: PersonDirectory
}

/** Resolves `request.actor` on every request; needs @fastify/cookie registered with a secret. */
export const actorPlugin = fp<ActorOptions>(
  async (fastify, options) => {
    fastify.decorateRequest("actor", undefined)
    fastify.decorateRequest("authenticationError", undefined)
    fastify.addHook("onRequest", async (request) => {
      request.actor = await resolveActor(request, options)
    })
  },
  { name: "iupkit-actor", dependencies: ["@fastify/cookie"] }
)
