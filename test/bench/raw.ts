/**
 * Hand-written baselines: the work of a service operation written directly as SQL on the same
 * @effect/sql client, the way a careful developer would without iupkit. Each one reads what the
 * service reads and writes the same rows, and builds a result of the same shape.
 */
import { SqlClient } from "@effect/sql/SqlClient"
import { DateTime, Effect } from "effect"
import { randomUUID } from "node:crypto"

const zone = "Europe/Stockholm"

/** Today's date in Stockholm as `YYYY-MM-DD`. */
export const stockholmToday = (now: Date): string => now.toLocaleDateString("sv-SE", { timeZone: zone })

/** The UTC instant at which a Stockholm calendar day begins, as ISO 8601 text. */
export const startOfDayUtc = (date: string): string =>
  DateTime.formatIso(DateTime.toUtc(DateTime.unsafeMakeZoned(`${date}T00:00:00`, { timeZone: zone, adjustForTimeZone: true })))

const addDays = (date: string, days: number): string => new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10)

const addMonths = (date: string, months: number): string => {
  const day = new Date(`${date}T00:00:00Z`)
  day.setUTCMonth(day.getUTCMonth() + months)
  return day.toISOString().slice(0, 10)
}

type Row = Record<string, unknown>
const text = (value: unknown) => value as string
const roles = (json: unknown): ReadonlyArray<string> => JSON.parse(text(json)) as ReadonlyArray<string>

/** Relations of an actor to a pupil on a day, in one query. */
const relationsOf = (actorId: string, pupilId: string, today: string) =>
  Effect.gen(function*() {
    const sql = yield* SqlClient
    const [row] = yield* sql<Row>`SELECT
      EXISTS (SELECT 1 FROM mentorships m WHERE m.mentor_id = ${actorId} AND m.pupil_id = ${pupilId} AND m.start_date <= ${today} AND (m.end_date IS NULL OR m.end_date >= ${today})) AS mentor,
      EXISTS (SELECT 1 FROM guardianships g WHERE g.guardian_id = ${actorId} AND g.pupil_id = ${pupilId} AND g.start_date <= ${today} AND (g.end_date IS NULL OR g.end_date >= ${today})) AS guardian,
      EXISTS (SELECT 1 FROM administrations ad WHERE ad.person_id = ${actorId} AND ad.start_date <= ${today} AND (ad.end_date IS NULL OR ad.end_date >= ${today})) AS administrator,
      EXISTS (SELECT 1 FROM teachings t JOIN course_memberships cm ON cm.course_id = t.course_id
              WHERE t.teacher_id = ${actorId} AND cm.pupil_id = ${pupilId} AND t.start_date <= ${today} AND (t.end_date IS NULL OR t.end_date >= ${today}) AND cm.start_date <= ${today} AND (cm.end_date IS NULL OR cm.end_date >= ${today})) AS teacher`
    const relations = new Set<string>()
    // NOTE: an administrator is treated as site-wide here; the generated data has no scoped ones.
    for (const relation of ["mentor", "guardian", "administrator", "teacher"]) {
      if (row !== undefined && Number(row[relation]) === 1) relations.add(relation)
      if (row !== undefined && row[relation] === true) relations.add(relation)
    }
    if (actorId === pupilId) relations.add("pupil")
    return relations
  })

const personSummary = (row: Row, prefix = "") => ({
  id: text(row[`${prefix}id`]),
  givenName: text(row[`${prefix}given_name`]),
  familyName: text(row[`${prefix}family_name`]),
  protected: row[`${prefix}protection`] !== "none"
})

