/**
 * The host's own HTML pages: the start page and, in demo mode only, the demo sign-in page that
 * lists the fictional people by role.
 */
import { decodeInput, InvalidInputError, PersonId, Role } from "@iupkit/core"
import { Effect, Schema } from "effect"
import { defaultRoutes, noticeFromQuery, type RenderOptions, renderSiteHeader } from "@iupkit/render-html"
import { type Request, type Response, Router } from "express"
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
  const items: Array<string> = []
  const linked = new Set<string>()
  for (const [role, href, key] of roleLinks) {
    // Both administrator roles lead to one page, so each address is linked once.
    if ((person === undefined || person.roles.includes(role)) && !linked.has(href)) {
      linked.add(href)
      items.push(`<li><a href="${href}">${escapeHtml(message(language, key))}</a></li>`)
    }
  }
  for (const course of person?.courses ?? []) {
    const label = message(language, "linkCourse", { name: course.name })
    items.push(`<li><a href="/courses/${encodeURIComponent(course.id)}">${escapeHtml(label)}</a></li>`)
  }
  return items.length === 0 ? "" : `<ul>\n${items.join("\n")}\n</ul>`
}

/** Makes the CSRF token for a form on the page being rendered. */
export type CsrfTokenFor = (req: Request, res: Response) => string

const SignInForm = Schema.Struct({ personId: PersonId })

/** Maximum number of people of one role on the sign-in page. A name search reaches the rest. */
export const signInListLimit = 50

/** Name of the cookie that keeps the language chosen with `?lang=` for the next pages. */
export const languageCookie = "lang"

/** The page language of a request: `?lang=`, then the language cookie, then Accept-Language. */
export const languageOf = (req: Request): Language =>
  pickLanguage(queryLanguage(req) ?? (req.cookies as Record<string, unknown> | undefined)?.[languageCookie], req.get("accept-language"))

const queryLanguage = (req: Request): Language | undefined => {
  const chosen = req.query.lang
  return chosen === "sv" || chosen === "en" ? chosen : undefined
}

// A `?lang=` choice is kept for a year, so links and form redirects stay in that language.
const rememberLanguage = (req: Request, res: Response): void => {
  const chosen = queryLanguage(req)
  if (chosen === undefined) return
  res.cookie(languageCookie, chosen, { path: "/", sameSite: "lax", httpOnly: true, maxAge: 365 * 24 * 60 * 60 * 1000 })
}

/** Builds the render options of a request; `forms` requests a CSRF token. */
export type PageOptions = (req: Request, res: Response, forms: boolean) => RenderOptions

/**
 * Render options for the pages: language, who is signed in (named from the demo list when
 * possible) for the page header, and a CSRF token when the page has forms or a sign-out button.
 */
export const pageOptionsFor =
  (demoPeople: ReadonlyArray<DemoPerson> | undefined, csrfToken: CsrfTokenFor): PageOptions =>
  (req, res, forms) => {
    rememberLanguage(req, res)
    const options: { -readonly [K in keyof RenderOptions]: RenderOptions[K] } = { locale: languageOf(req), routes: defaultRoutes }
    const notice = noticeFromQuery(req.query)
    if (notice !== undefined) options.notice = notice
    const actor = req.actor
    if (forms || actor?.via === "session") options.csrfToken = csrfToken(req, res)
    if (actor !== undefined) {
      const name = demoPeople?.find((person) => person.id === actor.personId)?.name ?? actor.personId
      options.signedIn = actor.via === "session" ? { name, signOutAction: "/sign-out" } : { name }
    }
    return options
  }

const sendPage = (res: Response, options: RenderOptions, title: string, body: string): void => {
  res.type("html").send(renderPage({ language: options.locale ?? "sv", title, body, header: renderSiteHeader(options) }))
}

const hiddenCsrf = (token: string): string => `<input type="hidden" name="_csrf" value="${escapeHtml(token)}">`

const personButton = (person: DemoPerson, csrf: string): string =>
  `<li><form method="post" action="/sign-in" class="inline">${csrf}<input type="hidden" name="personId" value="${escapeHtml(person.id)}"><button type="submit" class="link">${escapeHtml(person.name)}</button></form></li>`

