/**
 * Seeds the demo's content through the services, as the people of the school would write it. It
 * creates a template whose fields differ in who reads and writes them, a 3-step and a 4-step
 * scale, assessments in four subjects for the previous and the current term, and plans for both.
 * Each step runs under a fixed clock, so edit times fall inside their term and on any day the
 * previous term's plans are archived and the current term's are current.
 */
import {
  type LocalDate,
  localDateOf,
  LocalDates,
  type PersonId,
  type Roster,
  startOfDate,
  type Term,
  termOf
} from "@iupkit/core"
import { Administration, Mentoring, Plans, Teaching } from "@iupkit/services"
import { Clock, DateTime, Duration, Effect } from "effect"

// A clock standing still at one instant: every write of a step gets that edit time.
const clockAt = (millis: number): Clock.Clock => ({
  [Clock.ClockTypeId]: Clock.ClockTypeId,
  unsafeCurrentTimeMillis: () => millis,
  currentTimeMillis: Effect.succeed(millis),
  unsafeCurrentTimeNanos: () => BigInt(millis) * 1_000_000n,
  currentTimeNanos: Effect.succeed(BigInt(millis) * 1_000_000n),
  sleep: () => Effect.void
})

/** 10:00 local time on a date. */
const atTen = (date: LocalDate): number => DateTime.toEpochMillis(startOfDate(date)) + Duration.toMillis(Duration.hours(10))

const previousTerm = (term: Term): Term => termOf(LocalDates.addDays(term.start, -1))

// Teaching weeks inside the calendar terms (autumn runs July–December, spring January–June).
const teachingWeeks = (term: Term) =>
  term.kind === "autumn"
    ? { start: LocalDates.fromParts({ year: term.year, month: 8, day: 15 }), end: LocalDates.fromParts({ year: term.year, month: 12, day: 20 }) }
    : { start: LocalDates.fromParts({ year: term.year, month: 1, day: 8 }), end: LocalDates.fromParts({ year: term.year, month: 6, day: 12 }) }

/** One seeded term: its plans' dates and the instant every entry and plan of it is written. */
export interface DemoTerm {
  readonly term: Term
  readonly planStart: LocalDate
  readonly planEnd: LocalDate
  readonly writtenAt: number
}

/**
 * Lays out the previous and the current term around `now`. The current term's plans run to the
 * end of the calendar term, so they stay current between the last teaching day and the next term.
 * In the summer before teaching starts, they start on the term's first day. Edit times are a month
 * into teaching, or an hour before `now` when that comes first, and never before the plan's start.
 */
export const demoTerms = (now: number): readonly [DemoTerm, DemoTerm] => {
  const today = localDateOf(DateTime.unsafeMake(now))
  const current = termOf(today)
  const layOut = (term: Term, isCurrent: boolean): DemoTerm => {
    const weeks = teachingWeeks(term)
    const planStart = isCurrent && today < weeks.start ? term.start : weeks.start
    const monthIn = atTen(LocalDates.addDays(weeks.start, 30))
    const latest = isCurrent ? Math.min(monthIn, now - Duration.toMillis(Duration.hours(1))) : monthIn
    return { term, planStart, planEnd: term.end, writtenAt: Math.max(latest, DateTime.toEpochMillis(startOfDate(planStart))) }
  }
  return [layOut(previousTerm(current), false), layOut(current, true)]
}

const termName = (term: Term): string => `${term.kind === "autumn" ? "HT" : "VT"} ${term.year}`

// Swedish, mathematics, English and physical education: enough for every view, and a first start
// that seeds in well under a minute.
const assessedSubjects = new Set(["GRGRSVE01", "GRGRMAT01", "GRGRENG01", "GRGRIDR01"])

const threeSteps = ["Arbetar mot målen", "Når målen", "Når målen med god marginal"]
const fourSteps = ["Otillräckligt", "Godtagbart", "Bra", "Mycket bra"]

const goals = [
  "Läsa högt hemma tjugo minuter varje dag.",
  "Träna multiplikationstabellerna och visa hur du tänker.",
  "Räcka upp handen och ställa en fråga på varje lektion.",
  "Lämna in läxorna i tid och be om hjälp när något är svårt.",
  "Skriva längre texter med inledning, handling och avslut."
]

