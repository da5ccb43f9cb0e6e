/**
 * Storage ports. Every adapter (memory, SQLite, PostgreSQL, or a vendor's own) provides all of
 * them and passes the conformance suite in `@iupkit/testkit`.
 *
 * Guarantees common to every store:
 * - Instants are stored in UTC and calendar dates as `YYYY-MM-DD`; text round-trips unchanged.
 * - A missing record is `Option.none()` on reads and a {@link NotFoundError} on writes.
 * - Updates name the version they read; a stale one fails with a {@link VersionConflictError}
 *   carrying the current value and version, and writes nothing.
 * - Operations taking a list are all or nothing.
 * - Lists come in no fixed order unless a method says otherwise.
 *
 * @since 0.1.0
 */
import { Context, type Effect, type Option } from "effect"
import type { Assessment, AssessmentEntry, EntryWrite } from "./Assessment.js"
import type { AuditAction, AuditEntry } from "./Audit.js"
import type { LegacyDocument } from "./Document.js"
import type { NotFoundError, StorageError, VersionConflictError } from "./Errors.js"
import type { GradingScale } from "./GradingScale.js"
import type { AssessmentId, CourseId, DocumentId, FieldId, GradingScaleId, PersonId, PlanId, TemplateId } from "./Ids.js"
import type { Plan, PlanField, PlanHeaderPatch } from "./Plan.js"
import type { Template, TemplateField, TemplateScope } from "./Template.js"
import type { Instant, Period } from "./Time.js"
import type { Version } from "./Version.js"

/**
 * Changes to a template; omitted parts keep their value.
 *
 * @category ports
 * @since 0.1.0
 */
export interface TemplatePatch {
  readonly title?: string
  readonly scope?: TemplateScope
  readonly fields?: ReadonlyArray<TemplateField>
  readonly hidden?: boolean
}

/**
 * Stores templates.
 *
 * @category ports
 * @since 0.1.0
 */
export interface TemplateStoreService {
  readonly insert: (template: Template) => Effect.Effect<void, StorageError>
  readonly get: (id: TemplateId) => Effect.Effect<Option.Option<Template>, StorageError>
  /** Every template, hidden ones included. */
  readonly list: () => Effect.Effect<ReadonlyArray<Template>, StorageError>
  readonly update: (
    id: TemplateId,
    expectedVersion: Version,
    patch: TemplatePatch,
    at: Instant
  ) => Effect.Effect<Template, NotFoundError | VersionConflictError | StorageError>
  readonly delete: (id: TemplateId) => Effect.Effect<void, NotFoundError | StorageError>
}

/** @category ports */
export class TemplateStore extends Context.Tag("iupkit/TemplateStore")<TemplateStore, TemplateStoreService>() {}

/**
 * Changes to a grading scale; omitted parts keep their value.
 *
 * @category ports
 * @since 0.1.0
 */
export interface GradingScalePatch {
  readonly name?: string
  readonly steps?: ReadonlyArray<string>
}

/**
 * Stores grading scales.
 *
 * @category ports
 * @since 0.1.0
 */
export interface GradingScaleStoreService {
  readonly insert: (scale: GradingScale) => Effect.Effect<void, StorageError>
  readonly get: (id: GradingScaleId) => Effect.Effect<Option.Option<GradingScale>, StorageError>
  readonly list: () => Effect.Effect<ReadonlyArray<GradingScale>, StorageError>
  readonly update: (
    id: GradingScaleId,
    expectedVersion: Version,
    patch: GradingScalePatch,
    at: Instant
  ) => Effect.Effect<GradingScale, NotFoundError | VersionConflictError | StorageError>
  readonly delete: (id: GradingScaleId) => Effect.Effect<void, NotFoundError | StorageError>
}

/** @category ports */
export class GradingScaleStore extends Context.Tag("iupkit/GradingScaleStore")<
  GradingScaleStore,
  GradingScaleStoreService
>() {}

/**
 * Changes to an assessment; omitted parts keep their value. None of them moves entries between
 * periods, because entries are placed by their own edit time.
 *
 * @category ports
 * @since 0.1.0
 */
