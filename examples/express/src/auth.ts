/**
 * Who is making the request: a bearer token (API clients) or the demo session cookie (browsers in
 * demo mode). Tokens are verified by a {@link BearerAuthenticator}, such as the JWT one of @iupkit/auth.
 */
import type { PersonId } from "@iupkit/core"
import type { Request, RequestHandler, Response } from "express"
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

declare global {
  // Express types its request through this global namespace.
  namespace Express {
    interface Request {
      actor?: Actor | undefined
    }
  }
}

/** Name of the signed, HttpOnly, SameSite=Strict cookie holding the demo session. */
export const sessionCookie = "iupkit_session"

/**
 * Name of the CSRF cookie. Signing in or out clears it, so a token issued before the session
 * changed is not accepted after.
 */
export const csrfCookie = "iupkit_csrf"

const sessionMilliseconds = 8 * 3600 * 1000

/** Starts a demo session for a person. */
export const startSession = (res: Response, personId: PersonId): void => {
  res.cookie(sessionCookie, personId, { signed: true, httpOnly: true, sameSite: "strict", path: "/", maxAge: sessionMilliseconds })
  res.clearCookie(csrfCookie, { path: "/" })
}

/** Ends the demo session. */
export const endSession = (res: Response): void => {
  res.clearCookie(sessionCookie, { path: "/" })
  res.clearCookie(csrfCookie, { path: "/" })
}

/** The signed-in actor, or an {@link UnauthenticatedError} for the error middleware to answer with 401. */
export const requireActor = (req: Request): Actor => {
  if (req.actor === undefined) throw new UnauthenticatedError("no valid bearer token or session")
  return req.actor
}

/**
 * Sets `req.actor` from the Authorization header or, when `sessions` is on (demo mode), the signed
 * session cookie. Needs cookie-parser with a secret before it.
 */
export const resolveActor = (bearer: BearerAuthenticator, sessions: boolean): RequestHandler => async (req, _res, next) => {
  const authorization = req.get("authorization")
  if (authorization !== undefined) {
    // A bad token rejects the request (401) rather than falling back to the cookie; Express 5
    // passes the rejection to the error middleware.
    const actor = await bearer.authenticateAsync(authorization)
    req.actor = { personId: actor.personId, via: "bearer" }
    return next()
  }
  const signed: unknown = req.signedCookies?.[sessionCookie]
  if (sessions && typeof signed === "string" && signed !== "") req.actor = { personId: signed as PersonId, via: "session" }
  next()
}
