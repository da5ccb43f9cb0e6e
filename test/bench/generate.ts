/**
 * A deterministic fictional municipality for the benchmarks: schools, classes of 30 pupils with a
 * mentor and 16 courses each, teachers, two guardians per pupil, 20 assessment entries per pupil
 * over four terms and two plans per pupil. Every value comes from a seeded PRNG, so one seed gives
 * the same rows on every run and on both databases.
 */
import type { SqlClient } from "@effect/sql/SqlClient"
import { type Db, migrate, type SqlDialect } from "@iupkit/store-sql"
import { Effect } from "effect"

/** How large a municipality to generate. */
export interface MunicipalitySize {
  readonly schools: number
  readonly pupils: number
}

/** Pupils per mentor group (class). */
export const classSize = 30
/** Courses each class takes. */
export const coursesPerClass = 16
/** Assessment entries per pupil: five courses in each of four terms. */
export const entriesPerPupil = 20
/** Plans per pupil: one archived, one current. */
export const plansPerPupil = 2
const termsPerYear = 4
const teachersPerSchool = 40
const fieldsPerPlan = 3

/** The large size: 50 schools, 100,000 pupils, 2,000,000 entries and 200,000 plans. */
export const fullSize: MunicipalitySize = { schools: 50, pupils: 100_000 }

/** A municipality holding about `entries` assessment entries, schools scaled with the pupils. */
export const sizeForEntries = (entries: number): MunicipalitySize => {
  const pupils = Math.max(classSize, Math.round(entries / entriesPerPupil))
  return { schools: Math.max(1, Math.min(50, Math.round(pupils / 2000))), pupils }
}

/** Row counts of a generated municipality, per table. */
export type RowCounts = Readonly<Record<string, number>>

/** Well-known ids in a generated municipality, which the scenarios act on. */
export interface MunicipalityIds {
  readonly administratorId: string
  readonly templateId: string
  readonly gradingScaleId: string
  /** Mentor of class `c`; class 0 is always full. */
  readonly mentorOf: (classIndex: number) => string
  readonly pupilOf: (pupilIndex: number) => string
  readonly currentPlanOf: (pupilIndex: number) => string
  readonly classCount: number
}

/** Mulberry32: a small, fast 32-bit PRNG; good enough for test data, not for secrets. */
export const makeRandom = (seed: number) => {
  let state = seed >>> 0
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  return {
    next,
    int: (below: number): number => Math.floor(next() * below),
    pick: <A>(items: ReadonlyArray<A>): A => items[Math.floor(next() * items.length)]!
  }
}

const givenNames = ["Alva", "Elsa", "Maja", "Ella", "Saga", "Wilma", "Ebba", "Alice", "Nils", "Hugo", "Liam", "Elias", "Oscar", "Lucas", "Vincent", "Ture", "Astrid", "Sixten", "Edith", "Otto"]
const familyNames = ["Andersson", "Johansson", "Karlsson", "Nilsson", "Eriksson", "Larsson", "Olsson", "Persson", "Svensson", "Gustafsson", "Lindberg", "Lindqvist", "Berg", "Holm", "Sandberg", "Ek"]
const subjects = [
  ["Svenska", "GRGRSVE01"], ["Matematik", "GRGRMAT01"], ["Engelska", "GRGRENG01"], ["Biologi", "GRGRBIO01"],
  ["Fysik", "GRGRFYS01"], ["Kemi", "GRGRKEM01"], ["Geografi", "GRGRGEO01"], ["Historia", "GRGRHIS01"],
  ["Religionskunskap", "GRGRREL01"], ["Samhällskunskap", "GRGRSAM01"], ["Bild", "GRGRBIL01"], ["Musik", "GRGRMUS01"],
  ["Idrott och hälsa", "GRGRIDH01"], ["Slöjd", "GRGRSLJ01"], ["Teknik", "GRGRTEK01"], ["Hem- och konsumentkunskap", "GRGRHKK01"]
] as const
const comments = [
  "Visar god förståelse och deltar aktivt på lektionerna.",
  "Behöver öva mer på att redovisa sina resonemang skriftligt.",
  "Arbetar självständigt och lämnar in uppgifter i tid.",
  "Har utvecklat sitt ordförråd och läser med flyt.",
  "Kan ta större ansvar för sitt eget lärande framöver.",
  "Genomför laborationer noggrant och drar rimliga slutsatser."
]
const planTexts = [
  "Fortsätta läsa minst tjugo minuter om dagen hemma.",
  "Träna på att planera skrivuppgifter med en tankekarta.",
  "Ställa fler frågor under genomgångar när något är oklart.",
  "Öva multiplikationstabellen med appen två gånger i veckan."
]
const steps = ["Otillräckligt", "Godtagbart", "Mer än godtagbart"]
// Four terms up to December 2026: [first day, length in days].
// NOTE: the services read the real clock, so from mid-2027 the current plans are archived and the
// overview's four-month window holds no entries; move these dates and the plans' then.
const terms: ReadonlyArray<readonly [number, number]> = [
  [Date.UTC(2025, 0, 15), 140],
  [Date.UTC(2025, 7, 20), 120],
  [Date.UTC(2026, 0, 15), 140],
  [Date.UTC(2026, 7, 20), 100]
]
const relationStart = "2020-08-01"
const createdAt = "2025-08-10T08:00:00.000Z"

