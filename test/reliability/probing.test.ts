/**
 * Cross-actor probing over HTTP: every role asks both example hosts for every other person's
 * plans, assessments, course pages and exports by id, reading and writing. An actor that may not
 * read a resource must get exactly the answer it would get if the resource did not exist: the
 * same status, content type and body bytes as the same request after the resource is deleted.
 * Documents are probed the same way: downloaded, listed and deleted.
 */
import type { IupClient } from "@iupkit/services"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { type HostName, requestAs, type RunningStack, startStack } from "./support/hosts.js"
import { minimalPdf, type SeededSchool, seedSchool } from "./support/seed.js"
import { courseId, mentees, people } from "./support/world.js"

const as = (personId: string) => ({ personId }) as never

const actors = {
  siteAdmin: people.siteAdmin,
  schoolAdmin: people.schoolAdmin,
  mentor: people.mentor,
  coMentor: people.coMentor,
  teacher: people.teacher,
  pupil: people.pupil,
  otherPupil: people.otherPupil,
  guardian: people.guardian,
  stranger: people.stranger,
  unknown: "person-nobody"
} as const
type ActorName = keyof typeof actors

// A token for a person the directory does not list fails sign-in before any resource is looked up.
const deniedStatus = (actorName: ActorName): number => (actorName === "unknown" ? 401 : 404)

// Who may read what in the seeded school: the published plan of the first pupil is read by its
// mentors, its teacher, the pupil, its guardian and administrators; the unpublished plan of the
// second pupil only by its mentor and administrators; the hidden assessment by teachers, mentors
// and administrators.
const readersOf = {
  publishedPlan: new Set<ActorName>(["siteAdmin", "schoolAdmin", "mentor", "coMentor", "teacher", "pupil", "guardian"]),
  draftPlan: new Set<ActorName>(["siteAdmin", "schoolAdmin", "mentor"]),
  hiddenAssessment: new Set<ActorName>(["siteAdmin", "schoolAdmin", "mentor", "coMentor", "teacher"]),
  course: new Set<ActorName>(["teacher"])
}

interface Probe {
  readonly name: string
  readonly method: string
  readonly path: (ids: ProbeIds) => string
  readonly body?: (ids: ProbeIds) => unknown
  /** Readers of the resource the probe names. */
  readonly readers: Set<ActorName>
}

interface ProbeIds {
  readonly planId: string
  readonly fieldId: string
  readonly assessmentId: string
}

const planProbes = (readers: Set<ActorName>): ReadonlyArray<Probe> => [
  { name: "read plan", method: "GET", path: (ids) => `/api/plans/${ids.planId}`, readers },
  { name: "change header", method: "PATCH", path: (ids) => `/api/plans/${ids.planId}`, body: () => ({ expectedVersion: 999, patch: { title: "Övertagen" } }), readers },
  { name: "write field", method: "PUT", path: (ids) => `/api/plans/${ids.planId}/fields/${ids.fieldId}`, body: () => ({ expectedVersion: 999, value: "Övertagen" }), readers },
  { name: "export plan", method: "POST", path: () => "/api/exports", body: (ids) => ({ planIds: [ids.planId] }), readers }
]

const assessmentProbes: ReadonlyArray<Probe> = [
  { name: "write entry", method: "PUT", path: (ids) => `/api/assessments/${ids.assessmentId}/entries/${people.pupil}`, body: () => ({ expectedVersion: 999, comment: "x" }), readers: readersOf.hiddenAssessment },
  { name: "set levels", method: "POST", path: (ids) => `/api/assessments/${ids.assessmentId}/levels`, body: () => ({ level: null, entries: [{ pupilId: people.pupil, expectedVersion: 999 }] }), readers: readersOf.hiddenAssessment },
  // Only a pupil of the course self-assesses, and only while the assessment is visible to pupils.
  { name: "self-assess", method: "PUT", path: (ids) => `/api/assessments/${ids.assessmentId}/self-assessment`, body: () => ({ expectedVersion: 999, level: null, comment: "x" }), readers: new Set() }
]

interface Answer {
  readonly status: number
  readonly contentType: string | null
  readonly body: string
}

const answer = async (response: Response): Promise<Answer> => ({
  status: response.status,
  contentType: response.headers.get("content-type"),
  body: await response.text()
})

