/**
 * Imports SS 12000 objects into iupkit's directory. Each import reads its source, recomputes the
 * whole roster and hands it to `DirectoryWriter.replace` in one transaction: a failure anywhere
 * (a network error, a malformed object, a storage error) leaves the directory as it was.
 *
 * @since 0.1.0
 */
import { type Administration, DirectoryWriter, type Person, type Roster, type StorageError } from "@iupkit/core"
import { Clock, Duration, Effect, Option } from "effect"
import { Ss12000Cache } from "./Cache.js"
import { type Ss12000Error, Ss12000RemovalLimitError } from "./Errors.js"
import { type SkippedReference, toRoster } from "./Mapping.js"
import { type DeletedIds, emptyData, type EntityKind, entityKinds, noDeletions, type Ss12000Data } from "./Model.js"
import type { Ss12000Changes, Ss12000Source } from "./Source.js"

/**
 * Options of an import.
 *
 * @category sync
 * @since 0.1.0
 */
export interface ImportOptions {
  /**
   * Administrators, which SS 12000 does not have: `"keep"` (the default) keeps the directory's
   * current ones; a list replaces them. People named by kept or given administrations stay in
   * the directory even when SS 12000 no longer lists them, so removing an administrator is the
   * host's decision.
   */
  readonly administrations?: "keep" | ReadonlyArray<Administration>
  /**
   * How far before the last sync's start an incremental sync reads changes, to cover objects
   * modified while that sync was reading and a small clock difference. Objects read twice give
   * the same result. Default 5 minutes.
   */
  readonly overlap?: Duration.DurationInput
  /**
   * Largest share (0 to 1) of the directory's people one import may remove. An import that would
   * remove more fails with {@link Ss12000RemovalLimitError} and changes nothing, because an empty
   * or partial answer from the source would otherwise empty the directory. Default 0.5; 1
   * turns the check off.
   */
  readonly maxRemovedShare?: number
}

/**
 * The outcome of an import: counts and ids, never names.
 *
 * @category sync
 * @since 0.1.0
 */
export interface ImportReport {
  readonly mode: "full" | "incremental"
  readonly source: string
  /** When this import started, by the host's clock; the next incremental sync reads from here. */
  readonly syncedAt: string
  /** For an incremental sync, the instant changes were read from. */
  readonly changedAfter: string | null
  /** Objects read from the source. */
  readonly objectsRead: number
  /** Ids of removed objects the source reported. */
  readonly removalsRead: number
  /** Size of the roster now in the directory. */
  readonly roster: { readonly [K in keyof Roster]: number }
  /** References that pointed at objects the source did not give; their relations were left out. */
  readonly skipped: ReadonlyArray<SkippedReference>
}

/**
 * Applies changes to cached objects: removals first, then changed objects by id. An object
 * both listed and reported removed is kept, because the list was read first and showed it.
 *
 * @category sync
 * @since 0.1.0
 */
export const applyChanges = (previous: Ss12000Data, changes: Ss12000Changes): Ss12000Data => {
  const apply = <K extends EntityKind>(kind: K) => {
    const objects = new Map<string, Ss12000Data[K][number]>(previous[kind].map((item) => [item.id, item]))
    for (const id of changes.deleted[kind]) objects.delete(id)
    for (const item of changes.changed[kind]) objects.set(item.id, item)
    return [...objects.values()]
  }
  return {
    organisations: apply("organisations"),
    persons: apply("persons"),
    groups: apply("groups"),
    duties: apply("duties"),
    activities: apply("activities"),
    syllabuses: apply("syllabuses")
  }
}

const countObjects = (data: Ss12000Data): number => entityKinds.reduce((sum, kind) => sum + data[kind].length, 0)
const countIds = (ids: DeletedIds): number => entityKinds.reduce((sum, kind) => sum + ids[kind].length, 0)

const assemble = (data: Ss12000Data, previous: Roster, options: ImportOptions) => {
  const mapped = toRoster(data)
  const administrations = options.administrations === undefined || options.administrations === "keep"
    ? previous.administrations
    : options.administrations
  const imported = new Set<string>(mapped.people.map((person) => person.id))
  const administrators = new Set<string>(administrations.map((administration) => administration.personId))
  const carried: ReadonlyArray<Person> = previous.people.filter((person) => !imported.has(person.id) && administrators.has(person.id))
  const roster: Roster = {
    people: [...mapped.people, ...carried],
    organisations: mapped.organisations,
    courses: mapped.courses,
    enrolments: mapped.enrolments,
    mentorships: mapped.mentorships,
    teachings: mapped.teachings,
    courseMemberships: mapped.courseMemberships,
    guardianships: mapped.guardianships,
    administrations
  }
  return { roster, skipped: mapped.skipped }
}

const rosterCounts = (roster: Roster): ImportReport["roster"] => ({
  people: roster.people.length,
  organisations: roster.organisations.length,
  courses: roster.courses.length,
  enrolments: roster.enrolments.length,
  mentorships: roster.mentorships.length,
  teachings: roster.teachings.length,
  courseMemberships: roster.courseMemberships.length,
  guardianships: roster.guardianships.length,
  administrations: roster.administrations.length
})

const checkRemovals = (previous: Roster, next: Roster, maxRemovedShare: number) => {
  const kept = new Set<string>(next.people.map((person) => person.id))
  const removed = previous.people.filter((person) => !kept.has(person.id)).length
  return previous.people.length > 0 && removed / previous.people.length > maxRemovedShare
    ? Effect.fail(new Ss12000RemovalLimitError({ peopleBefore: previous.people.length, peopleRemoved: removed, maxRemovedShare }))
    : Effect.void
}

