/**
 * A pupil's legacy documents over HTTP: upload, list, download and delete under `/api`, the import
 * of a plan from an earlier system as text, and the download link and upload form of the plan
 * page. Uploads arrive as `multipart/form-data`. @fastify/multipart reads them with the file size
 * limit set, so a larger file is cut off while it streams in and rejected with 413. The services
 * then check what the bytes are.
 */
import fastifyMultipart from "@fastify/multipart"
import { InvalidInputError, type PersonId, type PlanId } from "@iupkit/core"
import { defaultRoutes } from "@iupkit/render-html"
import type { DocumentView, IupClient } from "@iupkit/services"
import { create as contentDisposition } from "content-disposition"
import type { FastifyInstance, FastifyPluginAsync, FastifyReply, FastifyRequest } from "fastify"
import { requireActor } from "./auth.js"
import { FileTooLargeError } from "./problems.js"
import * as Api from "./schemas.js"

/** Options of the document plugins. */
export interface DocumentRoutesOptions {
  readonly iup: IupClient
  /** Largest accepted file in bytes; set it to the services' `maxDocumentBytes`. */
  readonly maxDocumentBytes: number
}

interface UploadedFile {
  readonly fileName: string
  readonly bytes: Buffer
}

/**
 * A multipart body as the upload handlers read it. `_csrf` sits at the top level because
 * @fastify/csrf-protection reads the token from `request.body._csrf`.
 */
interface UploadBody {
  readonly _csrf: string | undefined
  readonly fields: ReadonlyMap<string, string>
  readonly file: UploadedFile | undefined
}

// The upload form sends a CSRF token, a title and a date besides the one file.
const partLimits = { fields: 10, fieldSize: 64 * 1024, files: 1, parts: 11, headerPairs: 100 }

const isFileTooLarge = (error: unknown): boolean =>
  typeof error === "object" && error !== null && "code" in error && error.code === "FST_REQ_FILE_TOO_LARGE"

/**
 * Registers the multipart parser and a hook that reads a multipart body into an
 * {@link UploadBody}. Call it inside an encapsulated plugin, so only that plugin's routes accept
 * multipart bodies.
 */
const acceptUploads = async (fastify: FastifyInstance, maxDocumentBytes: number): Promise<void> => {
  await fastify.register(fastifyMultipart, { limits: { ...partLimits, fileSize: maxDocumentBytes } })
  fastify.addHook("preValidation", async (request) => {
    if (!request.isMultipart()) return
    const fields = new Map<string, string>()
    let file: UploadedFile | undefined
    try {
      for await (const part of request.parts()) {
        if (part.type === "file") {
          file = { fileName: part.filename, bytes: await part.toBuffer() }
        } else {
          fields.set(part.fieldname, String(part.value))
        }
      }
    } catch (error) {
      throw uploadError(error, maxDocumentBytes)
    }
    request.body = { _csrf: fields.get("_csrf"), fields, file } satisfies UploadBody
  })
}

/**
 * Maps an error of reading a multipart body: the file size limit to {@link FileTooLargeError};
 * busboy's errors about a malformed body, which carry no status, to 400.
 */
const uploadError = (error: unknown, maxDocumentBytes: number): unknown => {
  if (isFileTooLarge(error)) return new FileTooLargeError(maxDocumentBytes)
  if (typeof error === "object" && error !== null && "statusCode" in error) return error
  return Object.assign(new Error(`Malformed multipart body: ${String(error)}`), { statusCode: 400, code: "MALFORMED_MULTIPART" })
}

/** The upload of a request, or invalid input when it carries no file. */
const uploadOf = (request: FastifyRequest): { readonly fields: ReadonlyMap<string, string>; readonly file: UploadedFile } => {
  const body = request.isMultipart() ? (request.body as UploadBody | undefined) : undefined
  if (body?.file === undefined) {
    throw InvalidInputError.of("file", undefined, "is missing: send the document as the file of a multipart/form-data body")
  }
  return { fields: body.fields, file: body.file }
}

/**
 * Undoes the escapes browsers write into a multipart file name: the HTML standard's
 * multipart/form-data encoding turns LF, CR and `"` into `%0A`, `%0D` and `%22`.
 * NOTE: the encoding leaves `%` itself as it is, so a name that really contained `%22` is read
 * as one with a quote.
 */
const browserFileName = (name: string): string =>
  name.replace(/%(0A|0D|22)/gi, (_escape, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)))

/** Builds the service's upload request from a multipart body: `title`, optional `documentDate` and the file. */
const uploadRequest = (pupilId: string, request: FastifyRequest) => {
  const { fields, file } = uploadOf(request)
  const documentDate = fields.get("documentDate") ?? ""
  return {
    pupilId,
    title: fields.get("title") ?? "",
    fileName: browserFileName(file.fileName),
    bytes: file.bytes,
    documentDate: documentDate === "" ? null : documentDate
  }
}

/**
 * Sends a document as a download: the media type the services recognised from its content, and
 * its file name as an RFC 6266 attachment with an ASCII fallback and the full name per RFC 5987.
 */
