// Renders every page type in Swedish and English to HTML files and screenshots them with headless
// Chromium, so a person can look at the pages. Run with `npm run screenshots`; output goes to
// test-output/screenshots/ (git-ignored). Needs Debian's chromium at /usr/bin/chromium
// (`apt-get install -y --no-install-recommends chromium`); no browser is downloaded.
import { NotFoundError, VersionConflictError } from "@iupkit/core"
import {
  autosaveScript,
  type Locale,
  makeRoutes,
  renderCoursePage,
  renderErrorPage,
  renderGuardianPage,
  renderMentorPage,
  renderOverviewPage,
  renderPlanPage,
  renderPrintPage,
  renderPupilPage,
  renderPupilPlansPage,
  type RenderOptions,
  stylesheet
} from "@iupkit/render-html"
import { renderExportPdf } from "@iupkit/render-pdf"
import { Either } from "effect"
import { copyFileSync, createWriteStream, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { pipeline } from "node:stream/promises"
import { fileURLToPath } from "node:url"
import { getDocument } from "pdfjs-dist/legacy/build/pdf.mjs"
import { chromium } from "playwright-core"
import { fixtures } from "../test/fixtures.js"

const chromiumPath = process.env["CHROMIUM_PATH"] ?? "/usr/bin/chromium"
const root = fileURLToPath(new URL("../../../", import.meta.url))
const outputDir = join(root, "test-output", "screenshots")
const htmlDir = join(outputDir, "html")

const f = fixtures()

// Relative asset URLs, so the pages load the stylesheet from files next to them.
const routes = makeRoutes("", { stylesheet: "assets/iupkit.css", autosaveScript: "assets/iupkit-autosave.js" })

const pages = (locale: Locale): ReadonlyArray<readonly [string, string]> => {
  const options: RenderOptions = { locale, routes, csrfToken: "screenshot-token" }
  return [
    ["mentor", renderMentorPage(f.mentorPage, options)],
    ["plan-mentor", renderPlanPage(f.planView("plan-1", f.pupil), options)],
    ["plan-pupil", renderPlanPage(f.pupilPlan, options)],
    ["course", renderCoursePage(f.coursePage, options)],
    ["overview", renderOverviewPage(f.overview, options)],
    ["overview-unsupported", renderOverviewPage(f.overviewUnsupportedOnly, options)],
    ["pupil", renderPupilPage(f.pupilPage, options)],
    ["pupil-plans", renderPupilPlansPage([f.mentorPage.currentPlans[0]!, ...f.mentorPage.archivedPlans], options)],
    ["guardian-one-child", renderGuardianPage(f.guardianOneChild, options)],
    ["guardian-two-children", renderGuardianPage(f.guardianTwoChildren, options)],
    ["print", Either.getOrThrow(renderPrintPage(f.exportOf(3), options))],
    ["error-not-found", renderErrorPage(new NotFoundError({ kind: "plan", id: "plan-404" }), options)],
    [
      "error-conflict",
      renderErrorPage(
        new VersionConflictError({
          kind: "planField",
          id: "field-goals",
          expectedVersion: 3,
          currentVersion: 4,
          currentValue: f.planView("plan-1", f.pupil).fields[0]!.value
        }),
        options
      )
    ]
  ]
}

const writePages = (): ReadonlyArray<string> => {
  mkdirSync(join(htmlDir, "assets"), { recursive: true })
  copyFileSync(stylesheet.path, join(htmlDir, "assets", stylesheet.fileName))
  copyFileSync(autosaveScript.path, join(htmlDir, "assets", autosaveScript.fileName))
  const names: Array<string> = []
  for (const locale of ["sv", "en"] as const) {
    for (const [name, html] of pages(locale)) {
      const fileName = `${name}.${locale}`
      writeFileSync(join(htmlDir, `${fileName}.html`), html)
      names.push(fileName)
    }
  }
  return names
}

const writePdf = async (): Promise<void> => {
  const readable = Either.getOrThrow(renderExportPdf(f.exportOf(3)))
  await pipeline(readable, createWriteStream(join(outputDir, "export.sv.pdf")))
}

// Each language gets a browser context in its locale, as its users' browsers would have.
// NOTE: headless Chromium still shows empty date inputs as mm/dd/yyyy; that comes from the
// operating system's locale, not from the page.
const screenshot = async (names: ReadonlyArray<string>, browserLocale: string): Promise<void> => {
  if (!existsSync(chromiumPath)) {
    throw new Error(
      `Chromium not found at ${chromiumPath}. Install it with "apt-get install -y --no-install-recommends chromium" or set CHROMIUM_PATH.`
    )
  }
  const profile = mkdtempSync(join(tmpdir(), "iupkit-chromium-"))
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath,
    headless: true,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run"
    ],
    viewport: { width: 1200, height: 900 },
    locale: browserLocale
  })
  try {
    const page = await context.newPage()
    for (const name of names) {
      await page.goto(`file://${join(htmlDir, `${name}.html`)}`)
      await page.screenshot({ path: join(outputDir, `${name}.png`), fullPage: true })
      if (name.startsWith("print.")) {
        await page.emulateMedia({ media: "print" })
        await page.screenshot({ path: join(outputDir, `${name}.print-media.png`), fullPage: true })
        // Chromium's own print to PDF shows whether each plan starts on a new sheet. It uses the
        // emulated media, so it runs before switching back to screen.
        const pdf = await page.pdf({ format: "A4" })
        writeFileSync(join(outputDir, `${name}.chromium.pdf`), pdf)
        const document = await getDocument({ data: new Uint8Array(pdf), isEvalSupported: false, verbosity: 0 }).promise
        console.log(`${name}: Chromium printed ${document.numPages} A4 pages`)
        await document.destroy()
        await page.emulateMedia({ media: "screen" })
      }
    }
  } finally {
    await context.close()
    rmSync(profile, { recursive: true, force: true })
  }
}

const main = async (): Promise<void> => {
  rmSync(outputDir, { recursive: true, force: true })
  mkdirSync(outputDir, { recursive: true })
  const names = writePages()
  await writePdf()
  await screenshot(names.filter((name) => name.endsWith(".sv")), "sv-SE")
  await screenshot(names.filter((name) => name.endsWith(".en")), "en-GB")
  console.log(`Wrote ${names.length} screenshots and export.sv.pdf to ${outputDir}`)
}

main().catch((error: unknown) => {
  console.error(error)
  process.exitCode = 1
})
