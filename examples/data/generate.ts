/**
 * Generates a fictional municipality in SS 12000 v2.1 JSON files under examples/data/school: two
 * schools, about 300 pupils in years 1–9, classes with mentors (some with co-mentors), a course
 * per class and subject with Skolverket's subject codes, teachers, and guardians. Most pupils
 * have two guardians, siblings share theirs, and a few pupils have a protected identity.
 *
 * The output is deterministic: a fixed seed drives every choice, so running it again gives the
 * same files. No personal identity numbers are generated. Names are drawn from Statistics
 * Sweden's 2021 top-100 lists (see sources/README.md).
 *
 * Run with `npx tsx examples/data/generate.ts`.
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs"
import { dirname, join } from "node:path"
import { fileURLToPath } from "node:url"

const dataFolder = dirname(fileURLToPath(import.meta.url))

interface NameLists {
  readonly givenNamesMale: ReadonlyArray<string>
  readonly givenNamesFemale: ReadonlyArray<string>
  readonly familyNames: ReadonlyArray<string>
}

interface SubjectRow {
  readonly designation: string
  readonly name: string
  readonly skolverketSubjectCode: string | null
}

const names = JSON.parse(readFileSync(join(dataFolder, "sources/scb-names-2021.json"), "utf8")) as NameLists
const subjectTable = (JSON.parse(readFileSync(join(dataFolder, "sources/grundskola-subjects.json"), "utf8")) as { subjects: Array<SubjectRow> })
  .subjects

/** The files the generator writes, by file name. */
export type SchoolFiles = Record<"organisations" | "persons" | "groups" | "duties" | "activities" | "syllabuses", Array<object>>

// A teacher's duty at a school unit, with the classes it mentors.
interface Teacher {
  readonly dutyId: string
  readonly personId: string
  readonly unitId: string
  readonly startDate: string
  readonly roles: Array<object>
}