export interface AssessmentPatch {
  readonly title?: string
  readonly gradingScaleId?: GradingScaleId | null
  readonly visibleToPupils?: boolean
  readonly selfAssessmentEnabled?: boolean
}

/**
 * Stores assessments.
 *
 * @category ports
 * @since 0.1.0
 */
export interface AssessmentStoreService {
  readonly insert: (assessment: Assessment) => Effect.Effect<void, StorageError>
  readonly get: (id: AssessmentId) => Effect.Effect<Option.Option<Assessment>, StorageError>
  readonly getMany: (ids: ReadonlyArray<AssessmentId>) => Effect.Effect<ReadonlyArray<Assessment>, StorageError>
  readonly listByCourses: (courseIds: ReadonlyArray<CourseId>) => Effect.Effect<ReadonlyArray<Assessment>, StorageError>
  readonly update: (
    id: AssessmentId,
    expectedVersion: Version,
    patch: AssessmentPatch,
    at: Instant
  ) => Effect.Effect<Assessment, NotFoundError | VersionConflictError | StorageError>
  /** Deletes the assessment and all its entries. */
  readonly delete: (id: AssessmentId) => Effect.Effect<void, NotFoundError | StorageError>
}

/** @category ports */
export class AssessmentStore extends Context.Tag("iupkit/AssessmentStore")<AssessmentStore, AssessmentStoreService>() {}

/**
 * A half-open range of edit instants: `from` inclusive, `to` exclusive.
 *
 * @category ports
 * @since 0.1.0
 */
export interface InstantRange {
  readonly from: Instant
  readonly to: Instant
}

/**
 * Stores assessment entries. An entry exists from its first write.
 *
 * @category ports
 * @since 0.1.0
 */
export interface EntryStoreService {
  readonly get: (assessmentId: AssessmentId, pupilId: PersonId) => Effect.Effect<Option.Option<AssessmentEntry>, StorageError>
  readonly listByAssessments: (ids: ReadonlyArray<AssessmentId>) => Effect.Effect<ReadonlyArray<AssessmentEntry>, StorageError>
  /** Entries of the pupils, optionally only those last edited within the range. */
  readonly listByPupils: (
    pupilIds: ReadonlyArray<PersonId>,
    editedWithin?: InstantRange
  ) => Effect.Effect<ReadonlyArray<AssessmentEntry>, StorageError>
  /**
   * Writes one entry. The assessment must exist (else {@link NotFoundError}); the write's
   * `expectedVersion` must equal the stored version, or be null for an entry never written.
   */
  readonly write: (
    write: EntryWrite,
    at: Instant,
    by: PersonId
  ) => Effect.Effect<AssessmentEntry, NotFoundError | VersionConflictError | StorageError>
  /** Writes several entries in one transaction: if any is stale or missing, none is written. */
  readonly writeMany: (
    writes: ReadonlyArray<EntryWrite>,
    at: Instant,
    by: PersonId
  ) => Effect.Effect<ReadonlyArray<AssessmentEntry>, NotFoundError | VersionConflictError | StorageError>
}

/** @category ports */
export class EntryStore extends Context.Tag("iupkit/EntryStore")<EntryStore, EntryStoreService>() {}

/**
 * A plan without its fields: who it is for, its title, dates, publishing and versions.
 *
 * @category ports
 * @since 0.1.0
 */
export type PlanHeader = Omit<Plan, "fields">

/**
 * Stores plans with their field values.
 *
 * @category ports
 * @since 0.1.0
 */
