/**
 * The host's own HTML pages: the start page and, in demo mode only, the demo sign-in page that
 * lists the fictional people by role.
 */
import { decodeInput, InvalidInputError, PersonId, Role } from "@iupkit/core"
import { Effect, Schema } from "effect"
import { type Request, type Response, Router } from "express"
import { endSession, startSession } from "./auth.js"
import { type Language, message, pickLanguage } from "./messages.js"
import { escapeHtml, renderPage } from "./page.js"

/** A fictional person offered on the demo sign-in page. */
export interface DemoPerson {
  readonly id: PersonId
  readonly name: string
  readonly roles: ReadonlyArray<Role>
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
      const name = demoPeople?.find((person) => person.id === actor.personId)?.name ?? actor.personId
      lines.push(`<p>${escapeHtml(message(language, "signedInAs", { name }))}</p>`)
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
