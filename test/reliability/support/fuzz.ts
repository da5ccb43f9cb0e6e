/**
 * HTTP fuzzing of one example host with fast-check: random methods, paths built from the API's
 * routes with real and random ids, random headers and random bodies (valid shapes with hostile
 * values, arbitrary JSON, and broken JSON). Every response must be below 500, every error under
 * /api must be a 4xx JSON body with a tag and a message, and a rejected request must commit
 * nothing to the database. The requests come from a fixed seed (IUPKIT_FUZZ_SEED changes it),
 * so a failure names a request that can be sent again.
 */
import fc from "fast-check"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { type HostName, type RunningStack, startStack, tokenFor } from "./hosts.js"
import { type SeededSchool, seedSchool } from "./seed.js"
import { courseId, mentees, people, schoolId } from "./world.js"

/** Requests each host must respond to within the budget. */
export const requestsPerHost = 10_000
/** Time the requests may take on a 2-core CI machine, in milliseconds. */
export const budgetMillis = 150_000

const routeTemplates = [
  "/api/me",
  "/api/mentor",
  "/api/mentor/overview",
  "/api/mentor/plans",
  "/api/plans/{plan}",
  "/api/plans/{plan}/fields/{field}",
  "/api/pupils/{person}/plans",
  "/api/courses/{course}",
  "/api/assessments",
  "/api/assessments/{assessment}/entries/{person}",
  "/api/assessments/{assessment}/levels",
  "/api/assessments/{assessment}/self-assessment",
  "/api/pupil",
  "/api/guardian",
  "/api/exports",
  "/api/templates",
  "/api/grading-scales",
  "/api/organisation-plans",
  "/api/pupils/{person}/documents",
  "/api/pupils/{person}/imported-plans",
  "/api/documents/{document}",
  "/api/{any}",
  "/api/{any}/{any}",
  "/openapi.json",
  "/",
  "/sign-in",
  "/sign-out",
  "/{any}",
  "/assets/{any}",
  "/documents/{document}",
  "/plans/{plan}/documents"
]

const hostileStrings = fc.oneof(
  fc.string(),
  fc.string({ unit: "binary", maxLength: 40 }),
  fc.constantFrom(
    "",
    " ",
    "..",
    "../../etc/passwd",
    "%00",
    "%ZZ",
    "%",
    "%2e%2e%2f",
    "' OR 1=1 --",
    "\"; DROP TABLE plans; --",
    "<script>alert(1)</script>",
    "__proto__",
    "constructor",
    "\u0000",
    "\ud800",
    "x".repeat(3_000),
    "😀".repeat(300),
    "null",
    "-1",
    "1e309",
    "NaN"
  )
)

// A lone surrogate has no UTF-8 form, so it is sent as the bytes of an encoded surrogate, which
// are invalid UTF-8 and just as hostile.
const encodeSegment = (value: string): string => {
  try {
    return encodeURIComponent(value)
  } catch {
    return `%ED%A0%80${encodeURIComponent(value.replace(/[\ud800-\udfff]/g, ""))}`
  }
}

const bodyKeys = [
  "pupilIds", "plan", "templateId", "title", "startDate", "endDate", "expectedVersion", "patch", "published", "value", "level",
  "comment", "entries", "pupilId", "courseId", "gradingScaleId", "visibleToPupils", "selfAssessmentEnabled", "planIds",
  "includeProtectedPupilIds", "scope", "fields", "heading", "visibleTo", "editableBy", "name", "steps", "organisationId",
  "skipPupilsWithoutMentor", "_csrf", "personId", "__proto__", "constructor"
]

const jsonBodies = (school: SeededSchool) => {
  const realIds = fc.constantFrom(
    school.templateId, school.publishedPlanId, school.assessmentId, school.hiddenAssessmentId, school.scaleId, courseId, schoolId,
    ...school.fieldIds, ...mentees, people.mentor, people.guardian
  )
  const values = fc.oneof(
    realIds,
    hostileStrings,
    fc.integer({ min: -3, max: 1_000_000 }),
    fc.double(),
    fc.boolean(),
    fc.constant(null),
    fc.constantFrom("all", "2026-02-30", "2027-01-10", "Mellan", "site", "mentor", { _tag: "site" }, { _tag: "organisation", organisationId: schoolId }),
    fc.array(realIds, { maxLength: 4 }),
    fc.array(fc.record({ pupilId: realIds, expectedVersion: fc.oneof(fc.constant(null), fc.nat(5)) }), { maxLength: 3 }),
    fc.array(fc.record({ heading: hostileStrings, visibleTo: fc.constant(["mentor"]), editableBy: fc.constant([]) }), { maxLength: 2 })
  )
  const shaped = fc.dictionary(fc.constantFrom(...bodyKeys), fc.oneof(values, fc.dictionary(fc.constantFrom(...bodyKeys), values, { maxKeys: 4 })), { maxKeys: 6 })
  return fc.oneof(
    { weight: 6, arbitrary: shaped.map((value) => JSON.stringify(value)) },
    { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 3 }).map((value) => JSON.stringify(value)) },
    { weight: 1, arbitrary: hostileStrings },
    { weight: 1, arbitrary: fc.constantFrom("{", "[".repeat(5_000), "{\"a\":", "\u0000", "{\"__proto__\":{\"polluted\":1}}") }
  )
}

