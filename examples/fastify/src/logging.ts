/**
 * Request logging with ids only. Plans hold sensitive information about children, so a log line
 * carries the request id, method, route pattern, status and duration, and never URLs (their query
 * text), bodies, names or error messages (they can quote field text).
 */
import { type FastifyReply, type FastifyRequest, LogController } from "fastify"

/** The tag, code or class name of an error: enough to find it, never its message. */
export const errorNameOf = (error: unknown): string => {
  if (typeof error === "object" && error !== null) {
    const tagged = error as { readonly _tag?: unknown; readonly code?: unknown; readonly name?: unknown }
    for (const candidate of [tagged._tag, tagged.code, tagged.name]) if (typeof candidate === "string") return candidate
  }
  return "unknown"
}

/** Replaces Fastify's own request log lines, which include the URL, with id-only ones. */
export class IdsOnlyLogController extends LogController {
  override incomingRequest(): void {}

  override requestCompleted(error: Error | null | undefined, request: FastifyRequest, reply: FastifyReply): void {
    const line = {
      method: request.method,
      route: request.routeOptions.url ?? "(no route)",
      status: reply.statusCode,
      durationMs: Math.round(reply.elapsedTime)
    }
    if (error === null || error === undefined) reply.log.info(line, "request completed")
    else reply.log.error({ ...line, errorTag: errorNameOf(error) }, "request completed")
  }

  override defaultErrorLog(error: Error, _request: FastifyRequest, reply: FastifyReply): void {
    logCaughtError(reply, reply.statusCode, errorNameOf(error))
  }

  override streamError(error: Error, _request: FastifyRequest, reply: FastifyReply): void {
    reply.log.warn({ errorTag: errorNameOf(error) }, "response stream failed")
  }

  override routeNotFound(): void {}
}

/** Logs a caught error by its tag: 5xx at error level, rejected requests at info. */
export const logCaughtError = (reply: FastifyReply, status: number, tag: string): void => {
  if (status >= 500) reply.log.error({ errorTag: tag, status }, "request failed")
  else reply.log.info({ errorTag: tag, status }, "request rejected")
}
