/**
 * `@iupkit/render-pdf`: streamed PDF export of up to 100 plans, with an embedded Unicode font.
 *
 * @since 0.1.0
 */
export { dejaVuSans, type PdfFonts } from "./Fonts.js"
export * from "./PdfExport.js"
