/**
 * One HTTP test suite for every example host. Each host's test file starts its host through
 * {@link HostUnderTest} and calls {@link hostSuite}; the suite speaks only HTTP to 127.0.0.1, to a
 * host running the real services on in-memory storage with JWT bearer sign-in.
 */
import { createHmac } from "node:crypto"
import { makeJwtAuthenticator } from "@iupkit/auth"
import type { PersonId, Role } from "@iupkit/core"
import { createIupClient, type IupClient } from "@iupkit/services"
import { layerMemoryStorage } from "@iupkit/store-memory"
import { Effect, JSONSchema, type Schema } from "effect"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { courseId, guardianName, people, roster, schoolId } from "./school.js"

/** What the suite hands a host to start. */
export interface SuiteHostOptions {
  readonly iup: IupClient
  readonly bearer: { readonly authenticateAsync: (header: string) => Promise<{ readonly personId: PersonId }> }
  readonly cookieSecret: string
  readonly demoPeople:
    | ReadonlyArray<{
      readonly id: PersonId
      readonly name: string
      readonly roles: ReadonlyArray<Role>
      readonly courses?: ReadonlyArray<{ readonly id: string; readonly name: string }>
    }>
    | undefined
  /** Receives every log line the host writes. */
  readonly logLine: (line: string) => void
  readonly port: number
}

/** A running host. */
export interface RunningHost {
  readonly url: string
  readonly close: () => Promise<void>
}

/** A host as the suite drives it. */
export interface HostUnderTest {
  readonly name: string
  readonly start: (options: SuiteHostOptions) => Promise<RunningHost>
  /** Every API route with a request body, as the document names it, and the Schema that decodes it. */
  readonly bodySchemas: ReadonlyArray<{ readonly method: string; readonly path: string; readonly schema: Schema.Schema<any, any, never> }>
}

const issuer = "https://sign-in.example.test"
const audience = "iupkit-example-hosts"
const jwtSecret = new TextEncoder().encode("host-suite-jwt-secret-of-at-least-32-bytes")

const base64url = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString("base64url")

/** Signs an HS256 token for a person, valid for ten minutes. */
const tokenFor = (personId: string): string => {
  const now = Math.floor(Date.now() / 1000)
  const unsigned = `${base64url({ alg: "HS256", typ: "JWT" })}.${base64url({ sub: personId, iss: issuer, aud: audience, iat: now, exp: now + 600 })}`
  return `${unsigned}.${createHmac("sha256", jwtSecret).update(unsigned).digest("base64url")}`
}

// The one case the real services cannot produce on demand: an unexpected failure whose message
// carries a name, to prove it reaches neither the response nor the log.
const withCrashingPlan = (client: IupClient): IupClient => ({
  ...client,
  plans: {
    ...client.plans,
    getPlan: (actor, planId) =>
      planId === "plan-crash" ? Promise.reject(new Error(`driver failed while reading ${guardianName}`)) : client.plans.getPlan(actor, planId)
  }
})

const demoPeople = [
  { id: people.admin, name: "Ada Administratör", roles: ["siteAdministrator"] as const },
  { id: people.mentor, name: "Maja Mentorsson", roles: ["mentor", "teacher"] as const },
  { id: people.pupil, name: "Elsa Elevsdotter", roles: ["pupil"] as const },
  { id: people.guardian, name: guardianName, roles: ["guardian"] as const }
]

const secret = "test-cookie-secret-of-at-least-32-characters"

/** Cookies kept between requests, as a browser would. */
class CookieJar {
  private readonly cookies = new Map<string, string>()
  readonly raw: Array<string> = []
  store(response: Response): void {
    for (const line of response.headers.getSetCookie()) {
      this.raw.push(line)
      const [pair = ""] = line.split(";")
      const [name = "", ...value] = pair.split("=")
      this.cookies.set(name.trim(), value.join("="))
    }
  }
  header(): string {
    return [...this.cookies].filter(([, value]) => value !== "").map(([name, value]) => `${name}=${value}`).join("; ")
  }
}

const hiddenCsrf = (html: string): string => {
  const token = /name="_csrf" value="([^"]+)"/.exec(html)?.[1]
  if (token === undefined) throw new Error("the page has no CSRF token field")
  return token.replace(/&#39;/g, "'").replace(/&quot;/g, '"').replace(/&amp;/g, "&")
}

// Names the $defs of a JSON Schema the way the document's components do.
const asComponents = (schema: unknown): unknown => JSON.parse(JSON.stringify(schema).replaceAll('"#/$defs/', '"#/components/schemas/'))

