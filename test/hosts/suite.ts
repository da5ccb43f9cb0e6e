/**
 * One HTTP test suite for every example host. Each host's test file starts its host through
 * {@link HostUnderTest} and calls {@link hostSuite}; the suite speaks only HTTP to 127.0.0.1.
 */
import {
  ExportLimitExceededError,
  ForbiddenError,
  NotFoundError,
  type PersonId,
  PupilsWithoutMentorError,
  VersionConflictError
} from "@iupkit/core"
import { JSONSchema, type Schema } from "effect"
import { afterAll, beforeAll, describe, expect, it } from "vitest"

/** What the suite hands a host to start. */
export interface SuiteHostOptions {
  readonly operations: FakeOperations
  readonly verifyBearer: (token: string) => Promise<PersonId | undefined>
  readonly cookieSecret: string
  readonly demoPeople: ReadonlyArray<{ readonly id: PersonId; readonly name: string; readonly roles: ReadonlyArray<"mentor" | "teacher" | "pupil" | "guardian"> }> | undefined
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

const mentor = "mentor-1" as PersonId
const guardianName = "Siv Fiktiv"

/** Stands in for the service operations until the hosts are wired to the real services. */
export interface FakeOperations {
  readonly readPlan: (actor: PersonId, planId: string) => Promise<unknown>
  readonly createPlans: (actor: PersonId, body: { readonly pupilIds: ReadonlyArray<string> }) => Promise<unknown>
  readonly updatePlanHeader: (actor: PersonId, planId: string, body: unknown) => Promise<unknown>
  readonly writePlanField: (actor: PersonId, planId: string, fieldId: string, body: { readonly version: number }) => Promise<unknown>
  readonly exportPlans: (actor: PersonId, body: { readonly planIds: ReadonlyArray<string> }) => Promise<unknown>
}

// Each operation fails with one tagged error for a marked input, so every mapping is reachable.
const fakeOperations: FakeOperations = {
  readPlan: async (actor, planId) => {
    if (planId === "plan-missing") throw new NotFoundError({ kind: "plan", id: planId })
    if (planId === "plan-crash") throw new Error(`driver failed while reading ${guardianName}`)
    return { planId, actor }
  },
  createPlans: async (_actor, body) => {
    const without = body.pupilIds.filter((id) => id.startsWith("no-mentor"))
    if (without.length > 0) throw new PupilsWithoutMentorError({ pupilIds: without })
    return { created: body.pupilIds.length }
  },
  updatePlanHeader: async (_actor, planId) => {
    throw new ForbiddenError({ kind: "plan", id: planId, action: "change the header of", reason: "only the pupil's mentors may" })
  },
  writePlanField: async (_actor, planId, fieldId, body) => {
    if (body.version === 1) {
      throw new VersionConflictError({ kind: "planField", id: `${planId}/${fieldId}`, expectedVersion: 1, currentVersion: 2, currentValue: "newer text" })
    }
    return { version: body.version + 1 }
  },
  exportPlans: async (_actor, body) => {
    if (body.planIds.length > 100) throw new ExportLimitExceededError({ requested: body.planIds.length, limit: 100 })
    return { exported: body.planIds.length }
  }
}

const tokens: Record<string, PersonId> = { "token-mentor": mentor }

const demoPeople = [
  { id: mentor, name: "Maja Mentorsson", roles: ["mentor", "teacher"] as const },
  { id: "pupil-1" as PersonId, name: "Elsa Elevsdotter", roles: ["pupil"] as const },
  { id: "guardian-1" as PersonId, name: guardianName, roles: ["guardian"] as const }
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
    let demo: RunningHost
    let plain: RunningHost

    beforeAll(async () => {
      const base = { operations: fakeOperations, verifyBearer: async (token: string) => tokens[token], cookieSecret: secret, logLine: (line: string) => logs.push(line), port: 0 }
      demo = await host.start({ ...base, demoPeople })
      plain = await host.start({ ...base, demoPeople: undefined })
    })
    afterAll(async () => {
      await demo?.close()
      await plain?.close()
    })

    const api = (path: string, init: RequestInit = {}, token = "token-mentor") =>
      fetch(`${plain.url}${path}`, {
        ...init,
        headers: { authorization: `Bearer ${token}`, "content-type": "application/json", ...init.headers }
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
        expect((await api("/api/plans/plan-1")).headers.get("cache-control")).toBe("no-store")
        expect((await api("/api/plans/plan-missing")).headers.get("cache-control")).toBe("no-store")
      })

      it("sends nosniff and a request id", async () => {
        const response = await fetch(`${demo.url}/`)
        expect(response.headers.get("x-content-type-options")).toBe("nosniff")
        expect(response.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/)
      })
    })

    describe("sign-in", () => {
      it("rejects API calls without a token", async () => {
        const response = await fetch(`${plain.url}/api/me`)
        expect(response.status).toBe(401)
        expect((await response.json()).error.tag).toBe("UnauthenticatedError")
      })

      it("rejects an unknown bearer token", async () => {
        const response = await api("/api/me", {}, "token-forged")
        expect(response.status).toBe(401)
      })

      it("answers 401 before decoding the body", async () => {
        const response = await fetch(`${plain.url}/api/plans`, { method: "POST", headers: { "content-type": "application/json" }, body: "{}" })
        expect(response.status).toBe(401)
      })

      it("accepts a valid bearer token", async () => {
        const response = await api("/api/me")
        expect(response.status).toBe(200)
        expect(await response.json()).toEqual({ personId: mentor })
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
          body: new URLSearchParams({ _csrf: token, personId: mentor }).toString()
        })
        expect(response.status).toBe(303)
        jar.store(response)
        const session = jar.raw.find((line) => line.startsWith("iupkit_session="))
        expect(session).toMatch(/HttpOnly/i)
        expect(session).toMatch(/SameSite=Strict/i)
        const me = await fetch(`${demo.url}/api/me`, { headers: { cookie: jar.header() } })
        expect(await me.json()).toEqual({ personId: mentor })
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
          body: new URLSearchParams({ personId: mentor }).toString()
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
          body: new URLSearchParams({ _csrf: "forged-token", personId: mentor }).toString()
        })
        expect(response.status).toBe(403)
      })

      it("requires a token on session API writes", async () => {
        const jar = new CookieJar()
        const form = await fetch(`${demo.url}/sign-in`)
        jar.store(form)
        jar.store(await fetch(`${demo.url}/sign-in`, {
          method: "POST",
          redirect: "manual",
          headers: { cookie: jar.header(), "content-type": "application/x-www-form-urlencoded" },
          body: new URLSearchParams({ _csrf: hiddenCsrf(await form.text()), personId: mentor }).toString()
        }))
        const write = (headers: Record<string, string>) =>
          fetch(`${demo.url}/api/plans/plan-1/fields/field-1`, {
            method: "PUT",
            headers: { cookie: jar.header(), "content-type": "application/json", ...headers },
            body: JSON.stringify({ version: 3, value: "text" })
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
        const response = await api("/api/plans", {
          method: "POST",
          body: JSON.stringify({ pupilIds: ["pupil-1"], plan: { templateId: "t-1", title: "HT", startDate: "2026-02-30", endDate: null } })
        })
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
        const response = await api("/api/plans", { method: "POST", body: "{not json" })
        expect(response.status).toBe(400)
        expect((await response.json()).error.tag).toBe("RequestError")
      })

      it("maps not found to 404", async () => {
        const response = await api("/api/plans/plan-missing")
        expect(response.status).toBe(404)
        expect((await response.json()).error).toMatchObject({ tag: "NotFoundError", kind: "plan", id: "plan-missing" })
      })

      it("maps forbidden to 403", async () => {
        const response = await api("/api/plans/plan-1", { method: "PATCH", body: JSON.stringify({ headerVersion: 1, patch: { published: true } }) })
        expect(response.status).toBe(403)
        expect((await response.json()).error).toMatchObject({ tag: "ForbiddenError", kind: "plan", id: "plan-1" })
      })

      it("maps conflict to 409 with current value", async () => {
        const response = await api("/api/plans/plan-1/fields/field-1", { method: "PUT", body: JSON.stringify({ version: 1, value: "mine" }) })
        expect(response.status).toBe(409)
        expect((await response.json()).error).toMatchObject({ tag: "VersionConflictError", currentVersion: 2, currentValue: "newer text" })
      })

      it("maps export limit to 422", async () => {
        const planIds = Array.from({ length: 101 }, (_, index) => `plan-${index}`)
        const response = await api("/api/exports", { method: "POST", body: JSON.stringify({ planIds }) })
        expect(response.status).toBe(422)
        expect((await response.json()).error).toMatchObject({ tag: "ExportLimitExceededError", requested: 101, limit: 100 })
      })

      it("maps pupils without mentor to 422", async () => {
        const body = { pupilIds: ["pupil-1", "no-mentor-2"], plan: { templateId: "t-1", title: "VT 2027", startDate: "2027-01-10", endDate: null } }
        const response = await api("/api/plans", { method: "POST", body: JSON.stringify(body) })
        expect(response.status).toBe(422)
        expect((await response.json()).error).toMatchObject({ tag: "PupilsWithoutMentorError", pupilIds: ["no-mentor-2"] })
      })

      it("maps anything else to 500 without details", async () => {
        const response = await api("/api/plans/plan-crash")
        expect(response.status).toBe(500)
        const text = await response.text()
        expect(JSON.parse(text).error.tag).toBe("InternalError")
        expect(text).not.toContain(guardianName)
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
        await api(`/api/plans/plan-1?note=${encodeURIComponent(guardianName)}`)
        await api("/api/plans/plan-1/fields/field-1", { method: "PUT", body: JSON.stringify({ version: 3, value: `Samtal med ${guardianName}` }) })
        await api("/api/plans/plan-crash")
        // Log lines are written after the response; wait until all three arrive, bounded.
        for (let attempt = 0; attempt < 50 && logs.slice(before).filter((line) => line.includes("request completed")).length < 3; attempt++) {
          await new Promise((resolve) => setTimeout(resolve, 20))
        }
        const lines = logs.slice(before)
        const completed = lines.map((line) => JSON.parse(line)).filter((entry) => entry.msg === "request completed")
        expect(completed.map((entry) => entry.route)).toEqual(["/api/plans/:planId", "/api/plans/:planId/fields/:fieldId", "/api/plans/:planId"])
        expect(completed.map((entry) => entry.status)).toEqual([200, 200, 500])
        for (const entry of completed) {
          expect(entry.reqId).toMatch(/^[0-9a-f-]{36}$/)
          expect(typeof entry.durationMs).toBe("number")
          expect(entry.method).toMatch(/^(GET|PUT)$/)
        }
        const text = lines.join("\n")
        expect(text).not.toContain("Siv")
        expect(text).not.toContain("Samtal")
        expect(text).not.toContain("note=")
        expect(text).not.toContain("token-mentor")
      })
    })

    describe("startup", () => {
      it("explains a port already in use", async () => {
        const port = Number(new URL(plain.url).port)
        const base = { operations: fakeOperations, verifyBearer: async () => undefined, cookieSecret: secret, logLine: () => {}, demoPeople: undefined }
        await expect(host.start({ ...base, port })).rejects.toThrow(new RegExp(`Port ${port} on 127\\.0\\.0\\.1 is already in use.*--port`))
      })
    })
  })
}
