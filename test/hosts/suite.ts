/**
 * One HTTP test suite for every example host. Each host's test file starts its host through
 * {@link HostUnderTest} and calls {@link hostSuite}; the suite speaks only HTTP to 127.0.0.1, to a
 * host running the real services on in-memory storage with JWT bearer sign-in.
 */
import { createHmac } from "node:crypto"
import { crc32, deflateSync } from "node:zlib"
import { makeJwtAuthenticator } from "@iupkit/auth"
import type { PersonId, Role } from "@iupkit/core"
import { createIupClient, type IupClient } from "@iupkit/services"
import { layerMemoryStorage } from "@iupkit/store-memory"
import { Effect, JSONSchema, type Schema } from "effect"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { bombDocx, minimalDocx, minimalPdf } from "../../packages/services/test/files.js"
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
  /** Largest uploaded document in bytes; the services get the same limit. The host's default without it. */
  readonly maxDocumentBytes?: number
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

// More pupils than the sign-in page lists at once, so the page must state that its list is partial.
const extraPupils = Array.from({ length: 60 }, (_, index) => ({
  id: `person-extra-${index + 1}` as PersonId,
  name: `Extra Elev ${String(index + 1).padStart(2, "0")}`,
  roles: ["pupil"] as const
}))

const demoPeople = [
  { id: people.admin, name: "Ada Administratör", roles: ["siteAdministrator"] as const },
  { id: people.mentor, name: "Maja Mentorsson", roles: ["mentor", "teacher"] as const },
  { id: people.pupil, name: "Elsa Elevsdotter", roles: ["pupil"] as const },
  { id: people.guardian, name: guardianName, roles: ["guardian"] as const },
  ...extraPupils
]

const secret = "test-cookie-secret-of-at-least-32-characters"

// Small, so that the oversized upload stays quick; the zip bomb below compresses to about 20 kB.
const maxDocumentBytes = 64 * 1024

const pngChunk = (type: string, data: Buffer): Buffer => {
  const length = Buffer.alloc(4)
  length.writeUInt32BE(data.length)
  const typeAndData = Buffer.concat([Buffer.from(type, "latin1"), data])
  const crc = Buffer.alloc(4)
  crc.writeUInt32BE(crc32(typeAndData))
  return Buffer.concat([length, typeAndData, crc])
}

/** A valid 1×1 white PNG image. */
const onePixelPng = (): Buffer => {
  const header = Buffer.alloc(13)
  header.writeUInt32BE(1, 0)
  header.writeUInt32BE(1, 4)
  header.set([8, 2, 0, 0, 0], 8)
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk("IHDR", header),
    pngChunk("IDAT", deflateSync(Buffer.from([0, 255, 255, 255]))),
    pngChunk("IEND", Buffer.alloc(0))
  ])
}

