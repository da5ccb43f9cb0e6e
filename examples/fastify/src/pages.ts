/**
 * The host's own HTML pages: the start page and, in demo mode only, the demo sign-in page that
 * lists the fictional people by role.
 */
import { decodeInputEither, InvalidInputError, PersonId, Role } from "@iupkit/core"
import { Either, Schema } from "effect"
import { defaultRoutes, noticeFromQuery, type RenderOptions, renderSiteHeader } from "@iupkit/render-html"
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from "fastify"
import { endSession, type SessionStore, startSession } from "./auth.js"
import { type Language, type MessageKey, message, pickLanguage } from "./messages.js"
import { escapeHtml, renderPage } from "./page.js"

/** A fictional person offered on the demo sign-in page. */
export interface DemoPerson {
  readonly id: PersonId
  readonly name: string
  readonly roles: ReadonlyArray<Role>
  /** Courses a teacher teaches, linked from the start page. */
  readonly courses?: ReadonlyArray<{ readonly id: string; readonly name: string }>
}

// The pages each role starts from; teachers get one link per course instead.
const roleLinks: ReadonlyArray<readonly [Role, string, MessageKey]> = [
  ["mentor", "/mentor", "linkMentor"],
  ["mentor", "/mentor/overview", "linkOverview"],
  ["pupil", "/pupil", "linkPupil"],
  ["guardian", "/guardian", "linkGuardian"],
  ["siteAdministrator", "/admin", "linkAdmin"],
  ["organisationAdministrator", "/admin", "linkAdmin"]
]

const startLinks = (person: DemoPerson | undefined, language: Language): string => {
  const links = roleLinks
    .filter(([role]) => person === undefined || person.roles.includes(role))
    // Both administrator roles lead to one page, so each address is linked once.
    .filter(([, href], index, kept) => kept.findIndex(([, other]) => other === href) === index)
    .map(([, href, key]) => `<li><a href="${href}">${escapeHtml(message(language, key))}</a></li>`)
  for (const course of person?.courses ?? []) {
    links.push(`<li><a href="/courses/${encodeURIComponent(course.id)}">${escapeHtml(message(language, "linkCourse", { name: course.name }))}</a></li>`)
  }
  return links.length === 0 ? "" : `<ul>\n${links.join("\n")}\n</ul>`
}


const SignInForm = Schema.Struct({ personId: PersonId })

/** The maximum number of people of one role the sign-in page lists; a name search reaches the rest. */
export const signInListLimit = 50

/** Name of the cookie that keeps the language chosen with `?lang=` for the next pages. */
export const languageCookie = "lang"

const queryLanguage = (request: FastifyRequest): Language | undefined => {
  const chosen = (request.query as Record<string, unknown> | undefined)?.lang
  return chosen === "sv" || chosen === "en" ? chosen : undefined
}

/** The page language of a request: `?lang=`, then the language cookie, then Accept-Language. */
export const languageOf = (request: FastifyRequest): Language =>
  pickLanguage(queryLanguage(request) ?? request.cookies?.[languageCookie], request.headers["accept-language"])

// A `?lang=` choice is kept for a year, so links and form redirects stay in that language.
const rememberLanguage = (request: FastifyRequest, reply: FastifyReply): void => {
  const chosen = queryLanguage(request)
  if (chosen === undefined) return
  reply.setCookie(languageCookie, chosen, { path: "/", sameSite: "lax", httpOnly: true, maxAge: 365 * 24 * 60 * 60 })
}

/**
 * Render options of a request: language, the signed-in person for the page header and, for
 * pages with forms or a sign-out button, a CSRF token.
 */
export const pageOptionsFor =
  (demoPeople: ReadonlyArray<DemoPerson> | undefined) =>
  (request: FastifyRequest, reply: FastifyReply, forms: boolean): RenderOptions => {
    const actor = request.actor
    const session = actor?.via === "session"
    const name = actor === undefined ? undefined : (demoPeople?.find((person) => person.id === actor.personId)?.name ?? actor.personId)
    rememberLanguage(request, reply)
    const notice = noticeFromQuery(request.query as Readonly<Record<string, unknown>> | undefined)
    return {
      locale: languageOf(request),
      routes: defaultRoutes,
      ...(notice === undefined ? {} : { notice }),
      ...(forms || session ? { csrfToken: reply.generateCsrf() } : {}),
      ...(name === undefined ? {} : { signedIn: session ? { name, signOutAction: "/sign-out" } : { name } })
    }
  }

/** Makes the render options of a request; `forms` requests a CSRF token. */
export type PageOptions = ReturnType<typeof pageOptionsFor>

const sendPage = (reply: FastifyReply, options: RenderOptions, title: string, body: string): FastifyReply =>
  reply
    .type("text/html; charset=utf-8")
    .send(renderPage({ language: options.locale ?? "sv", title, body, header: renderSiteHeader(options) }))

