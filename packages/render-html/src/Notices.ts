/**
 * The short confirmation a page shows after a successful form post. A host redirects (303) to the
 * page with `notice` and `count` query keys, and the page shows the catalogue's sentence for them.
 * The query names a sentence and never carries text, so a crafted link cannot put words on a page.
 *
 * @since 0.1.0
 */

/**
 * Every confirmation a page can show.
 *
 * @category notices
 * @since 0.1.0
 */
export const noticeKinds = [
  "planSaved",
  "planPublished",
  "plansPublished",
  "planDeleted",
  "plansCreated",
  "levelsSet",
  "assessmentCreated",
  "assessmentSaved",
  "assessmentDeleted"
] as const

/**
 * @category notices
 * @since 0.1.0
 */
export type NoticeKind = (typeof noticeKinds)[number]

/**
 * A confirmation and the number it states, such as how many plans were created; 0 when it states none.
 *
 * @category notices
 * @since 0.1.0
 */
export interface PageNotice {
  readonly kind: NoticeKind
  readonly count: number
}

const isNoticeKind = (value: unknown): value is NoticeKind => noticeKinds.some((kind) => kind === value)

/**
 * Reads the notice from a page request's query, or undefined when the query names none or an
 * unknown one. A count that is not a whole number from 0 to 100,000 drops the notice.
 *
 * @category notices
 * @since 0.1.0
 */
export const noticeFromQuery = (query: Readonly<Record<string, unknown>> | undefined): PageNotice | undefined => {
  const kind = query?.notice
  if (!isNoticeKind(kind)) return undefined
  const countText = query?.count ?? "0"
  if (typeof countText !== "string" || !/^\d{1,6}$/.test(countText)) return undefined
  const count = Number(countText)
  return count > 100_000 ? undefined : { kind, count }
}

/**
 * Adds a notice to the address a form post redirects to.
 *
 * @category notices
 * @since 0.1.0
 */
export const withNotice = (location: string, kind: NoticeKind, count = 0): string => {
  const query = new URLSearchParams({ notice: kind, ...(count === 0 ? {} : { count: String(count) }) })
  return `${location}${location.includes("?") ? "&" : "?"}${query.toString()}`
}
