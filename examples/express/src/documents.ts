/**
 * A pupil's legacy documents over HTTP: upload, list, download and delete under `/api`, the import
 * of a plan from an earlier system as text, and the download link and upload form of the plan
 * page. Uploads arrive as `multipart/form-data`. multer reads them into memory with the file size
 * limit set, so a larger file is cut off while it streams in and rejected with 413. The services
 * then check what the bytes are.
 */
import { InvalidInputError, type PersonId, type PlanId } from "@iupkit/core"
import { defaultRoutes } from "@iupkit/render-html"
import type { DocumentView, IupClient } from "@iupkit/services"
import { JSONSchema, type Schema } from "effect"
import { type Request, type RequestHandler, type Response, Router } from "express"
import multer, { MulterError } from "multer"
import type { ApiRoute } from "./api.js"
import { requireActor } from "./auth.js"
import { errorDescription } from "./openapi.js"
import { FileTooLargeError } from "./problems.js"
import * as Api from "./schemas.js"

/** What the document routes need from the app. */
export interface DocumentRoutesOptions {
  readonly iup: IupClient
  /** Largest accepted file in bytes; set it to the services' `maxDocumentBytes`. */
  readonly maxDocumentBytes: number
  /** The app's CSRF middleware, which reads the token from `req.body._csrf` or the `X-CSRF-Token` header. */
  readonly csrfProtection: RequestHandler
  /** Whether a request carries a valid CSRF token, checked the same way as `csrfProtection`. */
  readonly hasValidCsrfToken: (req: Request) => boolean
}

// The upload form sends a CSRF token, a title and a date besides the one file.
const partLimits = { fields: 10, fieldSize: 64 * 1024, files: 1, parts: 11, headerPairs: 100 }

/**
 * Reads a multipart body: the fields into `req.body` and the file named `file` into `req.file`.
 * The app's CSRF middleware runs before the body is parsed, so it cannot see a form's token, and
 * these routes are mounted before it. The token is therefore checked here: before any file is read,
 * from the fields that came first (the upload form sends `_csrf` first), and again after the body,
 * for a form without a file.
 */
