import { describe, expect, it } from "@effect/vitest"
import { DateTime } from "effect"
import fc from "fast-check"
import type { AssessmentEntry } from "../src/Assessment.js"
import { overviewStepCounts, overviewSupport, stepIndex } from "../src/GradingScale.js"
import type { CourseId, PersonId } from "../src/Ids.js"
import { cellKey, mentorOverview, type OverviewCell } from "../src/Overview.js"
import { instantOfWallClock, localDateIn } from "./support/calendar.js"
import { assessmentId, at, courseId, date, entry, personId, scaleId } from "./support/fixtures.js"
import { runs } from "./support/runs.js"

const window = { start: date("2026-05-01"), end: date("2026-08-31") }
const windowStart = instantOfWallClock("Europe/Stockholm", 2026, 5, 1)
const windowEnd = instantOfWallClock("Europe/Stockholm", 2026, 9, 1)
const day = 86_400_000

const pupils = [0, 1, 2, 3].map((n) => personId(`pupil${n}`))
const courses = [0, 1, 2, 3].map((n) => courseId(`course${n}`))

const scalesArbitrary = fc.array(fc.integer({ min: 1, max: 8 }), { minLength: 1, maxLength: 5 }).map((counts) =>
  counts.map((count, n) => ({ id: scaleId(`scale${n}`), steps: Array.from({ length: count }, (_, step) => `L${step}`) }))
)

const overviewInput = scalesArbitrary.chain((scales) => {
  const scaleIds = [...scales.map((scale) => scale.id), null, scaleId("missing")]
  return fc
    .record({
      listed: fc.subarray(pupils, { minLength: 1 }),
      coursesOfPupil: fc.array(fc.subarray(courses, { minLength: 1 }), { minLength: 4, maxLength: 4 }),
      assessments: fc.array(fc.tuple(fc.constantFrom(...courses), fc.constantFrom(...scaleIds)), { minLength: 1, maxLength: 6 })
    })
    .chain(({ assessments, coursesOfPupil, listed }) => {
      const assessmentList = assessments.map(([course, scale], n) => ({ id: assessmentId(`a${n}`), courseId: course, gradingScaleId: scale }))
      const entryArbitrary = fc
        .record({
          pupil: fc.constantFrom(...pupils, personId("stranger")),
          assessment: fc.constantFrom(...assessmentList.map((a) => a.id), assessmentId("unknown")),
          level: fc.constantFrom(null, "L0", "L1", "L2", "L5", "X"),
          editedAt: fc.oneof(
            fc.integer({ min: windowStart - 3 * day, max: windowEnd + 3 * day }),
            fc.integer({ min: -120_000, max: 120_000 }).map((offset) => windowStart + offset),
            fc.integer({ min: -120_000, max: 120_000 }).map((offset) => windowEnd + offset)
          )
        })
        .map(({ assessment, editedAt, level, pupil }) =>
          entry(DateTime.unsafeMake(editedAt), { pupilId: pupil, assessmentId: assessment, level })
        )
      return fc.record({
        listed: fc.constant(listed),
        coursesOfPupil: fc.constant(new Map<PersonId, ReadonlyArray<CourseId>>(pupils.map((p, n) => [p, coursesOfPupil[n] ?? []]))),
        assessments: fc.constant(assessmentList),
        scales: fc.constant(scales),
        entries: fc.array(entryArbitrary, { minLength: 3, maxLength: 25 })
      })
    })
})

const millis = (value: AssessmentEntry) => DateTime.toEpochMillis(value.lastEditedAt)

