/**
 * Legacy documents: PDF and Word files kept with a pupil and listed below its plans, read by the
 * people who read the pupil's published plans and written by its mentors. Also the import of
 * plans from an earlier system, as a file or as text.
 *
 * @since 0.1.0
 */
import {
  type Actor,
  BlobStore,
  BodyText,
  canReadDocuments,
  canWriteDocuments,
  decodeInput,
  DocumentId,
  DocumentStore,
  FieldId,
  IdGenerator,
  initialVersion,
  type LegacyDocument,
  LocalDate,
  PersonId,
  type Plan,
  PlanId,
  PlanStore,
  TemplateId,
  Title,
  Transactor
} from "@iupkit/core"
import { Context, Effect, Layer, Option, Schema } from "effect"
import { type Bound, bindOperations } from "./internal/bind.js"
import { checkDocument } from "./internal/fileCheck.js"
import { audit, forbidden, notFound, openSession, type Session } from "./internal/session.js"
import { documentView, peopleById, planSummary, summaryOf } from "./internal/views.js"
import type { DocumentView, PlanSummary } from "./Views.js"

const Bytes = Schema.Uint8ArrayFromSelf.annotations({ message: () => "must be the file's bytes as a Uint8Array" })

const decodePupilId = decodeInput(PersonId, "pupilId")
const decodeDocumentId = decodeInput(DocumentId, "documentId")
const UploadInput = Schema.Struct({
    pupilId: PersonId,
    title: Title,
    fileName: Title,
    bytes: Bytes,
    documentDate: Schema.optionalWith(Schema.NullOr(LocalDate), { default: () => null })
})
const decodeUpload = decodeInput(UploadInput, "upload")
const ImportInput = Schema.Struct({
    pupilId: PersonId,
    title: Title,
    date: LocalDate,
    content: Schema.Union(
      Schema.TaggedStruct("file", { fileName: Title, bytes: Bytes }),
      Schema.TaggedStruct("text", { text: BodyText })
    )
})
const decodeImport = decodeInput(ImportInput, "import")

/**
 * The template id recorded on plans imported as text: they come from no template of this site.
 *
 * @category documents
 * @since 0.1.0
 */
export const importedPlanTemplateId = TemplateId.make("imported-plan")

/** Swedish heading of the one field of a plan imported as text. */
const importedFieldHeading = "Innehåll"

/** The pupil's relations, failing not found when the actor may not read its documents. */
const documentReader = (session: Session, pupilId: PersonId, kind: "person" | "document", id: string) =>
  Effect.gen(function*() {
    const relations = yield* session.relationsTo(pupilId)
    if (!canReadDocuments(relations)) return yield* Effect.fail(notFound(kind, id))
    return relations
  })

const existingDocument = (session: Session, id: DocumentId) =>
  Effect.gen(function*() {
    const store = yield* DocumentStore
    const found = yield* store.get(id)
    if (Option.isNone(found)) return yield* Effect.fail(notFound("document", id))
    const relations = yield* documentReader(session, found.value.pupilId, "document", id)
    return { document: found.value, relations }
  })

const storeDocument = (
  session: Session,
  args: {
    readonly pupilId: PersonId
    readonly title: string
    readonly fileName: string
    readonly bytes: Uint8Array
    readonly documentDate: LocalDate | null
    readonly source: "upload" | "import"
  }
) =>
  Effect.gen(function*() {
    const relations = yield* documentReader(session, args.pupilId, "person", args.pupilId)
    if (!canWriteDocuments(relations)) {
      return yield* Effect.fail(forbidden("person", args.pupilId, "add documents for", "only the pupil's mentors add documents"))
    }
    const mediaType = yield* checkDocument(args.bytes, args.fileName, session.config)
    const ids = yield* IdGenerator
    const document: LegacyDocument = {
      id: DocumentId.make(yield* ids.next("document")),
      pupilId: args.pupilId,
      title: args.title,
      fileName: args.fileName,
      mediaType,
      byteSize: args.bytes.byteLength,
      documentDate: args.documentDate,
      source: args.source,
      uploadedBy: session.actor.personId,
      uploadedAt: session.now
    }
    const store = yield* DocumentStore
    const blobs = yield* BlobStore
    const transactor = yield* Transactor
    yield* transactor.withTransaction(
      Effect.all([
        blobs.put(document.id, args.bytes),
        store.insert(document),
        audit(session, "document.upload", [{ targetId: document.id, pupilId: document.pupilId }])
      ], { discard: true })
    )
    return documentView(document)
  })

const upload = (actor: Actor, request: typeof UploadInput.Encoded) =>
  Effect.gen(function*() {
    const decoded = yield* decodeUpload(request)
    const session = yield* openSession(actor)
    return yield* storeDocument(session, { ...decoded, source: "upload" })
  })