const nameSearch = (language: Language, query: string): string => {
  const showAll = query === "" ? "" : ` <a href="/sign-in">${escapeHtml(message(language, "signInShowAll"))}</a>`
  return [
    `<form method="get" action="/sign-in" class="search" role="search">`,
    `<label for="sign-in-query">${escapeHtml(message(language, "signInSearchLabel"))}</label>`,
    `<input type="search" id="sign-in-query" name="q" value="${escapeHtml(query)}">`,
    `<button type="submit">${escapeHtml(message(language, "signInSearch"))}</button>${showAll}`,
    `</form>`
  ].join("\n")
}

// A role with more people than the limit lists the first ones and states how many it leaves out.
const peopleByRole = (people: ReadonlyArray<DemoPerson>, language: Language, csrf: string, query: string): string => {
  const needle = query.toLocaleLowerCase("sv")
  const found = people.filter((person) => person.name.toLocaleLowerCase("sv").includes(needle))
  if (found.length === 0) return `<p class="empty">${escapeHtml(message(language, "signInNoMatch", { query }))}</p>`
  const sections: Array<string> = []
  for (const role of Role.literals) {
    const holders = found.filter((person) => person.roles.includes(role))
    if (holders.length === 0) continue
    const listed = holders.slice(0, signInListLimit)
    const group = message(language, `role_${role}`)
    const lines = [`<section><h2>${escapeHtml(group)}</h2>`]
    if (listed.length < holders.length) {
      const key = query === "" ? "signInShowing" : "signInShowingMatches"
      const counts = { shown: listed.length, total: holders.length, group: group.toLocaleLowerCase(language) }
      lines.push(`<p class="hint">${escapeHtml(message(language, key, counts))}</p>`)
    }
    lines.push("<ul>", ...listed.map((person) => personButton(person, csrf)), "</ul></section>")
    sections.push(lines.join("\n"))
  }
  return sections.join("\n")
}

/** The start page and, when `demoPeople` and `sessions` are given, the demo sign-in and sign-out. */
export const pagesRouter = (
  demoPeople: ReadonlyArray<DemoPerson> | undefined,
  sessions: SessionStore | undefined,
  pageOptions: PageOptions
): Router => {
  const router = Router()

  router.get("/", (req, res) => {
    const options = pageOptions(req, res, false)
    const language = options.locale ?? "sv"
    const actor = req.actor
    const lines: Array<string> = [`<h1>${escapeHtml(message(language, "appName"))}</h1>`]
    if (actor === undefined) {
      const signIn = demoPeople === undefined ? "" : ` <a href="/sign-in">${escapeHtml(message(language, "signInTitle"))}</a>`
      lines.push(`<p>${escapeHtml(message(language, "notSignedIn"))}${signIn}</p>`)
    } else {
      lines.push(startLinks(demoPeople?.find((candidate) => candidate.id === actor.personId), language))
    }
    sendPage(res, options, message(language, "appName"), lines.join("\n"))
  })

  if (demoPeople === undefined || sessions === undefined) return router

  router.get("/sign-in", (req, res) => {
    const options = pageOptions(req, res, true)
    const language = options.locale ?? "sv"
    const title = message(language, "signInTitle")
    const query = typeof req.query.q === "string" ? req.query.q.trim() : ""
    const body = [
      `<h1>${escapeHtml(title)}</h1>`,
      `<p class="notice">${escapeHtml(message(language, "demoNotice"))}</p>`,
      nameSearch(language, query),
      `<p>${escapeHtml(message(language, "signInAs"))}:</p>`,
      peopleByRole(demoPeople, language, hiddenCsrf(options.csrfToken ?? ""), query)
    ].join("\n")
    sendPage(res, options, title, body)
  })

  router.post("/sign-in", async (req, res) => {
    const form = await Effect.runPromise(Effect.either(decodeInput(SignInForm)(req.body)))
    if (form._tag === "Left") throw form.left
    // Only the listed fictional people can be signed in as, so the form cannot name anyone else.
    const person = demoPeople.find((candidate) => candidate.id === form.right.personId)
    if (person === undefined) throw InvalidInputError.of("personId", form.right.personId, "is not one of the people on the demo sign-in page")
    startSession(sessions, res, person.id)
    res.redirect(303, "/")
  })

  router.post("/sign-out", (req, res) => {
    endSession(sessions, req, res)
    res.redirect(303, "/")
  })

  return router
}