/** The ids every generated municipality uses, by index. */
export const municipalityIds = (size: MunicipalitySize): MunicipalityIds => ({
  administratorId: "person-admin",
  templateId: "template-iup",
  gradingScaleId: "scale-3",
  mentorOf: (classIndex) => `person-mentor-${classIndex}`,
  pupilOf: (pupilIndex) => `person-pupil-${pupilIndex}`,
  currentPlanOf: (pupilIndex) => `plan-${pupilIndex}-current`,
  classCount: Math.ceil(size.pupils / classSize)
})

type Row = Record<string, string | number | null>

/** Buffers rows per table and writes them as multi-row INSERTs kept below the parameter limit. */
const makeWriter = (db: Db, dialect: SqlDialect) => {
  const buffers = new Map<string, Array<Row>>()
  const counts: Record<string, number> = {}
  const insert = (table: string, rows: ReadonlyArray<Row>) =>
    // The table name is one of the schema's; Kysely's row type cannot follow a name chosen at run time.
    db.insertInto(table as "people").values(rows as never) as unknown as Effect.Effect<unknown, unknown>
  const rowsPerStatement = (row: Row) => Math.floor(dialect.maxBindParameters / Object.keys(row).length)
  // Once any table has a full statement's worth of rows, every buffer is written in the order
  // the tables were first used, parents first, so no row reaches the database before its parent.
  const flush = (all: boolean) =>
    Effect.gen(function*() {
      const due = all || [...buffers.values()].some((rows) => rows.length > 0 && rows.length >= rowsPerStatement(rows[0]!))
      if (!due) return
      for (const [table, rows] of buffers) {
        while (rows.length > 0) {
          yield* insert(table, rows.splice(0, rowsPerStatement(rows[0]!)))
        }
      }
    })
  const add = (table: string, row: Row) => {
    const rows = buffers.get(table) ?? []
    rows.push(row)
    buffers.set(table, rows)
    counts[table] = (counts[table] ?? 0) + 1
  }
  return { add, flush, counts }
}

/**
 * Migrates the database in context and writes a municipality of the given size into it, in one
 * transaction. The database must be empty.
 */
