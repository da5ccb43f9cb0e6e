import { describe, expect, it } from "@effect/vitest"
import { Effect, Fiber, Layer, Redacted, TestClock } from "effect"
import { parseRetryAfter, retryDelayMillis } from "../src/internal/retry.js"
import { layerClient, Ss12000Client } from "../src/index.js"
import { clientConfig, clientLayer, pupil, startMockServer, token } from "./support/school.js"
import { FetchHttpClient } from "@effect/platform"


// Waits in real time, because under the test clock Effect.sleep waits for TestClock.adjust.
const realPause = (millis: number) => Effect.promise(() => new Promise<void>((resolve) => setTimeout(resolve, millis)))

const waitUntil = (condition: () => boolean) =>
  Effect.gen(function*() {
    for (let round = 0; round < 500 && !condition(); round++) yield* realPause(10)
    expect(condition()).toBe(true)
  })

const listPersons = Effect.flatMap(Ss12000Client, (client) => client.list("persons"))

describe("retry delay", () => {
  it("uses Retry-After seconds", () => {
    expect(retryDelayMillis({ attempt: 1, retryAfter: "3", nowMillis: 0, baseMillis: 100, maxMillis: 60_000 })).toBe(3000)
  })

  it("uses a Retry-After date", () => {
    const now = Date.parse("2026-03-10T10:00:00Z")
    expect(parseRetryAfter("Tue, 10 Mar 2026 10:00:05 GMT", now)).toBe(5000)
    expect(parseRetryAfter("Tue, 10 Mar 2026 09:59:00 GMT", now)).toBe(0)
  })

  it("doubles the backoff per attempt", () => {
    const delays = [1, 2, 3, 4].map((attempt) =>
      retryDelayMillis({ attempt, retryAfter: undefined, nowMillis: 0, baseMillis: 100, maxMillis: 60_000 })
    )
    expect(delays).toEqual([100, 200, 400, 800])
  })

  it("caps waits at the maximum", () => {
    expect(retryDelayMillis({ attempt: 1, retryAfter: "3600", nowMillis: 0, baseMillis: 100, maxMillis: 60_000 })).toBe(60_000)
    expect(retryDelayMillis({ attempt: 20, retryAfter: undefined, nowMillis: 0, baseMillis: 100, maxMillis: 60_000 })).toBe(60_000)
  })

  it("ignores an unreadable Retry-After", () => {
    expect(parseRetryAfter("soon", 0)).toBeUndefined()
    expect(retryDelayMillis({ attempt: 2, retryAfter: "soon", nowMillis: 0, baseMillis: 100, maxMillis: 60_000 })).toBe(200)
  })
})

