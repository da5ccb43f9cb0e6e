/**
 * `@iupkit/services`: every IUP flow for every role, with authorization enforced on each read and
 * write, as Effect services and as a Promise API.
 *
 * @since 0.1.0
 */
export * from "./Administration.js"
export * from "./Client.js"
export * from "./Documents.js"
export * from "./Exports.js"
export * from "./Ids.js"
export * from "./IupServices.js"
export * from "./Mentoring.js"
export * from "./Plans.js"
export * from "./Pupils.js"
export * from "./SiteConfig.js"
export * from "./Teaching.js"
export type * from "./Views.js"
export type { ServicePorts, StoragePorts } from "./internal/session.js"