// Replaces the directory, then saves the cache: a cache that is never ahead of the directory
// means a failed save only makes the next sync read the same changes again.
const commit = (
  data: Ss12000Data,
  syncedAt: string,
  options: ImportOptions
): Effect.Effect<
  { readonly roster: Roster; readonly skipped: ReadonlyArray<SkippedReference> },
  StorageError | Ss12000RemovalLimitError,
  DirectoryWriter | Ss12000Cache
> =>
  Effect.gen(function*() {
    const writer = yield* DirectoryWriter
    const cache = yield* Ss12000Cache
    const previous = yield* writer.snapshot()
    const result = assemble(data, previous, options)
    yield* checkRemovals(previous, result.roster, options.maxRemovedShare ?? 0.5)
    yield* writer.replace(result.roster)
    yield* cache.save({ syncedAt, data })
    if (result.skipped.length > 0) {
      yield* Effect.logWarning("SS 12000 import left out relations with references to objects the source did not give").pipe(
        Effect.annotateLogs({ count: result.skipped.length, first: result.skipped.slice(0, 5).map((s) => `${s.from} -> ${s.missing}`).join("; ") })
      )
    }
    return result
  })

/**
 * Computes the instant an incremental sync reads changes after: the last sync's start by the
 * host's clock minus the overlap, or the latest `meta.modified` among the cached objects if that
 * is earlier. The second is on the server's own clock, so no change is lost when that clock runs
 * behind the host's. After a quiet period it also keeps the last bulk change from being read again.
 *
 * @category sync
 * @since 0.1.0
 */
export const changesAfter = (
  cache: { readonly syncedAt: string; readonly data: Ss12000Data },
  overlapMillis: number
): string => {
  let latestModified = Number.NEGATIVE_INFINITY
  for (const kind of entityKinds) {
    for (const item of cache.data[kind]) latestModified = Math.max(latestModified, Date.parse(item.meta.modified))
  }
  const fromLastStart = Date.parse(cache.syncedAt) - overlapMillis
  const after = latestModified === Number.NEGATIVE_INFINITY ? fromLastStart : Math.min(fromLastStart, latestModified)
  return new Date(after).toISOString()
}

const startTime = Effect.map(Clock.currentTimeMillis, (millis) => new Date(millis).toISOString())

/**
 * Reads every object from the source and replaces the directory's roster with what they
 * describe. Objects the source no longer lists disappear from the directory.
 *
 * @category sync
 * @since 0.1.0
 */
export const fullImport = <R>(
  source: Ss12000Source<R>,
  options: ImportOptions = {}
): Effect.Effect<ImportReport, Ss12000Error | Ss12000RemovalLimitError | StorageError, R | DirectoryWriter | Ss12000Cache> =>
  Effect.gen(function*() {
    const syncedAt = yield* startTime
    yield* Effect.logInfo("SS 12000 full import started").pipe(Effect.annotateLogs({ source: source.name }))
    // A list that changes while it is paged can return an object twice; the later copy wins.
    const data = applyChanges(emptyData, { changed: yield* source.readAll, deleted: noDeletions })
    const result = yield* commit(data, syncedAt, options)
    const report: ImportReport = {
      mode: "full",
      source: source.name,
      syncedAt,
      changedAfter: null,
      objectsRead: countObjects(data),
      removalsRead: 0,
      roster: rosterCounts(result.roster),
      skipped: result.skipped
    }
    yield* Effect.logInfo("SS 12000 full import done").pipe(Effect.annotateLogs({ source: source.name, objects: report.objectsRead }))
    return report
  }).pipe(Effect.withSpan("Ss12000.fullImport"))

/**
 * Reads what changed since the last import, applies it to the cached objects, recomputes the
 * roster from all of them and replaces the directory's roster. Without a cache (the first run,
 * or a new cache store) it runs {@link fullImport} instead.
 *
 * @category sync
 * @since 0.1.0
 */
export const incrementalSync = <R>(
  source: Ss12000Source<R>,
  options: ImportOptions = {}
): Effect.Effect<ImportReport, Ss12000Error | Ss12000RemovalLimitError | StorageError, R | DirectoryWriter | Ss12000Cache> =>
  Effect.gen(function*() {
    const cache = yield* Ss12000Cache
    const cached = yield* cache.load()
    if (Option.isNone(cached)) {
      yield* Effect.logInfo("SS 12000 cache is empty; running a full import instead of an incremental sync")
      return yield* fullImport(source, options)
    }

    const syncedAt = yield* startTime
    const changedAfter = changesAfter(cached.value, Duration.toMillis(options.overlap ?? "5 minutes"))
    yield* Effect.logInfo("SS 12000 incremental sync started").pipe(Effect.annotateLogs({ source: source.name, changedAfter }))
    const changes = yield* source.readChanges(changedAfter)
    const data = applyChanges(cached.value.data, changes)
    const result = yield* commit(data, syncedAt, options)
    const report: ImportReport = {
      mode: "incremental",
      source: source.name,
      syncedAt,
      changedAfter,
      objectsRead: countObjects(changes.changed),
      removalsRead: countIds(changes.deleted),
      roster: rosterCounts(result.roster),
      skipped: result.skipped
    }
    yield* Effect.logInfo("SS 12000 incremental sync done").pipe(
      Effect.annotateLogs({ source: source.name, changedAfter, objects: report.objectsRead, removals: report.removalsRead })
    )
    return report
  }).pipe(Effect.withSpan("Ss12000.incrementalSync"))
