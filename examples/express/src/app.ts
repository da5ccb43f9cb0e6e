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
import { defaultMaxDocumentBytes } from "@iupkit/core"
import { type RenderOptions, renderSiteHeader } from "@iupkit/render-html"
import type { IupClient } from "@iupkit/services"
import { apiRouter, apiRoutes } from "./api.js"
import { type BearerAuthenticator, csrfCookie, resolveActor, sessionCookie, SessionStore } from "./auth.js"
import { documentApiRoutes, documentOperations, documentsRouter } from "./documents.js"
import { message } from "./messages.js"
import { openApiDocument } from "./openapi.js"
import { escapeHtml, renderPage } from "./page.js"
import { iupPagesRouter } from "./iupPages.js"
import { adminPagesRouter } from "./adminPages.js"
import { type DemoPerson, languageOf, type PageOptions, pageOptionsFor, pagesRouter } from "./pages.js"
import { problemOf, problemPageText, wwwAuthenticate } from "./problems.js"

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
  /**
   * Largest uploaded document in bytes, 20 MB by default. Set it to the client's
   * `maxDocumentBytes`, so the host rejects a larger file with 413 before the services see it.
   */
  readonly maxDocumentBytes?: number | undefined
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

// A host page with a heading, one paragraph and a link home, below the site header.
const textPage = (options: RenderOptions, page: { readonly title: string; readonly text: string }): string => {
  const language = options.locale ?? "sv"
  const body = `<h1>${escapeHtml(page.title)}</h1>\n<p>${escapeHtml(page.text)}</p>\n<p><a href="/">${escapeHtml(message(language, "backHome"))}</a></p>`
  return renderPage({ language, title: page.title, body, header: renderSiteHeader(options) })
}

/**
 * Sends errors: under `/api` as `{ error: { tag, message, detail, ...data } }`, with `message`
 * for end users in the request's language and `detail` in English for developers; elsewhere as
 * a page.
 */
const errorMiddleware = (demo: boolean, pageOptions: PageOptions): ErrorRequestHandler => (error, req, res, _next) => {
  const problem = problemOf(error)
  // By tag only: messages can quote field text, which must never reach the log.
  const errorTag = errorNameOf(error)
  if (problem.status >= 500) req.log.error({ errorTag, status: problem.status }, "request failed")
  else req.log.info({ errorTag, status: problem.status }, "request rejected")
  const api = req.originalUrl.startsWith("/api/")
  // In demo mode a page asking for sign-in sends the browser to the sign-in page instead.
  if (problem.status === 401 && demo && !api) return res.redirect(303, "/sign-in")
  res.status(problem.status)
  if (problem.status === 401) res.set("www-authenticate", wwwAuthenticate(problem))
  if (api) {
    const text = problemPageText(problem, error, languageOf(req), String(req.id)).text
    res.json({ error: { tag: problem.tag, message: text, detail: problem.message, ...problem.data } })
    return
  }
  const options = pageOptions(req, res, false)
  res.type("html").send(textPage(options, problemPageText(problem, error, options.locale ?? "sv", String(req.id))))
}

/** Builds the host without listening; pass the result to `listen`. */
export const createApp = (options: HostOptions): Express => {
  if (options.cookieSecret.length < 32) {
    throw new Error(`cookieSecret must be at least 32 characters (got ${options.cookieSecret.length})`)
  }
  const demo = options.demoPeople !== undefined
  const sessions = demo ? new SessionStore() : undefined
  const app = express()
  app.disable("x-powered-by")
  // Pages and API responses are never cached (no-store below), so an ETag would only reveal
  // whether a plan changed.
  app.set("etag", false)
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
  app.use(resolveActor(options.bearer, sessions, options.iup.directory))

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
  // Multipart bodies are parsed inside these routes, after the CSRF middleware would have run, so
  // they check the token themselves and come first.
  app.use(documentsRouter({
    iup: options.iup,
    maxDocumentBytes: options.maxDocumentBytes ?? defaultMaxDocumentBytes,
    csrfProtection: csrf.doubleCsrfProtection,
    hasValidCsrfToken: (req) => csrf.validateRequest(req)
  }, rememberRoute))
  app.use(csrf.doubleCsrfProtection)

  const routes = [...apiRoutes(options.iup), ...documentApiRoutes(options.iup)]
  const document = openApiDocument(routes, "/api", { title: "iupkit example API (Express)", version: "0.1.0" }, documentOperations)
  app.get("/openapi.json", rememberRoute, (_req, res) => {
    res.json(document)
  })
  app.use("/api", apiRouter(routes, rememberRoute))
  app.use("/api", (req, res) => {
    const detail = `No API route ${req.method} ${req.path}`
    res.status(404).json({ error: { tag: "NotFoundError", message: message(languageOf(req), "apiRouteNotFound"), detail } })
  })
  const csrfToken = (req: Request, res: Response) => csrf.generateCsrfToken(req, res)
  const pageOptions = pageOptionsFor(options.demoPeople, csrfToken)
  app.use(pagesRouter(options.demoPeople, sessions, pageOptions))
  app.use(iupPagesRouter(options.iup, options.demoPeople, pageOptions))
  app.use(adminPagesRouter(options.iup, pageOptions))
  app.use((req, res) => {
    const page = pageOptions(req, res, false)
    const language = page.locale ?? "sv"
    res.status(404).type("html").send(textPage(page, { title: message(language, "notFoundTitle"), text: message(language, "notFoundText") }))
  })
  app.use(errorMiddleware(demo, pageOptions))
  return app
}