const readUpload = (options: DocumentRoutesOptions): ReadonlyArray<RequestHandler> => {
  const parse = multer({
    storage: multer.memoryStorage(),
    // Browsers send file names as raw UTF-8; busboy's default would read them as Latin-1.
    defParamCharset: "utf8",
    limits: { ...partLimits, fileSize: options.maxDocumentBytes },
    fileFilter: (req, _file, accept) => {
      if (req.actor?.via === "session" && !options.hasValidCsrfToken(req)) {
        accept(Object.assign(new Error("Missing or invalid CSRF token"), { code: "EBADCSRFTOKEN" }))
      } else accept(null, true)
    }
  }).single("file")
  return [
    // Signing in comes before the body is read, so an anonymous upload is never parsed.
    (req, _res, next) => {
      requireActor(req)
      next()
    },
    (req, res, next) => {
      parse(req, res, (error: unknown) => {
        if (error === undefined) return next()
        if (error instanceof MulterError && error.code === "LIMIT_FILE_SIZE") return next(new FileTooLargeError(options.maxDocumentBytes))
        const known = error instanceof MulterError || (typeof error === "object" && error !== null && "code" in error && error.code === "EBADCSRFTOKEN")
        // Anything else comes from busboy reading a malformed body: the client's error.
        next(known ? error : Object.assign(new Error(`Malformed multipart body: ${String(error)}`), { status: 400, expose: true }))
      })
    },
    options.csrfProtection
  ]
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
const uploadRequest = (pupilId: string, req: Request) => {
  if (req.file === undefined) {
    throw InvalidInputError.of("file", undefined, "is missing: send the document as the field \"file\" of a multipart/form-data body")
  }
  const fields = (req.body ?? {}) as Readonly<Record<string, unknown>>
  const text = (name: string): string => (typeof fields[name] === "string" ? fields[name] : "")
  return {
    pupilId,
    title: text("title"),
    fileName: browserFileName(req.file.originalname),
    bytes: req.file.buffer,
    documentDate: text("documentDate") === "" ? null : text("documentDate")
  }
}

/**
 * Sends a document as a download: the media type the services recognised from its content, and
 * its file name as an RFC 6266 attachment with an ASCII fallback and the full name per RFC 5987.
 */
const sendDocument = (res: Response, download: { readonly document: DocumentView; readonly bytes: Uint8Array }): void => {
  // `attachment` also guesses a type from the name, so the stored type is set after it.
  res.attachment(download.document.fileName)
  res.type(download.document.mediaType)
  res.set({ "x-content-type-options": "nosniff", "cache-control": "no-store" })
  res.send(Buffer.from(download.bytes.buffer, download.bytes.byteOffset, download.bytes.byteLength))
}

// The handlers follow spread middleware, which hides the path's parameter names from the types.
const param = (req: Request, name: string): string => String(req.params[name] ?? "")

const actorOf = (req: Request): { readonly personId: PersonId } => ({ personId: requireActor(req).personId })

/**
 * Builds the router of uploads and downloads: under `/api` for API clients, and the plan page's
 * download links and upload form, which redirects back to the plan named in its `planId` field. Mount it after sign-in and before the app's CSRF middleware;
 * `before` runs first on every route.
 */
export const documentsRouter = (options: DocumentRoutesOptions, ...before: ReadonlyArray<RequestHandler>): Router => {
  const { iup } = options
  const router = Router()
  const upload = readUpload(options)

  router.post("/api/pupils/:pupilId/documents", ...before, ...upload, async (req, res) => {
    res.status(201).json(await iup.documents.upload(actorOf(req), uploadRequest(param(req, "pupilId"), req)))
  })
  router.get("/api/documents/:documentId", ...before, async (req, res) => {
    sendDocument(res, await iup.documents.download(actorOf(req), param(req, "documentId")))
  })

  router.get("/documents/:documentId", ...before, async (req, res) => {
    sendDocument(res, await iup.documents.download(actorOf(req), param(req, "documentId")))
  })
  router.post("/pupils/:pupilId/documents", ...before, ...upload, async (req, res) => {
    const pupilId = param(req, "pupilId")
    await iup.documents.upload(actorOf(req), uploadRequest(pupilId, req))
    // The form names the plan page it came from; `plan` encodes the id as one path segment.
    const planId: unknown = req.body?.planId
    const back = typeof planId === "string" && planId !== "" ? defaultRoutes.plan(planId as PlanId) : defaultRoutes.pupilPlans(pupilId as PersonId)
    res.redirect(303, back)
  })
  return router
}

/** The JSON routes of documents, for the API's route table; paths relative to `/api`. */
export const documentApiRoutes = (iup: IupClient): ReadonlyArray<ApiRoute> => [
  {
    method: "get",
    path: "/pupils/:pupilId/documents",
    summary: "A pupil's documents, newest first",
    params: Api.PupilParams,
    run: ({ actor, params }) => iup.documents.list(actor, params.pupilId)
  },
  {
    method: "delete",
    path: "/documents/:documentId",
    summary: "Delete a document",
    params: Api.DocumentParams,
    run: ({ actor, params }) => iup.documents.delete(actor, params.documentId)
  },
  {
    method: "post",
    path: "/pupils/:pupilId/imported-plans",
    summary: "Import a plan from an earlier system as text: it becomes a published, dated plan",
    params: Api.PupilParams,
    body: Api.ImportPlanBody,
    status: 201,
    run: ({ actor, params, body }) =>
      iup.documents.importPlan(actor, { pupilId: params.pupilId, title: body.title, date: body.date, content: { _tag: "text", text: body.text } })
  }
]

const pathParameters = (schema: Schema.Schema<any, any, never>) => {
  const json = JSONSchema.make(schema, { target: "openApi3.1" }) as { readonly properties?: Record<string, unknown> }
  return Object.entries(json.properties ?? {}).map(([name, parameter]) => ({ name, in: "path", required: true, schema: parameter }))
}

const errorResponse = { description: errorDescription, content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } } }

const documentMediaTypes = [
  "application/pdf",
  "application/msword",
  "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
]

/** The upload and download in the OpenAPI document, which the route table describes only as JSON. */
export const documentOperations = {
  "/api/pupils/{pupilId}/documents": {
    post: {
      summary: "Upload a PDF, DOC or DOCX document for a pupil",
      parameters: pathParameters(Api.PupilParams),
      requestBody: {
        required: true,
        content: {
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
      },
      security: [{ bearer: [] }],
      responses: { "201": { description: "The stored document" }, default: errorResponse }
    }
  },
  "/api/documents/{documentId}": {
    get: {
      summary: "Download a document as an attachment",
      parameters: pathParameters(Api.DocumentParams),
      security: [{ bearer: [] }],
      responses: {
        "200": {
          description: "The document's bytes",
          content: Object.fromEntries(documentMediaTypes.map((mediaType) => [mediaType, { schema: { type: "string", contentMediaType: mediaType } }]))
        },
        default: errorResponse
      }
    }
  }
}
