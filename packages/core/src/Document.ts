/**
 * Legacy documents: plans from an earlier IUP tool and PDF or Word files uploaded from a computer,
 * kept with the pupil and listed below its plans. Only PDF, DOC and DOCX are accepted, checked by
 * content rather than by file name.
 *
 * @since 0.1.0
 */
import { Schema } from "effect"
import { DocumentId, PersonId } from "./Ids.js"
import { LocalDate } from "./LocalDate.js"
import { Title } from "./Text.js"
import { Instant } from "./Time.js"

/**
 * Media types a legacy document may have.
 *
 * @category documents
 * @since 0.1.0
 */
export const DocumentMediaType = Schema.Literal(
  "application/pdf",
  "application/msword",
  "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
)
/** @category documents */
export type DocumentMediaType = typeof DocumentMediaType.Type

/**
 * Default maximum size of an upload: 20 MB.
 *
 * @category documents
 * @since 0.1.0
 */
export const defaultMaxDocumentBytes = 20 * 1024 * 1024

/**
 * Metadata of a stored legacy document; the bytes live in the blob store under `id`.
 *
 * @category documents
 * @since 0.1.0
 */
export const LegacyDocument = Schema.Struct({
  id: DocumentId,
  pupilId: PersonId,
  title: Title,
  fileName: Title,
  mediaType: DocumentMediaType,
  byteSize: Schema.Int.pipe(Schema.positive()),
  /** The date the document is about, such as an imported plan's date. */
  documentDate: Schema.NullOr(LocalDate),
  source: Schema.Literal("upload", "import"),
  uploadedBy: PersonId,
  uploadedAt: Instant
})
/** @category documents */
export type LegacyDocument = typeof LegacyDocument.Type
