/**
 * An HTTP client for an SS 12000 v2.1 API: bearer token, paging with `pageToken`, `expand`,
 * incremental reads with `meta.modified.after`, the deleted-entities endpoint, a timeout per
 * request and retries with backoff on 429 (honouring Retry-After) and 5xx.
 *
 * It is built on @effect/platform's HttpClient, so a host chooses the transport: {@link layerFetchClient}
 * uses the fetch of Node 20 and later; {@link layerClient} takes any HttpClient the host provides (with a
 * proxy or custom TLS, for instance). A timed-out request is interrupted, which aborts the fetch.
 *
 * @since 0.1.0
 */
import { InvalidInputError, shortenValue } from "@iupkit/core"
import { FetchHttpClient, HttpClient, HttpClientRequest } from "@effect/platform"
import { Clock, Context, Duration, Effect, Either, Layer, Redacted } from "effect"
import {
  type Ss12000Error,
  Ss12000HttpError,
  Ss12000PagingError,
  Ss12000PayloadError,
  Ss12000TimeoutError,
  Ss12000TransportError
} from "./Errors.js"
import { decodeDeletedPage, decodePage } from "./internal/decode.js"
import { isRetryableStatus, retryDelayMillis } from "./internal/retry.js"
import { type DeletedIds, type EntityKind, type EntityOf, entityKinds, objectTypeOf } from "./Model.js"

/**
 * Settings of the client. Durations accept effect's forms, such as `"30 seconds"` or a number of
 * milliseconds.
 *
 * @category client
 * @since 0.1.0
 */
export interface Ss12000ClientConfig {
  /** Base URL of the API including its version, such as https://sis.example.se/ss12000/v2.0. */
  readonly baseUrl: string
  /** The bearer token, or an effect that returns a current one before each request (for tokens that expire). */
  readonly token: Redacted.Redacted<string> | Effect.Effect<Redacted.Redacted<string>>
  /** Objects per page, sent as `limit`. Default 500. */
  readonly pageSize?: number
  /** Time allowed for one request, response body included. Default 30 seconds. */
  readonly timeout?: Duration.DurationInput
  /** Retries after a 429, a 5xx, a timeout or a broken connection. Default 5. */
  readonly maxRetries?: number
  /** First backoff delay; each further retry doubles it. Default 1 second. */
  readonly retryBaseDelay?: Duration.DurationInput
  /** Longest wait before a retry, also for a server's Retry-After. Default 60 seconds. */
  readonly maxRetryDelay?: Duration.DurationInput
  /** Most pages read from one list before giving up. Default 10,000. */
  readonly maxPages?: number
}

/**
 * Options of one list read.
 *
 * @category client
 * @since 0.1.0
 */
export interface ListOptions {
  /** Only objects modified after this RFC 3339 instant (exclusive), for incremental sync. */
  readonly modifiedAfter?: string
  /** Related objects to embed under `_embedded`, such as `["responsibleFor"]` on /persons. */
  readonly expand?: ReadonlyArray<string>
}

/**
 * The SS 12000 API as the importer uses it.
 *
 * @category client
 * @since 0.1.0
 */
export interface Ss12000ClientService {
  /** Reads every page of a list endpoint. */
  readonly list: <K extends EntityKind>(kind: K, options?: ListOptions) => Effect.Effect<ReadonlyArray<EntityOf[K]>, Ss12000Error>
  /** Reads the ids of objects removed after an RFC 3339 instant, for the given endpoints. */
  readonly deletedEntities: (after: string, kinds?: ReadonlyArray<EntityKind>) => Effect.Effect<DeletedIds, Ss12000Error>
}

/**
 * Tag of the SS 12000 client.
 *
 * @category client
 * @since 0.1.0
 */
export class Ss12000Client extends Context.Tag("iupkit/Ss12000Client")<Ss12000Client, Ss12000ClientService>() {}

type Params = ReadonlyArray<readonly [string, string]>

// Why one attempt failed; the retry loop decides whether to try again.
type AttemptFailure =
  | { readonly _tag: "Status"; readonly status: number; readonly body: string; readonly retryAfter: string | undefined }
  | { readonly _tag: "Timeout" }
  | { readonly _tag: "Transport"; readonly reason: string }
  | { readonly _tag: "Payload"; readonly error: Ss12000PayloadError }

const isRetryable = (failure: AttemptFailure): boolean =>
  failure._tag === "Status" ? isRetryableStatus(failure.status) : failure._tag !== "Payload"

