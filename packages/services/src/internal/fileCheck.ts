// Content checks of uploaded documents: only PDF, DOC and DOCX pass, recognised by their bytes and
// never by the file name; a PDF must carry no script or launch action, and a DOCX must not unpack
// into far more than it stores (a zip bomb).
import { type DocumentMediaType, InvalidInputError } from "@iupkit/core"
import { Effect } from "effect"
import { fileTypeFromBuffer } from "file-type"
import yauzl from "yauzl"
import type { SiteConfigService } from "../SiteConfig.js"

const pdf = "application/pdf"
const doc = "application/msword"
const docx = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"

const accepted = "only PDF, DOC and DOCX files are accepted, recognised by their content"

// A compound file (the container of DOC, XLS, PPT and MSG) is a Word document when its directory
// names a "WordDocument" stream. Directory names are stored in UTF-16LE.
const wordStreamName = Buffer.from("WordDocument", "utf16le")

const rejectFile = (fileName: string, rule: string) => InvalidInputError.of("file", fileName, rule)

interface ZipSummary {
  readonly entryCount: number
  readonly uncompressedBytes: number
  readonly worstRatio: number
  readonly hasWordDocument: boolean
}

// Reads only the central directory: the declared sizes, never the compressed data.
// NOTE: a zip may declare smaller sizes than its data inflates to. That is safe here only because
// iupkit stores the bytes and never unpacks them; a host that unpacks must check again.
const summariseZip = (bytes: Buffer, maxEntries: number): Promise<ZipSummary> =>
  new Promise((resolve, reject) => {
    yauzl.fromBuffer(bytes, { lazyEntries: true, validateEntrySizes: true }, (openError, zip) => {
      if (openError !== null || zip === undefined) return reject(openError ?? new Error("unreadable zip"))
      let entryCount = 0
      let uncompressedBytes = 0
      let worstRatio = 0
      let hasWordDocument = false
      zip.on("entry", (entry: yauzl.Entry) => {
        entryCount++
        uncompressedBytes += entry.uncompressedSize
        const ratio = entry.uncompressedSize / Math.max(entry.compressedSize, 1)
        if (ratio > worstRatio) worstRatio = ratio
        if (entry.fileName === "word/document.xml") hasWordDocument = true
        if (entryCount > maxEntries) {
          zip.close()
          return resolve({ entryCount, uncompressedBytes, worstRatio, hasWordDocument })
        }
        zip.readEntry()
      })
      zip.on("end", () => resolve({ entryCount, uncompressedBytes, worstRatio, hasWordDocument }))
      zip.on("error", reject)
      zip.readEntry()
    })
  })

const maxDocxEntries = 5_000

// Actions that run code or programs when a reader opens or clicks in the PDF.
const activeActions = new Set(["JavaScript", "JS", "Launch"])

// A name in a PDF may write any character as #xx, so "/J#61vaScript" is "/JavaScript".
const decodePdfName = (name: string): string =>
  name.replace(/#([0-9A-Fa-f]{2})/g, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)))

/**
 * The first action name that runs code, or undefined.
 * NOTE: names inside compressed object streams are not seen; such a file passes this check.
 */
const activePdfAction = (bytes: Buffer): string | undefined => {
  for (const match of bytes.toString("latin1").matchAll(/\/([^\s/<>[\]()%{}]+)/g)) {
    const name = decodePdfName(match[1]!)
    if (activeActions.has(name)) return name
  }
  return undefined
}

const checkDocx = (bytes: Buffer, fileName: string, config: SiteConfigService) =>
  Effect.gen(function*() {
    const summary = yield* Effect.tryPromise({
      try: () => summariseZip(bytes, maxDocxEntries),
      catch: (error) => rejectFile(fileName, `is not a readable DOCX file (${String(error)})`)
    })
    if (summary.entryCount > maxDocxEntries) {
      return yield* Effect.fail(rejectFile(fileName, `a DOCX file may hold at most ${maxDocxEntries} parts`))
    }
    if (summary.uncompressedBytes > config.maxDocxUncompressedBytes) {
      return yield* Effect.fail(
        rejectFile(
          fileName,
          `unpacks to ${summary.uncompressedBytes} bytes, more than the limit of ${config.maxDocxUncompressedBytes}`
        )
      )
    }
    if (summary.worstRatio > config.maxDocxCompressionRatio) {
      return yield* Effect.fail(
        rejectFile(
          fileName,
          `has a part compressed ${Math.round(summary.worstRatio)} to 1, more than the limit of ${config.maxDocxCompressionRatio} to 1`
        )
      )
    }
    if (!summary.hasWordDocument) return yield* Effect.fail(rejectFile(fileName, `${accepted}; this zip holds no Word document`))
  })

/**
 * The media type of an accepted document, or an {@link InvalidInputError} naming the file and
 * the broken rule: empty, too large, not PDF/DOC/DOCX by content, a PDF with script or launch
 * actions, or a DOCX that unpacks too far.
 */
export const checkDocument = (
  bytes: Uint8Array,
  fileName: string,
  config: SiteConfigService
): Effect.Effect<DocumentMediaType, InvalidInputError> =>
  Effect.gen(function*() {
    if (bytes.byteLength === 0) return yield* Effect.fail(rejectFile(fileName, "is empty"))
    if (bytes.byteLength > config.maxDocumentBytes) {
      return yield* Effect.fail(
        rejectFile(fileName, `is ${bytes.byteLength} bytes, more than the limit of ${config.maxDocumentBytes} bytes`)
      )
    }
    const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
    const type = yield* Effect.tryPromise({
      try: () => fileTypeFromBuffer(buffer),
      catch: (error) => rejectFile(fileName, `${accepted}; its content could not be read (${String(error)})`)
    })
    if (type?.mime === pdf) {
      const action = activePdfAction(buffer)
      if (action === undefined) return pdf
      return yield* Effect.fail(rejectFile(fileName, `contains a /${action} action, which could run code when opened; save it again without scripts (for example by printing it to PDF)`))
    }
    if (type?.mime === "application/x-cfb") {
      if (buffer.indexOf(wordStreamName) >= 0) return doc
      return yield* Effect.fail(rejectFile(fileName, `${accepted}; this compound file is not a Word document`))
    }
    if (type?.mime === docx) {
      yield* checkDocx(buffer, fileName, config)
      return docx
    }
    return yield* Effect.fail(rejectFile(fileName, `${accepted}; this file looks like ${type?.mime ?? "an unknown type"}`))
  })
