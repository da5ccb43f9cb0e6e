import {
  type AuditLogService,
  type BlobStoreService,
  type DocumentStoreService,
  NotFoundError
} from "@iupkit/core"
import { Effect, Option } from "effect"
import { chunks, operation, run, selectInChunks, type SqlContext, writeTransaction } from "./context.js"
import { auditOf, auditRow, documentOf, documentRow } from "./rows.js"

export const makeDocumentStore = (context: SqlContext): DocumentStoreService => {
  const { db } = context
  return {
    insert: (document) =>
      run(db.insertInto("legacy_documents").values(documentRow(document))).pipe(
        Effect.asVoid,
        operation("DocumentStore.insert", { documentId: document.id })
      ),
    get: (id) =>
      run(db.selectFrom("legacy_documents").selectAll().where("id", "=", id)).pipe(
        Effect.map((rows) => Option.map(Option.fromNullable(rows[0]), documentOf)),
        operation("DocumentStore.get", { documentId: id })
      ),
    listByPupils: (pupilIds) =>
      selectInChunks(context, pupilIds, (chunk) => run(db.selectFrom("legacy_documents").selectAll().where("pupil_id", "in", chunk))).pipe(
        Effect.map((rows) => rows.map(documentOf)),
        operation("DocumentStore.listByPupils", { pupilCount: pupilIds.length })
      ),
    delete: (id) =>
      run(db.deleteFrom("legacy_documents").where("id", "=", id).returning("id")).pipe(
        Effect.flatMap((rows) => (rows.length === 0 ? new NotFoundError({ kind: "document", id }) : Effect.void)),
        operation("DocumentStore.delete", { documentId: id })
      )
  }
}

// Drivers return Buffer, a Uint8Array subclass; a plain copy keeps callers independent of it.
const plainBytes = (bytes: Uint8Array): Uint8Array => new Uint8Array(bytes)

export const makeBlobStore = ({ db }: SqlContext): BlobStoreService => ({
  put: (key, bytes) =>
    run(
      db.insertInto("blobs")
        .values({ key, bytes: Buffer.from(bytes) })
        .onConflict((conflict) => conflict.column("key").doUpdateSet((eb) => ({ bytes: eb.ref("excluded.bytes") })))
    ).pipe(Effect.asVoid, operation("BlobStore.put", { key, byteSize: bytes.byteLength })),
  get: (key) =>
    run(db.selectFrom("blobs").select("bytes").where("key", "=", key)).pipe(
      Effect.map((rows) => Option.map(Option.fromNullable(rows[0]), (row) => plainBytes(row.bytes))),
      operation("BlobStore.get", { key })
    ),
  delete: (key) => run(db.deleteFrom("blobs").where("key", "=", key)).pipe(Effect.asVoid, operation("BlobStore.delete", { key }))
})

export const makeAuditLog = (context: SqlContext): AuditLogService => {
  const { db, dialect } = context
  return {
    append: (entries) => {
      const statements = chunks(dialect, entries, 6).map((chunk) => run(db.insertInto("audit_log").values(chunk.map(auditRow))))
      // One statement is atomic on its own, so only a batch split over several needs a transaction.
      // Reads audited one at a time then pay for no BEGIN and COMMIT.
      const write = statements.length <= 1
        ? Effect.asVoid(statements[0] ?? Effect.void)
        : writeTransaction(context, Effect.all(statements, { discard: true }))
      return write.pipe(operation("AuditLog.append", { count: entries.length }))
    },
    list: (filter) => {
      let query = db.selectFrom("audit_log").select(["id", "at", "actor_id", "action", "target_id", "pupil_id"])
      if (filter.actorId !== undefined) query = query.where("actor_id", "=", filter.actorId)
      if (filter.targetId !== undefined) query = query.where("target_id", "=", filter.targetId)
      if (filter.pupilId !== undefined) query = query.where("pupil_id", "=", filter.pupilId)
      if (filter.action !== undefined) query = query.where("action", "=", filter.action)
      return run(query.orderBy("at").orderBy("seq")).pipe(
        Effect.map((rows) => rows.map(auditOf)),
        operation("AuditLog.list")
      )
    }
  }
}
