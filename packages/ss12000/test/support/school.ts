// Ids of the fictional school in test/fixtures/school and layers wired to the mock server.
import { emptyRoster, layerMemoryDirectory, type LocalDate, type Roster } from "@iupkit/core"
import { FetchHttpClient } from "@effect/platform"
import { Effect, Layer, Redacted } from "effect"
import { fileURLToPath } from "node:url"
import { layerClient, layerMemoryCache, type Ss12000ClientConfig } from "../../src/index.js"
import { loadFolder, MockSs12000Server } from "./MockServer.js"

export const schoolFolder = fileURLToPath(new URL("../fixtures/school", import.meta.url))
export const skolverketFolder = fileURLToPath(new URL("../fixtures/skolverket", import.meta.url))

const uid = (prefix: string, n: number) => `${prefix}-0000-4000-8000-${String(n).padStart(12, "0")}`

export const org = { municipality: uid("0a000000", 1), school: uid("0a000000", 2), unit: uid("0a000000", 3) }
export const pupil = { alva: uid("0b000000", 1), elias: uid("0b000000", 2), maja: uid("0b000000", 3), noah: uid("0b000000", 4) }
export const staff = { karin: uid("0b000000", 21), johan: uid("0b000000", 22) }
export const adult = { sara: uid("0b000000", 11), per: uid("0b000000", 12), ali: uid("0b000000", 13), eva: uid("0b000000", 14) }
export const group = { class7A: uid("0c000000", 1), mentor7A1: uid("0c000000", 2), math7A: uid("0c000000", 3), class8B: uid("0c000000", 4) }
export const duty = { karin: uid("0d000000", 1), johan: uid("0d000000", 2) }
export const activity = { math: uid("0e000000", 1), mentorTime: uid("0e000000", 2), swedish: uid("0e000000", 3) }

/** The day the tests ask about: inside the school year of the fixtures. */
export const day = "2026-03-10" as LocalDate

export const token = "test-token-7f3a"

/** Client settings for tests: small pages so every list spans several, and short waits. */
export const clientConfig = (baseUrl: string, overrides: Partial<Ss12000ClientConfig> = {}): Ss12000ClientConfig => ({
  baseUrl,
  token: Redacted.make(token),
  pageSize: 2,
  timeout: "2 seconds",
  maxRetries: 3,
  retryBaseDelay: "10 millis",
  maxRetryDelay: "2 seconds",
  ...overrides
})

export const clientLayer = (baseUrl: string, overrides: Partial<Ss12000ClientConfig> = {}) =>
  layerClient(clientConfig(baseUrl, overrides)).pipe(Layer.provide(FetchHttpClient.layer), Layer.orDie)

/** A memory directory, a memory cache and a client for the mock server. */
export const importLayer = (baseUrl: string, roster: Roster = emptyRoster) =>
  Layer.mergeAll(layerMemoryDirectory(roster), layerMemoryCache, clientLayer(baseUrl))

/** A mock server with the fictional school, closed when the test's scope closes. */
export const startMockServer = Effect.acquireRelease(
  Effect.promise(async () => {
    const server = new MockSs12000Server(loadFolder(schoolFolder), token)
    await server.start()
    return server
  }),
  (server) => Effect.promise(() => server.close())
)
