/**
 * `@iupkit/core`: the IUP domain as pure rules, Schemas and ports. No I/O, no clock, no randomness:
 * "now", the site's time zone and new ids come in as arguments or through ports.
 *
 * @since 0.1.0
 */
export * from "./Access.js"
export * from "./Assessment.js"
export * from "./Audit.js"
export * from "./Decode.js"
export * from "./Directory.js"
export * from "./Document.js"
export * from "./Errors.js"
export * from "./Export.js"
export * from "./GradingScale.js"
export * from "./Ids.js"
export * as LocalDates from "./LocalDate.js"
export { LocalDate } from "./LocalDate.js"
export * from "./MemoryDirectory.js"
export * from "./Overview.js"
export * from "./Plan.js"
export * from "./Role.js"
export * from "./Roster.js"
export * from "./Stores.js"
export * from "./Template.js"
export * from "./Text.js"
export * from "./Time.js"
export * from "./Version.js"
