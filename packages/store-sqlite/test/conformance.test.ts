import { mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { SqliteStorage } from "@iupkit/store-sqlite"
import { runStorageConformance } from "@iupkit/testkit"
import { afterAll } from "vitest"

runStorageConformance("sqlite in memory", SqliteStorage.layer({ filename: ":memory:" }))

const directory = mkdtempSync(join(tmpdir(), "iupkit-sqlite-"))
afterAll(() => rmSync(directory, { recursive: true, force: true }))
runStorageConformance("sqlite file", SqliteStorage.layer({ filename: join(directory, "iup.db") }))