const sendDocument = (
  reply: FastifyReply,
  download: { readonly document: DocumentView; readonly bytes: Uint8Array }
): FastifyReply =>
  reply
    .type(download.document.mediaType)
    .header("content-disposition", contentDisposition(download.document.fileName))
    .header("x-content-type-options", "nosniff")
    .header("cache-control", "no-store")
    .send(Buffer.from(download.bytes.buffer, download.bytes.byteOffset, download.bytes.byteLength))

const actorOf = (request: FastifyRequest): { readonly personId: PersonId } => ({ personId: requireActor(request).personId })

/** The upload body in the OpenAPI document. */
const uploadContent = {
  "multipart/form-data": {
    schema: {
      type: "object",
      required: ["title", "file"],
      properties: {
        title: { type: "string", minLength: 1, maxLength: 200 },
        documentDate: { type: "string", format: "date", description: "The date the document was written, YYYY-MM-DD; may be empty" },
        file: { type: "string", contentMediaType: "application/octet-stream", description: "A PDF, DOC or DOCX file, recognised by its content" }
      }
    }
  }
}

/** A downloaded file in the OpenAPI document. */
const documentContent = Object.fromEntries(
  ["application/pdf", "application/msword", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"].map(
    (mediaType) => [mediaType, { schema: { type: "string", contentMediaType: mediaType } }]
  )
)

/**
 * Registers the document routes of the JSON API. Register it inside the API plugin, so that sign-in,
 * CSRF for session cookies, Schema decoding and JSON errors apply. A cookie-authenticated upload
 * sends its CSRF token in the `X-CSRF-Token` header, because the API checks the token before it
 * reads a multipart body.
 */
export const documentApiPlugin: FastifyPluginAsync<DocumentRoutesOptions> = async (fastify, options) => {
  const { iup } = options
  await acceptUploads(fastify, options.maxDocumentBytes)

  fastify.route({
    method: "POST",
    url: "/pupils/:pupilId/documents",
    schema: { params: Api.PupilParams },
    config: { summary: "Upload a PDF, DOC or DOCX document for a pupil", requestContent: uploadContent },
    handler: async (request, reply) => {
      const { pupilId } = request.params as { readonly pupilId: string }
      return reply.status(201).send(await iup.documents.upload(actorOf(request), uploadRequest(pupilId, request)))
    }
  })
  fastify.route({
    method: "GET",
    url: "/pupils/:pupilId/documents",
    schema: { params: Api.PupilParams },
    config: { summary: "A pupil's documents, newest first" },
    handler: async (request) => {
      const { pupilId } = request.params as { readonly pupilId: string }
      return iup.documents.list(actorOf(request), pupilId)
    }
  })
  fastify.route({
    method: "GET",
    url: "/documents/:documentId",
    schema: { params: Api.DocumentParams },
    config: { summary: "Download a document as an attachment", responseContent: documentContent },
    handler: async (request, reply) => {
      const { documentId } = request.params as { readonly documentId: string }
      return sendDocument(reply, await iup.documents.download(actorOf(request), documentId))
    }
  })
  fastify.route({
    method: "DELETE",
    url: "/documents/:documentId",
    schema: { params: Api.DocumentParams },
    config: { summary: "Delete a document" },
    handler: async (request, reply) => {
      const { documentId } = request.params as { readonly documentId: string }
      await iup.documents.delete(actorOf(request), documentId)
      return reply.send(null)
    }
  })
  fastify.route({
    method: "POST",
    url: "/pupils/:pupilId/imported-plans",
    schema: { params: Api.PupilParams, body: Api.ImportPlanBody },
    config: { summary: "Import a plan from an earlier system as text: it becomes a published, dated plan" },
    handler: async (request, reply) => {
      const { pupilId } = request.params as { readonly pupilId: string }
      const body = request.body as typeof Api.ImportPlanBody.Type
      const imported = await iup.documents.importPlan(actorOf(request), {
        pupilId,
        title: body.title,
        date: body.date,
        content: { _tag: "text", text: body.text }
      })
      return reply.status(201).send(imported)
    }
  })
}

/**
 * Registers what the plan page links and posts to: the download of a document and the upload form,
 * which redirects back to the plan named in its `planId` field. The form's CSRF token is its
 * `_csrf` field.
 */
export const documentPagesPlugin: FastifyPluginAsync<DocumentRoutesOptions> = async (fastify, options) => {
  const { iup } = options
  // Signing in comes before the body is read, so an anonymous upload is never parsed.
  fastify.addHook("onRequest", async (request) => {
    requireActor(request)
  })
  await acceptUploads(fastify, options.maxDocumentBytes)

  fastify.get("/documents/:documentId", async (request, reply) => {
    const { documentId } = request.params as { readonly documentId: string }
    return sendDocument(reply, await iup.documents.download(actorOf(request), documentId))
  })
  fastify.post("/pupils/:pupilId/documents", { preHandler: fastify.csrfProtection }, async (request, reply) => {
    const { pupilId } = request.params as { readonly pupilId: string }
    await iup.documents.upload(actorOf(request), uploadRequest(pupilId, request))
    // The form names the plan page it came from; `plan` encodes the id as one path segment.
    const planId = uploadOf(request).fields.get("planId") ?? ""
    const back = planId === "" ? defaultRoutes.pupilPlans(pupilId as PersonId) : defaultRoutes.plan(planId as PlanId)
    return reply.redirect(back, 303)
  })
}
