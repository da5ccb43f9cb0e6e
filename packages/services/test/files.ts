// Small real files for upload tests, built in code: a PDF, a Word 97 compound file, DOCX zips
// (one ordinary, one that unpacks a thousandfold) and a zip that is no Word document.
import { crc32, deflateRawSync } from "node:zlib"

export const minimalPdf = new TextEncoder().encode(
  "%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n" +
    "trailer<</Root 1 0 R>>\n%%EOF\n"
)

/** A compound file whose directory names a WordDocument stream, as Word 97–2003 writes. */
export const minimalDoc = (() => {
  const bytes = new Uint8Array(2048)
  bytes.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1], 0)
  bytes.set(new Uint8Array(Buffer.from("Root Entry", "utf16le")), 1024)
  bytes.set(new Uint8Array(Buffer.from("WordDocument", "utf16le")), 1152)
  return bytes
})()

/** A compound file of another kind (it names an Excel workbook stream). */
export const excelCompoundFile = (() => {
  const bytes = new Uint8Array(minimalDoc)
  bytes.fill(0, 1152, 1152 + 24)
  bytes.set(new Uint8Array(Buffer.from("Workbook", "utf16le")), 1152)
  return bytes
})()

/** Writes a zip archive of deflated entries. */
export const zip = (entries: ReadonlyArray<{ readonly name: string; readonly content: Uint8Array }>): Uint8Array => {
  const locals: Array<Buffer> = []
  const centrals: Array<Buffer> = []
  let offset = 0
  for (const entry of entries) {
    const name = Buffer.from(entry.name, "utf8")
    const data = deflateRawSync(entry.content)
    const crc = crc32(entry.content)
    const local = Buffer.alloc(30)
    local.writeUInt32LE(0x04034b50, 0)
    local.writeUInt16LE(20, 4)
    local.writeUInt16LE(0, 6)
    local.writeUInt16LE(8, 8)
    local.writeUInt32LE(crc, 14)
    local.writeUInt32LE(data.length, 18)
    local.writeUInt32LE(entry.content.length, 22)
    local.writeUInt16LE(name.length, 26)
    const central = Buffer.alloc(46)
    central.writeUInt32LE(0x02014b50, 0)
    central.writeUInt16LE(20, 4)
    central.writeUInt16LE(20, 6)
    central.writeUInt16LE(8, 10)
    central.writeUInt32LE(crc, 16)
    central.writeUInt32LE(data.length, 20)
    central.writeUInt32LE(entry.content.length, 24)
    central.writeUInt16LE(name.length, 28)
    central.writeUInt32LE(offset, 42)
    locals.push(local, name, data)
    centrals.push(central, name)
    offset += local.length + name.length + data.length
  }
  const directory = Buffer.concat(centrals)
  const end = Buffer.alloc(22)
  end.writeUInt32LE(0x06054b50, 0)
  end.writeUInt16LE(entries.length, 8)
  end.writeUInt16LE(entries.length, 10)
  end.writeUInt32LE(directory.length, 12)
  end.writeUInt32LE(offset, 16)
  return new Uint8Array(Buffer.concat([...locals, directory, end]))
}

const text = (value: string) => new TextEncoder().encode(value)

const contentTypes = text(
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
    '<Default Extension="xml" ContentType="application/xml"/>' +
    '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>' +
    "</Types>"
)

const documentXml = (body: string) =>
  text(
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
      '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>' +
      body +
      "</w:t></w:r></w:p></w:body></w:document>"
  )

export const minimalDocx = zip([
  { name: "[Content_Types].xml", content: contentTypes },
  { name: "word/document.xml", content: documentXml("Plan från det gamla systemet") }
])

/** A DOCX whose document part is 20 MB of spaces, compressed about a thousandfold. */
export const bombDocx = () =>
  zip([
    { name: "[Content_Types].xml", content: contentTypes },
    { name: "word/document.xml", content: documentXml(" ".repeat(20 * 1024 * 1024)) }
  ])

/** A plain zip archive with no Word document inside. */
export const plainZip = zip([{ name: "notes.txt", content: text("hej") }])
