/**
 * Streams an export of at most 100 plans as a PDF. Each plan starts on a new page. The pages of a
 * plan stay in memory only until the plan is laid out. Then their footers (page numbers and the
 * sensitivity notice) are drawn and the pages are written out, so the first bytes reach the reader
 * long before the last plan is laid out, and memory holds at most one plan's pages.
 *
 * @since 0.1.0
 */
import { checkExportSize, defaultTimeZone, type ExportLimitExceededError } from "@iupkit/core"
import { defaultLocale, fullName, type Locale, messagesFor } from "@iupkit/render-html"
import type { ExportView } from "@iupkit/services"
import { Data, DateTime, Either, Stream } from "effect"
import type { Readable } from "node:stream"
import PDFDocument from "pdfkit"
import { dejaVuSans, loadFont, type PdfFonts } from "./Fonts.js"
import { drawFooters, type LayoutContext, layoutNotice, layoutPlan, margins } from "./internal/layout.js"

/**
 * Options of the PDF export; all are optional.
 *
 * @category pdf
 * @since 0.1.0
 */
export interface PdfOptions {
  /** Language of the labels; Swedish by default. */
  readonly locale?: Locale
  /** The site's time zone for edit and export times; Europe/Stockholm by default. */
  readonly timeZone?: DateTime.TimeZone
  /** TrueType fonts to embed instead of DejaVu Sans. */
  readonly fonts?: PdfFonts
  /** Called before each plan is laid out (index from 0), e.g. to report progress. */
  readonly onPlanStart?: (index: number, total: number) => void
}

/**
 * Laying out or writing the PDF failed after streaming began.
 *
 * @category pdf
 * @since 0.1.0
 */
export class PdfRenderError extends Data.TaggedError("PdfRenderError")<{
  readonly reason: string
  readonly cause: unknown
}> {}

type Doc = InstanceType<typeof PDFDocument>

// Waits until the reader wants more bytes: pdfkit pushes without regard to backpressure, so the
// layout loop pauses here between plans while the stream's buffer is full.
const demand = (doc: Doc): Promise<void> =>
  new Promise((resolve) => {
    if (doc.destroyed || doc.readableLength < doc.readableHighWaterMark) {
      setImmediate(resolve)
      return
    }
    const wake = () => {
      doc.off("close", wake)
      doc._read = () => {}
      resolve()
    }
    doc._read = wake
    doc.once("close", wake)
  })

const layoutAll = async (doc: Doc, view: ExportView, context: LayoutContext, options: PdfOptions): Promise<void> => {
  const { messages } = context
  const leftOut = view.leftOutProtectedCount > 0 ? messages.leftOutProtected(view.leftOutProtectedCount) : null
  if (view.plans.length === 0) {
    layoutNotice(context, [messages.noPlans, ...(leftOut === null ? [] : [leftOut])])
    doc.flushPages()
  }
  for (const [index, plan] of view.plans.entries()) {
    if (doc.destroyed) return
    options.onPlanStart?.(index, view.plans.length)
    const firstPage = layoutPlan(context, plan, view, index === 0 ? leftOut : null)
    drawFooters(context, { firstPage, planNumber: index + 1, planCount: view.plans.length })
    doc.flushPages()
    await demand(doc)
  }
  if (!doc.destroyed) doc.end()
}

/**
 * Starts a PDF of the export and returns it as a readable byte stream, or the export-limit error
 * when the export contains more than 100 plans. Layout runs while the stream is read; an error
 * during layout destroys the stream with that error.
 *
 * @category pdf
 * @since 0.1.0
 * @example
 * const result = renderExportPdf(view)
 * if (Either.isRight(result)) result.right.pipe(response)
 */
export const renderExportPdf = (
  view: ExportView,
  options: PdfOptions = {}
): Either.Either<Readable, ExportLimitExceededError> =>
  Either.map(checkExportSize(view.plans), () => {
    const messages = messagesFor(options.locale ?? defaultLocale)
    const fonts = options.fonts ?? dejaVuSans()
    const doc = new PDFDocument({
      size: "A4",
      margins,
      autoFirstPage: false,
      bufferPages: true,
      lang: messages.languageTag,
      displayTitle: true,
      info: {
        Title: messages.printTitle(view.plans.length),
        Author: fullName(view.exportedBy),
        Creator: "iupkit",
        CreationDate: new Date(DateTime.toEpochMillis(view.exportedAt))
      }
    })
    const regular = loadFont(fonts.regular)
    const bold = loadFont(fonts.bold)
    doc.registerFont("Regular", regular.data)
    doc.registerFont("Bold", bold.data)
    const context: LayoutContext = {
      doc,
      messages,
      timeZone: options.timeZone ?? defaultTimeZone,
      regular,
      bold
    }
    // Layout starts on the next turn of the event loop, so the caller can attach the reader first.
    setImmediate(() => {
      layoutAll(doc, view, context, options).catch((cause: unknown) => {
        doc.destroy(new PdfRenderError({ reason: "laying out the PDF failed", cause }))
      })
    })
    return doc as Readable
  })

/**
 * The PDF as an effect Stream of byte chunks, for hosts built on effect's platform packages.
 *
 * @category pdf
 * @since 0.1.0
 */
export const exportPdfStream = (
  view: ExportView,
  options: PdfOptions = {}
): Stream.Stream<Uint8Array, ExportLimitExceededError | PdfRenderError> =>
  Either.match(renderExportPdf(view, options), {
    onLeft: (error) => Stream.fail(error),
    onRight: (readable) =>
      Stream.fromAsyncIterable(
        readable as AsyncIterable<Uint8Array>,
        (cause) =>
          cause instanceof PdfRenderError ? cause : new PdfRenderError({ reason: "reading the PDF stream failed", cause })
      )
  })