// mulberry32: a small seeded generator; quality is ample for picking names and families.
const seededRandom = (seed: number) => {
  let state = seed >>> 0
  return (): number => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const schoolYearStart = "2025-08-11"
const schoolYearEnd = "2026-06-12"
const meta = { created: "2025-08-01T06:00:00+02:00", modified: "2025-08-01T06:00:00+02:00" }

const subjectsLower = ["SV", "MA", "EN", "BL", "IDH", "MU", "SL", "BI", "FY", "KE", "GE", "HI", "RE", "SH", "TK"]
const subjectsUpper = [...subjectsLower, "HKK"]

/**
 * Builds the fictional school's objects.
 */
export const generateSchool = (seed = 20_250_811): SchoolFiles => {
  const random = seededRandom(seed)
  const pick = <A>(items: ReadonlyArray<A>): A => items[Math.floor(random() * items.length)]!
  const chance = (probability: number) => random() < probability
  const uuid = () => {
    const hex = Array.from({ length: 32 }, () => Math.floor(random() * 16).toString(16)).join("")
    const variant = ((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16)
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`
  }
  const ref = (id: string) => ({ id })
  const day = (year: number, month: number, dayOfMonth: number) =>
    `${year}-${String(month).padStart(2, "0")}-${String(dayOfMonth).padStart(2, "0")}`
  const givenName = (sex: "Man" | "Kvinna") => pick(sex === "Man" ? names.givenNamesMale : names.givenNamesFemale)

  const files: SchoolFiles = { organisations: [], persons: [], groups: [], duties: [], activities: [], syllabuses: [] }

  // Organisations: the municipality and two schools, each with one school unit.
  const municipality = uuid()
  files.organisations.push({ id: municipality, meta, displayName: "Ekby kommun", organisationType: "Huvudman", municipalityCode: "9999" })
  const schools = [
    { name: "Björkdalsskolan", unitName: "Björkdalsskolan F–6", code: "99991001", years: [1, 2, 3, 4, 5, 6], subjects: subjectsLower },
    { name: "Lindåsskolan", unitName: "Lindåsskolan 7–9", code: "99991002", years: [7, 8, 9], subjects: subjectsUpper }
  ].map((school) => {
    const schoolId = uuid()
    const unitId = uuid()
    files.organisations.push({ id: schoolId, meta, displayName: school.name, organisationType: "Skola", parentOrganisation: ref(municipality) })
    files.organisations.push({
      id: unitId,
      meta,
      displayName: school.unitName,
      organisationType: "Skolenhet",
      parentOrganisation: ref(schoolId),
      schoolUnitCode: school.code,
      schoolTypes: ["GR"],
      municipalityCode: "9999"
    })
    return { ...school, unitId }
  })
  const [lower, upper] = schools as [(typeof schools)[number], (typeof schools)[number]]

  // Syllabuses: one per subject taught.
  const syllabusIds = new Map<string, string>()
  for (const designation of subjectsUpper) {
    const row = subjectTable.find((subject) => subject.designation === designation)
    if (row === undefined || row.skolverketSubjectCode === null) throw new Error(`No subject code for ${designation}`)
    const id = uuid()
    syllabusIds.set(designation, id)
    files.syllabuses.push({
      id,
      meta,
      schoolType: "GR",
      subjectCode: row.skolverketSubjectCode,
      subjectName: row.name,
      subjectDesignation: designation,
      official: true
    })
  }

  // Families: one to three children each, with one or two guardians who mostly share a family name.
  const pupilsPerYear = 34
  const totalPupils = pupilsPerYear * 9
  const adults: Array<object> = []
  const children: Array<{ id: string; sex: "Man" | "Kvinna"; givenName: string; familyName: string; guardians: Array<string>; other: string | null }> = []
  while (children.length < totalPupils) {
    const familyName = pick(names.familyNames)
    const guardianCount = chance(0.85) ? 2 : 1
    const guardians = Array.from({ length: guardianCount }, (_, index) => {
      const sex = index === 0 ? (chance(0.5) ? "Kvinna" : "Man") : (chance(0.8) ? "Man" : "Kvinna")
      const id = uuid()
      adults.push({ id, meta, givenName: givenName(sex), familyName: index === 1 && chance(0.2) ? pick(names.familyNames) : familyName, sex })
      return id
    })
    // Now and then a relative is listed as "Annan ansvarig", which makes no guardian.
    let other: string | null = null
    if (chance(0.05)) {
      other = uuid()
      const sex = chance(0.5) ? "Kvinna" : "Man"
      adults.push({ id: other, meta, givenName: givenName(sex), familyName: pick(names.familyNames), sex })
    }
    const childCount = Math.min(totalPupils - children.length, chance(0.7) ? 1 : chance(0.8) ? 2 : 3)
    for (let index = 0; index < childCount; index++) {
      const sex = chance(0.5) ? "Kvinna" : "Man"
      children.push({ id: uuid(), sex, givenName: givenName(sex), familyName, guardians, other })
    }
  }
  // Spread siblings over the years: shuffle before assigning school years.
  for (let index = children.length - 1; index > 0; index--) {
    const other = Math.floor(random() * (index + 1))
    ;[children[index], children[other]] = [children[other]!, children[index]!]
  }

  // Staff: for years 1–6 a class teacher per class plus specialists; for 7–9 subject teachers.
  const staffPersons: Array<object> = []
  const duties: Array<Teacher> = []
  const newTeacher = (unitId: string): Teacher => {
    const sex = chance(0.7) ? "Kvinna" : "Man"
    const personId = uuid()
    const dutyId = uuid()
    staffPersons.push({ id: personId, meta, givenName: givenName(sex), familyName: pick(names.familyNames), sex })
    const duty: Teacher = { dutyId, personId, unitId, startDate: day(2014 + Math.floor(random() * 11), 8, 1), roles: [] }
    duties.push(duty)
    return duty
  }
  const lowerSpecialists = new Map(["EN", "BL", "IDH", "MU", "SL", "TK"].map((subject) => [subject, newTeacher(lower.unitId)]))
  const upperTeams = [["MA", "TK"], ["SV"], ["EN"], ["BI", "KE", "FY"], ["GE", "HI"], ["RE", "SH"], ["IDH"], ["MU"], ["BL"], ["SL"], ["HKK"]]
  const upperTeachers = new Map<string, Teacher>()
  for (const team of upperTeams) {
    const teacher = newTeacher(upper.unitId)
    for (const subject of team) upperTeachers.set(subject, teacher)
  }
  const upperPool = [...new Set(upperTeachers.values())]

  // Classes, enrolments, mentors and courses.
  let pupilIndex = 0
  let classNumber = 0
  const pupils: Array<object> = []
  for (const school of [lower, upper]) {
    for (const year of school.years) {
      const yearPupils = children.slice(pupilIndex, pupilIndex + pupilsPerYear)
      pupilIndex += pupilsPerYear
      const born = 2025 - 6 - year
      for (const [half, letter] of ["A", "B"].entries()) {
        const members = yearPupils.slice(half * 17, half * 17 + 17)
        const classId = uuid()
        files.groups.push({
          id: classId,
          meta,
          displayName: `${year}${letter}`,
          groupType: "Klass",
          schoolType: "GR",
          organisation: ref(school.unitId),
          startDate: schoolYearStart,
          endDate: schoolYearEnd,
          groupMemberships: members.map((member) => ({ person: ref(member.id) }))
        })
        for (const member of members) {
          const enrolments: Array<object> = []
          if (year >= 7) {
            enrolments.push({ enroledAt: ref(lower.unitId), schoolYear: 6, schoolType: "GR", startDate: day(2025 - (year - 1), 8, 11), endDate: day(2025 - (year - 6), 6, 13) })
          }
          const firstYear = year >= 7 ? 7 : 1
          enrolments.push({ enroledAt: ref(school.unitId), schoolYear: year, schoolType: "GR", startDate: day(2025 - (year - firstYear), 8, 11) })
          pupils.push({
            id: member.id,
            meta,
            givenName: member.givenName,
            familyName: member.familyName,
            birthDate: day(born, 1 + Math.floor(random() * 12), 1 + Math.floor(random() * 28)),
            sex: member.sex,
            securityMarking: "Ingen",
            enrolments,
            responsibles: [
              ...member.guardians.map((guardian) => ({ person: ref(guardian), relationType: "Vårdnadshavare" })),
              ...(member.other === null ? [] : [{ person: ref(member.other), relationType: "Annan ansvarig" }])
            ]
          })
        }

        // Mentors: the class teacher in years 1–6, a subject teacher in years 7–9; every third class has a co-mentor.
        const classTeacher = school === lower ? newTeacher(lower.unitId) : upperPool[classNumber % upperPool.length]!
        const mentors = [classTeacher]
        if (classNumber % 3 === 2) mentors.push(school === lower ? pick([...lowerSpecialists.values()]) : upperPool[(classNumber + 5) % upperPool.length]!)
        for (const mentor of mentors) mentor.roles.push({ group: ref(classId), assignmentRoleType: "Mentor", startDate: schoolYearStart, endDate: schoolYearEnd })
        classNumber++

        for (const subject of school.subjects) {
          const teacher = school === lower ? (lowerSpecialists.get(subject) ?? classTeacher) : upperTeachers.get(subject)!
          const row = subjectTable.find((entry) => entry.designation === subject)!
          files.activities.push({
            id: uuid(),
            meta,
            displayName: `${row.name} ${year}${letter}`,
            activityType: "Undervisning",
            calendarEventsRequired: true,
            startDate: schoolYearStart,
            endDate: schoolYearEnd,
            groups: [ref(classId)],
            teachers: [{ duty: ref(teacher.dutyId), grader: true }],
            syllabus: ref(syllabusIds.get(subject)!),
            organisation: ref(school.unitId)
          })
        }
      }
    }
  }

  // A few pupils have a protected identity.
  for (const [index, marking] of ["Skyddad folkbokföring", "Skyddad folkbokföring", "Skyddad folkbokföring", "Sekretessmarkering", "Sekretessmarkering"].entries()) {
    const target = pupils[(index * 61 + 17) % pupils.length] as { securityMarking: string }
    target.securityMarking = marking
  }

  files.persons.push(...pupils, ...adults, ...staffPersons)
  for (const duty of duties) {
    files.duties.push({
      id: duty.dutyId,
      meta,
      person: ref(duty.personId),
      dutyAt: ref(duty.unitId),
      dutyRole: "Lärare",
      startDate: duty.startDate,
      ...(duty.roles.length === 0 ? {} : { assignmentRole: duty.roles })
    })
  }
  return files
}

/**
 * Renders the files as text: a list object with one SS 12000 object per line, so diffs stay small.
 */
export const renderSchool = (files: SchoolFiles): Record<string, string> =>
  Object.fromEntries(
    Object.entries(files).map(([name, items]) => [
      `${name}.json`,
      `{"data": [\n${items.map((item) => JSON.stringify(item)).join(",\n")}\n], "pageToken": null}\n`
    ])
  )

const isMain = process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]
if (isMain) {
  const target = join(dataFolder, "school")
  mkdirSync(target, { recursive: true })
  for (const [name, text] of Object.entries(renderSchool(generateSchool()))) writeFileSync(join(target, name), text)
}