export const generateMunicipality = (
  db: Db,
  dialect: SqlDialect,
  sql: SqlClient,
  size: MunicipalitySize,
  seed: number
): Effect.Effect<RowCounts, unknown, SqlClient> =>
  Effect.gen(function*() {
    yield* migrate(dialect)
    const random = makeRandom(seed)
    const ids = municipalityIds(size)
    const writer = makeWriter(db, dialect)
    const { add } = writer
    const person = (id: string) =>
      add("people", {
        id,
        given_name: random.pick(givenNames),
        family_name: random.pick(familyNames),
        // About one pupil in 200 has a protected identity, as in a real municipality.
        protection: random.int(200) === 0 ? "protectedRegistration" : "none"
      })
    const dated = { start_date: relationStart, end_date: null }

    add("grading_scales", { id: ids.gradingScaleId, name: "Tre steg", steps_json: JSON.stringify(steps), version: 1, created_at: createdAt, updated_at: createdAt })
    const templateFields = Array.from({ length: fieldsPerPlan }, (_, index) => ({
      id: `field-${index + 1}`,
      heading: ["Mål framåt", "Så här gör vi i skolan", "Så här gör vi hemma"][index]!,
      visibleTo: ["mentor", "pupil", "guardian"],
      editableBy: ["mentor"]
    }))
    add("templates", {
      id: ids.templateId, title: "Individuell utvecklingsplan", scope_organisation_id: null,
      fields_json: JSON.stringify(templateFields), hidden: 0, version: 1, created_at: createdAt, updated_at: createdAt
    })
    add("people", { id: ids.administratorId, given_name: "Ada", family_name: "Administratör", protection: "none" })
    add("administrations", { person_id: ids.administratorId, scope_organisation_id: null, ...dated })

    for (let school = 0; school < size.schools; school++) {
      add("organisations", { id: `school-${school}`, name: `Skola ${school + 1}`, parent_id: null })
      for (let teacher = 0; teacher < teachersPerSchool; teacher++) person(`person-teacher-${school}-${teacher}`)
    }

    for (let classIndex = 0; classIndex < ids.classCount; classIndex++) {
      const school = Math.floor((classIndex * classSize * size.schools) / size.pupils)
      const mentorId = ids.mentorOf(classIndex)
      person(mentorId)
      const courseIds = subjects.map(([name, code], k) => {
        const courseId = `course-${classIndex}-${k}`
        add("courses", { id: courseId, name: `${name} ${classIndex + 1}`, organisation_id: `school-${school}`, subject_code: code })
        const teacherId = k === 0 ? mentorId : `person-teacher-${school}-${(classIndex * coursesPerClass + k) % teachersPerSchool}`
        add("teachings", { teacher_id: teacherId, course_id: courseId, ...dated })
        for (let term = 0; term < termsPerYear; term++) {
          add("assessments", {
            id: `assessment-${classIndex}-${k}-${term}`, course_id: courseId, title: `Omdöme ${name} termin ${term + 1}`,
            grading_scale_id: ids.gradingScaleId, visible_to_pupils: 1, self_assessment_enabled: 1,
            created_by: teacherId, created_at: createdAt, updated_at: createdAt, version: 1
          })
        }
        return courseId
      })

      const first = classIndex * classSize
      for (let pupilIndex = first; pupilIndex < Math.min(size.pupils, first + classSize); pupilIndex++) {
        const pupilId = ids.pupilOf(pupilIndex)
        person(pupilId)
        add("enrolments", { pupil_id: pupilId, organisation_id: `school-${school}`, school_year: 7 + (classIndex % 3), ...dated })
        add("mentorships", { mentor_id: mentorId, pupil_id: pupilId, ...dated })
        for (const courseId of courseIds) add("course_memberships", { pupil_id: pupilId, course_id: courseId, ...dated })
        for (let guardian = 1; guardian <= 2; guardian++) {
          const guardianId = `person-guardian-${pupilIndex}-${guardian}`
          person(guardianId)
          add("guardianships", { guardian_id: guardianId, pupil_id: pupilId, ...dated })
        }
        for (let term = 0; term < termsPerYear; term++) {
          // Five distinct courses a term: an odd stride over 16 never repeats within five steps.
          const offset = random.int(coursesPerClass)
          const [termStart, termDays] = terms[term]!
          for (let j = 0; j < entriesPerPupil / termsPerYear; j++) {
            const k = (offset + j * 3) % coursesPerClass
            const editedAt = new Date(termStart + random.int(termDays * 86_400) * 1000).toISOString()
            add("assessment_entries", {
              assessment_id: `assessment-${classIndex}-${k}-${term}`, pupil_id: pupilId, level: random.pick(steps),
              comment: random.pick(comments), self_level: null, self_comment: null,
              last_edited_at: editedAt, last_edited_by: k === 0 ? mentorId : `person-teacher-${school}-${(classIndex * coursesPerClass + k) % teachersPerSchool}`,
              version: 1
            })
          }
        }
        const plans = [
          { id: `plan-${pupilIndex}-archived`, title: "IUP läsåret 2025/26", start: "2025-08-15", end: "2026-06-15" },
          { id: ids.currentPlanOf(pupilIndex), title: "IUP läsåret 2026/27", start: "2026-08-15", end: "2027-06-15" }
        ]
        for (const plan of plans) {
          add("plans", {
            id: plan.id, pupil_id: pupilId, created_by: mentorId, template_id: ids.templateId, title: plan.title,
            start_date: plan.start, end_date: plan.end, published: 1, header_version: 1, created_at: createdAt, updated_at: createdAt
          })
          templateFields.forEach((field, position) =>
            add("plan_fields", {
              plan_id: plan.id, field_id: field.id, position, heading: field.heading,
              visible_to_json: JSON.stringify(field.visibleTo), editable_by_json: JSON.stringify(field.editableBy),
              value: random.pick(planTexts), version: 1, last_edited_at: createdAt, last_edited_by: mentorId
            }))
        }
      }
      yield* writer.flush(false)
    }
    yield* writer.flush(true)
    return writer.counts
  }).pipe((effect) => sql.withTransaction(effect))
