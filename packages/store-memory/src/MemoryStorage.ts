/**
 * Storage held in memory: every store port and a transactor over one state value. Meant for unit
 * tests of other packages and for small demos; everything is lost when the layer is released.
 *
 * @since 0.1.0
 */
import {
  AssessmentStore,
  AuditLog,
  BlobStore,
  type Directory,
  type DirectoryWriter,
  DocumentStore,
  emptyRoster,
  EntryStore,
  GradingScaleStore,
  layerMemoryDirectory,
  PlanStore,
  type Roster,
  TemplateStore,
  Transactor,
  type StorePorts
} from "@iupkit/core"
import { Context, Effect, Layer } from "effect"
import { makeAssessmentStore, makeGradingScaleStore, makeTemplateStore } from "./internal/catalog.js"
import { makeAuditLog, makeBlobStore, makeDocumentStore, makeEntryStore, makePlanStore } from "./internal/records.js"
import { makeStorage } from "./internal/state.js"

/**
 * Every store tag and the transactor.
 *
 * @category models
 * @since 0.1.0
 */
export type StorageServices = StorePorts

/**
 * A layer providing every store and the transactor, starting empty. Each build of the layer gets
 * its own state. Writers are serialised, and a transaction restores the state it started from
 * when it fails, dies or is interrupted.
 *
 * NOTE: reads take no lock, so a read running beside a transaction may see its uncommitted writes.
 *
 * @category layers
 * @since 0.1.0
 */
export const layerMemoryStorage: Layer.Layer<StorageServices> = Layer.effectContext(
  Effect.map(makeStorage, (storage) =>
    Context.make(TemplateStore, makeTemplateStore(storage)).pipe(
      Context.add(GradingScaleStore, makeGradingScaleStore(storage)),
      Context.add(AssessmentStore, makeAssessmentStore(storage)),
      Context.add(EntryStore, makeEntryStore(storage)),
      Context.add(PlanStore, makePlanStore(storage)),
      Context.add(DocumentStore, makeDocumentStore(storage)),
      Context.add(BlobStore, makeBlobStore(storage)),
      Context.add(AuditLog, makeAuditLog(storage)),
      Context.add(Transactor, { withTransaction: storage.withTransaction })
    ))
)

/**
 * Every store, the transactor and an in-memory directory starting from `roster`. The directory's
 * `replace` is not part of store transactions.
 *
 * @category layers
 * @since 0.1.0
 */
export const layerMemory = (roster: Roster = emptyRoster): Layer.Layer<StorageServices | Directory | DirectoryWriter> =>
  Layer.merge(layerMemoryStorage, layerMemoryDirectory(roster))