/** One plan with its readable fields and matched entries, audited as a read; null when not readable. */
export const rawPlanView = (actorId: string, planId: string, action: "plan.read" | "plan.export" = "plan.read") =>
  Effect.gen(function*() {
    const sql = yield* SqlClient
    const now = new Date()
    const today = stockholmToday(now)
    const [plan] = yield* sql<Row>`SELECT p.*, pe.given_name, pe.family_name, pe.protection
      FROM plans p JOIN people pe ON pe.id = p.pupil_id WHERE p.id = ${planId}`
    if (plan === undefined) return null
    const pupilId = text(plan.pupil_id)
    const relations = yield* relationsOf(actorId, pupilId, today)
    const published = Number(plan.published) === 1
    const readable = relations.has("mentor") || relations.has("administrator") || (published && relations.size > 0)
    if (!readable) return null

    const endDate = plan.end_date === null ? null : text(plan.end_date)
    const archived = endDate !== null && endDate < today
    const fields = yield* sql<Row>`SELECT * FROM plan_fields WHERE plan_id = ${planId} ORDER BY position`
    const from = startOfDayUtc(text(plan.start_date))
    const to = endDate === null ? "9999-12-31T00:00:00.000Z" : startOfDayUtc(addDays(endDate, 1))
    const entries = yield* sql<Row>`SELECT e.*, a.title AS assessment_title, a.course_id, a.visible_to_pupils,
        c.name AS course_name, c.subject_code, s.steps_json
      FROM assessment_entries e
      JOIN assessments a ON a.id = e.assessment_id
      LEFT JOIN courses c ON c.id = a.course_id
      LEFT JOIN grading_scales s ON s.id = a.grading_scale_id
      WHERE e.pupil_id = ${pupilId} AND e.last_edited_at >= ${from} AND e.last_edited_at < ${to}
      ORDER BY e.last_edited_at DESC`
    const readsAll = relations.has("mentor") || relations.has("administrator") || relations.has("teacher")
    // Teachers see plans but not the pupil's documents; every other relation does.
    const documents = [...relations].some((relation) => relation !== "teacher")
      ? yield* sql<Row>`SELECT * FROM legacy_documents WHERE pupil_id = ${pupilId} ORDER BY uploaded_at DESC`
      : []
    yield* sql`INSERT INTO audit_log (id, at, actor_id, action, target_id, pupil_id)
      VALUES (${randomUUID()}, ${now.toISOString()}, ${actorId}, ${action}, ${planId}, ${pupilId})`

    const pupil = personSummary({ ...plan, id: pupilId })
    const canEdit = relations.has("mentor") && !archived
    return {
      id: planId,
      pupil,
      createdBy: text(plan.created_by),
      templateId: text(plan.template_id),
      title: text(plan.title),
      startDate: text(plan.start_date),
      endDate,
      published,
      archived,
      headerVersion: Number(plan.header_version),
      canEditHeader: canEdit,
      canDelete: canEdit,
      canWriteDocuments: relations.has("mentor") || relations.has("administrator"),
      entries: entries
        .filter((entry) => readsAll || Number(entry.visible_to_pupils) === 1)
        .map((entry) => ({
          assessmentId: text(entry.assessment_id),
          assessmentTitle: text(entry.assessment_title),
          course: { id: text(entry.course_id), name: text(entry.course_name), subjectCode: entry.subject_code as string | null },
          pupil,
          level: entry.level as string | null,
          scaleSteps: entry.steps_json === null ? null : roles(entry.steps_json),
          comment: text(entry.comment),
          selfAssessment: entry.self_comment === null ? null : { level: entry.self_level, comment: entry.self_comment },
          lastEditedAt: text(entry.last_edited_at),
          version: Number(entry.version)
        })),
      fields: fields
        .filter((field) => roles(field.visible_to_json).some((role) => relations.has(role)))
        .map((field) => ({
          fieldId: text(field.field_id),
          heading: text(field.heading),
          value: text(field.value),
          version: Number(field.version),
          canEdit: !archived && roles(field.editable_by_json).some((role) => relations.has(role)),
          lastEditedAt: field.last_edited_at
        })),
      documents: documents.map((document) => ({ id: document.id, title: document.title, fileName: document.file_name })),
      sensitive: true
    }
  })