/** Seeds everything; `siteAdministrator` creates the template and the scales. */
export const seedDemo = (roster: Roster, siteAdministrator: PersonId, now: number) =>
  Effect.gen(function*() {
    const administration = yield* Administration
    const teaching = yield* Teaching
    const mentoring = yield* Mentoring
    const plans = yield* Plans
    const terms = demoTerms(now)
    const admin = { personId: siteAdministrator }
    const assessedCourses = roster.courses.filter((course) => course.subjectCode !== null && assessedSubjects.has(course.subjectCode))

    const setupTime = atTen(LocalDates.addDays(terms[0].planStart, -10))
    const { template, scales } = yield* Effect.gen(function*() {
      const three = yield* administration.createGradingScale(admin, { name: "Tre steg", steps: threeSteps })
      const four = yield* administration.createGradingScale(admin, { name: "Fyra steg", steps: fourSteps })
      const created = yield* administration.createTemplate(admin, {
        title: "Utvecklingssamtal",
        scope: { _tag: "site" },
        fields: [
          { heading: "Mål framåt", visibleTo: ["mentor", "teacher", "pupil", "guardian"], editableBy: ["mentor"] },
          { heading: "Elevens egna tankar", visibleTo: ["mentor", "pupil", "guardian"], editableBy: ["pupil"] },
          { heading: "Vårdnadshavarens synpunkter", visibleTo: ["mentor", "pupil", "guardian"], editableBy: ["guardian"] },
          { heading: "Anteckningar för lärare", visibleTo: ["mentor", "teacher"], editableBy: ["mentor", "teacher"] }
        ]
      })
      return { template: created, scales: [three, four] as const }
    }).pipe(Effect.withClock(clockAt(setupTime)))

    for (const [index, { planEnd, planStart, term, writtenAt }] of terms.entries()) {

      yield* Effect.gen(function*() {
        for (const [courseIndex, course] of assessedCourses.entries()) {
          const teacherId = roster.teachings.find((teachingOf) => teachingOf.courseId === course.id)?.teacherId
          const pupilIds = roster.courseMemberships.filter((membership) => membership.courseId === course.id).map((membership) => membership.pupilId)
          if (teacherId === undefined || pupilIds.length === 0) continue
          const scale = scales[courseIndex % 2]!
          const { assessment } = yield* teaching.createAssessment({ personId: teacherId }, {
            courseId: course.id,
            title: `Omdöme ${termName(term)}`,
            gradingScaleId: scale.id,
            visibleToPupils: true,
            selfAssessmentEnabled: true
          })
          // Spread the levels so the overview shows every step.
          for (const [step, level] of scale.steps.entries()) {
            const entries = pupilIds.filter((_, pupilIndex) => (pupilIndex + courseIndex) % scale.steps.length === step)
            if (entries.length === 0) continue
            yield* teaching.setLevelForPupils({ personId: teacherId }, {
              assessmentId: assessment.id,
              level,
              entries: entries.map((pupilId) => ({ pupilId, expectedVersion: null }))
            })
          }
        }

        const mentorIds = [...new Set(roster.mentorships.map((mentorship) => mentorship.mentorId))].sort()
        const goalField = template.fields[0]!
        // A pupil with co-mentors gets one plan per term, from the first of them.
        const planned = new Set<PersonId>()
        for (const [mentorIndex, mentorId] of mentorIds.entries()) {
          const pupilIds = roster.mentorships
            .filter((mentorship) => mentorship.mentorId === mentorId && !planned.has(mentorship.pupilId))
            .map((mentorship) => mentorship.pupilId)
          if (pupilIds.length === 0) continue
          for (const pupilId of pupilIds) planned.add(pupilId)
          const created = yield* mentoring.createPlans({ personId: mentorId }, {
            pupilIds,
            plan: { templateId: template.id, title: `Utvecklingssamtal ${termName(term)}`, startDate: planStart, endDate: planEnd }
          })
          for (const [planIndex, plan] of created.plans.entries()) {
            yield* plans.updateField({ personId: mentorId }, {
              planId: plan.id,
              fieldId: goalField.id,
              expectedVersion: 1,
              value: goals[(planIndex + mentorIndex + index) % goals.length]!
            })
            yield* plans.updateHeader({ personId: mentorId }, plan.id, 1, { published: true })
          }
        }
      }).pipe(Effect.withClock(clockAt(writtenAt)))
    }
  })
