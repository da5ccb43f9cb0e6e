/**
 * The host's own HTML pages: the start page and, in demo mode only, the demo sign-in page that
 * lists the fictional people by role.
 */
import { decodeInput, InvalidInputError, PersonId, Role } from "@iupkit/core"
import { Effect, Schema } from "effect"
import { type Request, type Response, Router } from "express"
import { endSession, startSession } from "./auth.js"
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

/** The page language of a request. */
export const languageOf = (req: Request): Language => pickLanguage(req.query.lang, req.get("accept-language"))

const sendPage = (res: Response, language: Language, title: string, body: string): void => {
  res.type("html").send(renderPage({ language, title, body }))
}

const hiddenCsrf = (token: string): string => `<input type="hidden" name="_csrf" value="${escapeHtml(token)}">`

const personButton = (person: DemoPerson, csrf: string): string =>
  `<li><form method="post" action="/sign-in" class="inline">${csrf}<input type="hidden" name="personId" value="${escapeHtml(person.id)}"><button type="submit" class="link">${escapeHtml(person.name)}</button></form></li>`

const peopleByRole = (people: ReadonlyArray<DemoPerson>, language: Language, csrf: string): string => {
  const sections: Array<string> = []
  for (const role of Role.literals) {
    const holders = people.filter((person) => person.roles.includes(role))
    if (holders.length > 0) {
      const items = holders.map((person) => personButton(person, csrf)).join("\n")
      sections.push(`<section><h2>${escapeHtml(message(language, `role_${role}`))}</h2>\n<ul>\n${items}\n</ul></section>`)
    }
  }
  return sections.join("\n")
}

/** The start page and, when `demoPeople` is given, the demo sign-in and sign-out. */
export const pagesRouter = (demoPeople: ReadonlyArray<DemoPerson> | undefined, csrfToken: CsrfTokenFor): Router => {
  const router = Router()

  router.get("/", (req, res) => {
    const language = languageOf(req)
    const actor = req.actor
    const lines: Array<string> = [`<h1>${escapeHtml(message(language, "appName"))}</h1>`]
    if (actor === undefined) {
      const signIn = demoPeople === undefined ? "" : ` <a href="/sign-in">${escapeHtml(message(language, "signInTitle"))}</a>`
      lines.push(`<p>${escapeHtml(message(language, "notSignedIn"))}${signIn}</p>`)
    } else {
      const person = demoPeople?.find((candidate) => candidate.id === actor.personId)
      lines.push(`<p>${escapeHtml(message(language, "signedInAs", { name: person?.name ?? actor.personId }))}</p>`)
      lines.push(startLinks(person, language))
    }
    if (actor?.via === "session") {
      lines.push(`<form method="post" action="/sign-out">${hiddenCsrf(csrfToken(req, res))}<button type="submit">${escapeHtml(message(language, "signOut"))}</button></form>`)
    }
    sendPage(res, language, message(language, "appName"), lines.join("\n"))
  })

  if (demoPeople === undefined) return router

  router.get("/sign-in", (req, res) => {
    const language = languageOf(req)
    const title = message(language, "signInTitle")
    const body = [
      `<h1>${escapeHtml(title)}</h1>`,
      `<p class="notice">${escapeHtml(message(language, "demoNotice"))}</p>`,
      `<p>${escapeHtml(message(language, "signInAs"))}:</p>`,
      peopleByRole(demoPeople, language, hiddenCsrf(csrfToken(req, res)))
    ].join("\n")
    sendPage(res, language, title, body)
  })

  router.post("/sign-in", async (req, res) => {
    const form = await Effect.runPromise(Effect.either(decodeInput(SignInForm)(req.body)))
    if (form._tag === "Left") throw form.left
    // Only the listed fictional people can be signed in as, so the form cannot name anyone else.
    const person = demoPeople.find((candidate) => candidate.id === form.right.personId)
    if (person === undefined) throw InvalidInputError.of("personId", form.right.personId, "is not one of the people on the demo sign-in page")
    startSession(res, person.id)
    res.redirect(303, "/")
  })

  router.post("/sign-out", (_req, res) => {
    endSession(res)
    res.redirect(303, "/")
  })

  return router
}
