// Page layout of one exported plan with pdfkit: header, matched assessments as a table, fields,
// legacy documents, and the footer of every page of the plan.
import { formatDate, formatInstant, formatPeriod, fullName, type Messages } from "@iupkit/render-html"
import type { EntryView, ExportView, PlanView } from "@iupkit/services"
import type { DateTime } from "effect"
import type PDFDocument from "pdfkit"
import { drawableText, type LoadedFont } from "../Fonts.js"

type Doc = InstanceType<typeof PDFDocument>

export interface LayoutContext {
  readonly doc: Doc
  readonly messages: Messages
  readonly timeZone: DateTime.TimeZone
  readonly regular: LoadedFont
  readonly bold: LoadedFont
}

const ink = "#1d232a"
const muted = "#5a6470"
const rule = "#b8c1cb"
const headerFill = "#eef1f4"
const cellPadding = 4
export const margins = { top: 56, bottom: 72, left: 56, right: 56 }

const contentWidth = (doc: Doc): number => doc.page.width - margins.left - margins.right
const bottomLimit = (doc: Doc): number => doc.page.height - margins.bottom

/** Returns the index of the page being written, counting every page of the document from 0. */
export const currentPageIndex = (doc: Doc): number => {
  const range = doc.bufferedPageRange()
  return range.start + range.count - 1
}

const regularText = (context: LayoutContext, text: string) => drawableText(text, context.regular)
const boldText = (context: LayoutContext, text: string) => drawableText(text, context.bold)

/** Starts a new page when fewer than `needed` points are left, so a heading keeps its content. */
const keepSpace = (doc: Doc, needed: number): void => {
  if (doc.y + needed > bottomLimit(doc)) doc.addPage()
}

const heading = (context: LayoutContext, text: string, size: number): void => {
  const { doc } = context
  doc.font("Bold").fontSize(size)
  const height = doc.heightOfString(boldText(context, text), { width: contentWidth(doc) })
  keepSpace(doc, height + 36)
  doc.fillColor(ink).text(boldText(context, text), margins.left, doc.y, { width: contentWidth(doc) })
  doc.moveDown(0.3)
}

const paragraph = (context: LayoutContext, text: string, options: { size?: number; color?: string; indent?: number } = {}) => {
  const { doc } = context
  const indent = options.indent ?? 0
  doc
    .font("Regular")
    .fontSize(options.size ?? 10)
    .fillColor(options.color ?? ink)
    .text(regularText(context, text), margins.left + indent, doc.y, { width: contentWidth(doc) - indent, lineGap: 1.5 })
}

const planHeader = (context: LayoutContext, plan: PlanView, exportView: ExportView, notice: string | null): void => {
  const { doc, messages, timeZone } = context
  doc.font("Bold").fontSize(17).fillColor(ink)
  doc.text(boldText(context, fullName(plan.pupil)), margins.left, margins.top, { width: contentWidth(doc) })
  doc.font("Bold").fontSize(13).text(boldText(context, plan.title), { width: contentWidth(doc) })
  doc.moveDown(0.2)
  const status = plan.archived ? messages.archived : plan.published ? messages.published : messages.draft
  paragraph(context, `${messages.period}: ${formatPeriod(plan.startDate, plan.endDate, messages)} · ${status}`)
  paragraph(
    context,
    messages.exportedBy(fullName(exportView.exportedBy), formatInstant(exportView.exportedAt, timeZone, messages)),
    { size: 8.5, color: muted }
  )
  doc.moveDown(0.4)
  paragraph(context, messages.sensitiveNotice, { size: 9, color: "#7a4b00" })
  if (notice !== null) paragraph(context, notice, { size: 9, color: muted })
  const y = doc.y + 6
  doc.moveTo(margins.left, y).lineTo(margins.left + contentWidth(doc), y).lineWidth(0.75).strokeColor(rule).stroke()
  doc.y = y + 10
}

