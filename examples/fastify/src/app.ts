/**
 * Builds the Fastify host: security headers, request logging with ids only, sign-in, the JSON API
 * under `/api`, the OpenAPI document and the HTML pages. Each concern is a plugin; the API is
 * encapsulated so its JSON error handling does not leak into the pages.
 */
import { randomUUID } from "node:crypto"
import { fileURLToPath } from "node:url"
import fastifyCookie from "@fastify/cookie"
import fastifyCsrf from "@fastify/csrf-protection"
import fastifyFormbody from "@fastify/formbody"
import fastifyHelmet from "@fastify/helmet"
import fastifyStatic from "@fastify/static"
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest, type FastifyServerOptions } from "fastify"
import { defaultMaxDocumentBytes } from "@iupkit/core"
import type { IupClient } from "@iupkit/services"
import { apiPlugin, sendJsonProblem } from "./api.js"
import { documentPagesPlugin } from "./documents.js"
import { errorNameOf, IdsOnlyLogController, logCaughtError } from "./logging.js"
import { type RenderOptions, renderSiteHeader } from "@iupkit/render-html"
import { actorPlugin, type BearerAuthenticator, csrfCookie, SessionStore } from "./auth.js"
import { openApiPlugin } from "./openapi.js"
import { escapeHtml, renderPage } from "./page.js"
import { iupPagesPlugin } from "./iupPages.js"
import { adminPagesPlugin } from "./adminPages.js"
import { type DemoPerson, type PageOptions, pageOptionsFor, pagesPlugin } from "./pages.js"
import { maxRequestBodyBytes, problemOf, problemPageText, wwwAuthenticate } from "./problems.js"
import { message } from "./messages.js"