const secret = "HEMLIGT-INNEHÅLL"

// The services have no operation listing the audit log, so the test reads the host's SQLite file.
const auditEntries = async (stack: RunningStack, action: string) =>
  (await stack.auditLog()).filter((entry) => entry.action === action)

const probeHost = (host: HostName) => {
  describe(`cross-actor probing of the ${host} host`, () => {
    let stack: RunningStack
    let school: SeededSchool
    let iup: IupClient
    let ids: { published: ProbeIds; draft: ProbeIds; hidden: ProbeIds }

    beforeAll(async () => {
      stack = await startStack(host)
      iup = stack.iup
      school = await seedSchool(iup)
      const fieldId = school.fieldIds[0]!
      for (const pupilId of [people.pupil, people.otherPupil]) {
        await iup.plans.updateField(as(people.mentor), { planId: school.planOf(pupilId), fieldId, expectedVersion: 1, value: `${secret} ${pupilId}` })
      }
      ids = {
        published: { planId: school.publishedPlanId, fieldId, assessmentId: school.hiddenAssessmentId },
        draft: { planId: school.planOf(people.otherPupil), fieldId, assessmentId: school.hiddenAssessmentId },
        hidden: { planId: school.publishedPlanId, fieldId, assessmentId: school.hiddenAssessmentId }
      }
    })
    afterAll(async () => {
      await stack?.close()
    })

    it("answers unreadable like missing", async () => {
      const cases = [
        ...planProbes(readersOf.publishedPlan).map((probe) => ({ probe, target: ids.published })),
        ...planProbes(readersOf.draftPlan).map((probe) => ({ probe, target: ids.draft })),
        ...assessmentProbes.map((probe) => ({ probe, target: ids.hidden }))
      ]
      const denied: Array<{ key: string; send: () => Promise<Response>; before: Answer }> = []
      let allowed = 0
      for (const { probe, target } of cases) {
        for (const [actorName, personId] of Object.entries(actors) as Array<[ActorName, string]>) {
          const send = () => requestAs(stack, personId, probe.method, probe.path(target), probe.body?.(target))
          const before = await answer(await send())
          const key = `${actorName} ${probe.name} ${probe.path(target)}`
          expect(before.status, key).toBeLessThan(500)
          if (probe.readers.has(actorName)) {
            allowed += 1
            expect(before.status, key).not.toBe(404)
            continue
          }
          expect(before.status, key).toBe(deniedStatus(actorName))
          expect(before.body, key).not.toContain(secret)
          denied.push({ key, send, before })
        }
      }
      expect(allowed).toBeGreaterThan(20)
      expect(denied.length).toBeGreaterThan(30)

      // Now the resources are gone: every denied request must get the very same answer.
      await iup.plans.deletePlan(as(people.mentor), ids.published.planId)
      await iup.plans.deletePlan(as(people.mentor), ids.draft.planId)
      await iup.teaching.deleteAssessment(as(people.teacher), ids.hidden.assessmentId)
      for (const { key, send, before } of denied) {
        expect(await answer(await send()), key).toEqual(before)
      }
    })

    it("hides pupils and courses like missing ones", async () => {
      const pupilPath = (pupilId: string) => `/api/pupils/${pupilId}/plans`
      for (const [actorName, personId] of Object.entries(actors) as Array<[ActorName, string]>) {
        for (const pupilId of [people.otherPupil, people.pupil]) {
          const real = await answer(await requestAs(stack, personId, "GET", pupilPath(pupilId)))
          expect(real.status, `${actorName} ${pupilId}`).toBeLessThan(500)
          if (real.status !== 404) continue
          expect(real.body).not.toContain(secret)
          // The body names the id asked for, so the two answers differ in that id only.
          const missing = await answer(await requestAs(stack, personId, "GET", pupilPath("pupil-missing")))
          expect({ ...real, body: real.body.replaceAll(pupilId, "ID") }, `${actorName} ${pupilId}`)
            .toEqual({ ...missing, body: missing.body.replaceAll("pupil-missing", "ID") })
        }
        const course = await answer(await requestAs(stack, personId, "GET", `/api/courses/${courseId}`))
        if (readersOf.course.has(actorName)) {
          expect(course.status, actorName).toBe(200)
          continue
        }
        expect(course.status, actorName).toBe(deniedStatus(actorName))
        const missingCourse = await answer(await requestAs(stack, personId, "GET", "/api/courses/course-missing"))
        expect({ ...course, body: course.body.replaceAll(courseId, "ID") }, actorName)
          .toEqual({ ...missingCourse, body: missingCourse.body.replaceAll("course-missing", "ID") })
      }
    })

    it("hides documents like missing ones", async () => {
      const document = await iup.documents.upload(as(people.mentor), {
        pupilId: people.otherPupil,
        title: "Gammal plan",
        fileName: "gammal.pdf",
        bytes: new Uint8Array(minimalPdf)
      })
      // A pupil's documents are read by whoever reads its published plans: mentors, teachers,
      // administrators, the pupil and its guardians; only mentors and administrators delete them.
      const readers = new Set<ActorName>(["siteAdmin", "schoolAdmin", "mentor", "teacher", "otherPupil"])
      const deleters = new Set<ActorName>(["siteAdmin", "schoolAdmin", "mentor"])
      const probes = [
        { name: "download", method: "GET", path: `/api/documents/${document.id}` },
        { name: "list", method: "GET", path: `/api/pupils/${people.otherPupil}/documents` },
        { name: "delete", method: "DELETE", path: `/api/documents/${document.id}` }
      ]
      const denied: Array<{ key: string; personId: string; method: string; path: string; before: Answer }> = []
      for (const [actorName, personId] of Object.entries(actors) as Array<[ActorName, string]>) {
        for (const probe of probes) {
          const key = `${actorName} ${probe.name}`
          if (deleters.has(actorName) && probe.name === "delete") continue
          const before = await answer(await requestAs(stack, personId, probe.method, probe.path))
          if (readers.has(actorName) && probe.name === "delete") {
            expect(before.status, key).toBe(403)
            expect(JSON.parse(before.body).error.tag, key).toBe("ForbiddenError")
            continue
          }
          if (readers.has(actorName)) {
            expect(before.status, key).toBe(200)
            continue
          }
          expect(before.status, key).toBe(deniedStatus(actorName))
          expect(before.body, key).not.toContain("Gammal plan")
          if (probe.name !== "list") denied.push({ key, personId, method: probe.method, path: probe.path, before })
        }
      }
      const deleted = await requestAs(stack, people.mentor, "DELETE", `/api/documents/${document.id}`)
      expect(deleted.status).toBe(200)
      for (const { key, personId, method, path, before } of denied) {
        expect(await answer(await requestAs(stack, personId, method, path)), key).toEqual(before)
      }
    })

    it("audits every plan read and write", async () => {
      const auditOf = (action: string) => auditEntries(stack, action)
      // A plan the other tests leave alone: the third mentee's, unpublished.
      const planId = school.planOf(mentees[2]!)
      const readsBefore = await auditOf("plan.read")
      const writesBefore = await auditOf("plan.updateField")
      const readers: Array<string> = []
      for (const personId of Object.values(actors)) {
        const response = await requestAs(stack, personId, "GET", `/api/plans/${planId}`)
        if (response.status === 200) readers.push(personId)
      }
      const written = await requestAs(stack, people.mentor, "PUT", `/api/plans/${planId}/fields/${school.fieldIds[0]}`, { expectedVersion: 1, value: "Ny text" })
      expect(written.status).toBe(200)
      const stale = await requestAs(stack, people.mentor, "PUT", `/api/plans/${planId}/fields/${school.fieldIds[0]}`, { expectedVersion: 1, value: "Gammal text" })
      expect(stale.status).toBe(409)

      const reads = (await auditOf("plan.read")).slice(readsBefore.length)
      expect(readers.length).toBeGreaterThanOrEqual(3)
      expect(reads.map((entry) => entry.actorId).sort()).toEqual([...readers].sort())
      expect(reads.every((entry) => entry.targetId === planId)).toBe(true)
      const writes = (await auditOf("plan.updateField")).slice(writesBefore.length)
      expect(writes.map((entry) => [entry.actorId, entry.targetId])).toEqual([[people.mentor, planId]])
    })
  })
}

probeHost("fastify")
probeHost("express")
