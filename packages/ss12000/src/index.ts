/**
 * `@iupkit/ss12000`: reads organisations, people and their relations from SS 12000 v2.1 (an API
 * or a folder of JSON files) into iupkit's directory, in full or incrementally.
 *
 * @since 0.1.0
 */
export * from "./Cache.js"
export * from "./Client.js"
export * from "./Errors.js"
export * from "./Mapping.js"
export * as Ss12000 from "./Model.js"
export { type DeletedIds, emptyData, type EntityKind, entityKinds, noDeletions, Ss12000Data } from "./Model.js"
export * from "./Source.js"
export * from "./Sync.js"
