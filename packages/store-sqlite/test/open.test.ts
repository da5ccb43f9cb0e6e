import { TemplateStore } from "@iupkit/core"
import { SqliteStorage } from "@iupkit/store-sqlite"
import { describe, expect, it } from "@effect/vitest"
import { Effect } from "effect"

describe("SqliteStorage.layer", () => {
  it.effect("missing directory fails with a clear error", () =>
    Effect.gen(function*() {
      const error = yield* Effect.flip(
        Effect.provide(TemplateStore, SqliteStorage.layer({ filename: "/nonexistent-iupkit-dir/iup.db" }))
      )
      expect(error._tag).toBe("StorageError")
      expect(error.message).toContain("/nonexistent-iupkit-dir/iup.db")
    }))
})