interface Column {
  readonly share: number
  readonly cell: (entry: EntryView) => string
}

const entryColumns = (context: LayoutContext): ReadonlyArray<readonly [string, Column]> => {
  const { messages, timeZone } = context
  return [
    [messages.course, { share: 0.24, cell: (entry) => entry.course.name }],
    [messages.assessment, { share: 0.3, cell: (entry) => entry.assessmentTitle }],
    [
      messages.level,
      { share: 0.22, cell: (entry) => (entry.scaleSteps === null ? messages.noScale : (entry.level ?? messages.noLevel)) }
    ],
    [messages.lastEdited, { share: 0.24, cell: (entry) => formatInstant(entry.lastEditedAt, timeZone, messages) }]
  ]
}

const rowTexts = (context: LayoutContext, cells: ReadonlyArray<string>, header: boolean): ReadonlyArray<string> =>
  cells.map((cell) => (header ? boldText(context, cell) : regularText(context, cell)))

// A cell whose text fits its width on one line is one line high, which `widthOfString` finds
// from pdfkit's per-word width cache. Only longer texts go through `heightOfString`, which lays
// the text out in full, so most cells are laid out once (when written) instead of twice.
const cellHeight = (doc: Doc, text: string, width: number): number =>
  text !== "" && !text.includes("\n") && doc.widthOfString(text) < width
    ? doc.currentLineHeight(true)
    : doc.heightOfString(text, { width })

/** Measures a row once, so the page-break check and the drawing share one height. */
const rowHeight = (context: LayoutContext, texts: ReadonlyArray<string>, widths: ReadonlyArray<number>, header: boolean): number => {
  const { doc } = context
  doc.font(header ? "Bold" : "Regular").fontSize(9)
  const tallest = Math.max(...texts.map((text, index) => cellHeight(doc, text, widths[index]! - 2 * cellPadding)))
  return tallest + 2 * cellPadding
}

const drawRow = (
  context: LayoutContext,
  row: { readonly texts: ReadonlyArray<string>; readonly height: number },
  widths: ReadonlyArray<number>,
  header: boolean
): void => {
  const { doc } = context
  const { height, texts } = row
  const top = doc.y
  if (header) doc.rect(margins.left, top, contentWidth(doc), height).fill(headerFill)
  let x = margins.left
  texts.forEach((text, index) => {
    const cellWidth = widths[index]!
    doc
      .font(header ? "Bold" : "Regular")
      .fontSize(9)
      .fillColor(ink)
      .text(text, x + cellPadding, top + cellPadding, { width: cellWidth - 2 * cellPadding })
    doc.rect(x, top, cellWidth, height).lineWidth(0.5).strokeColor(rule).stroke()
    x += cellWidth
  })
  doc.x = margins.left
  doc.y = top + height
}

const entriesTable = (context: LayoutContext, plan: PlanView): void => {
  const { doc, messages } = context
  heading(context, messages.matchedEntries, 12)
  if (plan.entries.length === 0) {
    paragraph(context, messages.noMatchedEntries, { color: muted })
    doc.moveDown(0.8)
    return
  }
  const columns = entryColumns(context)
  const widths = columns.map(([, column]) => column.share * contentWidth(doc))
  const titles = rowTexts(context, columns.map(([title]) => title), true)
  const titleRow = { texts: titles, height: rowHeight(context, titles, widths, true) }
  let titlesPage = -1
  for (const entry of plan.entries) {
    const cells = rowTexts(context, columns.map(([, column]) => column.cell(entry)), false)
    const row = { texts: cells, height: rowHeight(context, cells, widths, false) }
    const needed = row.height + (currentPageIndex(doc) === titlesPage ? 0 : titleRow.height)
    if (doc.y + needed > bottomLimit(doc)) doc.addPage()
    // Every page the table continues on repeats the column titles, also after a long comment
    // has flowed onto a new page.
    if (currentPageIndex(doc) !== titlesPage) {
      drawRow(context, titleRow, widths, true)
      titlesPage = currentPageIndex(doc)
    }
    drawRow(context, row, widths, false)
    doc.moveDown(0.2)
    if (entry.comment.trim() !== "") paragraph(context, `${messages.comment}: ${entry.comment}`, { size: 9, indent: cellPadding })
    if (entry.selfAssessment !== null) {
      const self = entry.selfAssessment
      const level = entry.scaleSteps === null ? "" : `${self.level ?? messages.noLevel}. `
      paragraph(context, `${messages.selfAssessment}: ${level}${self.comment}`, { size: 9, indent: cellPadding, color: muted })
    }
    doc.moveDown(0.5)
  }
  doc.moveDown(0.5)
}

