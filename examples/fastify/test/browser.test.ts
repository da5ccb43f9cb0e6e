// Browser flows in Debian's Chromium through playwright-core: a mentor signs in on the demo page,
// creates plans for all mentees with the form, and writes a field that the autosave script saves.
// With JavaScript off, a mentor uploads a document on the plan page and downloads it again.
import { existsSync, mkdirSync, readFileSync } from "node:fs"
import { makeJwtAuthenticator } from "@iupkit/auth"
import { createIupClient, type IupClient } from "@iupkit/services"
import { layerMemoryStorage } from "@iupkit/store-memory"
import { Effect } from "effect"
import type { FastifyInstance } from "fastify"
import { type Browser, chromium } from "playwright-core"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { minimalPdf } from "../../../packages/services/test/files.js"
import { people, roster } from "../../../test/hosts/school.js"
import { buildApp } from "../src/app.js"
import { listen } from "../src/listen.js"

const chromiumPath = process.env.IUPKIT_CHROMIUM_PATH ?? "/usr/bin/chromium"
const hasChromium = existsSync(chromiumPath)
if (!hasChromium) console.log(`Browser tests skipped: no Chromium at ${chromiumPath}; install it (apt-get install chromium) or set IUPKIT_CHROMIUM_PATH.`)

const screenshots = "test-output/browser"

describe.runIf(hasChromium)("Fastify host in Chromium", () => {
  let browser: Browser
  let app: FastifyInstance
  let iup: IupClient
  let url: string

  beforeAll(async () => {
    mkdirSync(screenshots, { recursive: true })
    iup = createIupClient({ storage: layerMemoryStorage, directory: roster })
    await iup.administration.createTemplate({ personId: people.admin }, {
      title: "Utvecklingssamtal",
      scope: { _tag: "site" },
      fields: [{ heading: "Mål framåt", visibleTo: ["mentor", "pupil", "guardian"], editableBy: ["mentor"] }]
    })
    const bearer = await Effect.runPromise(makeJwtAuthenticator({ key: new Uint8Array(32).fill(7), issuer: "test", audience: "test" }))
    app = await buildApp({
      iup,
      bearer,
      cookieSecret: "browser-test-cookie-secret-of-32-characters",
      demoPeople: [{ id: people.mentor, name: "Maja Mentorsson", roles: ["mentor", "teacher"] }],
      logger: false
    })
    url = await listen(app, "127.0.0.1", 0)
    browser = await chromium.launch({
      executablePath: chromiumPath,
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"]
    })
  })
  afterAll(async () => {
    await browser?.close()
    await app?.close()
    await iup?.dispose()
  })

  it("mentor creates plans and writes a field", async () => {
    // Swedish, as a Swedish school's browser asks for; the pages follow Accept-Language.
    const page = await browser.newPage({ locale: "sv-SE" })
    const blocked: Array<string> = []
    page.on("console", (entry) => {
      if (entry.text().includes("Content Security Policy")) blocked.push(entry.text())
    })

    await page.goto(`${url}/sign-in`)
    await page.getByRole("button", { name: "Maja Mentorsson" }).first().click()
    await page.getByRole("link", { name: "Mina mentorselever och planer" }).click()
    await page.locator("#plan-template").selectOption({ label: "Utvecklingssamtal" })
    await page.locator("#plan-title").fill("Utvecklingssamtal HT 2026")
    await page.locator("#plan-start").fill("2026-08-20")
    await page.locator("form.bulk-create button[type=submit]").click()
    await expect.poll(() => page.getByRole("link", { name: /Utvecklingssamtal HT 2026/ }).count()).toBe(2)
    await page.screenshot({ path: `${screenshots}/mentor-page.png`, fullPage: true })

    await page.getByRole("link", { name: /Utvecklingssamtal HT 2026/ }).first().click()
    // With JavaScript on, the autosave script saves the field; wait for its "saved" status.
    const status = page.locator("form.field-form output.autosave-status")
    await page.locator("form.field-form textarea").fill("Läsa tjugo minuter varje dag.")
    const savedText = await status.getAttribute("data-saved")
    await expect.poll(() => status.textContent(), { timeout: 10_000 }).toBe(savedText)
    await page.reload()
    expect(await page.locator("form.field-form textarea").inputValue()).toBe("Läsa tjugo minuter varje dag.")
    await page.screenshot({ path: `${screenshots}/plan-page.png`, fullPage: true })
    expect(blocked).toEqual([])
  })

  it("mentor uploads a document without JavaScript", async () => {
    const templateId = (await iup.administration.listTemplates({ personId: people.admin }))[0]!.id
    const created = await iup.mentoring.createPlans({ personId: people.mentor }, {
      pupilIds: [people.pupil],
      plan: { templateId, title: "Plan med dokument", startDate: "2026-08-20", endDate: null }
    })
    const planId = created.plans[0]!.id
    const context = await browser.newContext({ locale: "sv-SE", javaScriptEnabled: false, acceptDownloads: true })
    const page = await context.newPage()

    await page.goto(`${url}/sign-in`)
    await page.getByRole("button", { name: "Maja Mentorsson" }).first().click()
    await page.goto(`${url}/plans/${encodeURIComponent(planId)}`)
    await page.locator("#document-title").fill("Åtgärdsprogram VT")
    await page.locator("#document-file").setInputFiles({ name: "Åtgärdsprogram \"VT\".pdf", mimeType: "application/pdf", buffer: Buffer.from(minimalPdf) })
    await page.locator("form.upload-form button[type=submit]").click()
    await page.waitForURL(`${url}/plans/${encodeURIComponent(planId)}`)

    const link = page.getByRole("link", { name: "Åtgärdsprogram VT" })
    expect(await link.count()).toBe(1)
    expect(await page.locator("ul.documents").textContent()).toContain('Åtgärdsprogram "VT".pdf')
    const [download] = await Promise.all([page.waitForEvent("download"), link.click()])
    expect(new Uint8Array(readFileSync((await download.path())!))).toEqual(minimalPdf)
    // Chromium's downloads put an underscore in place of each quote.
    expect(download.suggestedFilename()).toBe("Åtgärdsprogram _VT_.pdf")
    await context.close()
  })
})