interface FuzzRequest {
  readonly method: string
  readonly path: string
  readonly headers: Record<string, string>
  readonly body: string | undefined
}

const requests = (school: SeededSchool): fc.Arbitrary<FuzzRequest> => {
  const idsOf = {
    plan: [...mentees.map(school.planOf), "plan:00000000-0000-4000-8000-000000000000"],
    field: school.fieldIds,
    person: [...mentees, people.mentor, people.guardian, people.stranger, "pupil-missing"],
    course: [courseId, "course-missing"],
    assessment: [school.assessmentId, school.hiddenAssessmentId, "assessment:missing"],
    document: [school.documentId, "document:missing"]
  }
  const idFor = (kind: keyof typeof idsOf | "any") =>
    kind === "any" ? hostileStrings.map(encodeSegment) : fc.oneof(
      { weight: 4, arbitrary: fc.constantFrom(...idsOf[kind]).map(encodeSegment) },
      { weight: 1, arbitrary: hostileStrings.map(encodeSegment) },
      { weight: 1, arbitrary: fc.constantFrom("%ZZ", "%", "a%00b", "..%2F..", "%E0%A4%A") }
    )
  const path = fc.constantFrom(...routeTemplates).chain((template) => {
    const slots = [...template.matchAll(/\{(\w+)\}/g)].map((match) => match[1] as keyof typeof idsOf | "any")
    return fc.tuple(...slots.map(idFor), fc.option(fc.constantFrom("?lang=en", "?lang=xx", "?a=%ZZ", "?__proto__=1", `?note=${"x".repeat(2000)}`), { nil: "" }))
      .map((values) => {
        let index = 0
        return template.replace(/\{\w+\}/g, () => values[index++] as string) + (values.at(-1) as string)
      })
  })
  const everyone = [...Object.values(people), ...mentees.slice(2, 4), "unknown-person"]
  const authorization = fc.oneof(
    { weight: 8, arbitrary: fc.constantFrom(...everyone).map((personId) => `Bearer ${tokenFor(personId)}`) },
    { weight: 1, arbitrary: fc.constantFrom("Bearer", "Bearer ", "Basic dXNlcjpwYXNz", `Bearer ${tokenFor(people.mentor).slice(0, -3)}abc`, "Bearer a.b.c") },
    { weight: 1, arbitrary: fc.constant("") }
  )
  const contentType = fc.constantFrom(
    "application/json", "application/json; charset=utf-8", "text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x",
    "application/json; charset=latin1", "", "application/xml"
  )
  const extraHeaders = fc.dictionary(
    fc.constantFrom("accept-language", "accept", "cookie", "x-csrf-token", "x-forwarded-for", "origin", "x-request-id", "content-encoding"),
    fc.constantFrom("en", "sv,en;q=0.5", "*/*", "iupkit_session=forged; _csrf=x", "forged", "127.0.0.1", "http://evil.example", "gzip", "ö"),
    { maxKeys: 3 }
  )
  const random = fc.record({
    method: fc.constantFrom("GET", "GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"),
    path,
    authorization,
    contentType,
    extra: extraHeaders,
    body: fc.oneof({ weight: 200, arbitrary: jsonBodies(school) }, { weight: 1, arbitrary: fc.constant(JSON.stringify({ value: "x".repeat(1_100_000) })) })
  }).map(({ method, path, authorization, contentType, extra, body }) => ({
    method,
    path,
    headers: {
      ...extra,
      ...(authorization === "" ? {} : { authorization }),
      ...(contentType === "" ? {} : { "content-type": contentType })
    },
    body: method === "GET" || method === "HEAD" ? undefined : body
  }))
  return fc.oneof({ weight: 9, arbitrary: random }, { weight: 1, arbitrary: validWrites(school) })
}

// Writes with the right route, actor and body shape, so some are accepted and the check that
// rejected writes change nothing runs beside writes that do change something.
const validWrites = (school: SeededSchool): fc.Arbitrary<FuzzRequest> => {
  const json = (personId: string, method: string, path: string, body: unknown): FuzzRequest => ({
    method,
    path,
    headers: { authorization: `Bearer ${tokenFor(personId)}`, "content-type": "application/json" },
    body: JSON.stringify(body)
  })
  const text = fc.oneof(hostileStrings, fc.string({ maxLength: 200 }))
  return fc.oneof(
    fc.tuple(fc.constantFrom(...school.fieldIds), fc.integer({ min: 1, max: 8 }), text).map(([fieldId, expectedVersion, value]) =>
      json(people.mentor, "PUT", `/api/plans/${encodeSegment(school.publishedPlanId)}/fields/${encodeSegment(fieldId)}`, { expectedVersion, value })),
    fc.tuple(fc.constantFrom(...mentees.slice(0, 4)), fc.option(fc.integer({ min: 1, max: 6 }), { nil: null }), text).map(([pupilId, expectedVersion, comment]) =>
      json(people.teacher, "PUT", `/api/assessments/${encodeSegment(school.assessmentId)}/entries/${pupilId}`, { expectedVersion, comment })),
    fc.tuple(text, fc.array(text, { minLength: 1, maxLength: 4 })).map(([name, steps]) =>
      json(people.siteAdmin, "POST", "/api/grading-scales", { name, steps })),
    fc.tuple(text, text).map(([title, heading]) =>
      json(people.siteAdmin, "POST", "/api/templates", { title, scope: { _tag: "site" }, fields: [{ heading, visibleTo: ["mentor"], editableBy: [] }] }))
  )
}

