/**
 * Export and print selections. One export holds at most 100 plans; larger selections are
 * rejected, and the SDK offers to split them into batches of 100. Pupils with a protection
 * marking are left out of bulk exports unless the request names them.
 *
 * @since 0.1.0
 */
import { Either } from "effect"
import { ExportLimitExceededError } from "./Errors.js"
import type { PersonId } from "./Ids.js"
import type { Protection } from "./Roster.js"

/**
 * Maximum plans in one export or print.
 *
 * @category export
 * @since 0.1.0
 */
export const exportLimit = 100

/**
 * Accepts a selection of at most {@link exportLimit} items.
 *
 * @category export
 * @since 0.1.0
 */
export const checkExportSize = <A>(
  selection: ReadonlyArray<A>,
  limit: number = exportLimit
): Either.Either<ReadonlyArray<A>, ExportLimitExceededError> =>
  selection.length <= limit
    ? Either.right(selection)
    : Either.left(new ExportLimitExceededError({ requested: selection.length, limit }))

/**
 * Splits a selection into consecutive batches of at most `size`, keeping the order; every item
 * lands in exactly one batch.
 *
 * @category export
 * @since 0.1.0
 */
export const exportBatches = <A>(selection: ReadonlyArray<A>, size: number = exportLimit): ReadonlyArray<ReadonlyArray<A>> => {
  if (!Number.isInteger(size) || size < 1) throw new RangeError(`Batch size must be a positive whole number (got ${size})`)
  const batches: Array<ReadonlyArray<A>> = []
  for (let start = 0; start < selection.length; start += size) batches.push(selection.slice(start, start + size))
  return batches
}

/**
 * Leaves out the plans of pupils with a protection marking unless the request names the pupil.
 * Returns what stays and how many were left out; names of left-out pupils are not returned, so
 * they cannot reach a log.
 *
 * @category export
 * @since 0.1.0
 */
export const excludeProtectedPupils = <A extends { readonly pupilId: PersonId }>(
  selection: ReadonlyArray<A>,
  protectionOf: (pupilId: PersonId) => Protection,
  includedProtectedPupilIds: ReadonlySet<PersonId>
): { readonly included: ReadonlyArray<A>; readonly leftOutCount: number } => {
  const included = selection.filter(
    (item) => protectionOf(item.pupilId) === "none" || includedProtectedPupilIds.has(item.pupilId)
  )
  return { included, leftOutCount: selection.length - included.length }
}
