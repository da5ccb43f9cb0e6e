// Prints, once per test run, which suites skip because a real component is missing, so a fresh
// machine passes `npm test` and says plainly what it did not check. CI provides both.
import { existsSync } from "node:fs"

export const chromiumPath = (): string | undefined =>
  [process.env.IUPKIT_CHROMIUM_PATH, "/usr/bin/chromium", "/usr/bin/chromium-browser"].find(
    (candidate): candidate is string => candidate !== undefined && candidate !== "" && existsSync(candidate)
  )

export default function setup(): void {
  if (process.env.IUPKIT_TEST_POSTGRES_URL === undefined || process.env.IUPKIT_TEST_POSTGRES_URL === "") {
    process.stdout.write(
      "PostgreSQL tests skipped: set IUPKIT_TEST_POSTGRES_URL (for example postgres://postgres@127.0.0.1:5432/test) to run them\n"
    )
  }
  if (chromiumPath() === undefined) {
    process.stdout.write(
      "Chromium tests skipped: install Debian's chromium (apt-get install chromium) or set IUPKIT_CHROMIUM_PATH to run them\n"
    )
  }
}
