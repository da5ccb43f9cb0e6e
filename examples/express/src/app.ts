/**
 * Builds the Express host as a stack of middleware: request logging with ids only (pino-http),
 * security headers (helmet), no caching, signed cookies, CSRF (csrf-csrf, double-submit cookie),
 * sign-in, the JSON API router under `/api`, the OpenAPI document, the HTML pages and one error
 * middleware that answers in JSON under `/api` and in HTML elsewhere.
 */
import { randomUUID } from "node:crypto"
import type { IncomingMessage, ServerResponse } from "node:http"
import { fileURLToPath } from "node:url"
import cookieParser from "cookie-parser"
import { doubleCsrf } from "csrf-csrf"
import express, { type ErrorRequestHandler, type Express, type Request, type Response } from "express"
import helmet from "helmet"
import { type DestinationStream, pino } from "pino"
import { pinoHttp } from "pino-http"
import type { IupClient } from "@iupkit/services"
import { apiRouter, apiRoutes } from "./api.js"
import { type BearerAuthenticator, csrfCookie, resolveActor, sessionCookie } from "./auth.js"
import { message } from "./messages.js"
import { openApiDocument } from "./openapi.js"
import { escapeHtml, renderPage } from "./page.js"
import { iupPagesRouter } from "./iupPages.js"
import { adminPagesRouter } from "./adminPages.js"
import { type DemoPerson, languageOf, pagesRouter } from "./pages.js"
import { problemOf, problemPageText } from "./problems.js"

/** What the host needs from its embedder. */
export interface HostOptions {
  /** The services, e.g. from `createIupClient`; the host does not dispose them. */
  readonly iup: IupClient
  /** Verifies bearer tokens of API clients, e.g. `makeJwtAuthenticator` from @iupkit/auth. */
  readonly bearer: BearerAuthenticator
  /** Signs the session cookie and the CSRF tokens; at least 32 characters, kept secret. */
  readonly cookieSecret: string
  /** The people offered on the demo sign-in page; undefined turns demo mode and its page off. */
  readonly demoPeople?: ReadonlyArray<DemoPerson> | undefined
  /** Where request logs go (JSON lines); stdout by default. */
  readonly logDestination?: DestinationStream | undefined
}

/** The policy for every response: only this origin's scripts and styles, never framed. */
export const contentSecurityPolicy = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'"],
  imgSrc: ["'self'"],
  objectSrc: ["'none'"],
  frameAncestors: ["'none'"],
  formAction: ["'self'"],
  baseUri: ["'none'"]
}

const assetsRoot = fileURLToPath(new URL("../public/", import.meta.url))

// The route pattern, never the URL: paths and queries can carry ids of other resources or text.
const routeOf = (req: IncomingMessage, res: ServerResponse): string => {
  const remembered = (res as Response).locals?.route
  if (typeof remembered === "string") return remembered
  // Routers mounted without a path leave the matched route on the request.
  const route = (req as Request).route as { readonly path?: unknown } | undefined
  return typeof route?.path === "string" ? route.path : "(no route)"
}

/** Records the matched route pattern for the request log. */
const rememberRoute = (req: Request, res: Response, next: () => void): void => {
  if (req.route !== undefined) res.locals.route = `${req.baseUrl}${String(req.route.path)}`
  next()
}

const requestLogger = (destination: DestinationStream | undefined) =>
  pinoHttp({
    logger: destination === undefined ? pino() : pino({}, destination),
    genReqId: (_req, res) => {
      const id = randomUUID()
      res.setHeader("x-request-id", id)
      return id
    },
    customAttributeKeys: { reqId: "reqId" },
    quietReqLogger: true,
    quietResLogger: true,
    customSuccessMessage: () => "request completed",
    customErrorMessage: () => "request completed",
    customSuccessObject: (req, res, value: { responseTime: number }) => ({
      method: req.method,
      route: routeOf(req, res),
      status: res.statusCode,
      durationMs: value.responseTime
    }),
    customErrorObject: (req, res, _error, value: { responseTime: number }) => ({
      method: req.method,
      route: routeOf(req, res),
      status: res.statusCode,
      durationMs: value.responseTime
    })
  })

/** The tag, code or class name of an error: enough to find it, never its message. */
const errorNameOf = (error: unknown): string => {
  if (typeof error === "object" && error !== null) {
    const { _tag, code, name } = error as { readonly _tag?: unknown; readonly code?: unknown; readonly name?: unknown }
    for (const candidate of [_tag, code, name]) if (typeof candidate === "string") return candidate
  }
  return "unknown"
}

