// The session every operation opens: the acting person's facts for today in the site's zone, the
// current instant, and cached relations to pupils. Also the audit helper and the error builders.
import {
  type Actor,
  type ActorFacts,
  type AuditAction,
  AuditEntryId,
  AuditLog,
  Directory,
  ForbiddenError,
  IdGenerator,
  localDateOf,
  type LocalDate,
  NotFoundError,
  type OrganisationId,
  type PersonId,
  type PupilFacts,
  type PupilRelation,
  relationsToPupil,
  type ResourceKind,
  type StorageError,
  type StorePorts
} from "@iupkit/core"
import { DateTime, Effect } from "effect"
import { currentSiteConfig, type SiteConfigService } from "../SiteConfig.js"

/**
 * Every storage port the services use.
 */
export type StoragePorts = StorePorts

/**
 * Everything the services need from the host: storage, the directory and the id generator.
 */
export type ServicePorts = StoragePorts | Directory | IdGenerator

export interface Session {
  readonly actor: ActorFacts
  readonly now: DateTime.Utc
  readonly today: LocalDate
  readonly config: SiteConfigService
  readonly relationsTo: (pupilId: PersonId) => Effect.Effect<ReadonlySet<PupilRelation>, StorageError, Directory>
  readonly pupilFacts: (pupilId: PersonId) => Effect.Effect<PupilFacts, StorageError, Directory>
  /**
   * Reads the facts of every pupil not yet cached in one directory call, so that a loop over many
   * pupils' relations afterwards reads nothing.
   */
  readonly loadPupils: (pupilIds: Iterable<PersonId>) => Effect.Effect<void, StorageError, Directory>
  /**
   * Reads what {@link Session.relationsTo} and {@link Session.enrolmentsOf} need for many pupils
   * in one directory call. When the actor teaches no course, no teacher relation is possible, so
   * the course memberships are not read.
   */
  readonly loadRelations: (pupilIds: Iterable<PersonId>) => Effect.Effect<void, StorageError, Directory>
  /** The organisations the pupil is enrolled at today. */
  readonly enrolmentsOf: (pupilId: PersonId) => Effect.Effect<ReadonlySet<OrganisationId>, StorageError, Directory>
}

export const openSession = (actor: Actor): Effect.Effect<Session, StorageError, Directory> =>
  Effect.gen(function*() {
    const config = yield* currentSiteConfig
    const now = yield* DateTime.now
    const today = localDateOf(now, config.timeZone)
    const directory = yield* Directory
    const facts = yield* directory.actorFacts(actor.personId, today)
    const pupilCache = new Map<PersonId, PupilFacts>()
    const pupilFacts = (pupilId: PersonId) => {
      const cached = pupilCache.get(pupilId)
      if (cached !== undefined) return Effect.succeed(cached)
      return Effect.tap(directory.pupilFacts(pupilId, today), (found) => Effect.sync(() => pupilCache.set(pupilId, found)))
    }
    const loadPupils = (pupilIds: Iterable<PersonId>) => {
      const missing = [...new Set(pupilIds)].filter((pupilId) => !pupilCache.has(pupilId))
      if (missing.length === 0) return Effect.void
      return Effect.flatMap(directory.pupilFactsOf(missing, today), (found) =>
        Effect.sync(() => {
          for (const [pupilId, pupil] of found) pupilCache.set(pupilId, pupil)
        }))
    }
    // Facts read without course memberships (their `courseIds` are empty), kept apart from the
    // complete facts so that `pupilFacts` never returns them. They serve the relations only
    // while the actor teaches no course, and the enrolments always.
    const teachesNoCourse = facts.taughtCourseIds.size === 0
    const enrolmentCache = new Map<PersonId, PupilFacts>()
    const relationFacts = (pupilId: PersonId) => {
      const enrolled = teachesNoCourse ? enrolmentCache.get(pupilId) : undefined
      return enrolled === undefined ? pupilFacts(pupilId) : Effect.succeed(enrolled)
    }
    const loadRelations = (pupilIds: Iterable<PersonId>) => {
      if (!teachesNoCourse) return loadPupils(pupilIds)
      const missing = [...new Set(pupilIds)].filter((pupilId) => !pupilCache.has(pupilId) && !enrolmentCache.has(pupilId))
      if (missing.length === 0) return Effect.void
      return Effect.flatMap(directory.pupilFactsOf(missing, today, { courseMemberships: false }), (found) =>
        Effect.sync(() => {
          for (const [pupilId, pupil] of found) enrolmentCache.set(pupilId, pupil)
        }))
    }
    return {
      actor: facts,
      now,
      today,
      config,
      pupilFacts,
      loadPupils,
      loadRelations,
      enrolmentsOf: (pupilId) => {
        const enrolled = enrolmentCache.get(pupilId)
        return enrolled === undefined
          ? Effect.map(pupilFacts(pupilId), (found) => found.organisationIds)
          : Effect.succeed(enrolled.organisationIds)
      },
      relationsTo: (pupilId) => Effect.map(relationFacts(pupilId), (found) => relationsToPupil(facts, found))
    }
  })

/** Appends one audit record per target; ids and actions only. */
export const audit = (
  session: Session,
  action: AuditAction,
  targets: ReadonlyArray<{ readonly targetId: string; readonly pupilId: PersonId | null }>
): Effect.Effect<void, StorageError, AuditLog | IdGenerator> =>
  Effect.gen(function*() {
    if (targets.length === 0) return
    const ids = yield* IdGenerator
    const log = yield* AuditLog
    const entries = yield* Effect.forEach(targets, (target) =>
      Effect.map(ids.next("auditEntry"), (id) => ({
        id: AuditEntryId.make(id),
        at: session.now,
        actorId: session.actor.personId,
        action,
        targetId: target.targetId,
        pupilId: target.pupilId
      })))
    yield* log.append(entries)
  })

export const notFound = (kind: ResourceKind, id: string): NotFoundError => new NotFoundError({ kind, id })

export const forbidden = (kind: ResourceKind, id: string, action: string, reason: string): ForbiddenError =>
  new ForbiddenError({ kind, id, action, reason })

/** Fails with not found unless the condition holds. */
export const requireFound = (condition: boolean, kind: ResourceKind, id: string): Effect.Effect<void, NotFoundError> =>
  condition ? Effect.void : Effect.fail(notFound(kind, id))

/** Fails with forbidden unless the condition holds. */
export const requireAllowed = (
  condition: boolean,
  error: () => ForbiddenError
): Effect.Effect<void, ForbiddenError> => (condition ? Effect.void : Effect.fail(error()))