/** The mentor overview: mentees against their courses, each cell the latest level in the last four months. */
export const rawMentorOverview = (mentorId: string) =>
  Effect.gen(function*() {
    const sql = yield* SqlClient
    const today = stockholmToday(new Date())
    const from = startOfDayUtc(addMonths(today, -4))
    const to = startOfDayUtc(addDays(today, 1))
    const mentees = yield* sql<Row>`SELECT p.* FROM mentorships m JOIN people p ON p.id = m.pupil_id
      WHERE m.mentor_id = ${mentorId} AND m.start_date <= ${today} AND (m.end_date IS NULL OR m.end_date >= ${today})`
    const shown = mentees.filter((person) => person.protection === "none")
    const pupilIds = shown.map((person) => text(person.id))
    if (pupilIds.length === 0) return { pupils: [], courses: [], cells: [], leftOutProtectedCount: mentees.length }
    const memberships = yield* sql<Row>`SELECT cm.pupil_id, c.id, c.name, c.subject_code
      FROM course_memberships cm JOIN courses c ON c.id = cm.course_id
      WHERE cm.pupil_id IN ${sql.in(pupilIds)} AND cm.start_date <= ${today} AND (cm.end_date IS NULL OR cm.end_date >= ${today})`
    const entries = yield* sql<Row>`SELECT e.pupil_id, a.course_id, e.level, e.last_edited_at, s.steps_json
      FROM assessment_entries e
      JOIN assessments a ON a.id = e.assessment_id
      LEFT JOIN grading_scales s ON s.id = a.grading_scale_id
      WHERE e.pupil_id IN ${sql.in(pupilIds)} AND e.last_edited_at >= ${from} AND e.last_edited_at < ${to}
        AND e.level IS NOT NULL`

    const courses = new Map<string, { id: string; name: string; subjectCode: string | null }>()
    const taken = new Set<string>()
    for (const row of memberships) {
      courses.set(text(row.id), { id: text(row.id), name: text(row.name), subjectCode: row.subject_code as string | null })
      taken.add(`${text(row.pupil_id)}|${text(row.id)}`)
    }
    const latest = new Map<string, Row>()
    for (const entry of entries) {
      const key = `${text(entry.pupil_id)}|${text(entry.course_id)}`
      if (!taken.has(key)) continue
      const current = latest.get(key)
      if (current === undefined || text(current.last_edited_at) < text(entry.last_edited_at)) latest.set(key, entry)
    }
    const courseIds = [...courses.keys()].sort()
    const cells = []
    for (const pupilId of pupilIds) {
      for (const courseId of courseIds) {
        const entry = latest.get(`${pupilId}|${courseId}`)
        if (entry === undefined) continue
        const steps = entry.steps_json === null ? [] : roles(entry.steps_json)
        cells.push({
          _tag: "level",
          pupilId,
          courseId,
          level: entry.level,
          stepIndex: steps.indexOf(text(entry.level)),
          stepCount: steps.length,
          editedAt: entry.last_edited_at
        })
      }
    }
    return {
      window: { start: addMonths(today, -4), end: today },
      pupils: shown.map((person) => personSummary(person)).sort((a, b) => `${a.familyName} ${a.givenName}`.localeCompare(`${b.familyName} ${b.givenName}`, "sv")),
      courses: courseIds.map((id) => courses.get(id)!),
      cells,
      leftOutProtectedCount: mentees.length - shown.length
    }
  })

/** Inserts one plan per pupil from a template, with its fields and audit rows, in one transaction. */
export const rawCreatePlans = (
  actorId: string,
  pupilIds: ReadonlyArray<string>,
  input: { readonly templateId: string; readonly title: string; readonly startDate: string; readonly endDate: string | null },
  maxBindParameters: number
) =>
  Effect.gen(function*() {
    const sql = yield* SqlClient
    const [template] = yield* sql<Row>`SELECT * FROM templates WHERE id = ${input.templateId}`
    if (template === undefined) return yield* Effect.dieMessage(`template ${input.templateId} not found`)
    const templateFields = JSON.parse(text(template.fields_json)) as ReadonlyArray<{ id: string; heading: string; visibleTo: unknown; editableBy: unknown }>
    const now = new Date().toISOString()
    const plans: Array<Row> = []
    const fields: Array<Row> = []
    const audit: Array<Row> = []
    for (const pupilId of pupilIds) {
      const id = `plan-${randomUUID()}`
      plans.push({
        id, pupil_id: pupilId, created_by: actorId, template_id: input.templateId, title: input.title,
        start_date: input.startDate, end_date: input.endDate, published: 0, header_version: 1, created_at: now, updated_at: now
      })
      templateFields.forEach((field, position) =>
        fields.push({
          plan_id: id, field_id: field.id, position, heading: field.heading, visible_to_json: JSON.stringify(field.visibleTo),
          editable_by_json: JSON.stringify(field.editableBy), value: "", version: 1, last_edited_at: null, last_edited_by: null
        }))
      audit.push({ id: `audit-${randomUUID()}`, at: now, actor_id: actorId, action: "plan.create", target_id: id, pupil_id: pupilId })
    }
    const insertAll = (table: string, rows: ReadonlyArray<Row>) =>
      Effect.gen(function*() {
        const size = Math.floor(maxBindParameters / Object.keys(rows[0]!).length)
        for (let start = 0; start < rows.length; start += size) {
          yield* sql`INSERT INTO ${sql(table)} ${sql.insert(rows.slice(start, start + size) as Array<Record<string, never>>)}`
        }
      })
    yield* sql.withTransaction(
      Effect.gen(function*() {
        yield* insertAll("plans", plans)
        yield* insertAll("plan_fields", fields)
        yield* insertAll("audit_log", audit)
      })
    )
    return plans.length
  })
