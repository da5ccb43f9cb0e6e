/**
 * Hostile uploads on a SQLite file: each is rejected with a message naming the file and the rule,
 * and nothing is stored (the database has no new commit and the pupil's document list is
 * unchanged). The files are built here, byte by byte.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { zip } from "../../packages/services/test/files.js"
import { type RunningStack, startStack } from "./support/hosts.js"
import { minimalPdf, seedSchool } from "./support/seed.js"
import { people } from "./support/world.js"

const as = (personId: string) => ({ personId }) as never

const pngHeader = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 1, 0, 0, 0, 1, 8, 2, 0, 0, 0, 0x90, 0x77, 0x53, 0xde])

const contentTypes = Buffer.from(
  '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
    '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'
)

// 300 MB of spaces deflate to about 300 kB: far past both the unpacked size and ratio limits.
const docxBomb = () =>
  Buffer.from(
  zip([
    { name: "[Content_Types].xml", content: contentTypes },
    { name: "word/document.xml", content: Buffer.alloc(300 * 1024 * 1024, " ") }
  ]))

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