describe("mentor overview", () => {
  it.prop(
    "shows levels only for supported scales",
    [overviewInput],
    ([input]) => {
      const overview = mentorOverview({
        pupilIds: input.listed,
        coursesOfPupil: input.coursesOfPupil,
        assessments: input.assessments,
        scales: input.scales,
        entries: input.entries,
        window
      })

      const expected = new Map<string, OverviewCell>()
      for (const pupil of input.listed) {
        for (const course of input.coursesOfPupil.get(pupil) ?? []) {
          const candidates = input.entries.filter((e) => {
            const assessment = input.assessments.find((a) => a.id === e.assessmentId)
            const local = localDateIn(millis(e), "Europe/Stockholm")
            return e.pupilId === pupil && assessment?.courseId === course && local >= window.start && local <= window.end
          })
          const latest = candidates.reduce<AssessmentEntry | undefined>(
            (best, e) =>
              best === undefined || millis(e) > millis(best) || (millis(e) === millis(best) && e.assessmentId > best.assessmentId) ? e : best,
            undefined
          )
          if (latest === undefined) continue
          const assessment = input.assessments.find((a) => a.id === latest.assessmentId)!
          const scale = input.scales.find((s) => s.id === assessment.gradingScaleId)
          const base = { assessmentId: latest.assessmentId, editedAt: latest.lastEditedAt }
          if (scale === undefined) {
            expected.set(cellKey(pupil, course), { _tag: "unsupported", ...base, support: { _tag: "noScale" } })
          } else if ([2, 3, 6].includes(scale.steps.length)) {
            const index = latest.level === null ? -1 : scale.steps.indexOf(latest.level)
            expected.set(cellKey(pupil, course), {
              _tag: "level",
              ...base,
              level: index < 0 ? null : latest.level,
              stepIndex: index < 0 ? null : index,
              stepCount: scale.steps.length
            })
          } else {
            expected.set(cellKey(pupil, course), {
              _tag: "unsupported",
              ...base,
              support: { _tag: "unsupportedStepCount", stepCount: scale.steps.length, supportedStepCounts: [2, 3, 6] }
            })
          }
        }
      }
      expect(Object.fromEntries(overview.cells)).toEqual(Object.fromEntries(expected))

      expect(overview.pupilIds).toEqual(input.listed)
      expect(overview.courseIds).toEqual([...new Set(input.listed.flatMap((p) => input.coursesOfPupil.get(p) ?? []))])
      expect(overview.window).toEqual(window)

      // Each course with an unsupported cell reports the reason of its most recently edited one.
      const unsupported = [...overview.cells].flatMap(([key, cell]) =>
        cell._tag === "unsupported" ? [{ course: key.split("|")[1]!, cell }] : []
      )
      expect(new Set(overview.unsupportedCourses.keys())).toEqual(new Set(unsupported.map((u) => u.course)))
      for (const [course, support] of overview.unsupportedCourses) {
        const ofCourse = unsupported.filter((u) => u.course === course)
        const newest = Math.max(...ofCourse.map((u) => DateTime.toEpochMillis(u.cell.editedAt)))
        const reasons = ofCourse.filter((u) => DateTime.toEpochMillis(u.cell.editedAt) === newest).map((u) => u.cell.support)
        expect(reasons).toContainEqual(support)
      }
    },
    { fastCheck: runs }
  )

  it.prop(
    "supports exactly 2, 3 or 6 steps",
    [fc.integer({ min: 0, max: 12 })],
    ([count]) => {
      const steps = Array.from({ length: count }, (_, n) => `step${n}`)
      const support = overviewSupport({ steps })
      if ([2, 3, 6].includes(count)) expect(support).toEqual({ _tag: "supported", stepCount: count })
      else expect(support).toEqual({ _tag: "unsupportedStepCount", stepCount: count, supportedStepCounts: [2, 3, 6] })
    },
    { fastCheck: { numRuns: 200 } }
  )

  it("reports assessment without scale", () => {
    expect(overviewSupport(null)).toEqual({ _tag: "noScale" })
    expect(overviewStepCounts).toEqual([2, 3, 6])
  })

  it("finds step positions", () => {
    const scale = { steps: ["F", "E", "C", "A"] }
    expect(stepIndex(scale, "F")).toBe(0)
    expect(stepIndex(scale, "A")).toBe(3)
    expect(stepIndex(scale, "B")).toBe(-1)
  })

  it("picks latest entry per pupil and course", () => {
    const pupil = personId("pupil1")
    const math = courseId("math")
    const threeSteps = { id: scaleId("three"), steps: ["Otillräckliga", "Godtagbara", "Mycket goda"] }
    const fourSteps = { id: scaleId("four"), steps: ["1", "2", "3", "4"] }
    const overview = mentorOverview({
      pupilIds: [pupil],
      coursesOfPupil: new Map([[pupil, [math]]]),
      assessments: [
        { id: assessmentId("spring"), courseId: math, gradingScaleId: threeSteps.id },
        { id: assessmentId("summer"), courseId: math, gradingScaleId: fourSteps.id },
        { id: assessmentId("tie"), courseId: math, gradingScaleId: threeSteps.id }
      ],
      scales: [threeSteps, fourSteps],
      entries: [
        entry(at("2026-05-10T10:00:00Z"), { pupilId: pupil, assessmentId: assessmentId("spring"), level: "Godtagbara" }),
        entry(at("2026-06-10T10:00:00Z"), { pupilId: pupil, assessmentId: assessmentId("summer"), level: "3" })
      ],
      window
    })
    expect(overview.cells.get(cellKey(pupil, math))).toEqual({
      _tag: "unsupported",
      assessmentId: "summer",
      support: { _tag: "unsupportedStepCount", stepCount: 4, supportedStepCounts: [2, 3, 6] },
      editedAt: at("2026-06-10T10:00:00Z")
    })
    expect(overview.unsupportedCourses.get(math)).toEqual({ _tag: "unsupportedStepCount", stepCount: 4, supportedStepCounts: [2, 3, 6] })
  })

  describe("single cell", () => {
    const pupil = personId("pupil1")
    const math = courseId("math")
    const threeSteps = { id: scaleId("three"), steps: ["Otillräckliga", "Godtagbara", "Mycket goda"] }
    const cellFor = (level: string | null, editedAt = at("2026-06-01T08:00:00Z"), zone?: DateTime.TimeZone) =>
      mentorOverview({
        pupilIds: [pupil],
        coursesOfPupil: new Map([[pupil, [math]]]),
        assessments: [{ id: assessmentId("a"), courseId: math, gradingScaleId: threeSteps.id }],
        scales: [threeSteps],
        entries: [entry(editedAt, { pupilId: pupil, assessmentId: assessmentId("a"), level })],
        window,
        ...(zone === undefined ? {} : { zone })
      }).cells.get(cellKey(pupil, math))

    it("shows lowest step as index zero", () => {
      expect(cellFor("Otillräckliga")).toMatchObject({ _tag: "level", level: "Otillräckliga", stepIndex: 0, stepCount: 3 })
    })

    it("shows no level for unknown step", () => {
      expect(cellFor("Bra")).toMatchObject({ _tag: "level", level: null, stepIndex: null })
      expect(cellFor(null)).toMatchObject({ _tag: "level", level: null, stepIndex: null })
    })

    it("reads the window in the given zone", () => {
      // 23:30 UTC on 31 August is already 1 September in Stockholm, after the window.
      const lateEvening = at("2026-08-31T23:30:00Z")
      expect(cellFor("Godtagbara", lateEvening)).toBeUndefined()
      expect(cellFor("Godtagbara", lateEvening, DateTime.zoneUnsafeMakeNamed("UTC"))).toMatchObject({ level: "Godtagbara" })
    })
  })

  it("lists a pupil without courses", () => {
    const overview = mentorOverview({
      pupilIds: [personId("newcomer")],
      coursesOfPupil: new Map(),
      assessments: [],
      scales: [],
      entries: [entry(at("2026-06-01T08:00:00Z"), { pupilId: personId("newcomer") })],
      window
    })
    expect(overview.pupilIds).toEqual(["newcomer"])
    expect(overview.courseIds).toEqual([])
    expect(overview.cells.size).toBe(0)
  })

  it("reports latest unsupported reason per course", () => {
    const math = courseId("math")
    const [early, late] = [personId("early"), personId("late")]
    const fourSteps = { id: scaleId("four"), steps: ["1", "2", "3", "4"] }
    const overview = mentorOverview({
      pupilIds: [late, early],
      coursesOfPupil: new Map([[late, [math]], [early, [math]]]),
      assessments: [
        { id: assessmentId("graded"), courseId: math, gradingScaleId: fourSteps.id },
        { id: assessmentId("free"), courseId: math, gradingScaleId: null }
      ],
      scales: [fourSteps],
      entries: [
        entry(at("2026-07-01T08:00:00Z"), { pupilId: late, assessmentId: assessmentId("graded"), level: "2" }),
        entry(at("2026-06-01T08:00:00Z"), { pupilId: early, assessmentId: assessmentId("free") })
      ],
      window
    })
    expect(overview.unsupportedCourses.get(math)).toEqual({ _tag: "unsupportedStepCount", stepCount: 4, supportedStepCounts: [2, 3, 6] })
    expect(overview.cells.get(cellKey(early, math))).toMatchObject({ _tag: "unsupported", support: { _tag: "noScale" } })
  })

  it("breaks same-instant ties by assessment id", () => {
    const pupil = personId("pupil1")
    const math = courseId("math")
    const scale = { id: scaleId("two"), steps: ["Nej", "Ja"] }
    const sameTime = at("2026-06-01T08:00:00Z")
    const build = (entries: ReadonlyArray<AssessmentEntry>) =>
      mentorOverview({
        pupilIds: [pupil],
        coursesOfPupil: new Map([[pupil, [math]]]),
        assessments: ["a", "b"].map((id) => ({ id: assessmentId(id), courseId: math, gradingScaleId: scale.id })),
        scales: [scale],
        entries,
        window
      }).cells.get(cellKey(pupil, math))
    const first = entry(sameTime, { pupilId: pupil, assessmentId: assessmentId("a"), level: "Nej" })
    const second = entry(sameTime, { pupilId: pupil, assessmentId: assessmentId("b"), level: "Ja" })
    expect(build([first, second])).toMatchObject({ assessmentId: "b", level: "Ja", stepIndex: 1 })
    expect(build([second, first])).toMatchObject({ assessmentId: "b", level: "Ja", stepIndex: 1 })
  })
})