const list = (actor: Actor, pupilId: string) =>
  Effect.gen(function*() {
    const id = yield* decodePupilId(pupilId)
    const session = yield* openSession(actor)
    yield* documentReader(session, id, "person", id)
    const store = yield* DocumentStore
    return (yield* store.listByPupils([id]))
      .toSorted((a, b) => b.uploadedAt.epochMillis - a.uploadedAt.epochMillis)
      .map(documentView) satisfies ReadonlyArray<DocumentView>
  })

const download = (actor: Actor, documentId: string) =>
  Effect.gen(function*() {
    const id = yield* decodeDocumentId(documentId)
    const session = yield* openSession(actor)
    const { document } = yield* existingDocument(session, id)
    const blobs = yield* BlobStore
    const bytes = yield* blobs.get(id)
    if (Option.isNone(bytes)) return yield* Effect.fail(notFound("document", id))
    yield* audit(session, "document.read", [{ targetId: id, pupilId: document.pupilId }])
    return { document: documentView(document), bytes: bytes.value }
  })

const remove = (actor: Actor, documentId: string) =>
  Effect.gen(function*() {
    const id = yield* decodeDocumentId(documentId)
    const session = yield* openSession(actor)
    const { document, relations } = yield* existingDocument(session, id)
    if (!canWriteDocuments(relations)) {
      return yield* Effect.fail(forbidden("document", id, "delete", "only the pupil's mentors delete documents"))
    }
    const store = yield* DocumentStore
    const blobs = yield* BlobStore
    const transactor = yield* Transactor
    yield* transactor.withTransaction(
      Effect.all([
        store.delete(id),
        blobs.delete(id),
        audit(session, "document.delete", [{ targetId: id, pupilId: document.pupilId }])
      ], { discard: true })
    )
  })

/**
 * A plan imported from an earlier system: as a document when it came as a file, as a published,
 * dated plan when it came as text.
 *
 * @category documents
 * @since 0.1.0
 */
export type ImportedPlan =
  | { readonly _tag: "document"; readonly document: DocumentView }
  | { readonly _tag: "plan"; readonly plan: PlanSummary }

const importPlan = (actor: Actor, request: typeof ImportInput.Encoded) =>
  Effect.gen(function*() {
    const decoded = yield* decodeImport(request)
    const session = yield* openSession(actor)
    if (decoded.content._tag === "file") {
      const document = yield* storeDocument(session, {
        pupilId: decoded.pupilId,
        title: decoded.title,
        fileName: decoded.content.fileName,
        bytes: decoded.content.bytes,
        documentDate: decoded.date,
        source: "import"
      })
      return { _tag: "document", document } satisfies ImportedPlan
    }
    const relations = yield* documentReader(session, decoded.pupilId, "person", decoded.pupilId)
    if (!canWriteDocuments(relations)) {
      return yield* Effect.fail(forbidden("person", decoded.pupilId, "import plans for", "only the pupil's mentors import plans"))
    }
    const ids = yield* IdGenerator
    // The earlier system's plan was shared already, so it is published; its single field is read
    // by every role, like a document of the pupil.
    const plan: Plan = {
      id: PlanId.make(yield* ids.next("plan")),
      pupilId: decoded.pupilId,
      createdBy: session.actor.personId,
      templateId: importedPlanTemplateId,
      title: decoded.title,
      startDate: decoded.date,
      endDate: decoded.date,
      published: true,
      headerVersion: initialVersion,
      createdAt: session.now,
      updatedAt: session.now,
      fields: [{
        fieldId: FieldId.make(yield* ids.next("field")),
        heading: importedFieldHeading,
        visibleTo: ["mentor", "teacher", "pupil", "guardian"],
        editableBy: [],
        value: decoded.content.text,
        version: initialVersion,
        lastEditedAt: session.now,
        lastEditedBy: session.actor.personId
      }]
    }
    const store = yield* PlanStore
    const transactor = yield* Transactor
    yield* transactor.withTransaction(
      Effect.zipRight(store.insertMany([plan]), audit(session, "plan.create", [{ targetId: plan.id, pupilId: plan.pupilId }]))
    )
    const people = yield* peopleById([plan.pupilId])
    return { _tag: "plan", plan: planSummary(session, plan, summaryOf(people, plan.pupilId)) } satisfies ImportedPlan
  })

const documentOperations = {
  /** Stores a PDF, DOC or DOCX file for a pupil after checking its content and size. */
  upload,
  /** The pupil's documents, newest first. */
  list,
  /** A document's metadata and bytes; the read is audited. */
  download,
  /** Deletes a document and its bytes. */
  delete: remove,
  /** Imports a plan from an earlier system: a file becomes a document, text a published plan. */
  importPlan
}

/**
 * Legacy document operations.
 *
 * @category services
 * @since 0.1.0
 */
export interface DocumentsService extends Bound<typeof documentOperations> {}

/**
 * Tag of the legacy document operations.
 *
 * @category services
 * @since 0.1.0
 */
export class Documents extends Context.Tag("iupkit/Documents")<Documents, DocumentsService>() {
  /** Builds the service on the ports. */
  static readonly layer = Layer.effect(Documents, bindOperations(documentOperations))
}