/** Runs the shared HTTP suite against a host. */
export const hostSuite = (host: HostUnderTest): void => {
  describe(`${host.name} host over HTTP`, () => {
    const logs: Array<string> = []
    let client: IupClient
    let demo: RunningHost
    let plain: RunningHost
    // Made through the API in beforeAll: a template, and one plan per mentee.
    const made = { templateId: "", fieldId: "", planId: "", secondPlanId: "" }

    const api = (path: string, init: RequestInit = {}, personId: string = people.mentor) =>
      fetch(`${plain.url}${path}`, {
        ...init,
        headers: { authorization: `Bearer ${tokenFor(personId)}`, "content-type": "application/json", ...init.headers }
      })
    const post = (path: string, body: unknown, personId?: string) =>
      api(path, { method: "POST", body: JSON.stringify(body) }, personId)
    const planInput = () => ({ templateId: made.templateId, title: "Utvecklingssamtal HT", startDate: "2020-08-20", endDate: null })

    /** Signs in through the demo page as a browser would, returning the cookies. */
    const signIn = async (personId: string): Promise<CookieJar> => {
      const jar = new CookieJar()
      const form = await fetch(`${demo.url}/sign-in`)
      jar.store(form)
      jar.store(await fetch(`${demo.url}/sign-in`, {
        method: "POST",
        redirect: "manual",
        headers: { cookie: jar.header(), "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({ _csrf: hiddenCsrf(await form.text()), personId }).toString()
      }))
      return jar
    }

    beforeAll(async () => {
      client = createIupClient({ storage: layerMemoryStorage, directory: roster })
      const bearer = await Effect.runPromise(makeJwtAuthenticator({ key: jwtSecret, issuer, audience }))
      const base = { iup: withCrashingPlan(client), bearer, cookieSecret: secret, logLine: (line: string) => logs.push(line), port: 0 }
      demo = await host.start({ ...base, demoPeople })
      plain = await host.start({ ...base, demoPeople: undefined })

      const template = await post("/api/templates", {
        title: "Utvecklingssamtal",
        scope: { _tag: "site" },
        fields: [{ heading: "Mål", visibleTo: ["mentor", "pupil", "guardian"], editableBy: ["mentor"] }]
      }, people.admin)
      expect(template.status).toBe(201)
      const templateBody = await template.json()
      made.templateId = templateBody.id
      made.fieldId = templateBody.fields[0].id
      const created = await post("/api/mentor/plans", { pupilIds: [people.pupil, people.secondPupil], plan: planInput() })
      expect(created.status).toBe(201)
      const plans: ReadonlyArray<{ id: string; pupil: { id: string } }> = (await created.json()).plans
      made.planId = plans.find((plan) => plan.pupil.id === people.pupil)!.id
      made.secondPlanId = plans.find((plan) => plan.pupil.id === people.secondPupil)!.id
    })
    afterAll(async () => {
      await demo?.close()
      await plain?.close()
      await client?.dispose()
    })

    describe("security headers", () => {
      it("sends a strict content security policy", async () => {
        const response = await fetch(`${demo.url}/sign-in`)
        const policy = response.headers.get("content-security-policy") ?? ""
        const directives = new Map(policy.split(";").map((part) => {
          const [name = "", ...values] = part.trim().split(/\s+/)
          return [name, values.join(" ")] as const
        }))
        expect(directives.get("default-src")).toBe("'self'")
        expect(directives.get("script-src")).toBe("'self'")
        expect(directives.get("style-src")).toBe("'self'")
        expect(directives.get("frame-ancestors")).toBe("'none'")
        expect(directives.get("form-action")).toBe("'self'")
        expect(directives.get("base-uri")).toBe("'none'")
        expect(policy).not.toContain("unsafe-inline")
        expect(policy).not.toContain("unsafe-eval")
      })

      it("forbids caching pages and API answers", async () => {
        expect((await fetch(`${demo.url}/`)).headers.get("cache-control")).toBe("no-store")
        expect((await fetch(`${demo.url}/sign-in`)).headers.get("cache-control")).toBe("no-store")
        expect((await api(`/api/plans/${made.planId}`)).headers.get("cache-control")).toBe("no-store")
        expect((await api("/api/plans/plan-missing")).headers.get("cache-control")).toBe("no-store")
      })

      it("sends nosniff and a request id", async () => {
        const response = await fetch(`${demo.url}/`)
        expect(response.headers.get("x-content-type-options")).toBe("nosniff")
        expect(response.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/)
      })

      it("keeps the headers on a malformed path", async () => {
        for (const path of ["/plans/%ZZ", "/api/plans/%ZZ"]) {
          const response = await fetch(`${demo.url}${path}`)
          // Express asks for sign-in under /api before it reads the path, so 401 is fine too.
          expect([400, 401], path).toContain(response.status)
          expect(response.headers.get("content-security-policy"), path).toContain("default-src 'self'")
          expect(response.headers.get("x-content-type-options"), path).toBe("nosniff")
          expect(response.headers.get("cache-control"), path).toBe("no-store")
          expect(response.headers.get("x-request-id"), path).toMatch(/^[0-9a-f-]{36}$/)
        }
      })
    })

    describe("sign-in", () => {
      it("rejects API calls without a token", async () => {
        const response = await fetch(`${plain.url}/api/me`)
        expect(response.status).toBe(401)
        expect((await response.json()).error.tag).toBe("UnauthenticatedError")
      })

      it("rejects an unknown bearer token", async () => {
        const forged = `${tokenFor(people.mentor).slice(0, -4)}AAAA`
        const response = await fetch(`${plain.url}/api/me`, { headers: { authorization: `Bearer ${forged}` } })
        expect(response.status).toBe(401)
        expect((await response.json()).error).toMatchObject({ tag: "AuthenticationError", reason: "invalidSignature" })
      })

      it("answers 401 before decoding the body", async () => {
        const response = await fetch(`${plain.url}/api/mentor/plans`, { method: "POST", headers: { "content-type": "application/json" }, body: "{}" })
        expect(response.status).toBe(401)
      })

      it("accepts a valid bearer token", async () => {
        const response = await api("/api/me")
        expect(response.status).toBe(200)
        expect(await response.json()).toEqual({ personId: people.mentor })
      })

      it("has no sign-in page without demo mode", async () => {
        const page = await fetch(`${plain.url}/sign-in`)
        expect(page.status).toBe(404)
        expect(await (await fetch(`${plain.url}/`)).text()).not.toContain("/sign-in")
      })

      it("lists demo people by role and says it is a demo", async () => {
        const html = await (await fetch(`${demo.url}/sign-in`)).text()
        expect(html).toContain("Demoläge")
        expect(html).toContain("<h2>Mentorer</h2>")
        expect(html).toContain("<h2>Vårdnadshavare</h2>")
        expect(html.indexOf("Maja Mentorsson")).toBeLessThan(html.indexOf("Elsa Elevsdotter"))
        expect(html).toContain(guardianName)
      })

      it("signs in with a CSRF token and a strict cookie", async () => {
        const jar = new CookieJar()
        const form = await fetch(`${demo.url}/sign-in`)
        jar.store(form)
        const token = hiddenCsrf(await form.text())
        const response = await fetch(`${demo.url}/sign-in`, {
          method: "POST",
          redirect: "manual",
          headers: { cookie: jar.header(), "content-type": "application/x-www-form-urlencoded" },
          body: new URLSearchParams({ _csrf: token, personId: people.mentor }).toString()
        })
        expect(response.status).toBe(303)
        jar.store(response)
        const session = jar.raw.find((line) => line.startsWith("iupkit_session="))
        expect(session).toMatch(/HttpOnly/i)
        expect(session).toMatch(/SameSite=Strict/i)
        const me = await fetch(`${demo.url}/api/me`, { headers: { cookie: jar.header() } })
        expect(await me.json()).toEqual({ personId: people.mentor })
        expect(await (await fetch(`${demo.url}/`, { headers: { cookie: jar.header() } })).text()).toContain("Inloggad som Maja Mentorsson")
      })

      it("refuses a person not on the demo list", async () => {
        const jar = new CookieJar()
        const form = await fetch(`${demo.url}/sign-in`)
        jar.store(form)
        const response = await fetch(`${demo.url}/sign-in`, {
          method: "POST",
          redirect: "manual",
          headers: { cookie: jar.header(), "content-type": "application/x-www-form-urlencoded" },
          body: new URLSearchParams({ _csrf: hiddenCsrf(await form.text()), personId: "someone-else" }).toString()
        })
        expect(response.status).toBe(400)
        expect(response.headers.getSetCookie().some((line) => line.startsWith("iupkit_session="))).toBe(false)
      })
    })

    describe("CSRF", () => {
      it("rejects a sign-in form without a token", async () => {
        const response = await fetch(`${demo.url}/sign-in`, {
          method: "POST",
          redirect: "manual",
          headers: { "content-type": "application/x-www-form-urlencoded" },
          body: new URLSearchParams({ personId: people.mentor }).toString()
        })
        expect(response.status).toBe(403)
        expect(response.headers.get("content-type")).toMatch(/text\/html/)
        expect(await response.text()).toContain("Formuläret kunde inte skickas")
        expect(response.headers.getSetCookie().some((line) => line.startsWith("iupkit_session="))).toBe(false)
      })

      it("rejects a forged token", async () => {
        const jar = new CookieJar()
        jar.store(await fetch(`${demo.url}/sign-in`))
        const response = await fetch(`${demo.url}/sign-in`, {
          method: "POST",
          redirect: "manual",
          headers: { cookie: jar.header(), "content-type": "application/x-www-form-urlencoded" },
          body: new URLSearchParams({ _csrf: "forged-token", personId: people.mentor }).toString()
        })
        expect(response.status).toBe(403)
      })

      it("requires a token on session API writes", async () => {
        const jar = await signIn(people.mentor)
        const write = (headers: Record<string, string>) =>
          fetch(`${demo.url}/api/plans/${made.secondPlanId}/fields/${made.fieldId}`, {
            method: "PUT",
            headers: { cookie: jar.header(), "content-type": "application/json", ...headers },
            body: JSON.stringify({ expectedVersion: 1, value: "Skrivet i webbläsaren" })
          })
        const without = await write({})
        expect(without.status).toBe(403)
        expect((await without.json()).error.tag).toBe("CsrfError")
        const page = await fetch(`${demo.url}/`, { headers: { cookie: jar.header() } })
        jar.store(page)
        const withToken = await write({ "x-csrf-token": hiddenCsrf(await page.text()) })
        expect(withToken.status).toBe(200)
      })
    })

    describe("error mapping", () => {
      it("maps invalid body to 400 with field", async () => {
        const response = await post("/api/mentor/plans", { pupilIds: [people.pupil], plan: { ...planInput(), startDate: "2026-02-30" } })
        expect(response.status).toBe(400)
        const body = await response.json()
        expect(body.error.tag).toBe("InvalidInputError")
        expect(body.error.field).toBe("plan.startDate")
        expect(body.error.reason).toContain("YYYY-MM-DD")
      })

      it("maps invalid path parameter to 400", async () => {
        const response = await api("/api/plans/bad%20id")
        expect(response.status).toBe(400)
        expect((await response.json()).error.field).toBe("planId")
      })

      it("maps malformed JSON to 400", async () => {
        const response = await api("/api/mentor/plans", { method: "POST", body: "{not json" })
        expect(response.status).toBe(400)
        expect((await response.json()).error.tag).toBe("RequestError")
      })

      it("maps not found to 404", async () => {
        const response = await api("/api/plans/plan-missing")
        expect(response.status).toBe(404)
        expect((await response.json()).error).toMatchObject({ tag: "NotFoundError", kind: "plan", id: "plan-missing" })
      })

      it("hides unpublished plans as not found", async () => {
        const response = await api(`/api/plans/${made.secondPlanId}`, {}, people.guardian)
        expect(response.status).toBe(404)
      })

      it("maps forbidden to 403", async () => {
        const plan = await (await api(`/api/plans/${made.planId}`)).json()
        const published = await api(`/api/plans/${made.planId}`, {
          method: "PATCH",
          body: JSON.stringify({ expectedVersion: plan.headerVersion, patch: { published: true } })
        })
        expect(published.status).toBe(200)
        const headerVersion = (await published.json()).headerVersion
        const response = await api(`/api/plans/${made.planId}`, {
          method: "PATCH",
          body: JSON.stringify({ expectedVersion: headerVersion, patch: { title: "Min egen titel" } })
        }, people.pupil)
        expect(response.status).toBe(403)
        expect((await response.json()).error).toMatchObject({ tag: "ForbiddenError", kind: "plan", id: made.planId })
      })

      it("maps conflict to 409 with current value", async () => {
        const write = (value: string) =>
          api(`/api/plans/${made.planId}/fields/${made.fieldId}`, { method: "PUT", body: JSON.stringify({ expectedVersion: 1, value }) })
        expect((await write("Läsa mer")).status).toBe(200)
        const response = await write("Räkna mer")
        expect(response.status).toBe(409)
        expect((await response.json()).error).toMatchObject({
          tag: "VersionConflictError",
          currentVersion: 2,
          currentValue: { value: "Läsa mer", version: 2 }
        })
      })

      it("maps export limit to 422", async () => {
        const planIds = Array.from({ length: 101 }, (_, index) => `plan-${index}`)
        const response = await post("/api/exports", { planIds })
        expect(response.status).toBe(422)
        expect((await response.json()).error).toMatchObject({ tag: "ExportLimitExceededError", requested: 101, limit: 100 })
      })

      it("maps pupils without mentor to 422", async () => {
        const response = await post("/api/organisation-plans", { organisationId: schoolId, plan: planInput() }, people.admin)
        expect(response.status).toBe(422)
        expect((await response.json()).error).toMatchObject({ tag: "PupilsWithoutMentorError", pupilIds: [people.pupilWithoutMentor] })
      })

      it("maps anything else to 500 without details", async () => {
        const response = await api("/api/plans/plan-crash")
        expect(response.status).toBe(500)
        const text = await response.text()
        expect(JSON.parse(text).error.tag).toBe("InternalError")
        expect(text).not.toContain(guardianName)
      })

      it("asks for sign-in on unknown API paths", async () => {
        const response = await fetch(`${plain.url}/api/nothing-here`)
        expect(response.status).toBe(401)
      })

      it("answers unknown API paths in JSON", async () => {
        const response = await api("/api/nothing-here")
        expect(response.status).toBe(404)
        expect(response.headers.get("content-type")).toMatch(/application\/json/)
      })

      it("answers unknown pages in Swedish HTML", async () => {
        const response = await fetch(`${plain.url}/nothing-here`)
        expect(response.status).toBe(404)
        const html = await response.text()
        expect(html).toContain('<html lang="sv">')
        expect(html).toContain("Hittades inte")
      })

      it("answers in English when asked", async () => {
        const byQuery = await (await fetch(`${plain.url}/nothing-here?lang=en`)).text()
        expect(byQuery).toContain('<html lang="en">')
        expect(byQuery).toContain("Not found")
        const byHeader = await (await fetch(`${plain.url}/nothing-here`, { headers: { "accept-language": "en-GB,en;q=0.9,sv;q=0.5" } })).text()
        expect(byHeader).toContain("Not found")
        const swedishFirst = await (await fetch(`${plain.url}/nothing-here`, { headers: { "accept-language": "sv,en;q=0.8" } })).text()
        expect(swedishFirst).toContain("Hittades inte")
      })
    })

    describe("flows over the API", () => {
      it("teacher sets one level for several pupils", async () => {
        const scale = await post("/api/grading-scales", { name: "Tre steg", steps: ["Påbörjad", "Godtagbar", "Mycket god"] }, people.admin)
        expect(scale.status).toBe(201)
        const assessment = await post("/api/assessments", {
          courseId,
          title: "Omdöme HT 2026",
          gradingScaleId: (await scale.json()).id,
          visibleToPupils: true,
          selfAssessmentEnabled: true
        })
        expect(assessment.status).toBe(201)
        const assessmentId = (await assessment.json()).assessment.id
        const levels = await post(`/api/assessments/${assessmentId}/levels`, {
          level: "Godtagbar",
          entries: [{ pupilId: people.pupil, expectedVersion: null }, { pupilId: people.secondPupil, expectedVersion: null }]
        })
        expect(levels.status).toBe(200)
        const written: ReadonlyArray<{ pupil: { id: string }; version: number }> = await levels.json()
        expect(written.map((entry) => entry.pupil.id).sort()).toEqual([people.pupil, people.secondPupil].sort())
        const ownEntry = written.find((entry) => entry.pupil.id === people.pupil)!
        const course = await (await api(`/api/courses/${courseId}`)).json()
        expect(JSON.stringify(course)).toContain("Godtagbar")
        const selfAssessed = await api(`/api/assessments/${assessmentId}/self-assessment`, {
          method: "PUT",
          body: JSON.stringify({ expectedVersion: ownEntry.version, level: "Mycket god", comment: "Jag räknar varje dag" })
        }, people.pupil)
        expect(selfAssessed.status).toBe(200)
      })

      it("hides a course page from pupils", async () => {
        expect((await api(`/api/courses/${courseId}`, {}, people.pupil)).status).toBe(404)
      })

      it("serves each role's own page", async () => {
        expect((await api("/api/mentor")).status).toBe(200)
        expect((await api("/api/pupil", {}, people.pupil)).status).toBe(200)
        expect((await api("/api/guardian", {}, people.guardian)).status).toBe(200)
        expect((await api("/api/templates", {}, people.admin)).status).toBe(200)
      })

      it("exports the mentor's plans", async () => {
        const response = await post("/api/exports", { planIds: [made.planId, made.secondPlanId] })
        expect(response.status).toBe(200)
        expect(JSON.stringify(await response.json())).toContain(made.secondPlanId)
      })
    })

    describe("pages and forms", () => {
      const page = async (jar: CookieJar, path: string) => {
        const response = await fetch(`${demo.url}${path}`, { headers: { cookie: jar.header() }, redirect: "manual" })
        jar.store(response)
        return { response, html: await response.text() }
      }
      const submit = (jar: CookieJar, path: string, fields: ReadonlyArray<readonly [string, string]>, accept = "text/html") =>
        fetch(`${demo.url}${path}`, {
          method: "POST",
          redirect: "manual",
          headers: { cookie: jar.header(), "content-type": "application/x-www-form-urlencoded", accept },
          body: new URLSearchParams(fields.map(([name, value]) => [name, value])).toString()
        })

      it("sends anonymous visitors to sign-in", async () => {
        const response = await fetch(`${demo.url}/mentor`, { redirect: "manual" })
        expect(response.status).toBe(303)
        expect(response.headers.get("location")).toBe("/sign-in")
        expect((await fetch(`${plain.url}/mentor`)).status).toBe(401)
      })

      it("shows the mentor page with plans", async () => {
        const jar = await signIn(people.mentor)
        const { response, html } = await page(jar, "/mentor")
        expect(response.status).toBe(200)
        expect(response.headers.get("cache-control")).toBe("no-store")
        expect(html).toContain("Utvecklingssamtal HT")
        expect(html).toContain('name="_csrf"')
        // The strict policy blocks inline script and style, so the page must not rely on them.
        expect(html).not.toMatch(/<script(?![^>]*\ssrc=)[^>]*>/)
        expect(html).not.toMatch(/\sstyle="/)
      })

      it("saves a field without JavaScript", async () => {
        const jar = await signIn(people.mentor)
        const { html } = await page(jar, `/plans/${made.secondPlanId}`)
        const action = `/plans/${encodeURIComponent(made.secondPlanId)}/fields/${encodeURIComponent(made.fieldId)}`
        const formHtml = html.slice(html.indexOf(`action="${action}"`))
        const version = /name="version" value="(\d+)"/.exec(formHtml)?.[1]
        expect(version).toBeDefined()
        const saved = await submit(jar, action, [["_csrf", hiddenCsrf(html)], ["version", version!], ["value", "Öva multiplikation"]])
        expect(saved.status).toBe(303)
        expect(saved.headers.get("location")).toBe(`/plans/${encodeURIComponent(made.secondPlanId)}`)
        expect((await page(jar, `/plans/${made.secondPlanId}`)).html).toContain("Öva multiplikation")
        const autosaved = await submit(
          jar,
          action,
          [["_csrf", hiddenCsrf(html)], ["version", String(Number(version) + 1)], ["value", "Öva division"]],
          "application/json"
        )
        expect(autosaved.status).toBe(200)
        expect(await autosaved.json()).toEqual({ version: Number(version) + 2 })
      })

      it("rejects a form without its token", async () => {
        const jar = await signIn(people.mentor)
        const response = await submit(jar, `/plans/${made.secondPlanId}/fields/${made.fieldId}`, [["version", "1"], ["value", "x"]])
        expect(response.status).toBe(403)
      })

      it("creates plans from the bulk form", async () => {
        const jar = await signIn(people.mentor)
        const { html } = await page(jar, "/mentor")
        const response = await submit(jar, "/plans", [
          ["_csrf", hiddenCsrf(html)],
          ["selection", "chosen"],
          ["pupilIds", people.secondPupil],
          ["templateId", made.templateId],
          ["title", "Utvecklingssamtal VT"],
          ["startDate", "2021-01-10"],
          ["endDate", "2021-06-15"]
        ])
        expect(response.status).toBe(303)
        expect((await page(jar, "/mentor")).html).toContain("Utvecklingssamtal VT")
      })

      it("exports a PDF of selected plans", async () => {
        const jar = await signIn(people.mentor)
        const { html } = await page(jar, "/mentor")
        const response = await submit(jar, "/plans/export.pdf", [["_csrf", hiddenCsrf(html)], ["planIds", made.planId], ["planIds", made.secondPlanId]])
        expect(response.status).toBe(200)
        expect(response.headers.get("content-type")).toMatch(/application\/pdf/)
        expect(Buffer.from(await response.arrayBuffer()).subarray(0, 5).toString()).toBe("%PDF-")
      })

      it("refuses printing 101 plans in Swedish", async () => {
        const jar = await signIn(people.mentor)
        const { html } = await page(jar, "/mentor")
        const planIds = Array.from({ length: 101 }, (_, index): readonly [string, string] => ["planIds", `plan-${index}`])
        const response = await submit(jar, "/plans/print", [["_csrf", hiddenCsrf(html)], ...planIds])
        expect(response.status).toBe(422)
        expect(await response.text()).toContain("högst 100")
      })

      it("creates and deletes an assessment by form", async () => {
        const jar = await signIn(people.mentor)
        const { html } = await page(jar, `/courses/${courseId}`)
        const created = await submit(jar, `/courses/${courseId}/assessments`, [
          ["_csrf", hiddenCsrf(html)],
          ["title", "Omdöme VT 2027 extra"],
          ["gradingScaleId", ""],
          ["visibleToPupils", "true"]
        ])
        expect(created.status).toBe(303)
        const course = (await page(jar, `/courses/${courseId}`)).html
        expect(course).toContain("Omdöme VT 2027 extra")
        const assessmentId = /action="\/assessments\/([^"/]+)\/delete"/.exec(course.slice(course.indexOf("Omdöme VT 2027 extra")))?.[1]
        expect(assessmentId).toBeDefined()
        const deleted = await submit(jar, `/assessments/${assessmentId}/delete`, [["_csrf", hiddenCsrf(course)], ["version", "1"]])
        expect(deleted.status).toBe(303)
        expect((await page(jar, `/courses/${courseId}`)).html).not.toContain("Omdöme VT 2027 extra")
      })

      it("explains a missing plan per language", async () => {
        const jar = await signIn(people.mentor)
        const swedish = await page(jar, "/plans/plan-missing")
        expect(swedish.response.status).toBe(404)
        expect(swedish.html).toContain("Hittades inte")
        const english = await page(jar, "/plans/plan-missing?lang=en")
        expect(english.html).toContain("Not found")
      })

      it("lists a pupil's plans for a teacher", async () => {
        const { response, html } = await page(await signIn(people.mentor), `/pupils/${people.pupil}/plans`)
        expect(response.status).toBe(200)
        expect(html).toContain("Utvecklingssamtal HT")
      })

      it("shows the pupil and guardian pages", async () => {
        expect((await page(await signIn(people.pupil), "/pupil")).response.status).toBe(200)
        expect((await page(await signIn(people.guardian), "/guardian")).response.status).toBe(200)
      })

      it("links administrators to their page", async () => {
        expect((await page(await signIn(people.admin), "/")).html).toContain('href="/admin"')
        expect((await page(await signIn(people.pupil), "/")).html).not.toContain('href="/admin"')
      })

      it("shows the admin page with headers", async () => {
        const { response, html } = await page(await signIn(people.admin), "/admin")
        expect(response.status).toBe(200)
        expect(response.headers.get("content-type")).toMatch(/text\/html/)
        expect(response.headers.get("cache-control")).toBe("no-store")
        expect(response.headers.get("x-content-type-options")).toBe("nosniff")
        expect(response.headers.get("content-security-policy")).toContain("default-src 'self'")
        expect(html).toContain('<html lang="sv">')
        expect(html).toContain("<h1>Administration</h1>")
        expect(html).toContain(`value="${made.planId}"`)
        expect(html).toContain(`value="${made.secondPlanId}"`)
        expect(html).toContain('action="/admin/export.pdf"')
        expect(html).toContain('name="_csrf"')
        expect(html).not.toMatch(/<script(?![^>]*\ssrc=)[^>]*>/)
        expect(html).not.toMatch(/\sstyle="/)
      })

      it("hides the admin page from others", async () => {
        for (const personId of [people.mentor, people.pupil, people.guardian]) {
          const { response, html } = await page(await signIn(personId), "/admin")
          expect(response.status, personId).toBe(404)
          expect(html, personId).toContain("Hittades inte")
          expect(html, personId).not.toContain(made.planId)
        }
        const anonymous = await fetch(`${demo.url}/admin`, { redirect: "manual" })
        expect(anonymous.status).toBe(303)
        expect(anonymous.headers.get("location")).toBe("/sign-in")
        expect((await fetch(`${plain.url}/admin`)).status).toBe(401)
      })

      it("rejects the export form without its token", async () => {
        const jar = await signIn(people.admin)
        await page(jar, "/admin")
        const response = await submit(jar, "/admin/export.pdf", [["selection", "all"]])
        expect(response.status).toBe(403)
        expect(response.headers.get("content-type")).toMatch(/text\/html/)
        expect(await response.text()).toContain("Formuläret kunde inte skickas")
      })

      it("exports chosen or all plans as PDF", async () => {
        const jar = await signIn(people.admin)
        const { html } = await page(jar, "/admin")
        const chosen = await submit(jar, "/admin/export.pdf", [["_csrf", hiddenCsrf(html)], ["selection", "chosen"], ["planIds", made.planId]])
        expect(chosen.status).toBe(200)
        expect(chosen.headers.get("content-type")).toMatch(/application\/pdf/)
        expect(chosen.headers.get("content-disposition")).toMatch(/^attachment; filename="?iup-planer\.pdf"?$/)
        expect(chosen.headers.get("cache-control")).toBe("no-store")
        const chosenBytes = Buffer.from(await chosen.arrayBuffer())
        expect(chosenBytes.subarray(0, 5).toString()).toBe("%PDF-")
        const all = await submit(jar, "/admin/export.pdf", [["_csrf", hiddenCsrf(html)], ["selection", "all"]])
        expect(all.status).toBe(200)
        // Every current plan of the school, so more pages than the single chosen plan.
        expect(Buffer.from(await all.arrayBuffer()).length).toBeGreaterThan(chosenBytes.length)
      })

      it("refuses exporting 101 plans in Swedish", async () => {
        const jar = await signIn(people.admin)
        const { html } = await page(jar, "/admin")
        const planIds = Array.from({ length: 101 }, (_, index): readonly [string, string] => ["planIds", `plan-${index}`])
        const response = await submit(jar, "/admin/export.pdf", [["_csrf", hiddenCsrf(html)], ["selection", "chosen"], ...planIds])
        expect(response.status).toBe(422)
        expect(response.headers.get("content-type")).toMatch(/text\/html/)
        expect(response.headers.get("content-security-policy")).toContain("default-src 'self'")
        const text = await response.text()
        expect(text).toContain("För många planer")
        expect(text).toContain("Du valde 101 planer")
        expect(text).toContain("högst 100")
        expect(text).not.toContain("limit")
      })

      it("rejects an empty export selection", async () => {
        const jar = await signIn(people.admin)
        const { html } = await page(jar, "/admin")
        const response = await submit(jar, "/admin/export.pdf", [["_csrf", hiddenCsrf(html)], ["selection", "chosen"]])
        expect(response.status).toBe(400)
        expect(await response.text()).toContain("Planer: får inte vara tomt.")
      })

      it("refuses the export to a pupil", async () => {
        const jar = await signIn(people.pupil)
        const { html } = await page(jar, "/pupil")
        const all = await submit(jar, "/admin/export.pdf", [["_csrf", hiddenCsrf(html)], ["selection", "all"]])
        expect(all.status).toBe(404)
        const chosen = await submit(jar, "/admin/export.pdf", [["_csrf", hiddenCsrf(html)], ["selection", "chosen"], ["planIds", made.secondPlanId]])
        expect(chosen.status).toBe(404)
        expect(chosen.headers.get("content-type")).toMatch(/text\/html/)
      })
    })

    describe("OpenAPI document", () => {
      it("describes each body with its Schema", async () => {
        const document = await (await fetch(`${plain.url}/openapi.json`)).json()
        expect(document.openapi).toBe("3.1.0")
        const documented: Array<string> = []
        for (const [path, operations] of Object.entries<Record<string, any>>(document.paths)) {
          for (const [method, operation] of Object.entries(operations)) {
            if (operation.requestBody !== undefined) documented.push(`${method} ${path}`)
          }
        }
        expect(documented.sort()).toEqual(host.bodySchemas.map((route) => `${route.method} ${route.path}`).sort())
        for (const route of host.bodySchemas) {
          const { $defs = {}, $schema: _, ...expected } = JSONSchema.make(route.schema, { target: "openApi3.1" })
          const actual = document.paths[route.path][route.method].requestBody.content["application/json"].schema
          expect(actual, `${route.method} ${route.path}`).toEqual(asComponents(expected))
          for (const [name, definition] of Object.entries($defs)) {
            expect(document.components.schemas[name], name).toEqual(asComponents(definition))
          }
        }
      })

      it("names path parameters", async () => {
        const document = await (await fetch(`${plain.url}/openapi.json`)).json()
        const parameters = document.paths["/api/plans/{planId}/fields/{fieldId}"].put.parameters
        expect(parameters.map((parameter: { name: string }) => parameter.name)).toEqual(["planId", "fieldId"])
      })
    })

    describe("request logs", () => {
      it("log ids, route and status only", async () => {
        const before = logs.length
        await api(`/api/plans/${made.secondPlanId}?note=${encodeURIComponent(guardianName)}`)
        await api(`/api/plans/${made.secondPlanId}/fields/${made.fieldId}`, { method: "PUT", body: JSON.stringify({ expectedVersion: 99, value: `Samtal med ${guardianName}` }) })
        await api("/api/plans/plan-crash")
        // Log lines are written after the response; wait until all three arrive, bounded.
        for (let attempt = 0; attempt < 50 && logs.slice(before).filter((line) => line.includes("request completed")).length < 3; attempt++) {
          await new Promise((resolve) => setTimeout(resolve, 20))
        }
        const lines = logs.slice(before)
        const completed = lines.map((line) => JSON.parse(line)).filter((entry) => entry.msg === "request completed")
        expect(completed.map((entry) => entry.route)).toEqual(["/api/plans/:planId", "/api/plans/:planId/fields/:fieldId", "/api/plans/:planId"])
        expect(completed.map((entry) => entry.status)).toEqual([200, 409, 500])
        for (const entry of completed) {
          expect(entry.reqId).toMatch(/^[0-9a-f-]{36}$/)
          expect(typeof entry.durationMs).toBe("number")
          expect(entry.method).toMatch(/^(GET|PUT)$/)
        }
        const text = lines.join("\n")
        expect(text).not.toContain("Siv")
        expect(text).not.toContain("Samtal")
        expect(text).not.toContain("note=")
        expect(text).not.toContain("Bearer")
      })
    })

    describe("startup", () => {
      it("explains a port already in use", async () => {
        const port = Number(new URL(plain.url).port)
        const bearer = { authenticateAsync: () => Promise.reject(new Error("not used")) }
        const base = { iup: client, bearer, cookieSecret: secret, logLine: () => {}, demoPeople: undefined }
        await expect(host.start({ ...base, port })).rejects.toThrow(new RegExp(`Port ${port} on 127\\.0\\.0\\.1 is already in use.*--port`))
      })
    })
  })
}