const csrfField = (token: string | undefined): string =>
  `<input type="hidden" name="_csrf" value="${escapeHtml(token ?? "")}">`

const searchForm = (language: Language, query: string): string =>
  `<form method="get" action="/sign-in" class="search" role="search">
<label for="sign-in-query">${escapeHtml(message(language, "signInSearchLabel"))}</label>
<input type="search" id="sign-in-query" name="q" value="${escapeHtml(query)}">
<button type="submit">${escapeHtml(message(language, "signInSearch"))}</button>${query === "" ? "" : ` <a href="/sign-in">${escapeHtml(message(language, "signInShowAll"))}</a>`}
</form>`

// Each role lists at most `signInListLimit` people and states how many it leaves out, so a
// partial list is never mistaken for the whole school.
const signInList = (people: ReadonlyArray<DemoPerson>, language: Language, csrf: string, query: string): string => {
  const needle = query.toLocaleLowerCase("sv")
  const matching = needle === "" ? people : people.filter((person) => person.name.toLocaleLowerCase("sv").includes(needle))
  if (matching.length === 0) return `<p class="empty">${escapeHtml(message(language, "signInNoMatch", { query }))}</p>`
  return Role.literals
    .map((role) => {
      const holders = matching.filter((person) => person.roles.includes(role))
      if (holders.length === 0) return ""
      const shown = holders.slice(0, signInListLimit)
      const items = shown
        .map(
          (person) =>
            `<li><form method="post" action="/sign-in" class="inline">${csrf}<input type="hidden" name="personId" value="${escapeHtml(person.id)}"><button type="submit" class="link">${escapeHtml(person.name)}</button></form></li>`
        )
        .join("\n")
      const heading = message(language, `role_${role}`)
      const counts = { shown: shown.length, total: holders.length, group: heading.toLocaleLowerCase(language) }
      const partial =
        shown.length === holders.length
          ? ""
          : `\n<p class="hint">${escapeHtml(message(language, needle === "" ? "signInShowing" : "signInShowingMatches", counts))}</p>`
      return `<section><h2>${escapeHtml(heading)}</h2>${partial}\n<ul>\n${items}\n</ul></section>`
    })
    .join("\n")
}

/** Registers the start page and, when `demoPeople` is given, the demo sign-in and sign-out. */
export const pagesPlugin: FastifyPluginAsync<{
  readonly demoPeople: ReadonlyArray<DemoPerson> | undefined
  readonly sessions: SessionStore | undefined
  readonly pageOptions: PageOptions
}> = async (fastify, options) => {
  const { demoPeople, pageOptions, sessions } = options

  fastify.get("/", async (request, reply) => {
    const page = pageOptions(request, reply, false)
    const language = page.locale ?? "sv"
    const actor = request.actor
    const person = actor === undefined ? undefined : demoPeople?.find((candidate) => candidate.id === actor.personId)
    const status =
      actor === undefined
        ? `<p>${escapeHtml(message(language, "notSignedIn"))}${demoPeople === undefined ? "" : ` <a href="/sign-in">${escapeHtml(message(language, "signInTitle"))}</a>`}</p>`
        : startLinks(person, language)
    return sendPage(reply, page, message(language, "appName"), `<h1>${escapeHtml(message(language, "appName"))}</h1>\n${status}`)
  })

  if (demoPeople === undefined || sessions === undefined) return

  fastify.get("/sign-in", async (request, reply) => {
    const page = pageOptions(request, reply, true)
    const language = page.locale ?? "sv"
    const title = message(language, "signInTitle")
    const query = (request.query as Readonly<Record<string, unknown>>).q
    const search = typeof query === "string" ? query.trim() : ""
    const body = `<h1>${escapeHtml(title)}</h1>
<p class="notice">${escapeHtml(message(language, "demoNotice"))}</p>
${searchForm(language, search)}
<p>${escapeHtml(message(language, "signInAs"))}:</p>
${signInList(demoPeople, language, csrfField(page.csrfToken), search)}`
    return sendPage(reply, page, title, body)
  })

  fastify.post("/sign-in", { preHandler: fastify.csrfProtection }, async (request, reply) => {
    const form = decodeInputEither(SignInForm)(request.body)
    if (Either.isLeft(form)) throw form.left
    // Only the listed fictional people can be signed in as, so the form cannot name anyone else.
    const person = demoPeople.find((candidate) => candidate.id === form.right.personId)
    if (person === undefined) {
      throw InvalidInputError.of("personId", form.right.personId, "is not one of the people on the demo sign-in page")
    }
    startSession(sessions, reply, person.id)
    return reply.redirect("/", 303)
  })

  fastify.post("/sign-out", { preHandler: fastify.csrfProtection }, async (request, reply) => {
    endSession(sessions, request, reply)
    return reply.redirect("/", 303)
  })
}