export interface PlanStoreService {
  /** Inserts plans in one transaction with multi-row statements: all or none. */
  readonly insertMany: (plans: ReadonlyArray<Plan>) => Effect.Effect<void, StorageError>
  readonly get: (id: PlanId) => Effect.Effect<Option.Option<Plan>, StorageError>
  readonly getMany: (ids: ReadonlyArray<PlanId>) => Effect.Effect<ReadonlyArray<Plan>, StorageError>
  readonly listByPupils: (pupilIds: ReadonlyArray<PersonId>) => Effect.Effect<ReadonlyArray<Plan>, StorageError>
  /**
   * The same plans as {@link PlanStoreService.listByPupils} without their fields, for checks
   * that look at the header alone (overlapping dates), so the fields are never read. With
   * `overlapping`, only the plans whose period shares a day with it.
   */
  readonly listHeadersByPupils: (
    pupilIds: ReadonlyArray<PersonId>,
    overlapping?: Period
  ) => Effect.Effect<ReadonlyArray<PlanHeader>, StorageError>
  readonly updateHeader: (
    id: PlanId,
    expectedVersion: Version,
    patch: PlanHeaderPatch,
    at: Instant
  ) => Effect.Effect<Plan, NotFoundError | VersionConflictError | StorageError>
  readonly updateField: (
    id: PlanId,
    fieldId: FieldId,
    expectedVersion: Version,
    value: string,
    at: Instant,
    by: PersonId
  ) => Effect.Effect<PlanField, NotFoundError | VersionConflictError | StorageError>
  readonly delete: (id: PlanId) => Effect.Effect<void, NotFoundError | StorageError>
}

/** @category ports */
export class PlanStore extends Context.Tag("iupkit/PlanStore")<PlanStore, PlanStoreService>() {}

/**
 * Stores legacy document metadata. The bytes go to the {@link BlobStore}.
 *
 * @category ports
 * @since 0.1.0
 */
export interface DocumentStoreService {
  readonly insert: (document: LegacyDocument) => Effect.Effect<void, StorageError>
  readonly get: (id: DocumentId) => Effect.Effect<Option.Option<LegacyDocument>, StorageError>
  readonly listByPupils: (pupilIds: ReadonlyArray<PersonId>) => Effect.Effect<ReadonlyArray<LegacyDocument>, StorageError>
  readonly delete: (id: DocumentId) => Effect.Effect<void, NotFoundError | StorageError>
}

/** @category ports */
export class DocumentStore extends Context.Tag("iupkit/DocumentStore")<DocumentStore, DocumentStoreService>() {}

/**
 * Stores opaque bytes by key. The default implementation keeps them in the database.
 *
 * @category ports
 * @since 0.1.0
 */
export interface BlobStoreService {
  readonly put: (key: string, bytes: Uint8Array) => Effect.Effect<void, StorageError>
  readonly get: (key: string) => Effect.Effect<Option.Option<Uint8Array>, StorageError>
  /** Deleting a missing key succeeds, so a retried delete is harmless. */
  readonly delete: (key: string) => Effect.Effect<void, StorageError>
}

/** @category ports */
export class BlobStore extends Context.Tag("iupkit/BlobStore")<BlobStore, BlobStoreService>() {}

/**
 * A filter over the audit log; every given part must match.
 *
 * @category ports
 * @since 0.1.0
 */
export interface AuditFilter {
  readonly actorId?: PersonId
  readonly targetId?: string
  readonly pupilId?: PersonId
  readonly action?: AuditAction
}

/**
 * The append-only audit log. Entries are never changed or removed through this port.
 *
 * @category ports
 * @since 0.1.0
 */
export interface AuditLogService {
  readonly append: (entries: ReadonlyArray<AuditEntry>) => Effect.Effect<void, StorageError>
  /** Matching entries, oldest first. */
  readonly list: (filter: AuditFilter) => Effect.Effect<ReadonlyArray<AuditEntry>, StorageError>
}

/** @category ports */
export class AuditLog extends Context.Tag("iupkit/AuditLog")<AuditLog, AuditLogService>() {}

/**
 * Runs effects in one storage transaction. Guarantees: everything the effect writes through the
 * stores commits together, or nothing does when it fails or dies; nested calls join the outer
 * transaction.
 *
 * @category ports
 * @since 0.1.0
 */
export interface TransactorService {
  readonly withTransaction: <A, E, R>(effect: Effect.Effect<A, E, R>) => Effect.Effect<A, E | StorageError, R>
}

/** @category ports */
export class Transactor extends Context.Tag("iupkit/Transactor")<Transactor, TransactorService>() {}

/**
 * Every store tag and the transactor: what a storage adapter provides besides the directory.
 *
 * @category ports
 * @since 0.1.0
 */
export type StorePorts =
  | TemplateStore
  | GradingScaleStore
  | AssessmentStore
  | EntryStore
  | PlanStore
  | DocumentStore
  | BlobStore
  | AuditLog
  | Transactor
