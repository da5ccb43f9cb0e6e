/**
 * A directory held in memory, built from a roster value. Tests everywhere use it; small hosts can
 * too. The writer replaces the roster atomically, so readers never see a mix of two rosters.
 *
 * @since 0.1.0
 */
import { Context, Effect, Layer, Option, Ref } from "effect"
import type { ActorFacts, PupilFacts } from "./Access.js"
import { Directory, type DirectoryService, DirectoryWriter } from "./Directory.js"
import type { CourseId, OrganisationId, PersonId } from "./Ids.js"
import type { LocalDate } from "./LocalDate.js"
import { isActiveOn, organisationsBelow, type Roster } from "./Roster.js"

const unique = <A>(items: Iterable<A>): ReadonlyArray<A> => [...new Set(items)]

/**
 * Answers directory questions from a roster value.
 *
 * @category directory
 * @since 0.1.0
 */
export const directoryFromRoster = (roster: Roster): DirectoryService => {
  const people = new Map(roster.people.map((person) => [person.id, person]))
  const courses = new Map(roster.courses.map((course) => [course.id, course]))

  const actorFacts = (personId: PersonId, on: LocalDate): ActorFacts => {
    const administrations = roster.administrations.filter((a) => a.personId === personId && isActiveOn(a, on))
    const roots: Array<OrganisationId> = []
    for (const administration of administrations) {
      if (administration.scope._tag === "organisation") roots.push(administration.scope.organisationId)
    }
    return {
      personId,
      siteAdministrator: administrations.some((a) => a.scope._tag === "site"),
      administeredOrganisationIds: organisationsBelow(roots, roster.organisations),
      menteeIds: new Set(roster.mentorships.filter((m) => m.mentorId === personId && isActiveOn(m, on)).map((m) => m.pupilId)),
      childIds: new Set(roster.guardianships.filter((g) => g.guardianId === personId && isActiveOn(g, on)).map((g) => g.pupilId)),
      taughtCourseIds: new Set(roster.teachings.filter((t) => t.teacherId === personId && isActiveOn(t, on)).map((t) => t.courseId))
    }
  }

  const pupilFacts = (pupilId: PersonId, on: LocalDate): PupilFacts => ({
    pupilId,
    organisationIds: new Set(roster.enrolments.filter((e) => e.pupilId === pupilId && isActiveOn(e, on)).map((e) => e.organisationId)),
    courseIds: new Set(
      roster.courseMemberships.filter((m) => m.pupilId === pupilId && isActiveOn(m, on)).map((m) => m.courseId)
    )
  })

  const coursesOf = (ids: Iterable<CourseId>) =>
    unique(ids).flatMap((id) => {
      const course = courses.get(id)
      return course === undefined ? [] : [course]
    })

  const coursesOfPupil = (pupilId: PersonId, on: LocalDate) =>
    coursesOf(roster.courseMemberships.filter((m) => m.pupilId === pupilId && isActiveOn(m, on)).map((m) => m.courseId))

  // One pass over each relation list, so many pupils cost no more than one scan of the roster.
  const pupilFactsOf = (pupilIds: ReadonlyArray<PersonId>, on: LocalDate, courseMemberships = true) => {
    const facts = new Map(unique(pupilIds).map((pupilId) => [pupilId, {
      pupilId,
      organisationIds: new Set<OrganisationId>(),
      courseIds: new Set<CourseId>()
    }]))
    for (const e of roster.enrolments) if (isActiveOn(e, on)) facts.get(e.pupilId)?.organisationIds.add(e.organisationId)
    if (!courseMemberships) return facts as ReadonlyMap<PersonId, PupilFacts>
    for (const m of roster.courseMemberships) if (isActiveOn(m, on)) facts.get(m.pupilId)?.courseIds.add(m.courseId)
    return facts as ReadonlyMap<PersonId, PupilFacts>
  }

  return {
    person: (id) => Effect.succeed(Option.fromNullable(people.get(id))),
    people: (ids) => Effect.succeed(unique(ids).flatMap((id) => (people.has(id) ? [people.get(id)!] : []))),
    organisations: () => Effect.succeed(roster.organisations),
    course: (id) => Effect.succeed(Option.fromNullable(courses.get(id))),
    courses: (ids) => Effect.sync(() => coursesOf(ids)),
    actorFacts: (personId, on) => Effect.sync(() => actorFacts(personId, on)),
    pupilFacts: (pupilId, on) => Effect.sync(() => pupilFacts(pupilId, on)),
    pupilFactsOf: (pupilIds, on, options) => Effect.sync(() => pupilFactsOf(pupilIds, on, options?.courseMemberships)),
    mentorsOf: (pupilId, on) =>
      Effect.sync(() => unique(roster.mentorships.filter((m) => m.pupilId === pupilId && isActiveOn(m, on)).map((m) => m.mentorId))),
    menteesOf: (mentorId, on) =>
      Effect.sync(() => unique(roster.mentorships.filter((m) => m.mentorId === mentorId && isActiveOn(m, on)).map((m) => m.pupilId))),
    guardiansOf: (pupilId, on) =>
      Effect.sync(() =>
        unique(roster.guardianships.filter((g) => g.pupilId === pupilId && isActiveOn(g, on)).map((g) => g.guardianId))
      ),
    childrenOf: (guardianId, on) =>
      Effect.sync(() =>
        unique(roster.guardianships.filter((g) => g.guardianId === guardianId && isActiveOn(g, on)).map((g) => g.pupilId))
      ),
    coursesOfTeacher: (teacherId, on) =>
      Effect.sync(() => coursesOf(roster.teachings.filter((t) => t.teacherId === teacherId && isActiveOn(t, on)).map((t) => t.courseId))),
    coursesOfPupil: (pupilId, on) => Effect.sync(() => coursesOfPupil(pupilId, on)),
    coursesOfPupils: (pupilIds, on) =>
      Effect.sync(() => new Map([...pupilFactsOf(pupilIds, on)].map(([pupilId, facts]) => [pupilId, coursesOf(facts.courseIds)]))),
    pupilsOfCourse: (courseId, on) =>
      Effect.sync(() =>
        unique(roster.courseMemberships.filter((m) => m.courseId === courseId && isActiveOn(m, on)).map((m) => m.pupilId))
      ),
    teachersOfCourse: (courseId, on) =>
      Effect.sync(() => unique(roster.teachings.filter((t) => t.courseId === courseId && isActiveOn(t, on)).map((t) => t.teacherId))),
    pupilsOfOrganisation: (organisationId, on) =>
      Effect.sync(() => {
        const scope = organisationId === null ? null : organisationsBelow([organisationId], roster.organisations)
        return unique(
          roster.enrolments
            .filter((e) => isActiveOn(e, on) && (scope === null || scope.has(e.organisationId)))
            .map((e) => e.pupilId)
        )
      })
  }
}

