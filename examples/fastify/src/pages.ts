/**
 * The host's own HTML pages: the start page and, in demo mode only, the demo sign-in page that
 * lists the fictional people by role.
 */
import { decodeInputEither, InvalidInputError, PersonId, Role } from "@iupkit/core"
import { Either, Schema } from "effect"
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from "fastify"
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

/** The page language of a request. */
export const languageOf = (request: FastifyRequest): Language =>
  pickLanguage((request.query as Record<string, unknown> | undefined)?.lang, request.headers["accept-language"])

const sendPage = (reply: FastifyReply, language: Language, title: string, body: string): FastifyReply =>
  reply.type("text/html; charset=utf-8").send(renderPage({ language, title, body }))

const csrfField = (reply: FastifyReply): string =>
  `<input type="hidden" name="_csrf" value="${escapeHtml(reply.generateCsrf())}">`

const signInList = (people: ReadonlyArray<DemoPerson>, language: Language, csrf: string): string =>
  Role.literals
    .map((role) => {
      const holders = people.filter((person) => person.roles.includes(role))
      if (holders.length === 0) return ""
      const items = holders
        .map(
          (person) =>
            `<li><form method="post" action="/sign-in" class="inline">${csrf}<input type="hidden" name="personId" value="${escapeHtml(person.id)}"><button type="submit" class="link">${escapeHtml(person.name)}</button></form></li>`
        )
        .join("\n")
      return `<section><h2>${escapeHtml(message(language, `role_${role}`))}</h2>\n<ul>\n${items}\n</ul></section>`
    })
    .join("\n")

/** Registers the start page and, when `demoPeople` is given, the demo sign-in and sign-out. */
export const pagesPlugin: FastifyPluginAsync<{ readonly demoPeople: ReadonlyArray<DemoPerson> | undefined }> = async (
  fastify,
  options
) => {
  const demoPeople = options.demoPeople

  fastify.get("/", async (request, reply) => {
    const language = languageOf(request)
    const actor = request.actor
    const person = actor === undefined ? undefined : demoPeople?.find((candidate) => candidate.id === actor.personId)
    const status =
      actor === undefined
        ? `<p>${escapeHtml(message(language, "notSignedIn"))}${demoPeople === undefined ? "" : ` <a href="/sign-in">${escapeHtml(message(language, "signInTitle"))}</a>`}</p>`
        : `<p>${escapeHtml(message(language, "signedInAs", { name: person?.name ?? actor.personId }))}</p>\n${startLinks(person, language)}`
    const signOut =
      actor?.via === "session"
        ? `<form method="post" action="/sign-out">${csrfField(reply)}<button type="submit">${escapeHtml(message(language, "signOut"))}</button></form>`
        : ""
    return sendPage(reply, language, message(language, "appName"), `<h1>${escapeHtml(message(language, "appName"))}</h1>\n${status}\n${signOut}`)
  })

  if (demoPeople === undefined) return

  fastify.get("/sign-in", async (request, reply) => {
    const language = languageOf(request)
    const title = message(language, "signInTitle")
    const body = `<h1>${escapeHtml(title)}</h1>
<p class="notice">${escapeHtml(message(language, "demoNotice"))}</p>
<p>${escapeHtml(message(language, "signInAs"))}:</p>
${signInList(demoPeople, language, csrfField(reply))}`
    return sendPage(reply, language, title, body)
  })

  fastify.post("/sign-in", { preHandler: fastify.csrfProtection }, async (request, reply) => {
    const form = decodeInputEither(SignInForm)(request.body)
    if (Either.isLeft(form)) throw form.left
    // Only the listed fictional people can be signed in as, so the form cannot name anyone else.
    const person = demoPeople.find((candidate) => candidate.id === form.right.personId)
    if (person === undefined) {
      throw InvalidInputError.of("personId", form.right.personId, "is not one of the people on the demo sign-in page")
    }
    startSession(reply, person.id)
    return reply.redirect("/", 303)
  })

  fastify.post("/sign-out", { preHandler: fastify.csrfProtection }, async (_request, reply) => {
    endSession(reply)
    return reply.redirect("/", 303)
  })
}
