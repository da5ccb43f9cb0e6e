// How long to wait before retrying a request. Pure, so the rules are tested without a clock.

/** Whether a status is worth retrying: rate limiting and server-side failures. */
export const isRetryableStatus = (status: number): boolean => status === 429 || status >= 500

/**
 * Parses a Retry-After header (delay in seconds, or an HTTP date) into milliseconds from `nowMillis`;
 * undefined when absent or unreadable.
 */
export const parseRetryAfter = (header: string | undefined, nowMillis: number): number | undefined => {
  if (header === undefined) return undefined
  const text = header.trim()
  if (/^\d+$/.test(text)) return Number(text) * 1000
  const date = Date.parse(text)
  if (Number.isNaN(date)) return undefined
  return Math.max(0, date - nowMillis)
}

/**
 * The delay before retry number `attempt` (1 for the first retry): the server's Retry-After when
 * it gives one, else exponential backoff from `baseMillis`, both capped at `maxMillis`.
 */
export const retryDelayMillis = (options: {
  readonly attempt: number
  readonly retryAfter: string | undefined
  readonly nowMillis: number
  readonly baseMillis: number
  readonly maxMillis: number
}): number => {
  const requested = parseRetryAfter(options.retryAfter, options.nowMillis)
  const backoff = options.baseMillis * 2 ** (options.attempt - 1)
  return Math.min(options.maxMillis, requested ?? backoff)
}
