/**
 * Who is making the request: a bearer token (API clients) or the demo session cookie (browsers in
 * demo mode). Tokens are verified by a {@link BearerAuthenticator}, such as the JWT one of @iupkit/auth.
 */
import { randomUUID } from "node:crypto"
import { AuthenticationError } from "@iupkit/auth"
import type { PersonId } from "@iupkit/core"
import type { CookieOptions, Request, RequestHandler, Response } from "express"
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

declare global {
  // Express types its request through this global namespace.
  namespace Express {
    interface Request {
      actor?: Actor | undefined
      /** The error that rejected the bearer token or session, raised only by routes that need an actor. */
      authenticationError?: unknown
    }
  }
}

/** Name of the signed, HttpOnly, SameSite=Strict cookie holding the demo session id. */
export const sessionCookie = "iupkit_session"

/**
 * Name of the CSRF cookie. Signing in or out clears it, so a token issued before the session
 * changed is not accepted after.
 */
export const csrfCookie = "iupkit_csrf"

const sessionMilliseconds = 8 * 3600 * 1000

// The clearing Set-Cookie repeats these attributes, because browsers only replace a cookie whose
// Path and flags match.
const sessionCookieOptions: CookieOptions = { signed: true, httpOnly: true, sameSite: "strict", path: "/" }

interface Session {
  readonly personId: PersonId
  readonly expiresAt: number
}

/**
 * Demo sessions in memory. The cookie carries only a random id, so ending a session here makes
 * every copy of its cookie worthless. NOTE: one process only, and a restart signs everyone out.
 */
export class SessionStore {
  private readonly byId = new Map<string, Session>()

  constructor(private readonly clock: () => number = Date.now) {}

  /** Opens a session for a person and returns the id for the cookie. */
  open(personId: PersonId): string {
    const now = this.clock()
    for (const [id, session] of this.byId) if (session.expiresAt <= now) this.byId.delete(id)
    const id = randomUUID()
    this.byId.set(id, { personId, expiresAt: now + sessionMilliseconds })
    return id
  }

  /** Returns the person signed in under an id, or undefined when the session ended, expired or never was. */
  lookup(id: string): PersonId | undefined {
    const session = this.byId.get(id)
    if (session !== undefined && session.expiresAt > this.clock()) return session.personId
    this.byId.delete(id)
    return undefined
  }

  close(id: string): void {
    this.byId.delete(id)
  }
}

const sessionIdOf = (req: Request): string | undefined => {
  const signed: unknown = req.signedCookies?.[sessionCookie]
  return typeof signed === "string" && signed !== "" ? signed : undefined
}

/** Starts a demo session for a person. */
export const startSession = (sessions: SessionStore, res: Response, personId: PersonId): void => {
  res.cookie(sessionCookie, sessions.open(personId), { ...sessionCookieOptions, maxAge: sessionMilliseconds })
  res.clearCookie(csrfCookie, { path: "/" })
}

/** Ends the request's demo session on the server and removes its cookie. */
export const endSession = (sessions: SessionStore, req: Request, res: Response): void => {
  const id = sessionIdOf(req)
  if (id !== undefined) sessions.close(id)
  res.clearCookie(sessionCookie, sessionCookieOptions)
  res.clearCookie(csrfCookie, { path: "/" })
}

/** The signed-in actor, or an {@link UnauthenticatedError} for the error middleware to answer with 401. */
export const requireActor = (req: Request): Actor => {
  if (req.authenticationError !== undefined) throw req.authenticationError
  if (req.actor === undefined) throw new UnauthenticatedError("no valid bearer token or session")
  return req.actor
}

/**
 * Sets `req.actor` from the Authorization header or, in demo mode (`sessions` given), the signed
 * session cookie. Needs cookie-parser with a secret before it.
 */
export const resolveActor = (
  bearer: BearerAuthenticator,
  sessions: SessionStore | undefined,
  directory: PersonDirectory
): RequestHandler => async (req, _res, next) => {
  // A rejected credential fails every route that needs an actor (401) rather than falling back to
  // the cookie, while unknown routes still return 404.
  try {
    const actor = await credentialActor(req, bearer, sessions)
    if (actor !== undefined && (await directory.person(actor.personId)) === undefined) throw unknownPersonError(actor.personId)
    req.actor = actor
  } catch (error) {
    req.authenticationError = error
  }
  next()
}

const credentialActor = async (req: Request, bearer: BearerAuthenticator, sessions: SessionStore | undefined): Promise<Actor | undefined> => {
  const authorization = req.get("authorization")
  if (authorization !== undefined) {
    const actor = await bearer.authenticateAsync(authorization)
    return { personId: actor.personId, via: "bearer" }
  }
  const id = sessions === undefined ? undefined : sessionIdOf(req)
  const personId = id === undefined ? undefined : sessions?.lookup(id)
  return personId === undefined ? undefined : { personId, via: "session" }
}