const validateConfig = (config: Ss12000ClientConfig): Effect.Effect<URL, InvalidInputError> => {
  let url: URL
  try {
    url = new URL(config.baseUrl)
  } catch {
    return Effect.fail(InvalidInputError.of("baseUrl", config.baseUrl, "must be an absolute http or https URL"))
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    return Effect.fail(InvalidInputError.of("baseUrl", config.baseUrl, "must be an absolute http or https URL"))
  }
  if (url.search !== "" || url.hash !== "") {
    return Effect.fail(InvalidInputError.of("baseUrl", config.baseUrl, "must not contain a query or a fragment; the client adds its own query"))
  }
  for (const [field, value] of [["pageSize", config.pageSize], ["maxRetries", config.maxRetries], ["maxPages", config.maxPages]] as const) {
    const min = field === "maxRetries" ? 0 : 1
    if (value !== undefined && (!Number.isInteger(value) || value < min)) {
      return Effect.fail(InvalidInputError.of(field, value, `must be a whole number of at least ${min}`))
    }
  }
  return Effect.succeed(url)
}

/**
 * Builds a client from its settings, using the HttpClient in the context.
 *
 * @category client
 * @since 0.1.0
 */
export const makeClient = (config: Ss12000ClientConfig): Effect.Effect<Ss12000ClientService, InvalidInputError, HttpClient.HttpClient> =>
  Effect.gen(function*() {
    const base = yield* validateConfig(config)
    const http = yield* HttpClient.HttpClient
    const basePath = base.href.replace(/\/+$/, "")
    const pageSize = config.pageSize ?? 500
    const timeout = Duration.decode(config.timeout ?? "30 seconds")
    const maxRetries = config.maxRetries ?? 5
    const baseDelay = Duration.toMillis(config.retryBaseDelay ?? "1 second")
    const maxDelay = Duration.toMillis(config.maxRetryDelay ?? "60 seconds")
    const maxPages = config.maxPages ?? 10_000
    const token: Effect.Effect<Redacted.Redacted<string>> = Redacted.isRedacted(config.token)
      ? Effect.succeed(config.token)
      : config.token

    const attempt = (path: string, params: Params, endpoint: string): Effect.Effect<unknown, AttemptFailure> =>
      Effect.gen(function*() {
        const request = HttpClientRequest.get(`${basePath}${path}`).pipe(
          HttpClientRequest.setUrlParams(params),
          HttpClientRequest.bearerToken(yield* token),
          HttpClientRequest.acceptJson
        )
        const transport = (error: { readonly message: string }): AttemptFailure => ({ _tag: "Transport", reason: error.message })
        const response = yield* Effect.mapError(http.execute(request), transport)
        if (response.status < 200 || response.status >= 300) {
          const body = yield* Effect.orElseSucceed(response.text, () => "")
          return yield* Effect.fail<AttemptFailure>({
            _tag: "Status",
            status: response.status,
            body: shortenValue(body, 200),
            retryAfter: response.headers["retry-after"]
          })
        }
        const text = yield* Effect.mapError(response.text, transport)
        try {
          return JSON.parse(text) as unknown
        } catch {
          return yield* Effect.fail<AttemptFailure>({
            _tag: "Payload",
            error: new Ss12000PayloadError({ source: endpoint, path: "$", value: shortenValue(text), rule: "is not JSON", expected: "a JSON body" })
          })
        }
      }).pipe(Effect.timeoutFail({ duration: timeout, onTimeout: (): AttemptFailure => ({ _tag: "Timeout" }) }))

    const finalError = (failure: AttemptFailure, endpoint: string, attempts: number): Ss12000Error => {
      switch (failure._tag) {
        case "Status":
          return new Ss12000HttpError({ endpoint, status: failure.status, attempts, body: failure.body })
        case "Timeout":
          return new Ss12000TimeoutError({ endpoint, timeoutMillis: Duration.toMillis(timeout), attempts })
        case "Transport":
          return new Ss12000TransportError({ endpoint, reason: failure.reason, attempts })
        case "Payload":
          return failure.error
      }
    }

    const getJson = (path: string, params: Params, endpoint: string): Effect.Effect<unknown, Ss12000Error> =>
      Effect.gen(function*() {
        for (let number = 1; ; number++) {
          const outcome = yield* Effect.either(attempt(path, params, endpoint))
          if (Either.isRight(outcome)) return outcome.right
          const failure = outcome.left
          if (!isRetryable(failure) || number > maxRetries) return yield* Effect.fail(finalError(failure, endpoint, number))
          const delay = retryDelayMillis({
            attempt: number,
            retryAfter: failure._tag === "Status" ? failure.retryAfter : undefined,
            nowMillis: yield* Clock.currentTimeMillis,
            baseMillis: baseDelay,
            maxMillis: maxDelay
          })
          yield* Effect.logWarning("SS 12000 request failed; retrying").pipe(
            Effect.annotateLogs({
              endpoint,
              failure: failure._tag === "Status" ? `status ${failure.status}` : failure._tag,
              attempt: number,
              delayMillis: delay
            })
          )
          yield* Effect.sleep(Duration.millis(delay))
        }
      })

    // Walks the pages. A page token is not combined with the first request's filters, as the
    // specification requires; only `limit` travels with it.
    const pages = <A>(
      path: string,
      firstParams: Params,
      decode: (body: unknown, source: string) => Either.Either<{ readonly items: A; readonly pageToken: string | null }, Ss12000PayloadError>
    ): Effect.Effect<ReadonlyArray<A>, Ss12000Error> =>
      Effect.gen(function*() {
        const results: Array<A> = []
        const seen = new Set<string>()
        let pageToken: string | null = null
        for (let page = 1; page <= maxPages; page++) {
          const params: Params = pageToken === null
            ? [...firstParams, ["limit", String(pageSize)]]
            : [["pageToken", pageToken], ["limit", String(pageSize)]]
          const endpoint = `GET ${path} (page ${page})`
          const body = yield* getJson(path, params, endpoint)
          const decoded = decode(body, endpoint)
          if (Either.isLeft(decoded)) return yield* Effect.fail(decoded.left)
          results.push(decoded.right.items)
          if (decoded.right.pageToken === null) return results
          if (seen.has(decoded.right.pageToken)) {
            return yield* Effect.fail(new Ss12000PagingError({ endpoint, reason: "the server returned a page token it had already returned" }))
          }
          seen.add(decoded.right.pageToken)
          pageToken = decoded.right.pageToken
        }
        return yield* Effect.fail(
          new Ss12000PagingError({ endpoint: `GET ${path}`, reason: `more than ${maxPages} pages; raise maxPages or pageSize` })
        )
      })

    const list = <K extends EntityKind>(kind: K, options: ListOptions = {}) => {
      const params: Array<readonly [string, string]> = []
      if (options.modifiedAfter !== undefined) params.push(["meta.modified.after", options.modifiedAfter])
      for (const name of options.expand ?? []) params.push(["expand", name])
      return pages(`/${kind}`, params, (body, source) => decodePage(kind, body, source)).pipe(
        Effect.map((chunks) => chunks.flat()),
        Effect.withSpan("Ss12000Client.list", { attributes: { kind } })
      )
    }

    const deletedEntities = (after: string, kinds: ReadonlyArray<EntityKind> = entityKinds) =>
      pages(
        "/deletedEntities",
        [["after", after], ...kinds.map((kind) => ["entities", objectTypeOf[kind]] as const)],
        (body, source) => Either.map(decodeDeletedPage(body, source), (page) => ({ items: page.ids, pageToken: page.pageToken }))
      ).pipe(
        Effect.map((chunks): DeletedIds => {
          const merged = (kind: EntityKind) => (kinds.includes(kind) ? chunks.flatMap((chunk) => chunk[kind]) : [])
          return {
            organisations: merged("organisations"),
            persons: merged("persons"),
            groups: merged("groups"),
            duties: merged("duties"),
            activities: merged("activities"),
            syllabuses: merged("syllabuses")
          }
        }),
        Effect.withSpan("Ss12000Client.deletedEntities")
      )

    return { list, deletedEntities }
  })

/**
 * A client layer that uses the HttpClient the host provides.
 *
 * @category client
 * @since 0.1.0
 */
export const layerClient = (config: Ss12000ClientConfig): Layer.Layer<Ss12000Client, InvalidInputError, HttpClient.HttpClient> =>
  Layer.effect(Ss12000Client, makeClient(config))

/**
 * A client layer on the global fetch (Node 20 or later).
 *
 * @category client
 * @since 0.1.0
 */
export const layerFetchClient = (config: Ss12000ClientConfig): Layer.Layer<Ss12000Client, InvalidInputError> =>
  layerClient(config).pipe(Layer.provide(FetchHttpClient.layer))