/**
 * A layer providing both sides of an in-memory directory, starting from `roster`.
 *
 * @category directory
 * @since 0.1.0
 */
export const layerMemoryDirectory = (roster: Roster): Layer.Layer<Directory | DirectoryWriter> =>
  Layer.effectContext(
    Effect.gen(function*() {
      const state = yield* Ref.make({ roster, directory: directoryFromRoster(roster) })
      const read = <A, E>(f: (directory: DirectoryService) => Effect.Effect<A, E>) =>
        Effect.flatMap(Ref.get(state), (current) => f(current.directory))
      const directory: DirectoryService = {
        person: (id) => read((d) => d.person(id)),
        people: (ids) => read((d) => d.people(ids)),
        organisations: () => read((d) => d.organisations()),
        course: (id) => read((d) => d.course(id)),
        courses: (ids) => read((d) => d.courses(ids)),
        actorFacts: (id, on) => read((d) => d.actorFacts(id, on)),
        pupilFacts: (id, on) => read((d) => d.pupilFacts(id, on)),
        pupilFactsOf: (ids, on, options) => read((d) => d.pupilFactsOf(ids, on, options)),
        mentorsOf: (id, on) => read((d) => d.mentorsOf(id, on)),
        menteesOf: (id, on) => read((d) => d.menteesOf(id, on)),
        guardiansOf: (id, on) => read((d) => d.guardiansOf(id, on)),
        childrenOf: (id, on) => read((d) => d.childrenOf(id, on)),
        coursesOfTeacher: (id, on) => read((d) => d.coursesOfTeacher(id, on)),
        coursesOfPupil: (id, on) => read((d) => d.coursesOfPupil(id, on)),
        coursesOfPupils: (ids, on) => read((d) => d.coursesOfPupils(ids, on)),
        pupilsOfCourse: (id, on) => read((d) => d.pupilsOfCourse(id, on)),
        teachersOfCourse: (id, on) => read((d) => d.teachersOfCourse(id, on)),
        pupilsOfOrganisation: (id, on) => read((d) => d.pupilsOfOrganisation(id, on))
      }
      const writer = {
        snapshot: () => Effect.map(Ref.get(state), (current) => current.roster),
        replace: (next: Roster) => Ref.set(state, { roster: next, directory: directoryFromRoster(next) })
      }
      return Context.make(Directory, directory).pipe(Context.add(DirectoryWriter, writer))
    })
  )
