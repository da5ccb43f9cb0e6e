/**
 * The Promise API for hosts that do not use Effect: every operation as an async function on one
 * managed runtime. A failed operation rejects with the tagged error itself (for example a
 * `NotFoundError` with its `_tag`, `kind` and `id`), so hosts can switch on `_tag`.
 *
 * @since 0.1.0
 */
import { Directory, type IdGenerator, layerMemoryDirectory, type Person, type PersonId, type Roster } from "@iupkit/core"
import { Cause, Effect, Exit, Layer, ManagedRuntime, Option } from "effect"
import { Administration, type AdministrationService } from "./Administration.js"
import { Documents, type DocumentsService } from "./Documents.js"
import { Exports, type ExportsService } from "./Exports.js"
import { layerRandomIds } from "./Ids.js"
import type { StoragePorts } from "./internal/session.js"
import { layerIupServices } from "./IupServices.js"
import { Mentoring, type MentoringService } from "./Mentoring.js"
import { Plans, type PlansService } from "./Plans.js"
import { Guardians, type GuardiansService, Pupils, type PupilsService } from "./Pupils.js"
import { layerSiteConfig, type SiteConfigOptions } from "./SiteConfig.js"
import { Teaching, type TeachingService } from "./Teaching.js"

/**
 * A service's operations as async functions.
 *
 * @category client
 * @since 0.1.0
 */
export type Promised<Service> = {
  readonly [K in keyof Service]: Service[K] extends (...args: infer Args) => Effect.Effect<infer A, infer _E>
    ? (...args: Args) => Promise<A>
    : never
}

/**
 * The Promise API: one group of operations per area, and `dispose` to release the storage.
 *
 * @category client
 * @since 0.1.0
 */
export interface IupClient {
  readonly administration: Promised<AdministrationService>
  readonly plans: Promised<PlansService>
  readonly mentoring: Promised<MentoringService>
  readonly teaching: Promised<TeachingService>
  readonly pupils: Promised<PupilsService>
  readonly guardians: Promised<GuardiansService>
  readonly exports: Promised<ExportsService>
  readonly documents: Promised<DocumentsService>
  /**
   * Look-ups in the school's directory, without access checks: for the host's sign-in, which must
   * turn away a verified credential whose person the directory does not list.
   */
  readonly directory: {
    /** The person with the id, or undefined when the directory has no such person. */
    readonly person: (personId: PersonId) => Promise<Person | undefined>
  }
  /** Releases the runtime and the storage it opened; later calls reject. */
  readonly dispose: () => Promise<void>
}

/**
 * Options of {@link createIupClient}. The directory comes from the storage layer when it provides
 * one (the SQL storages do), or from `directory`: a layer or a roster held in memory.
 *
 * @category client
 * @since 0.1.0
 */
export type IupClientOptions = SiteConfigOptions & {
  /** The id generator; random ids by default. */
  readonly ids?: Layer.Layer<IdGenerator>
} & (
  | {
    /** Every store, the transactor and the directory, such as `SqliteStorage.layer(...)`. */
    readonly storage: Layer.Layer<StoragePorts | Directory, unknown>
    readonly directory?: undefined
  }
  | {
    /** Every store and the transactor, such as `layerMemoryStorage`. */
    readonly storage: Layer.Layer<StoragePorts, unknown>
    /** The directory: a layer, or a roster held in memory. */
    readonly directory: Layer.Layer<Directory, unknown> | Roster
  }
)

const isLayer = (value: unknown): value is Layer.Layer<Directory, unknown> => Layer.isLayer(value)

// Rejects with the first typed failure itself, so the error keeps its class, tag and data;
// defects and interruptions reject with the squashed cause.
const runWith = <R>(runtime: ManagedRuntime.ManagedRuntime<R, unknown>) =>
  <A, E>(effect: Effect.Effect<A, E, R>): Promise<A> =>
    runtime.runPromiseExit(effect).then((exit) => {
      if (Exit.isSuccess(exit)) return exit.value
      throw Cause.squash(exit.cause)
    })

const promised = <Service extends object, R>(
  run: (effect: Effect.Effect<unknown, unknown, R>) => Promise<unknown>,
  tag: Effect.Effect<Service, never, R>,
  names: ReadonlyArray<keyof Service & string>
): Promised<Service> => {
  const group: Record<string, unknown> = {}
  for (const name of names) {
    group[name] = (...args: ReadonlyArray<unknown>) =>
      run(Effect.flatMap(tag, (service) => (service[name] as (...a: ReadonlyArray<unknown>) => Effect.Effect<unknown, unknown>)(...args)))
  }
  return group as Promised<Service>
}

/**
 * Creates the Promise API on a storage layer and a directory.
 *
 * @example
 * ```ts
 * const client = createIupClient({ storage: layerMemoryStorage, directory: roster })
 * const page = await client.mentoring.page({ personId })
 * await client.dispose()
 * ```
 *
 * @category client
 * @since 0.1.0
 */
export const createIupClient = (options: IupClientOptions): IupClient => {
  const storage: Layer.Layer<StoragePorts | Directory, unknown> = options.directory === undefined
    ? options.storage
    : Layer.merge(
      options.storage,
      isLayer(options.directory) ? options.directory : layerMemoryDirectory(options.directory)
    )
  const ports = Layer.mergeAll(storage, options.ids ?? layerRandomIds, layerSiteConfig(options))
  const runtime = ManagedRuntime.make(Layer.provideMerge(layerIupServices, ports))
  const run = runWith(runtime)
  return {
    administration: promised(run, Administration, [
      "createTemplate",
      "updateTemplate",
      "setTemplateHidden",
      "deleteTemplate",
      "listTemplates",
      "createGradingScale",
      "updateGradingScale",
      "deleteGradingScale",
      "listGradingScales",
      "createPlansForOrganisation",
      "currentPlans"
    ]),
    plans: promised(run, Plans, [
      "getPlan",
      "plansOfPupil",
      "createPlans",
      "updateHeader",
      "publish",
      "unpublish",
      "moveEndDate",
      "updateField",
      "deletePlan"
    ]),
    mentoring: promised(run, Mentoring, ["page", "assessments", "overview", "createPlans"]),
    teaching: promised(run, Teaching, [
      "coursePage",
      "createAssessment",
      "updateAssessment",
      "deleteAssessment",
      "writeEntry",
      "setLevelForPupils"
    ]),
    pupils: promised(run, Pupils, ["page", "selfAssess"]),
    guardians: promised(run, Guardians, ["page"]),
    exports: promised(run, Exports, ["exportPlans", "assessmentEntries", "batches"]),
    documents: promised(run, Documents, ["upload", "list", "download", "delete", "importPlan"]),
    directory: {
      person: (personId) =>
        run(Effect.flatMap(Directory, (directory) => directory.person(personId))).then(Option.getOrUndefined)
    },
    dispose: () => runtime.dispose()
  }
}
