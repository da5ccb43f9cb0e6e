/**
 * Hostile uploads on a SQLite file: each is rejected with a message naming the file and the rule,
 * and nothing is stored (the database has no new commit and the pupil's document list is
 * unchanged). The files are built here, byte by byte.
 */
import { crc32, deflateRawSync } from "node:zlib"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { type RunningStack, startStack } from "./support/hosts.js"
import { minimalPdf, seedSchool } from "./support/seed.js"
import { people } from "./support/world.js"

const as = (personId: string) => ({ personId }) as never

const pngHeader = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 1, 0, 0, 0, 1, 8, 2, 0, 0, 0, 0x90, 0x77, 0x53, 0xde])

/** Builds a zip of deflated entries by hand: local headers, data, central directory, end record. */
const zip = (entries: ReadonlyArray<{ readonly name: string; readonly content: Buffer }>): Buffer => {
  const locals: Array<Buffer> = []
  const centrals: Array<Buffer> = []
  let offset = 0
  for (const entry of entries) {
    const name = Buffer.from(entry.name, "utf8")
    const data = deflateRawSync(entry.content, { level: 9 })
    const checksum = crc32(entry.content)
    const local = Buffer.alloc(30)
    local.writeUInt32LE(0x04034b50, 0)
    local.writeUInt16LE(20, 4)
    local.writeUInt16LE(8, 8)
    local.writeUInt32LE(checksum, 14)
    local.writeUInt32LE(data.length, 18)
    local.writeUInt32LE(entry.content.length, 22)
    local.writeUInt16LE(name.length, 26)
    const central = Buffer.alloc(46)
    central.writeUInt32LE(0x02014b50, 0)
    central.writeUInt16LE(20, 4)
    central.writeUInt16LE(20, 6)
    central.writeUInt16LE(8, 10)
    central.writeUInt32LE(checksum, 16)
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
  return Buffer.concat([...locals, directory, end])
}

const contentTypes = Buffer.from(
  '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
    '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'
)

// 300 MB of spaces deflate to about 300 kB: far past both the unpacked size and ratio limits.
const docxBomb = () =>
  zip([
    { name: "[Content_Types].xml", content: contentTypes },
    { name: "word/document.xml", content: Buffer.alloc(300 * 1024 * 1024, " ") }
  ])

const pdfWith = (body: string) =>
  Buffer.concat([minimalPdf.subarray(0, minimalPdf.indexOf("trailer")), Buffer.from(body, "latin1"), minimalPdf.subarray(minimalPdf.indexOf("trailer"))])

describe("hostile files", () => {
  let stack: RunningStack

  beforeAll(async () => {
    stack = await startStack("fastify")
    await seedSchool(stack.iup)
  })
  afterAll(async () => {
    await stack?.close()
  })

  const cases: ReadonlyArray<{ readonly name: string; readonly fileName: string; readonly bytes: () => Buffer; readonly rule: RegExp }> = [
    { name: "PNG renamed to .pdf", fileName: "omdöme.pdf", bytes: () => pngHeader, rule: /image\/png/ },
    { name: "empty file", fileName: "tom.pdf", bytes: () => Buffer.alloc(0), rule: /is empty/ },
    {
      name: "file over the size limit",
      fileName: "stor.pdf",
      bytes: () => Buffer.concat([minimalPdf, Buffer.alloc(20 * 1024 * 1024, "%")]),
      rule: /more than the limit of 20971520 bytes/
    },
    { name: "DOCX zip bomb", fileName: "bomb.docx", bytes: docxBomb, rule: /unpacks to 31457\d+ bytes, more than the limit|compressed \d+ to 1/ },
    { name: "PDF with JavaScript", fileName: "skript.pdf", bytes: () => pdfWith("3 0 obj<</S/JavaScript/JS(app.alert(1))>>endobj\n"), rule: /\/JavaScript action/ },
    { name: "PDF with escaped script name", fileName: "skript2.pdf", bytes: () => pdfWith("3 0 obj<</S/J#61vaScript/J#53(app.alert(1))>>endobj\n"), rule: /\/JavaScript action/ },
    { name: "PDF with launch action", fileName: "start.pdf", bytes: () => pdfWith("3 0 obj<</S/Launch/F(cmd.exe)>>endobj\n"), rule: /\/Launch action/ }
  ]

  for (const hostile of cases) {
    it(`rejects ${hostile.name}`, async () => {
      const listBefore = await stack.iup.documents.list(as(people.mentor), people.pupil)
      const versionBefore = await stack.dataVersion()
      const error = await stack.iup.documents.upload(as(people.mentor), {
        pupilId: people.pupil,
        title: "Uppladdad fil",
        fileName: hostile.fileName,
        bytes: new Uint8Array(hostile.bytes())
      }).then(() => undefined, (rejection: { _tag?: string; field?: string; value?: string; message?: string }) => rejection)

      expect(error?._tag).toBe("InvalidInputError")
      expect(error?.message).toContain(hostile.fileName)
      expect(error?.message).toMatch(hostile.rule)
      expect(await stack.dataVersion()).toBe(versionBefore)
      expect(await stack.iup.documents.list(as(people.mentor), people.pupil)).toEqual(listBefore)
    })
  }

  it("accepts a plain PDF", async () => {
    const stored = await stack.iup.documents.upload(as(people.mentor), {
      pupilId: people.pupil,
      title: "Vanlig fil",
      fileName: "vanlig.pdf",
      bytes: new Uint8Array(minimalPdf)
    })
    expect(stored.mediaType).toBe("application/pdf")
    const audit = await stack.auditLog()
    expect(audit.filter((entry) => entry.action === "document.upload" && entry.targetId === stored.id)).toHaveLength(1)
  })
})