/** The minimal PDF with an object inserted before its trailer. */
const pdfWith = (object: string): Buffer => {
  const pdf = Buffer.from(minimalPdf)
  const trailer = pdf.indexOf("trailer")
  return Buffer.concat([pdf.subarray(0, trailer), Buffer.from(object, "latin1"), pdf.subarray(trailer)])
}

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
      client = createIupClient({ storage: layerMemoryStorage, directory: roster, maxDocumentBytes })
      const bearer = await Effect.runPromise(makeJwtAuthenticator({ key: jwtSecret, issuer, audience }))
      const base = { iup: withCrashingPlan(client), bearer, cookieSecret: secret, logLine: (line: string) => logs.push(line), port: 0, maxDocumentBytes }
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
        expect(response.headers.get("www-authenticate")).toBe(
          'Bearer realm="iupkit", error="invalid_token", error_description="invalidSignature"'
        )
        expect((await response.json()).error).toMatchObject({ tag: "AuthenticationError", reason: "invalidSignature" })
      })

      it("rejects a token for an unknown person", async () => {
        for (const path of ["/api/me", "/api/mentor"]) {
          const response = await api(path, {}, "person-not-in-directory")
          expect(response.status).toBe(401)
          expect(response.headers.get("www-authenticate")).toBe(
            'Bearer realm="iupkit", error="invalid_token", error_description="unknownPerson"'
          )
          const error = (await response.json()).error
          expect(error).toMatchObject({ tag: "AuthenticationError", reason: "unknownPerson" })
          expect(error.message).toContain("inte finns i skolans personregister")
          expect(error.detail).toContain("person-not-in-directory is not in the school's directory")
        }
      })

      it("rejects a session of an unknown person", async () => {
        // Listed on the demo page but missing from the directory, as after a roster import.
        const jar = await signIn("person-extra-1")
        const response = await fetch(`${demo.url}/api/me`, { headers: { cookie: jar.header() } })
        expect(response.status).toBe(401)
        expect((await response.json()).error.reason).toBe("unknownPerson")
        const page = await fetch(`${demo.url}/mentor`, { headers: { cookie: jar.header() }, redirect: "manual" })
        expect(page.status).toBe(303)
        expect(page.headers.get("location")).toBe("/sign-in")
      })

      it("names the scheme on a 401", async () => {
        const response = await fetch(`${plain.url}/api/me`)
        expect(response.headers.get("www-authenticate")).toBe('Bearer realm="iupkit"')
        const page = await fetch(`${plain.url}/mentor`)
        expect(page.status).toBe(401)
        expect(page.headers.get("www-authenticate")).toBe('Bearer realm="iupkit"')
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

      it("ends the session on sign-out", async () => {
        const jar = await signIn(people.mentor)
        const copied = jar.header()
        const home = await fetch(`${demo.url}/`, { headers: { cookie: copied } })
        jar.store(home)
        const signOut = await fetch(`${demo.url}/sign-out`, {
          method: "POST",
          redirect: "manual",
          headers: { cookie: jar.header(), "content-type": "application/x-www-form-urlencoded" },
          body: new URLSearchParams({ _csrf: hiddenCsrf(await home.text()) }).toString()
        })
        expect(signOut.status).toBe(303)
        const set = jar.raw.find((line) => line.startsWith("iupkit_session="))!
        const cleared = signOut.headers.getSetCookie().find((line) => line.startsWith("iupkit_session="))
        expect(cleared).toBeDefined()
        const attributes = (line: string) => line.split(";").slice(1).map((part) => part.trim().toLowerCase())
        for (const attribute of ["path=/", "httponly", "samesite=strict"]) {
          expect(attributes(set), attribute).toContain(attribute)
          expect(attributes(cleared!), attribute).toContain(attribute)
        }
        // A copy of the cookie taken before sign-out no longer signs anyone in.
        const replayed = await fetch(`${demo.url}/api/me`, { headers: { cookie: copied } })
        expect(replayed.status).toBe(401)
        const page = await (await fetch(`${demo.url}/`, { headers: { cookie: copied } })).text()
        expect(page).toContain("Du är inte inloggad.")
        expect(page).not.toContain("Maja Mentorsson")
      })

      it("says the pupil list is partial", async () => {
        const html = await (await fetch(`${demo.url}/sign-in`)).text()
        expect(html).toContain("Visar 50 av 61 elever. Sök på namn för att hitta de andra.")
        expect(html).toContain('name="q"')
        expect(html).not.toContain("Extra Elev 60")
        const english = await (await fetch(`${demo.url}/sign-in?lang=en`)).text()
        expect(english).toContain("Showing 50 of 61 pupils.")
      })

      it("finds unlisted people by name", async () => {
        const html = await (await fetch(`${demo.url}/sign-in?q=${encodeURIComponent("elev 60")}`)).text()
        expect(html).toContain("Extra Elev 60")
        expect(html).not.toContain("Extra Elev 59")
        expect(html).not.toContain("Maja Mentorsson")
        expect(html).toContain('value="elev 60"')
        const none = await (await fetch(`${demo.url}/sign-in?q=${encodeURIComponent("<Zorro>")}`)).text()
        expect(none).toContain("Inget namn innehåller ”&lt;Zorro&gt;”")
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
        expect(body.error.value).toBe("2026-02-30")
        expect(body.error.message).toBe("Startdatum: ”2026-02-30” är inget giltigt datum. Ange ett datum som ÅÅÅÅ-MM-DD.")
      })

      it("localizes API messages by Accept-Language", async () => {
        const bad = { pupilIds: [people.pupil], plan: { ...planInput(), startDate: "2026-02-30" } }
        const english = await api("/api/mentor/plans", { method: "POST", body: JSON.stringify(bad), headers: { "accept-language": "en" } })
        expect((await english.json()).error.message).toBe("Start date: “2026-02-30” is not a valid date. Enter a date as YYYY-MM-DD.")
        const missing = await api(`/api/assessments/assessment-missing/entries/${people.pupil}`, {
          method: "PUT",
          body: JSON.stringify({ expectedVersion: null, level: null, comment: "x" })
        })
        expect(missing.status).toBe(404)
        expect((await missing.json()).error.message).toBe("Omdömet ”assessment-missing” finns inte, eller så har du inte behörighet att se det.")
      })

      it("names a stale version in user terms", async () => {
        const response = await api(`/api/plans/${made.planId}/fields/${made.fieldId}`, {
          method: "PUT",
          body: JSON.stringify({ expectedVersion: -1, value: "x" })
        })
        expect(response.status).toBe(400)
        const error = (await response.json()).error
        expect(error.field).toBe("expectedVersion")
        expect(error.message).not.toContain("expectedVersion")
        expect(error.message).toContain("Ladda om sidan")
      })

      it("rejects unknown body properties", async () => {
        const before = await (await api(`/api/plans/${made.planId}`)).json()
        const patch = await api(`/api/plans/${made.planId}`, {
          method: "PATCH",
          body: JSON.stringify({ expectedVersion: before.headerVersion, patch: { publised: false } })
        })
        expect(patch.status).toBe(400)
        const error = (await patch.json()).error
        expect(error.tag).toBe("InvalidInputError")
        expect(error.field).toBe("patch.publised")
        expect(error.reason).toContain('"published"')
        expect(error.message).toBe('Begäran innehåller den okända egenskapen "patch.publised". Ta bort den eller rätta stavningen.')
        const field = await api(`/api/plans/${made.planId}/fields/${made.fieldId}`, {
          method: "PUT",
          // A stale version, so a host that ignored the extra property would return 409, not write.
          body: JSON.stringify({ expectedVersion: 999, value: "x", foo: 1 })
        })
        expect(field.status).toBe(400)
        expect((await field.json()).error.field).toBe("foo")
        const after = await (await api(`/api/plans/${made.planId}`)).json()
        expect(after.headerVersion).toBe(before.headerVersion)
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

      it("states the body size limit on 413", async () => {
        const title = "x".repeat(1024 * 1024)
        const response = await post("/api/mentor/plans", { pupilIds: [people.pupil], plan: { ...planInput(), title } })
        expect(response.status).toBe(413)
        const error = (await response.json()).error
        expect(error.limit).toBe(1024 * 1024)
        expect(error.detail).toContain("1048576 bytes")
        expect(error.message).toBe("Begäran är för stor: högst 1 MB kan skickas på en gång. Korta texten eller dela upp ändringen och försök igen.")

        const jar = await signIn(people.mentor)
        const mentorPage = await fetch(`${demo.url}/mentor`, { headers: { cookie: jar.header() } })
        const form = await fetch(`${demo.url}/plans?lang=en`, {
          method: "POST",
          headers: { cookie: jar.header(), "content-type": "application/x-www-form-urlencoded" },
          body: new URLSearchParams({ _csrf: hiddenCsrf(await mentorPage.text()), title }).toString()
        })
        expect(form.status).toBe(413)
        expect(await form.text()).toContain("The request is too large: at most 1 MB can be sent at once.")
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

      it("answers unknown API paths 404 to anyone", async () => {
        const forged = `${tokenFor(people.mentor).slice(0, -4)}AAAA`
        for (const headers of [{}, { authorization: `Bearer ${forged}` }, { authorization: `Bearer ${tokenFor(people.pupil)}` }]) {
          const response = await fetch(`${plain.url}/api/nope`, { headers })
          expect(response.status).toBe(404)
          expect(response.headers.get("content-type")).toMatch(/application\/json/)
          const error = (await response.json()).error
          expect(error.tag).toBe("NotFoundError")
          expect(error.message).toContain("API:t har ingen sådan adress")
        }
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

      it("lists templates to administrators only", async () => {
        const mentorPage = await (await api("/api/mentor")).json()
        expect(JSON.stringify(mentorPage)).toContain("Utvecklingssamtal")
        const mentor = await api("/api/templates")
        expect(mentor.status).toBe(403)
        expect((await mentor.json()).error).toMatchObject({ tag: "ForbiddenError", kind: "template", action: "list" })
        const admin = await api("/api/templates", {}, people.admin)
        expect((await admin.json()).map((template: { title: string }) => template.title)).toContain("Utvecklingssamtal")
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

      /** Posts the mentor page's bulk form for the second pupil as a browser would. */
      const createPlanByForm = async (jar: CookieJar, title: string, startDate: string, endDate: string) => {
        const { html } = await page(jar, "/mentor")
        return submit(jar, "/plans", [
          ["_csrf", hiddenCsrf(html)],
          ["selection", "chosen"],
          ["pupilIds", people.secondPupil],
          ["templateId", made.templateId],
          ["title", title],
          ["startDate", startDate],
          ["endDate", endDate]
        ])
      }

      it("creates plans from the bulk form", async () => {
        const jar = await signIn(people.mentor)
        const response = await createPlanByForm(jar, "Utvecklingssamtal VT", "2021-01-10", "2021-06-15")
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

      it("names the missing plan of an export", async () => {
        const jar = await signIn(people.mentor)
        const { html } = await page(jar, "/mentor")
        const printed = await submit(jar, "/plans/export.pdf", [["_csrf", hiddenCsrf(html)], ["planIds", made.planId], ["planIds", "plan:nope"]])
        expect(printed.status).toBe(404)
        expect(await printed.text()).toContain("Planen ”plan:nope” finns inte")
        const exported = await post("/api/exports", { planIds: [made.planId, "plan:nope"] })
        expect(exported.status).toBe(404)
        expect((await exported.json()).error).toMatchObject({ id: "plan:nope", message: "Planen ”plan:nope” finns inte, eller så har du inte behörighet att se den." })
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
        const deleteAction = `/assessments/${assessmentId}/delete`
        const deleteForm = course.slice(course.indexOf(`action="${deleteAction}"`))
        expect(deleteForm).toMatch(/<input type="checkbox" id="[^"]+" name="confirm" value="true" required/)
        expect(deleteForm).toContain("Ja, ta bort")
        const unconfirmed = await submit(jar, deleteAction, [["_csrf", hiddenCsrf(course)], ["version", "1"], ["courseId", courseId]])
        expect(unconfirmed.status).toBe(400)
        const refusal = await unconfirmed.text()
        expect(refusal).toContain("Inget togs bort.")
        expect(refusal).toContain("Omdöme VT 2027 extra")
        expect((await page(jar, `/courses/${courseId}`)).html).toContain("Omdöme VT 2027 extra")

        const deleted = await submit(jar, deleteAction, [["_csrf", hiddenCsrf(course)], ["version", "1"], ["courseId", courseId], ["confirm", "true"]])
        expect(deleted.status).toBe(303)
        expect(deleted.headers.get("location")).toBe(`/courses/${courseId}?notice=assessmentDeleted`)
        const after = (await page(jar, deleted.headers.get("location")!)).html
        expect(after).not.toContain("Omdöme VT 2027 extra")
        expect(after).toContain("Omdömet togs bort.")
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
        expect(await response.text()).toContain("Du valde ingen plan.")
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

      it("refuses pages of other roles", async () => {
        const cases: ReadonlyArray<readonly [string, string, string]> = [
          [people.pupil, "/mentor", "bara för mentorer"],
          [people.pupil, "/mentor/overview", "bara för mentorer"],
          [people.pupil, "/guardian", "bara för vårdnadshavare"],
          [people.guardian, "/mentor", "bara för mentorer"],
          [people.guardian, "/pupil", "bara för elever"],
          [people.mentor, "/pupil", "bara för elever"],
          [people.mentor, "/guardian", "bara för vårdnadshavare"]
        ]
        for (const [personId, path, text] of cases) {
          const { response, html } = await page(await signIn(personId), path)
          expect(response.status, `${personId} ${path}`).toBe(403)
          expect(html, `${personId} ${path}`).toContain("Sidan är inte till för dig")
          expect(html, `${personId} ${path}`).toContain(text)
          expect(html, `${personId} ${path}`).toContain('href="/"')
        }
        // Course pages stay hidden like missing ones, so a pupil learns nothing about them.
        expect((await page(await signIn(people.pupil), `/courses/${courseId}`)).response.status).toBe(404)
      })

      it("puts the site header on every page", async () => {
        const jar = await signIn(people.mentor)
        const paths = ["/", "/mentor", "/mentor/overview", `/plans/${made.planId}`, `/pupils/${people.pupil}/plans`, `/courses/${courseId}`, "/pupil", "/nothing-here", "/plans/plan-missing"]
        for (const path of paths) {
          const { html } = await page(jar, path)
          const header = html.slice(html.indexOf('<header class="site-header">'), html.indexOf("</header>", html.indexOf('<header class="site-header">')))
          expect(header, path).toContain('href="/"')
          expect(header, path).toContain("Inloggad som Maja Mentorsson")
          expect(header, path).toMatch(/<form method="post" action="\/sign-out"[^>]*><input type="hidden" name="_csrf" value="[^"]+"/)
          expect(header, path).toContain("Logga ut")
        }
        const anonymous = await (await fetch(`${demo.url}/sign-in`)).text()
        expect(anonymous).toContain('<header class="site-header">')
        expect(anonymous).not.toContain("Logga ut")
      })

      it("signs out from any page", async () => {
        const jar = await signIn(people.mentor)
        const { html } = await page(jar, `/plans/${made.planId}`)
        const header = html.slice(html.indexOf('<header class="site-header">'))
        const response = await submit(jar, "/sign-out", [["_csrf", hiddenCsrf(header)]])
        expect(response.status).toBe(303)
        jar.store(response)
        expect((await page(jar, "/mentor")).response.headers.get("location")).toBe("/sign-in")
      })

      it("sends pages without an ETag", async () => {
        const jar = await signIn(people.mentor)
        for (const path of ["/", "/mentor", `/plans/${made.planId}`]) {
          const { response } = await page(jar, path)
          expect(response.headers.get("etag"), path).toBeNull()
          expect(response.headers.get("cache-control"), path).toBe("no-store")
        }
      })

      it("asks to select a plan before printing", async () => {
        const jar = await signIn(people.mentor)
        const { html } = await page(jar, "/mentor")
        for (const path of ["/plans/print", "/plans/export.pdf"]) {
          const response = await submit(jar, path, [["_csrf", hiddenCsrf(html)]])
          expect(response.status, path).toBe(400)
          expect(await response.text(), path).toContain("Du valde ingen plan")
        }
      })

      it("shows a rejected field form again", async () => {
        const jar = await signIn(people.mentor)
        const { html } = await page(jar, `/plans/${made.secondPlanId}`)
        const action = `/plans/${encodeURIComponent(made.secondPlanId)}/fields/${encodeURIComponent(made.fieldId)}`
        const version = /name="version" value="(\d+)"/.exec(html.slice(html.indexOf(`action="${action}"`)))![1]!
        const response = await submit(jar, action, [["_csrf", hiddenCsrf(html)], ["version", version], ["value", "Mitt utkast\u0000"]])
        expect(response.status).toBe(400)
        const again = await response.text()
        expect(again).toContain("Mitt utkast")
        expect(again).toContain('class="field-error"')
        expect(again).toContain("Text: texten innehåller ett otillåtet tecken (NUL)")
        expect(again).not.toMatch(/must|U\+0000/)
      })

      it("shows a rejected header form again", async () => {
        const jar = await signIn(people.mentor)
        const { html } = await page(jar, `/plans/${made.secondPlanId}`)
        const action = `/plans/${encodeURIComponent(made.secondPlanId)}/header`
        const version = /name="version" value="(\d+)"/.exec(html.slice(html.indexOf(`action="${action}"`)))![1]!
        const response = await submit(jar, action, [
          ["_csrf", hiddenCsrf(html)],
          ["version", version],
          ["title", "Min nya rubrik"],
          ["startDate", "2020-08-20"],
          ["endDate", "2019-01-01"]
        ])
        expect(response.status).toBe(400)
        const again = await response.text()
        expect(again).toContain('value="Min nya rubrik"')
        expect(again).toContain('value="2019-01-01"')
        expect(again).toContain("Slutdatum: slutdatumet får inte vara före startdatumet. Välj ett senare slutdatum eller lämna det tomt.")
      })

      it("rejects foreign checkbox and choice values", async () => {
        const jar = await signIn(people.mentor)
        const before = await (await api(`/api/plans/${made.secondPlanId}`)).json()
        const { html } = await page(jar, `/plans/${made.secondPlanId}`)
        const action = `/plans/${encodeURIComponent(made.secondPlanId)}/header`
        const version = /name="version" value="(\d+)"/.exec(html.slice(html.indexOf(`action="${action}"`)))![1]!
        const header = await submit(jar, action, [
          ["_csrf", hiddenCsrf(html)],
          ["version", version],
          ["title", before.title],
          ["startDate", before.startDate],
          ["endDate", before.endDate ?? ""],
          ["published", "ja"]
        ])
        expect(header.status).toBe(400)
        expect(await header.text()).toContain("Publicerad: kryssrutan skickades med det ogiltiga värdet ”ja”.")
        const after = await (await api(`/api/plans/${made.secondPlanId}`)).json()
        expect(after.headerVersion).toBe(before.headerVersion)
        expect(after.published).toBe(before.published)

        const mentorPage = await page(jar, "/mentor")
        const bulk = await submit(jar, "/plans", [
          ["_csrf", hiddenCsrf(mentorPage.html)],
          ["selection", "alla"],
          ["templateId", made.templateId],
          ["title", "Utvecklingssamtal med okänt val"],
          ["startDate", "2026-08-20"],
          ["endDate", ""]
        ])
        expect(bulk.status).toBe(400)
        const plans = await (await api(`/api/pupils/${people.pupil}/plans`)).json()
        expect(JSON.stringify(plans)).not.toContain("okänt val")
      })

      it("shows a rejected create-plans form again", async () => {
        const response = await createPlanByForm(await signIn(people.mentor), "Utvecklingssamtal med fel datum", "2026-02-30", "")
        expect(response.status).toBe(400)
        const again = await response.text()
        expect(again).toContain('value="Utvecklingssamtal med fel datum"')
        expect(again).toMatch(new RegExp(`id="pupil-${people.secondPupil}"[^>]*checked`))
        expect(again).toContain("Startdatum: ”2026-02-30” är inget giltigt datum.")
      })

      it("shows a rejected entry form again", async () => {
        const scale = await post("/api/grading-scales", { name: "Två steg", steps: ["Nära", "Nått"] }, people.admin)
        const assessment = await post("/api/assessments", {
          courseId,
          title: "Omdöme VT 2027 prov",
          gradingScaleId: (await scale.json()).id,
          visibleToPupils: true,
          selfAssessmentEnabled: true
        })
        const assessmentId: string = (await assessment.json()).assessment.id
        const jar = await signIn(people.mentor)
        const { html } = await page(jar, `/courses/${courseId}`)
        const action = `/assessments/${encodeURIComponent(assessmentId)}/entries/${encodeURIComponent(people.pupil)}`
        const response = await submit(jar, action, [
          ["_csrf", hiddenCsrf(html)],
          ["version", "new"],
          ["courseId", courseId],
          ["level", "Superbra"],
          ["comment", "Fin utveckling"]
        ])
        expect(response.status).toBe(400)
        const again = await response.text()
        expect(again).toContain("Fin utveckling")
        expect(again).toContain("Nivå: ”Superbra” är inte ett steg i bedömningsskalan. Välj ett av stegen: Nära, Nått.")
        expect(again).not.toContain("scale's steps")

        const pupilPage = (await page(await signIn(people.pupil), "/pupil")).html
        expect(pupilPage).toContain('aria-label="Självskattning för Omdöme VT 2027 prov i Matematik 7A"')
      })

      it("tells a pupil an archived plan is read-only", async () => {
        const created = await post("/api/mentor/plans", {
          pupilIds: [people.pupil],
          plan: { ...planInput(), title: "Gammal plan", startDate: "2019-08-20", endDate: null }
        })
        const planId: string = (await created.json()).plans[0].id
        const plan = await (await api(`/api/plans/${planId}`)).json()
        // An archived plan takes only a new end date, so it is published before it ends.
        const patch = { published: true, endDate: "2020-01-15" }
        const archived = await api(`/api/plans/${planId}`, { method: "PATCH", body: JSON.stringify({ expectedVersion: plan.headerVersion, patch }) })
        expect(archived.status).toBe(200)
        const pupil = (await page(await signIn(people.pupil), `/plans/${planId}`)).html
        expect(pupil).toContain("Planen är arkiverad och kan bara läsas.")
        expect(pupil).not.toContain("Flytta slutdatumet")
        const mentor = (await page(await signIn(people.mentor), `/plans/${planId}`)).html
        expect(mentor).toContain("Flytta slutdatumet")
      })

      /** Creates a plan for the second pupil by the bulk form and returns its id from the mentor page. */
      const draftByForm = async (jar: CookieJar, title: string): Promise<string> => {
        expect((await createPlanByForm(jar, title, "2022-08-20", "")).status).toBe(303)
        const { html } = await page(jar, "/mentor")
        const planId = new RegExp(`href="/plans/([^"]+)">${title}<`).exec(html)?.[1]
        if (planId === undefined) throw new Error(`the mentor page does not link the plan "${title}"`)
        return decodeURIComponent(planId)
      }

      it("keeps typed text on a conflict", async () => {
        const jar = await signIn(people.mentor)
        const planId = await draftByForm(jar, "Plan med krock")
        const { html } = await page(jar, `/plans/${planId}`)
        const action = `/plans/${encodeURIComponent(planId)}/fields/${encodeURIComponent(made.fieldId)}`
        const version = /name="version" value="(\d+)"/.exec(html.slice(html.indexOf(`action="${action}"`)))![1]!
        // Someone else saves first, with the version this page was loaded at.
        const first = await submit(jar, action, [["_csrf", hiddenCsrf(html)], ["version", version], ["value", "Kollegans sparade text"]])
        expect(first.status).toBe(303)

        const response = await submit(jar, action, [["_csrf", hiddenCsrf(html)], ["version", version], ["value", "Min långa text som inte får försvinna"]])
        expect(response.status).toBe(409)
        const again = await response.text()
        const form = again.slice(again.indexOf(`action="${action}"`), again.indexOf("</form>", again.indexOf(`action="${action}"`)))
        expect(form).toContain("Min långa text som inte får försvinna</textarea>")
        expect(form).toContain("Sparad text just nu")
        expect(form).toContain("Kollegans sparade text")
        expect(form).toContain("din text sparades inte")
        const newVersion = /name="version" value="(\d+)"/.exec(form)![1]!
        expect(Number(newVersion)).toBe(Number(version) + 1)

        // Saving again from the shown form replaces the saved text on purpose.
        const replaced = await submit(jar, action, [["_csrf", hiddenCsrf(again)], ["version", newVersion], ["value", "Min långa text som inte får försvinna"]])
        expect(replaced.status).toBe(303)
        expect((await page(jar, `/plans/${planId}`)).html).toContain("Min långa text som inte får försvinna")
      })

      it("deletes a plan only when confirmed", async () => {
        const jar = await signIn(people.mentor)
        const planId = await draftByForm(jar, "Plan att ta bort")
        const { html } = await page(jar, `/plans/${planId}`)
        const action = `/plans/${encodeURIComponent(planId)}/delete`
        const form = html.slice(html.indexOf(`action="${action}"`))
        expect(form).toMatch(/name="confirm" value="true" required/)
        expect(form).toContain("Ja, ta bort")
        const version = /name="version" value="(\d+)"/.exec(form)![1]!

        const unconfirmed = await submit(jar, action, [["_csrf", hiddenCsrf(html)], ["version", version]])
        expect(unconfirmed.status).toBe(400)
        const refusal = await unconfirmed.text()
        expect(refusal).toContain("Inget togs bort. Kryssa i ”Ja, ta bort”")
        expect(refusal).toMatch(/name="confirm" value="true" required aria-invalid/)
        expect((await page(jar, `/plans/${planId}`)).response.status).toBe(200)

        const confirmed = await submit(jar, action, [["_csrf", hiddenCsrf(html)], ["version", version], ["confirm", "true"]])
        expect(confirmed.status).toBe(303)
        expect(confirmed.headers.get("location")).toBe("/mentor?notice=planDeleted")
        expect((await page(jar, "/mentor?notice=planDeleted")).html).toContain('<p class="notice notice-success" role="status">Planen togs bort.</p>')
        expect((await page(jar, `/plans/${planId}`)).response.status).toBe(404)
      })

      it("confirms created plans with a notice", async () => {
        const jar = await signIn(people.mentor)
        const response = await createPlanByForm(jar, "Utvecklingssamtal med notis", "2022-01-10", "")
        expect(response.status).toBe(303)
        expect(response.headers.get("location")).toBe("/mentor?notice=plansCreated&count=1")
        expect((await page(jar, response.headers.get("location")!)).html).toContain("1 plan skapades.")
        expect((await page(jar, "/mentor?notice=plansCreated&count=17")).html).toContain("17 planer skapades.")
      })

      it("shows only catalogue notices", async () => {
        const jar = await signIn(people.mentor)
        for (const query of ["notice=%3Cb%3Ehej%3C%2Fb%3E", "notice=plansCreated&count=-1", "notice=plansCreated&count=1e3", "notice=toString"]) {
          const { response, html } = await page(jar, `/mentor?${query}`)
          expect(response.status, query).toBe(200)
          expect(html, query).not.toContain("notice-success")
          expect(html, query).not.toContain("hej")
        }
      })

      it("confirms levels set for several pupils", async () => {
        const scale = await post("/api/grading-scales", { name: "Fyra steg", steps: ["E", "C", "A", "A+"] }, people.admin)
        const assessment = await post("/api/assessments", {
          courseId,
          title: "Omdöme med notis",
          gradingScaleId: (await scale.json()).id,
          visibleToPupils: true,
          selfAssessmentEnabled: false
        })
        const assessmentId: string = (await assessment.json()).assessment.id
        const jar = await signIn(people.mentor)
        const { html } = await page(jar, `/courses/${courseId}`)
        const response = await submit(jar, `/assessments/${encodeURIComponent(assessmentId)}/levels`, [
          ["_csrf", hiddenCsrf(html)],
          ["level", "C"],
          ["pupilIds", people.pupil],
          [`version.${people.pupil}`, "new"],
          ["pupilIds", people.secondPupil],
          [`version.${people.secondPupil}`, "new"]
        ])
        expect(response.status).toBe(303)
        expect(response.headers.get("location")).toBe(`/courses/${courseId}?notice=levelsSet&count=2`)
        expect((await page(jar, response.headers.get("location")!)).html).toContain("Nivån sattes för 2 elever.")
      })

      it("publishes a draft from the plan page", async () => {
        const jar = await signIn(people.mentor)
        const planId = await draftByForm(jar, "Plan att publicera")
        const { html } = await page(jar, `/plans/${planId}`)
        const action = `/plans/${encodeURIComponent(planId)}/header`
        // The button sits outside the closed "Ändra planen" disclosure.
        const publishForm = html.slice(html.indexOf('class="publish-form"') - 200, html.indexOf("</form>", html.indexOf('class="publish-form"')))
        expect(publishForm).toContain(`action="${action}"`)
        expect(publishForm).toContain(">Publicera</button>")
        expect(html.indexOf('class="publish-form"')).toBeLessThan(html.indexOf('<details class="plan-header-edit"'))
        const version = /name="version" value="(\d+)"/.exec(publishForm)![1]!

        const response = await submit(jar, action, [["_csrf", hiddenCsrf(html)], ["version", version], ["intent", "publish"]])
        expect(response.status).toBe(303)
        expect(response.headers.get("location")).toBe(`/plans/${encodeURIComponent(planId)}?notice=planPublished`)
        const after = (await page(jar, response.headers.get("location")!)).html
        expect(after).toContain("Planen publicerades.")
        expect(after).toContain('<span class="status status-published">Publicerad</span>')
        expect(after).toContain("Plan att publicera")
        expect(after).not.toContain('class="publish-form"')
        expect((await api(`/api/plans/${planId}`, {}, people.secondPupil)).status).toBe(200)
      })

      it("publishes selected plans and names failures", async () => {
        const jar = await signIn(people.mentor)
        const first = await draftByForm(jar, "Vald plan ett")
        const second = await draftByForm(jar, "Vald plan två")
        const { html } = await page(jar, "/mentor")
        expect(html).toMatch(/<button type="submit" formaction="\/plans\/publish">Publicera valda planer<\/button>/)

        const mixed = await submit(jar, "/plans/publish", [["_csrf", hiddenCsrf(html)], ["planIds", first], ["planIds", "plan-missing"]])
        expect(mixed.status).toBe(200)
        const report = await mixed.text()
        expect(report).toContain("1 plan publicerades.")
        expect(report).toContain("plan-missing för – publicerades inte: Planen ”plan-missing” finns inte")
        expect(report).toMatch(/class="notice notice-error" role="alert"/)

        const rest = await submit(jar, "/plans/publish", [["_csrf", hiddenCsrf(html)], ["planIds", first], ["planIds", second]])
        expect(rest.status).toBe(303)
        expect(rest.headers.get("location")).toBe("/mentor?notice=plansPublished&count=1")
        for (const planId of [first, second]) expect((await api(`/api/plans/${planId}`, {}, people.secondPupil)).status, planId).toBe(200)

        const none = await submit(jar, "/plans/publish", [["_csrf", hiddenCsrf(html)]])
        expect(none.status).toBe(400)
      })

      it("keeps English after ?lang=en", async () => {
        const jar = await signIn(people.mentor)
        const english = await page(jar, "/mentor?lang=en")
        expect(english.html).toContain('<html lang="en"')
        expect(jar.raw.some((line) => /^lang=en;/.test(line))).toBe(true)
        const planHref = /href="(\/plans\/[^"?]+)"/.exec(english.html)![1]!
        expect((await page(jar, planHref)).html).toContain('<html lang="en"')

        const response = await createPlanByForm(jar, "Plan in English", "2022-02-01", "")
        expect(response.status).toBe(303)
        const after = (await page(jar, response.headers.get("location")!)).html
        expect(after).toContain('<html lang="en"')
        expect(after).toContain("1 plan created.")
        expect((await page(jar, "/")).html).toContain('<html lang="en"')

        expect((await page(jar, "/mentor?lang=sv")).html).toContain('<html lang="sv"')
        expect((await page(jar, "/mentor")).html).toContain('<html lang="sv"')
      })

      it("offers Swedish and English in the header", async () => {
        const jar = await signIn(people.mentor)
        for (const path of ["/", "/mentor", `/plans/${made.planId}`]) {
          const { html } = await page(jar, path)
          const header = html.slice(html.indexOf('<header class="site-header">'), html.indexOf("</header>", html.indexOf('<header class="site-header">')))
          expect(header, path).toContain('href="?lang=sv"')
          expect(header, path).toContain('href="?lang=en"')
          expect(header, path).toContain(">English</a>")
        }
      })

      it("leads to protected pupils in the overview", async () => {
        const jar = await signIn(people.mentor)
        const overview = (await page(jar, "/mentor/overview")).html
        expect(overview).toContain("1 elev med skyddade personuppgifter visas inte.")
        expect(overview).toContain('<a href="/mentor#protected-pupils">')
        expect(overview).not.toContain("Saga Skyddad")

        const mentor = (await page(jar, "/mentor")).html
        const section = mentor.slice(mentor.indexOf('<section aria-labelledby="protected-pupils">'))
        expect(section).toContain('<h2 id="protected-pupils">')
        expect(section).toContain('<form method="get" action="/mentor/overview"')
        expect(section).toContain(`name="pupil" value="${people.protectedPupil}"`)
        expect(section.slice(0, section.indexOf("</section>"))).not.toContain(people.pupil + '"')

        // The overview's table shows only courses with levels it can draw, so the notice tells
        // whether the named pupil is included.
        const named = await page(jar, `/mentor/overview?pupil=${people.protectedPupil}`)
        expect(named.response.status).toBe(200)
        expect(named.html).not.toContain("visas inte")
        const otherNamed = (await page(jar, `/mentor/overview?pupil=${people.pupil}`)).html
        expect(otherNamed).toContain("1 elev med skyddade personuppgifter visas inte.")
      })

      it("links a site icon on every page", async () => {
        const jar = await signIn(people.mentor)
        for (const path of ["/", "/mentor", `/plans/${made.planId}`, "/nothing-here"]) {
          expect((await page(jar, path)).html, path).toContain('<link rel="icon" href="/assets/iupkit-icon.svg" type="image/svg+xml"')
        }
        const icon = await fetch(`${demo.url}/assets/iupkit-icon.svg`)
        expect(icon.status).toBe(200)
        expect(icon.headers.get("content-type")).toMatch(/^image\/svg\+xml/)
        expect(await icon.text()).not.toContain("<script")
        const legacy = await fetch(`${demo.url}/favicon.ico`, { redirect: "manual" })
        expect(legacy.status).toBe(301)
        expect(legacy.headers.get("location")).toBe("/assets/iupkit-icon.svg")
      })
    })

    describe("documents", () => {
      const docxType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"

      interface UploadFile {
        readonly name: string
        readonly bytes: Uint8Array
      }
      const formOf = (fields: ReadonlyArray<readonly [string, string]>, file?: UploadFile): FormData => {
        const form = new FormData()
        for (const [name, value] of fields) form.append(name, value)
        if (file !== undefined) form.append("file", new Blob([new Uint8Array(file.bytes)]), file.name)
        return form
      }
      const bearer = (personId: string) => ({ authorization: `Bearer ${tokenFor(personId)}` })
      const uploadTo = (pupilId: string, file: UploadFile, personId: string = people.mentor) =>
        fetch(`${plain.url}/api/pupils/${pupilId}/documents`, {
          method: "POST",
          headers: bearer(personId),
          body: formOf([["title", "Åtgärdsprogram"], ["documentDate", "2025-05-20"]], file)
        })
      const download = (documentId: string, personId: string = people.mentor) =>
        fetch(`${plain.url}/api/documents/${encodeURIComponent(documentId)}`, { headers: bearer(personId) })
      const documentIds = async (pupilId: string): Promise<ReadonlyArray<string>> => {
        const listed: ReadonlyArray<{ readonly id: string }> = await (await api(`/api/pupils/${pupilId}/documents`)).json()
        return listed.map((document) => document.id)
      }
      const bytesOf = async (response: Response) => new Uint8Array(await response.arrayBuffer())

      it("uploads and downloads a PDF unchanged", async () => {
        const uploaded = await uploadTo(people.pupil, { name: "åtgärdsprogram.pdf", bytes: minimalPdf })
        expect(uploaded.status).toBe(201)
        const view = await uploaded.json()
        expect(view).toMatchObject({ title: "Åtgärdsprogram", fileName: "åtgärdsprogram.pdf", mediaType: "application/pdf", byteSize: minimalPdf.byteLength, documentDate: "2025-05-20", source: "upload" })
        expect(await documentIds(people.pupil)).toContain(view.id)

        const response = await download(view.id)
        expect(response.status).toBe(200)
        expect(response.headers.get("content-type")).toBe("application/pdf")
        expect(response.headers.get("content-disposition")).toMatch(/^attachment; filename="\?tg\?rdsprogram\.pdf"; filename\*=UTF-8''%C3%A5tg%C3%A4rdsprogram\.pdf$/)
        expect(response.headers.get("x-content-type-options")).toBe("nosniff")
        expect(response.headers.get("cache-control")).toBe("no-store")
        expect(await bytesOf(response)).toEqual(minimalPdf)
      })

      it("uploads a DOCX with its sniffed type", async () => {
        // Sent as a .bin: the type comes from the content, never from the name.
        const uploaded = await uploadTo(people.pupil, { name: "plan.bin", bytes: minimalDocx })
        expect(uploaded.status).toBe(201)
        const view = await uploaded.json()
        expect(view.mediaType).toBe(docxType)
        const response = await download(view.id)
        expect(response.headers.get("content-type")).toBe(docxType)
        expect(await bytesOf(response)).toEqual(minimalDocx)
      })

      it("rejects other types and hostile files", async () => {
        const before = await documentIds(people.secondPupil)
        const cases: ReadonlyArray<readonly [string, UploadFile, RegExp]> = [
          ["PNG image", { name: "bild.png", bytes: onePixelPng() }, /image\/png/],
          ["text renamed .pdf", { name: "betyg.pdf", bytes: new TextEncoder().encode("Betyg: A\n") }, /only PDF, DOC and DOCX/],
          ["empty file", { name: "tom.pdf", bytes: new Uint8Array(0) }, /is empty/],
          ["zip bomb", { name: "bomb.docx", bytes: bombDocx() }, /compressed \d+ to 1|unpacks to/],
          ["PDF with JavaScript", { name: "skript.pdf", bytes: pdfWith("3 0 obj<</S/JavaScript/JS(app.alert(1))>>endobj\n") }, /JavaScript action/],
          ["PDF with Launch", { name: "start.pdf", bytes: pdfWith("3 0 obj<</S/Launch/F(calc.exe)>>endobj\n") }, /Launch action/]
        ]
        for (const [name, file, reason] of cases) {
          const response = await uploadTo(people.secondPupil, file)
          expect(response.status, name).toBe(400)
          const { error } = await response.json()
          expect(error.tag, name).toBe("InvalidInputError")
          expect(error.field, name).toBe("file")
          expect(error.reason, name).toMatch(reason)
        }
        expect(await documentIds(people.secondPupil)).toEqual(before)
      })

      it("answers 413 for an oversized file and stores nothing", async () => {
        const before = await documentIds(people.secondPupil)
        const oversized = new Uint8Array(maxDocumentBytes + 1)
        oversized.set(minimalPdf)
        const response = await uploadTo(people.secondPupil, { name: "stor.pdf", bytes: oversized })
        expect(response.status).toBe(413)
        const { error } = await response.json()
        expect(error).toMatchObject({ tag: "FileTooLargeError", field: "file", limit: maxDocumentBytes })
        // The localized message names the limit in the user's units, the developer's detail in bytes.
        expect(error.message).toContain("högst 64 kB")
        expect(error.detail).toContain(`${maxDocumentBytes} bytes`)
        expect(await documentIds(people.secondPupil)).toEqual(before)
      })

      it("rejects a request without a file", async () => {
        const response = await fetch(`${plain.url}/api/pupils/${people.pupil}/documents`, {
          method: "POST",
          headers: bearer(people.mentor),
          body: formOf([["title", "Utan fil"]])
        })
        expect(response.status).toBe(400)
        expect((await response.json()).error).toMatchObject({ tag: "InvalidInputError", field: "file" })
      })

      it("answers malformed bodies with 4xx and stores nothing", async () => {
        const before = await documentIds(people.secondPupil)
        const part = (name: string, fileName: string, content: string) =>
          `--b\r\nContent-Disposition: form-data; name="${name}"; filename="${fileName}"\r\nContent-Type: application/pdf\r\n\r\n${content}\r\n`
        const pdf = Buffer.from(minimalPdf).toString("latin1")
        const cases: ReadonlyArray<readonly [string, string, string]> = [
          ["cut off", "multipart/form-data; boundary=b", `--b\r\nContent-Disposition: form-data; name="file"; filename="a.pdf"\r\n\r\n${pdf}`],
          ["no boundary", "multipart/form-data", part("file", "a.pdf", pdf)],
          ["garbage", "multipart/form-data; boundary=b", "this is not multipart"],
          ["two files", "multipart/form-data; boundary=b", `${part("file", "a.pdf", pdf)}${part("file", "b.pdf", pdf)}--b--\r\n`],
          ["JSON", "application/json", JSON.stringify({ title: "Utan fil", file: pdf })]
        ]
        for (const [name, contentType, body] of cases) {
          const response = await fetch(`${plain.url}/api/pupils/${people.secondPupil}/documents`, {
            method: "POST",
            headers: { ...bearer(people.mentor), "content-type": contentType },
            body: Buffer.from(body, "latin1")
          })
          expect(response.status, name).toBeGreaterThanOrEqual(400)
          expect(response.status, name).toBeLessThan(500)
          expect(typeof (await response.json()).error.tag, name).toBe("string")
        }
        expect(await documentIds(people.secondPupil)).toEqual(before)
      })

      it("lets only mentors upload and delete", async () => {
        const forbidden = await uploadTo(people.pupil, { name: "egen.pdf", bytes: minimalPdf }, people.pupil)
        expect(forbidden.status).toBe(403)
        expect((await forbidden.json()).error).toMatchObject({ tag: "ForbiddenError", kind: "person" })
        const view = await (await uploadTo(people.pupil, { name: "radera.pdf", bytes: minimalPdf })).json()
        const remove = (personId: string) => fetch(`${plain.url}/api/documents/${view.id}`, { method: "DELETE", headers: bearer(personId) })
        const byGuardian = await remove(people.guardian)
        expect(byGuardian.status).toBe(403)
        const deleted = await remove(people.mentor)
        expect(deleted.status).toBe(200)
        expect((await download(view.id)).status).toBe(404)
        expect(await documentIds(people.pupil)).not.toContain(view.id)
      })

      it("hides other pupils' documents like missing ones", async () => {
        const own = await (await uploadTo(people.pupil, { name: "egen.pdf", bytes: minimalPdf })).json()
        const other = await (await uploadTo(people.secondPupil, { name: "annan.pdf", bytes: minimalPdf })).json()
        expect((await download(own.id, people.pupil)).status).toBe(200)
        expect((await download(own.id, people.guardian)).status).toBe(200)
        for (const reader of [people.pupil, people.guardian]) {
          const hidden = await download(other.id, reader)
          const missing = await download("document-missing", reader)
          expect(hidden.status, reader).toBe(404)
          expect((await hidden.text()).replaceAll(other.id, "ID"), reader).toBe((await missing.text()).replaceAll("document-missing", "ID"))
        }
        expect((await api(`/api/pupils/${people.secondPupil}/documents`, {}, people.pupil)).status).toBe(404)
      })

      it("keeps quotes and line breaks of uploaded names", async () => {
        // FormData escapes them as %22, %0D and %0A, as browsers do; the host undoes it.
        const fileName = 'Åsa "x"\r\n.pdf'
        const response = await uploadTo(people.pupil, { name: fileName, bytes: minimalPdf })
        expect(response.status).toBe(201)
        expect((await response.json()).fileName).toBe(fileName)
      })

      it("sends a safe header for any file name", async () => {
        const fileName = 'Åsa "x"\r\n.pdf'
        const view = await client.documents.upload({ personId: people.mentor }, {
          pupilId: people.pupil,
          title: "Namn med citattecken",
          fileName,
          bytes: minimalPdf
        })
        const response = await download(view.id)
        expect(response.status).toBe(200)
        const disposition = response.headers.get("content-disposition") ?? ""
        expect(disposition).toMatch(/^attachment; /)
        expect(disposition).toMatch(/^[\x20-\x7e]+$/)
        const fallback = /filename="((?:[^"\\]|\\.)*)"/.exec(disposition)?.[1]
        expect(fallback).toBe('?sa \\"x\\"??.pdf')
        const extended = /filename\*=UTF-8''([^;\s]+)/.exec(disposition)?.[1] ?? ""
        expect(decodeURIComponent(extended)).toBe(fileName)
      })

      it("imports a plan from legacy text", async () => {
        const text = "Mål: läsa en bok i månaden.\nUppföljning i maj."
        const response = await post(`/api/pupils/${people.pupil}/imported-plans`, { title: "IUP VT 2019", date: "2019-05-20", text })
        expect(response.status).toBe(201)
        const imported = await response.json()
        expect(imported._tag).toBe("plan")
        const plan = await (await api(`/api/plans/${imported.plan.id}`)).json()
        expect(plan).toMatchObject({ title: "IUP VT 2019", startDate: "2019-05-20", published: true })
        expect(plan.fields.map((field: { value: string }) => field.value)).toEqual([text])
        const invalid = await post(`/api/pupils/${people.pupil}/imported-plans`, { title: "IUP", date: "2019-02-30", text })
        expect(invalid.status).toBe(400)
        expect((await invalid.json()).error).toMatchObject({ tag: "InvalidInputError", field: "date" })
        const byPupil = await post(`/api/pupils/${people.pupil}/imported-plans`, { title: "IUP", date: "2019-05-20", text }, people.pupil)
        expect(byPupil.status).toBe(403)
      })

      describe("on the plan page", () => {
        const planPath = () => `/plans/${encodeURIComponent(made.secondPlanId)}`
        const openPlan = async (personId: string) => {
          const jar = await signIn(personId)
          const response = await fetch(`${demo.url}${planPath()}`, { headers: { cookie: jar.header() } })
          jar.store(response)
          return { jar, html: await response.text() }
        }
        const submitUpload = (jar: CookieJar, form: FormData, query = "") =>
          fetch(`${demo.url}/pupils/${people.secondPupil}/documents${query}`, { method: "POST", redirect: "manual", headers: { cookie: jar.header() }, body: form })

        it("uploads and links a document without JavaScript", async () => {
          const { jar, html } = await openPlan(people.mentor)
          expect(html).toContain(`action="/pupils/${people.secondPupil}/documents" enctype="multipart/form-data"`)
          const fields: ReadonlyArray<readonly [string, string]> = [
            ["_csrf", hiddenCsrf(html)],
            ["planId", made.secondPlanId],
            ["title", "Utredning från skolan"],
            ["documentDate", ""]
          ]
          const response = await submitUpload(jar, formOf(fields, { name: "utredning.pdf", bytes: minimalPdf }))
          expect(response.status).toBe(303)
          expect(response.headers.get("location")).toBe(planPath())
          const page = await (await fetch(`${demo.url}${planPath()}`, { headers: { cookie: jar.header() } })).text()
          const link = new RegExp(`<a href="(/documents/[^"]+)">Utredning från skolan</a>`).exec(page)?.[1]
          expect(link).toBeDefined()
          const file = await fetch(`${demo.url}${link}`, { headers: { cookie: jar.header() } })
          expect(file.status).toBe(200)
          expect(file.headers.get("content-type")).toBe("application/pdf")
          // A plain name may be sent as a token, without quotes (RFC 6266).
          expect(file.headers.get("content-disposition")).toMatch(/^attachment; filename=("utredning\.pdf"|utredning\.pdf)$/)
          expect(await bytesOf(file)).toEqual(minimalPdf)
        })

        it("requires the CSRF token on the upload form", async () => {
          const { jar } = await openPlan(people.mentor)
          const before = await documentIds(people.secondPupil)
          const file = { name: "utan-token.pdf", bytes: minimalPdf }
          const without = await submitUpload(jar, formOf([["title", "Utan token"]], file))
          expect(without.status).toBe(403)
          expect(await without.text()).toContain("Formuläret kunde inte skickas")
          const forged = await submitUpload(jar, formOf([["_csrf", "forged-token"], ["title", "Falsk token"]], file))
          expect(forged.status).toBe(403)
          expect(await documentIds(people.secondPupil)).toEqual(before)
        })

        it("explains rejected files in Swedish and English", async () => {
          const { jar, html } = await openPlan(people.mentor)
          const token = hiddenCsrf(html)
          const png = { name: "bild.pdf", bytes: onePixelPng() }
          const swedish = await submitUpload(jar, formOf([["_csrf", token], ["title", "Bild"]], png))
          expect(swedish.status).toBe(400)
          expect(await swedish.text()).toContain("Filen: filtypen stöds inte. Bara PDF-, DOC- och DOCX-filer tas emot.")
          const english = await submitUpload(jar, formOf([["_csrf", token], ["title", "Bild"]], png), "?lang=en")
          expect(await english.text()).toContain("The file: the file type is not supported.")
          const oversized = new Uint8Array(maxDocumentBytes + 1)
          oversized.set(minimalPdf)
          const tooLarge = await submitUpload(jar, formOf([["_csrf", token], ["title", "Stor"]], { name: "stor.pdf", bytes: oversized }))
          expect(tooLarge.status).toBe(413)
          const page = await tooLarge.text()
          expect(page).toContain("Filen är för stor")
          expect(page).toContain("Filen: får vara högst 64 kB. Välj en mindre fil.")
        })

        it("serves downloads only to readers of the pupil", async () => {
          const own = await (await uploadTo(people.pupil, { name: "elevens.pdf", bytes: minimalPdf })).json()
          const other = await (await uploadTo(people.secondPupil, { name: "andras.pdf", bytes: minimalPdf })).json()
          const jar = await signIn(people.pupil)
          const get = (documentId: string) => fetch(`${demo.url}/documents/${encodeURIComponent(documentId)}`, { headers: { cookie: jar.header() } })
          expect((await get(own.id)).status).toBe(200)
          const hidden = await get(other.id)
          expect(hidden.status).toBe(404)
          expect(hidden.headers.get("content-type")).toMatch(/text\/html/)
          expect(await hidden.text()).toContain("Hittades inte")
        })
      })
    })

    describe("OpenAPI document", () => {
      it("describes each body with its Schema", async () => {
        const document = await (await fetch(`${plain.url}/openapi.json`)).json()
        expect(document.openapi).toBe("3.1.0")
        const documented: Array<string> = []
        for (const [path, operations] of Object.entries<Record<string, any>>(document.paths)) {
          for (const [method, operation] of Object.entries(operations)) {
            if (operation.requestBody?.content["application/json"] !== undefined) documented.push(`${method} ${path}`)
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

      it("describes the document upload and download", async () => {
        const document = await (await fetch(`${plain.url}/openapi.json`)).json()
        const upload = document.paths["/api/pupils/{pupilId}/documents"].post
        expect(upload.parameters.map((parameter: { name: string }) => parameter.name)).toEqual(["pupilId"])
        const form = upload.requestBody.content["multipart/form-data"].schema
        expect(form.required).toEqual(["title", "file"])
        expect(Object.keys(form.properties).sort()).toEqual(["documentDate", "file", "title"])
        const download = document.paths["/api/documents/{documentId}"].get
        expect(Object.keys(download.responses["200"].content)).toContain("application/pdf")
        expect(document.paths["/api/documents/{documentId}"].delete.summary).toBe("Delete a document")
        expect(document.paths["/api/pupils/{pupilId}/documents"].get.summary).toBe("A pupil's documents, newest first")
        expect(document.paths["/api/pupils/{pupilId}/imported-plans"].post.requestBody.content["application/json"]).toBeDefined()
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
        const base = { iup: client, bearer, cookieSecret: secret, logLine: () => {}, demoPeople: undefined, maxDocumentBytes }
        await expect(host.start({ ...base, port })).rejects.toThrow(new RegExp(`Port ${port} on 127\\.0\\.0\\.1 is already in use.*--port`))
      })
    })
  })
}