describe("client", () => {
  it.scopedLive("reads every page of a list", () =>
    Effect.gen(function*() {
      const server = yield* startMockServer
      const persons = yield* listPersons.pipe(Effect.provide(clientLayer(server.url)))
      expect(persons.map((person) => person.id)).toEqual(server.data.persons.map((person) => person.id))
      expect(server.requests.length).toBe(5)
    }))

  it.scopedLive("retries after 429 and 500", () =>
    Effect.gen(function*() {
      const server = yield* startMockServer
      server.fail("/persons", { status: 429, headers: { "retry-after": "0" } }, { status: 500 }, { status: 503 })
      const persons = yield* listPersons.pipe(Effect.provide(clientLayer(server.url)))
      expect(persons.length).toBe(9)
      expect(server.requests.filter((request) => request.path === "/persons").length).toBe(5 + 3)
    }))

  it.scoped("waits as long as Retry-After asks", () =>
    Effect.gen(function*() {
      const server = yield* startMockServer
      server.fail("/persons", { status: 429, headers: { "retry-after": "30" } })
      const fiber = yield* Effect.fork(listPersons.pipe(Effect.provide(clientLayer(server.url, { maxRetryDelay: "1 minute" }))))
      yield* waitUntil(() => server.requests.length === 1)
      yield* TestClock.adjust("29 seconds")
      yield* realPause(100)
      expect(server.requests.length).toBe(1)
      yield* TestClock.adjust("1 second")
      yield* waitUntil(() => server.requests.length >= 2)
      const persons = yield* Fiber.join(fiber)
      expect(persons.length).toBe(9)
    }))

  it.scopedLive("gives up after the last retry", () =>
    Effect.gen(function*() {
      const server = yield* startMockServer
      server.fail("/persons", { status: 500 }, { status: 500 }, { status: 500 }, { status: 500 })
      const error = yield* Effect.flip(listPersons.pipe(Effect.provide(clientLayer(server.url))))
      expect(error._tag).toBe("Ss12000HttpError")
      expect(error.message).toContain("GET /persons (page 1) failed with status 500 after 4 attempt(s)")
    }))

  it.scopedLive("does not retry 401", () =>
    Effect.gen(function*() {
      const server = yield* startMockServer
      const layer = clientLayer(server.url, { token: Redacted.make("wrong") })
      const error = yield* Effect.flip(listPersons.pipe(Effect.provide(layer)))
      expect(error._tag).toBe("Ss12000HttpError")
      expect(error.message).toContain("status 401 after 1 attempt(s): the token is missing, expired or invalid")
      expect(server.requests.length).toBe(1)
    }))

  it.scopedLive("fails clearly on a timeout", () =>
    Effect.gen(function*() {
      const server = yield* startMockServer
      server.fail("/persons", { delayMillis: 3000 }, { delayMillis: 3000 })
      const layer = clientLayer(server.url, { timeout: "150 millis", maxRetries: 1 })
      const error = yield* Effect.flip(listPersons.pipe(Effect.provide(layer)))
      expect(error._tag).toBe("Ss12000TimeoutError")
      expect(error.message).toBe(
        "SS 12000 request GET /persons (page 1) timed out after 150 ms on each of 2 attempt(s); check that the server is reachable, or raise the timeout"
      )
    }))

  it.scopedLive("fails clearly when nothing listens", () =>
    Effect.gen(function*() {
      const server = yield* startMockServer
      const url = server.url
      yield* Effect.promise(() => server.close())
      const error = yield* Effect.flip(listPersons.pipe(Effect.provide(clientLayer(url, { maxRetries: 1 }))))
      expect(error._tag).toBe("Ss12000TransportError")
      expect(error.message).toContain("GET /persons (page 1) failed after 2 attempt(s)")
    }))

  it.scopedLive("rejects a body that is not JSON", () =>
    Effect.gen(function*() {
      const server = yield* startMockServer
      server.fail("/persons", { status: 200, body: "<html>maintenance</html>" })
      const error = yield* Effect.flip(listPersons.pipe(Effect.provide(clientLayer(server.url))))
      expect(error._tag).toBe("Ss12000PayloadError")
      expect(error.message).toContain("at $: is not JSON")
    }))

  it.scopedLive("stops on a repeated page token", () =>
    Effect.gen(function*() {
      const server = yield* startMockServer
      const page = JSON.stringify({ data: [], pageToken: "again" })
      server.fail("/persons", { status: 200, body: page }, { status: 200, body: page })
      const error = yield* Effect.flip(listPersons.pipe(Effect.provide(clientLayer(server.url))))
      expect(error._tag).toBe("Ss12000PagingError")
      expect(error.message).toContain("GET /persons (page 2)")
    }))

  it.scopedLive("asks the token effect before each request", () =>
    Effect.gen(function*() {
      const server = yield* startMockServer
      let calls = 0
      const tokenEffect = Effect.sync(() => {
        calls++
        return Redacted.make(token)
      })
      yield* listPersons.pipe(Effect.provide(clientLayer(server.url, { token: tokenEffect })))
      expect(calls).toBe(5)
    }))

  it.scopedLive("sends filters on the first page only", () =>
    Effect.gen(function*() {
      const server = yield* startMockServer
      const client = yield* Effect.provide(Ss12000Client, clientLayer(server.url))
      yield* client.list("persons", { modifiedAfter: "2020-01-01T00:00:00Z", expand: ["responsibleFor"] })
      const [first, ...rest] = server.requests
      expect(first?.params.get("meta.modified.after")).toBe("2020-01-01T00:00:00Z")
      expect(first?.params.getAll("expand")).toEqual(["responsibleFor"])
      expect(rest.every((request) => !request.params.has("expand") && request.params.has("pageToken"))).toBe(true)
    }))

  it.scopedLive("reads deleted entities by kind", () =>
    Effect.gen(function*() {
      const server = yield* startMockServer
      server.remove("persons", pupil.noah)
      server.remove("activities", "0e000000-0000-4000-8000-000000000002")
      const client = yield* Effect.provide(Ss12000Client, clientLayer(server.url))
      const deleted = yield* client.deletedEntities("2020-01-01T00:00:00Z")
      expect(deleted.persons).toEqual([pupil.noah])
      expect(deleted.activities).toEqual(["0e000000-0000-4000-8000-000000000002"])
      const later = yield* client.deletedEntities(new Date(Date.now() + 60_000).toISOString())
      expect(later.persons).toEqual([])
    }))

  it.effect("rejects invalid settings", () =>
    Effect.gen(function*() {
      const cases = [
        [{ baseUrl: "ftp://example.invalid/v2.0" }, "Invalid baseUrl: must be an absolute http or https URL"],
        [{ baseUrl: "not a url" }, "Invalid baseUrl: must be an absolute http or https URL"],
        [{ baseUrl: "https://example.invalid/v2.0?tenant=1" }, "Invalid baseUrl: must not contain a query"],
        [{ pageSize: 0 }, "Invalid pageSize: must be a whole number of at least 1"],
        [{ maxRetries: -1 }, "Invalid maxRetries: must be a whole number of at least 0"]
      ] as const
      for (const [settings, message] of cases) {
        const config = { ...clientConfig("https://example.invalid/v2.0"), ...settings }
        const layer = layerClient(config).pipe(Layer.provide(FetchHttpClient.layer))
        const error = yield* Effect.flip(Effect.provide(Ss12000Client, layer))
        expect(error.message).toContain(message)
      }
    }))
})