const mutating = new Set(["POST", "PUT", "PATCH", "DELETE"])

/** Checks one response and describes what is wrong with it, or returns null. */
const problemWith = async (request: FuzzRequest, pathname: string, response: Response): Promise<string | null> => {
  const text = await response.text()
  if (response.status >= 500) return `status ${response.status}: ${text.slice(0, 300)}`
  if (!(pathname === "/api" || pathname.startsWith("/api/")) || response.status < 400 || request.method === "HEAD") return null
  if (!/application\/json/.test(response.headers.get("content-type") ?? "")) return `error without JSON: ${response.headers.get("content-type")}`
  let body: { error?: { tag?: unknown; message?: unknown } }
  try {
    body = JSON.parse(text)
  } catch {
    return `error body is not JSON: ${text.slice(0, 200)}`
  }
  if (typeof body.error?.tag !== "string" || body.error.tag === "") return `error without a tag: ${text.slice(0, 200)}`
  if (typeof body.error.message !== "string" || body.error.message.length < 5) return `error without a message: ${text.slice(0, 200)}`
  return null
}

/** Runs the fuzzer against one host. */
export const fuzzHost = (host: HostName): void => {
  describe(`HTTP fuzzing of the ${host} host`, () => {
    let stack: RunningStack
    let school: SeededSchool
    beforeAll(async () => {
      stack = await startStack(host)
      school = await seedSchool(stack.iup)
    })
    afterAll(async () => {
      await stack?.close()
    })

    it("never fails with 5xx or changes on rejection", async () => {
      const started = Date.now()
      const deadline = started + budgetMillis
      const sample = fc.sample(requests(school), { numRuns: requestsPerHost, seed: Number(process.env.IUPKIT_FUZZ_SEED ?? 20261204) })
      let sent = 0
      let rejectedWrites = 0
      let acceptedWrites = 0
      let planReads = 0
      const auditBefore = (await stack.auditLog()).length

      const send = async (request: FuzzRequest) => {
        // The URL parser resolves dot segments, so "/api/.." reaches "/"; check what was sent.
        const url = new URL(`${stack.url}${request.path}`)
        const response = await fetch(url, {
          method: request.method,
          headers: request.headers,
          ...(request.body === undefined ? {} : { body: request.body }),
          redirect: "manual"
        })
        sent += 1
        if (request.method === "GET" && response.status === 200 && /^\/api\/plans\/[^/]+$/.test(url.pathname)) planReads += 1
        const problem = await problemWith(request, url.pathname, response)
        expect(problem, `${request.method} ${request.path.slice(0, 200)} ${JSON.stringify(request.headers).slice(0, 300)} ${request.body?.slice(0, 300)}`).toBeNull()
        return { status: response.status, pathname: url.pathname }
      }

      // Reads are not checked against the commit counter (a plan read commits its audit entry), so
      // they go eight at a time. Writes go one by one, each checked against the counter.
      const reads = sample.filter((request) => !mutating.has(request.method))
      for (let index = 0; index < reads.length && Date.now() < deadline; index += 8) {
        await Promise.all(reads.slice(index, index + 8).map(send))
      }
      for (const request of sample.filter((request) => mutating.has(request.method))) {
        if (Date.now() >= deadline) break
        const before = await stack.dataVersion()
        const { status, pathname } = await send(request)
        if (status >= 400) {
          rejectedWrites += 1
          expect(await stack.dataVersion(), `rejected ${request.method} ${request.path.slice(0, 200)} changed the database`).toBe(before)
        } else if (pathname.startsWith("/api/") && pathname !== "/api/exports") {
          // An export is a read, and the sign-in pages store nothing in the database.
          acceptedWrites += 1
        }
      }

      expect(sent, `the time budget of ${budgetMillis} ms ended after ${sent} requests`).toBe(requestsPerHost)
      // The generators must reach both sides of the check on writes.
      expect(rejectedWrites).toBeGreaterThan(1_000)
      expect(acceptedWrites).toBeGreaterThan(50)

      // Each plan read and each accepted write left at least one audit entry.
      const audit = (await stack.auditLog()).slice(auditBefore)
      expect(planReads).toBeGreaterThanOrEqual(5)
      expect(audit.filter((entry) => entry.action === "plan.read").length).toBeGreaterThanOrEqual(planReads)
      expect(audit.filter((entry) => entry.action !== "plan.read" && entry.action !== "plan.export" && entry.action !== "document.read").length)
        .toBeGreaterThanOrEqual(acceptedWrites)
    }, budgetMillis + 60_000)
  })
}
