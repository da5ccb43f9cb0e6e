/**
 * The directory port: who is mentor, teacher and guardian of whom, which pupils are in which
 * course and organisation, and who administers what. Relations are dated, so every question is
 * asked for a day; services ask for today in the site's zone, and access always follows today's
 * relations.
 *
 * @since 0.1.0
 */
import { Context, type Effect, type Option } from "effect"
import type { ActorFacts, PupilFacts } from "./Access.js"
import type { StorageError } from "./Errors.js"
import type { CourseId, OrganisationId, PersonId } from "./Ids.js"
import type { LocalDate } from "./LocalDate.js"
import type { Course, Organisation, Person, Roster } from "./Roster.js"

/**
 * Read side of the directory. Guarantees: answers reflect the relations active on the given day
 * (start and end dates inclusive); lists hold no duplicates and come in no fixed order; an
 * unknown id yields `Option.none()` or an empty list, never an error.
 *
 * @category ports
 * @since 0.1.0
 */
export interface DirectoryService {
  readonly person: (id: PersonId) => Effect.Effect<Option.Option<Person>, StorageError>
  readonly people: (ids: ReadonlyArray<PersonId>) => Effect.Effect<ReadonlyArray<Person>, StorageError>
  readonly organisations: () => Effect.Effect<ReadonlyArray<Organisation>, StorageError>
  readonly course: (id: CourseId) => Effect.Effect<Option.Option<Course>, StorageError>
  /** The known courses among `ids`, once each. */
  readonly courses: (ids: ReadonlyArray<CourseId>) => Effect.Effect<ReadonlyArray<Course>, StorageError>
  readonly actorFacts: (personId: PersonId, on: LocalDate) => Effect.Effect<ActorFacts, StorageError>
  readonly pupilFacts: (pupilId: PersonId, on: LocalDate) => Effect.Effect<PupilFacts, StorageError>
  /**
   * {@link DirectoryService.pupilFacts} of many pupils at once, keyed by pupil: one key per
   * distinct id asked for, an unknown pupil with empty facts. With `courseMemberships: false`
   * the course memberships are not read and every `courseIds` is empty, for callers that need
   * only the enrolments (the relations of an actor who teaches no course).
   */
  readonly pupilFactsOf: (
    pupilIds: ReadonlyArray<PersonId>,
    on: LocalDate,
    options?: { readonly courseMemberships?: boolean }
  ) => Effect.Effect<ReadonlyMap<PersonId, PupilFacts>, StorageError>
  readonly mentorsOf: (pupilId: PersonId, on: LocalDate) => Effect.Effect<ReadonlyArray<PersonId>, StorageError>
  readonly menteesOf: (mentorId: PersonId, on: LocalDate) => Effect.Effect<ReadonlyArray<PersonId>, StorageError>
  readonly guardiansOf: (pupilId: PersonId, on: LocalDate) => Effect.Effect<ReadonlyArray<PersonId>, StorageError>
  readonly childrenOf: (guardianId: PersonId, on: LocalDate) => Effect.Effect<ReadonlyArray<PersonId>, StorageError>
  readonly coursesOfTeacher: (teacherId: PersonId, on: LocalDate) => Effect.Effect<ReadonlyArray<Course>, StorageError>
  readonly coursesOfPupil: (pupilId: PersonId, on: LocalDate) => Effect.Effect<ReadonlyArray<Course>, StorageError>
  /**
   * {@link DirectoryService.coursesOfPupil} of many pupils at once, keyed by pupil: one key per
   * distinct id asked for, an empty list for a pupil in no course.
   */
  readonly coursesOfPupils: (
    pupilIds: ReadonlyArray<PersonId>,
    on: LocalDate
  ) => Effect.Effect<ReadonlyMap<PersonId, ReadonlyArray<Course>>, StorageError>
  readonly pupilsOfCourse: (courseId: CourseId, on: LocalDate) => Effect.Effect<ReadonlyArray<PersonId>, StorageError>
  readonly teachersOfCourse: (courseId: CourseId, on: LocalDate) => Effect.Effect<ReadonlyArray<PersonId>, StorageError>
  /**
   * Pupils enrolled on the day at the organisation or any organisation nested below it; with
   * `null`, every pupil of the site.
   */
  readonly pupilsOfOrganisation: (
    organisationId: OrganisationId | null,
    on: LocalDate
  ) => Effect.Effect<ReadonlyArray<PersonId>, StorageError>
}

/**
 * Tag of the directory's read side.
 *
 * @category ports
 * @since 0.1.0
 */
export class Directory extends Context.Tag("iupkit/Directory")<Directory, DirectoryService>() {}

/**
 * Write side of the directory, used by importers. Guarantees: `replace` swaps the whole roster in
 * one transaction, so readers see the old roster or the new one and never a mix; a failed replace
 * leaves the old roster in place.
 *
 * @category ports
 * @since 0.1.0
 */
export interface DirectoryWriterService {
  readonly snapshot: () => Effect.Effect<Roster, StorageError>
  readonly replace: (roster: Roster) => Effect.Effect<void, StorageError>
}

/**
 * Tag of the directory's write side.
 *
 * @category ports
 * @since 0.1.0
 */
export class DirectoryWriter extends Context.Tag("iupkit/DirectoryWriter")<DirectoryWriter, DirectoryWriterService>() {}