const fieldsSection = (context: LayoutContext, plan: PlanView): void => {
  const { doc, messages } = context
  heading(context, messages.fields, 12)
  if (plan.fields.length === 0) paragraph(context, messages.noFields, { color: muted })
  for (const field of plan.fields) {
    heading(context, field.heading, 10.5)
    if (field.value.trim() === "") paragraph(context, messages.empty, { color: muted })
    else paragraph(context, field.value)
    doc.moveDown(0.7)
  }
}

const documentsSection = (context: LayoutContext, plan: PlanView): void => {
  const { messages } = context
  if (plan.documents.length === 0) return
  heading(context, messages.documents, 12)
  for (const document of plan.documents) {
    const date = document.documentDate === null ? "" : `, ${formatDate(document.documentDate, messages)}`
    paragraph(
      context,
      `• ${document.title} (${document.fileName}, ${messages.fileSize(document.byteSize)}, ${messages.documentSource(document.source)}${date})`,
      { size: 9.5 }
    )
  }
}

/** Lays out one plan from a fresh page; returns the index of its first page. */
export const layoutPlan = (
  context: LayoutContext,
  plan: PlanView,
  exportView: ExportView,
  notice: string | null
): number => {
  const { doc } = context
  doc.addPage()
  const firstPage = currentPageIndex(doc)
  planHeader(context, plan, exportView, notice)
  entriesTable(context, plan)
  fieldsSection(context, plan)
  documentsSection(context, plan)
  return firstPage
}

/** Writes the footer of every page from `firstPage` to the current one. */
export const drawFooters = (
  context: LayoutContext,
  args: { readonly firstPage: number; readonly planNumber: number; readonly planCount: number }
): void => {
  const { doc, messages } = context
  const lastPage = currentPageIndex(doc)
  const pages = lastPage - args.firstPage + 1
  for (let index = args.firstPage; index <= lastPage; index++) {
    doc.switchToPage(index)
    // Text below the bottom margin would start a new page; lift the margin while writing.
    const bottom = doc.page.margins.bottom
    doc.page.margins.bottom = 0
    const y = doc.page.height - 46
    const width = contentWidth(doc)
    doc.moveTo(margins.left, y - 6).lineTo(margins.left + width, y - 6).lineWidth(0.5).strokeColor(rule).stroke()
    doc.font("Regular").fontSize(8).fillColor(muted)
    doc.text(regularText(context, messages.sensitiveFooter), margins.left, y, { width: width * 0.6, lineBreak: false })
    const numbers = `${messages.pageNumber(index + 1)} · ${messages.planPageOf(args.planNumber, args.planCount, index - args.firstPage + 1, pages)}`
    doc.text(numbers, margins.left + width * 0.4, y, { width: width * 0.6, align: "right", lineBreak: false })
    doc.page.margins.bottom = bottom
  }
}

/** Lays out a page of notices, used when the export contains no plan. */
export const layoutNotice = (context: LayoutContext, lines: ReadonlyArray<string>): void => {
  const { doc } = context
  doc.addPage()
  doc.y = margins.top
  for (const line of lines) {
    paragraph(context, line)
    doc.moveDown(0.5)
  }
}