/** What the host needs from its embedder. */
export interface HostOptions {
  /** The services, e.g. from `createIupClient`; the host does not dispose them. */
  readonly iup: IupClient
  /** Verifies bearer tokens of API clients, e.g. `makeJwtAuthenticator` from @iupkit/auth. */
  readonly bearer: BearerAuthenticator
  /** Signs the session and CSRF cookies; at least 32 characters, kept secret. */
  readonly cookieSecret: string
  /** The people offered on the demo sign-in page; undefined turns demo mode and its page off. */
  readonly demoPeople?: ReadonlyArray<DemoPerson> | undefined
  /** Fastify's logger option; the default logs JSON lines to stdout at level info. */
  readonly logger?: FastifyServerOptions["logger"]
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

// The policy as a header value, for answers that are sent before helmet's hook runs.
const contentSecurityPolicyHeader = Object.entries(contentSecurityPolicy)
  .map(([name, values]) => `${name.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`)} ${values.join(" ")}`)
  .join("; ")

const assetsRoot = fileURLToPath(new URL("../public/", import.meta.url))

// A page of the host's own: a heading, one paragraph and a link home, below the site header.
const sendTextPage = (
  reply: FastifyReply,
  options: RenderOptions,
  status: number,
  page: { readonly title: string; readonly text: string }
): FastifyReply => {
  const language = options.locale ?? "sv"
  const body = `<h1>${escapeHtml(page.title)}</h1>\n<p>${escapeHtml(page.text)}</p>\n<p><a href="/">${escapeHtml(message(language, "backHome"))}</a></p>`
  const header = renderSiteHeader(options)
  return reply.status(status).type("text/html; charset=utf-8").send(renderPage({ language, title: page.title, body, header }))
}

const sendHtmlProblem =
  (demoMode: boolean, pageOptions: PageOptions) =>
  (error: unknown, request: FastifyRequest, reply: FastifyReply): FastifyReply => {
    const problem = problemOf(error)
    logCaughtError(reply, problem.status, errorNameOf(error))
    // In demo mode a page asking for sign-in sends the browser to the sign-in page instead.
    if (problem.status === 401 && demoMode) return reply.redirect("/sign-in", 303)
    if (problem.status === 401) reply.header("www-authenticate", wwwAuthenticate(problem))
    const page = pageOptions(request, reply, false)
    return sendTextPage(reply, page, problem.status, problemPageText(problem, error, page.locale ?? "sv", request.id))
  }

/** Builds the host without listening; call `listen` or `inject` on the result. */
export const buildApp = async (options: HostOptions): Promise<FastifyInstance> => {
  if (options.cookieSecret.length < 32) {
    throw new Error(`cookieSecret must be at least 32 characters (got ${options.cookieSecret.length})`)
  }
  const demoMode = options.demoPeople !== undefined
  const sessions = demoMode ? new SessionStore() : undefined
  const pageOptions = pageOptionsFor(options.demoPeople)
  const fastify = Fastify({
    bodyLimit: maxRequestBodyBytes,
    // A client still sending a body the host already refused (413) keeps its connection busy, so
    // closing waits for it without end unless close ends every connection.
    forceCloseConnections: true,
    logger: options.logger ?? { level: "info" },
    genReqId: () => randomUUID(),
    requestIdHeader: false,
    logController: new IdsOnlyLogController({ requestIdLogLabel: "reqId" }),
    // Errors the router raises before any route runs, such as a malformed percent-encoding in
    // the path, are answered like every other error: JSON under /api, a page elsewhere.
    frameworkErrors: (error, request, reply) => {
      // Hooks and helmet do not run for these answers, so they set the security headers here.
      reply.headers({
        "content-security-policy": contentSecurityPolicyHeader,
        "x-content-type-options": "nosniff",
        "referrer-policy": "no-referrer",
        "cache-control": "no-store",
        "x-request-id": request.id
      })
      if (request.url.startsWith("/api/") || request.url === "/api") sendJsonProblem(request, reply, error)
      else sendHtmlProblem(demoMode, pageOptions)(error, request, reply)
    }
  })

  fastify.addHook("onRequest", async (request, reply) => {
    reply.header("x-request-id", request.id)
  })
  // Pages and API responses carry plan content, so nothing may be cached; static assets may.
  fastify.addHook("onSend", async (request, reply) => {
    if (!request.url.startsWith("/assets/")) reply.header("cache-control", "no-store")
  })

  await fastify.register(fastifyHelmet, {
    contentSecurityPolicy: { useDefaults: false, directives: contentSecurityPolicy },
    referrerPolicy: { policy: "no-referrer" }
  })
  await fastify.register(fastifyCookie, { secret: options.cookieSecret })
  await fastify.register(fastifyCsrf, {
    sessionPlugin: "@fastify/cookie",
    cookieKey: csrfCookie,
    cookieOpts: { path: "/", sameSite: "strict", httpOnly: true, signed: true }
  })
  await fastify.register(fastifyFormbody)
  await fastify.register(fastifyStatic, { root: assetsRoot, prefix: "/assets/" })
  await fastify.register(actorPlugin, { bearer: options.bearer, sessions, directory: options.iup.directory })

  fastify.setErrorHandler(sendHtmlProblem(demoMode, pageOptions))
  fastify.setNotFoundHandler((request, reply) => {
    const page = pageOptions(request, reply, false)
    const language = page.locale ?? "sv"
    return sendTextPage(reply, page, 404, { title: message(language, "notFoundTitle"), text: message(language, "notFoundText") })
  })

  await fastify.register(openApiPlugin, { title: "iupkit example API (Fastify)", version: "0.1.0" })
  const maxDocumentBytes = options.maxDocumentBytes ?? defaultMaxDocumentBytes
  await fastify.register(apiPlugin, { prefix: "/api", iup: options.iup, maxDocumentBytes })
  await fastify.register(pagesPlugin, { demoPeople: options.demoPeople, sessions, pageOptions })
  await fastify.register(iupPagesPlugin, { iup: options.iup, demoPeople: options.demoPeople, pageOptions })
  await fastify.register(documentPagesPlugin, { iup: options.iup, maxDocumentBytes })
  await fastify.register(adminPagesPlugin, { iup: options.iup, pageOptions })
  return fastify
}