const errorMiddleware = (demo: boolean): ErrorRequestHandler => (error, req, res, _next) => {
  const problem = problemOf(error)
  // By tag only: messages can quote field text, which must never reach the log.
  const errorTag = errorNameOf(error)
  if (problem.status >= 500) req.log.error({ errorTag, status: problem.status }, "request failed")
  else req.log.info({ errorTag, status: problem.status }, "request rejected")
  const api = req.originalUrl.startsWith("/api/")
  // In demo mode a page asking for sign-in sends the browser to the sign-in page instead.
  if (problem.status === 401 && demo && !api) return res.redirect(303, "/sign-in")
  res.status(problem.status)
  if (api) {
    res.json({ error: { tag: problem.tag, message: problem.message, ...problem.data } })
    return
  }
  const language = languageOf(req)
  const page = problemPageText(problem, error, language, String(req.id))
  const body = `<h1>${escapeHtml(page.title)}</h1>\n<p>${escapeHtml(page.text)}</p>\n<p><a href="/">${escapeHtml(message(language, "backHome"))}</a></p>`
  res.type("html").send(renderPage({ language, title: page.title, body }))
}

/** Builds the host without listening; pass the result to `listen`. */
export const createApp = (options: HostOptions): Express => {
  if (options.cookieSecret.length < 32) {
    throw new Error(`cookieSecret must be at least 32 characters (got ${options.cookieSecret.length})`)
  }
  const app = express()
  app.disable("x-powered-by")
  app.use(requestLogger(options.logDestination))
  app.use(
    helmet({
      contentSecurityPolicy: { useDefaults: false, directives: contentSecurityPolicy },
      referrerPolicy: { policy: "no-referrer" }
    })
  )
  app.use("/assets", express.static(assetsRoot, { index: false }))
  // Everything after the assets carries plan content or sign-in state, so nothing may be cached.
  app.use((_req, res, next) => {
    res.set("cache-control", "no-store")
    next()
  })
  app.use(cookieParser(options.cookieSecret))
  app.use(express.json({ limit: "1mb" }))
  app.use(express.urlencoded({ extended: false, limit: "1mb" }))
  app.use(resolveActor(options.bearer, options.demoPeople !== undefined))

  const csrf = doubleCsrf({
    getSecret: () => options.cookieSecret,
    // Binds the token to the session, so a token from before sign-in does not work after it.
    getSessionIdentifier: (req) => String(req.signedCookies?.[sessionCookie] ?? ""),
    cookieName: csrfCookie,
    cookieOptions: { sameSite: "strict", path: "/", secure: false, httpOnly: true },
    getCsrfTokenFromRequest: (req) => {
      const fromForm: unknown = req.body?._csrf
      return typeof fromForm === "string" ? fromForm : req.get("x-csrf-token")
    },
    // Bearer tokens are never sent implicitly, and anonymous API calls are answered 401 anyway.
    skipCsrfProtection: (req) => req.actor?.via === "bearer" || (req.actor === undefined && req.path.startsWith("/api/"))
  })
  app.use(csrf.doubleCsrfProtection)

  const routes = apiRoutes(options.iup)
  const document = openApiDocument(routes, "/api", { title: "iupkit example API (Express)", version: "0.1.0" })
  app.get("/openapi.json", rememberRoute, (_req, res) => {
    res.json(document)
  })
  app.use("/api", apiRouter(routes, rememberRoute))
  app.use("/api", (req, res) => {
    res.status(404).json({ error: { tag: "NotFoundError", message: `No API route ${req.method} ${req.path}` } })
  })
  const csrfToken = (req: Request, res: Response) => csrf.generateCsrfToken(req, res)
  app.use(pagesRouter(options.demoPeople, csrfToken))
  app.use(iupPagesRouter(options.iup, csrfToken))
  app.use(adminPagesRouter(options.iup, csrfToken))
  app.use((req, res) => {
    const language = languageOf(req)
    const title = message(language, "notFoundTitle")
    const body = `<h1>${escapeHtml(title)}</h1>\n<p>${escapeHtml(message(language, "notFoundText"))}</p>\n<p><a href="/">${escapeHtml(message(language, "backHome"))}</a></p>`
    res.status(404).type("html").send(renderPage({ language, title, body }))
  })
  app.use(errorMiddleware(options.demoPeople !== undefined))
  return app
}
