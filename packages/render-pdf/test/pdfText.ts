// Reads a PDF back with pdfjs-dist (the legacy build runs in Node), page by page, as text.
import { getDocument } from "pdfjs-dist/legacy/build/pdf.mjs"
import type { Readable } from "node:stream"

export const collect = async (readable: Readable): Promise<Buffer> => {
  const chunks: Array<Buffer> = []
  for await (const chunk of readable) chunks.push(chunk as Buffer)
  return Buffer.concat(chunks)
}

export interface PdfText {
  readonly pages: ReadonlyArray<string>
}

export const pdfText = async (bytes: Uint8Array): Promise<PdfText> => {
  const document = await getDocument({ data: new Uint8Array(bytes), isEvalSupported: false, verbosity: 0 }).promise
  const pages: Array<string> = []
  for (let number = 1; number <= document.numPages; number++) {
    const page = await document.getPage(number)
    const content = await page.getTextContent()
    pages.push(
      content.items
        .map((item) => ("str" in item ? item.str + (item.hasEOL ? "\n" : "") : ""))
        .join("")
    )
  }
  await document.destroy()
  return { pages }
}
