/**
 * `@iupkit/render-html`: Swedish (and English) HTML pages from the services' view models, a
 * message catalogue, and CSV and JSON exports of assessment entries.
 *
 * @since 0.1.0
 */
export * from "./Assets.js"
export * from "./DataExport.js"
export * from "./ErrorMessages.js"
export * from "./Format.js"
export * from "./FormRequests.js"
export * from "./Messages.js"
export * from "./Notices.js"
export * from "./Render.js"
export type { PublishFailure, RejectedForm, RenderOptions } from "./RenderOptions.js"
export * from "./Routes.js"
