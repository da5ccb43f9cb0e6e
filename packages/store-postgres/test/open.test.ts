import { TemplateStore } from "@iupkit/core"
import { PostgresStorage } from "@iupkit/store-postgres"
import { describe, expect, it } from "@effect/vitest"
import { Effect } from "effect"

// These checks need no server: they fail before connecting or against a closed local port.
describe("PostgresStorage.layer", () => {
  const open = (config: Parameters<typeof PostgresStorage.layer>[0]) =>
    Effect.flip(Effect.provide(TemplateStore, PostgresStorage.layer(config)))

  it.effect("invalid schema name is rejected", () =>
    Effect.gen(function*() {
      const error = yield* open({ url: "postgres://postgres@127.0.0.1:5432/test", schema: "iup; drop table x" })
      expect(error._tag).toBe("StorageError")
      expect(error.message).toContain("invalid schema name")
    }))

  it.effect("malformed URL is rejected", () =>
    Effect.gen(function*() {
      const error = yield* open({ url: "not a url", schema: "iupkit" })
      expect(error._tag).toBe("StorageError")
      expect(error.message).toContain("invalid connection URL")
    }))

  it.effect("unreachable server fails as storage error", () =>
    Effect.gen(function*() {
      const error = yield* open({ url: "postgres://postgres@127.0.0.1:1/test" })
      expect(error._tag).toBe("StorageError")
      expect(error.message).toContain("PostgresStorage.open")
    }))
})
