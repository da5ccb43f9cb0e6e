/**
 * Every role's flow in Debian's Chromium through playwright-core, for any example host: the host
 * runs the real services on a SQLite file in a temporary folder, on 127.0.0.1, and the tests
 * click and type on its pages as the people of {@link classRoster} would. Screenshots of the
 * important steps go to `test-output/browser/<host>-<step>.png`.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { makeJwtAuthenticator } from "@iupkit/auth"
import type { PersonId, PlanId } from "@iupkit/core"
import { createIupClient, type IupClient, type PlanSummary } from "@iupkit/services"
import { SqliteStorage } from "@iupkit/store-sqlite"
import { Effect } from "effect"
import { getDocument } from "pdfjs-dist/legacy/build/pdf.mjs"
import { type Browser, type BrowserContext, chromium, type Page } from "playwright-core"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { minimalPdf } from "../../packages/services/test/files.js"
import { chromiumPath } from "../support/global-setup.js"
import { children, classCourse, classDemoPeople, classPupils, classRoster, nameOf, otherPupil, staff } from "./classSchool.js"
import type { RunningHost, SuiteHostOptions } from "./suite.js"

/** A host as the browser tests start it. */
export interface BrowserHost {
  readonly name: string
  readonly start: (options: SuiteHostOptions) => Promise<RunningHost>
}

const screenshotFolder = "test-output/browser"
const browserPath = chromiumPath()

// What the mentor writes; each text is unique, so its presence or absence in a page's HTML is
// a plain substring check.
const texts = {
  goal: "Läsa tjugo minuter varje kväll",
  mentorNote: "Mentorns privata anteckning om samtalet",
  home: "Hemmet hjälper till med läxorna",
  draftTitle: "Utkast VT 2027",
  draftGoal: "Utkasttext som ingen elev får se",
  otherGoal: "Ebbas eget mål som andra inte får se"
}
const planTitle = "IUP HT 2026"

/** The Swedish export-limit refusal's heading and the number it names. */
const refusal = { title: "För många planer", limit: "högst 100" }

const pdfPlanNumbers = async (bytes: Uint8Array): Promise<{ readonly pages: number; readonly plans: ReadonlySet<string> }> => {
  const document = await getDocument({ data: new Uint8Array(bytes), isEvalSupported: false, verbosity: 0 }).promise
  const plans = new Set<string>()
  // Every page's footer reads "Plan n av total, sida p av q".
  for (let number = 1; number <= document.numPages; number++) {
    const content = await (await document.getPage(number)).getTextContent()
    const text = content.items.map((item) => ("str" in item ? item.str : "")).join(" ")
    for (const match of text.matchAll(/Plan (\d+) av (\d+), sida/g)) plans.add(`${match[1]}/${match[2]}`)
  }
  const pages = document.numPages
  await document.destroy()
  return { pages, plans }
}

/** Runs the browser flows against a host. Without Chromium they skip, and the global setup prints one line about it. */
export const browserSuite = (host: BrowserHost): void => {
  describe.runIf(browserPath !== undefined)(`${host.name} host in Chromium`, () => {
    let folder: string
    let iup: IupClient
    let running: RunningHost
    let browser: Browser
    const contexts: Array<BrowserContext> = []
    // Console messages about blocked inline scripts or styles: the strict policy must hold on every page.
    const blocked: Array<string> = []
    // Console errors of resources a page loads, such as an icon that returns 404.
    const consoleErrors: Array<string> = []
    let templateId = ""

    const shot = (page: Page, step: string) =>
      page.screenshot({ path: `${screenshotFolder}/${host.name.toLowerCase()}-${step}.png`, fullPage: true })

    /** Opens a fresh browser session (its own cookies) and signs in on the demo page. */
    const signIn = async (name: string): Promise<Page> => {
      // Swedish, as a Swedish school's browser requests, because the pages follow Accept-Language.
      const context = await browser.newContext({ locale: "sv-SE", acceptDownloads: true })
      contexts.push(context)
      const page = await context.newPage()
      page.on("console", (entry) => {
        if (entry.text().includes("Content Security Policy")) blocked.push(`${page.url()}: ${entry.text()}`)
        // A page the test opens for its 404 or 422 reports its own status; any other resource must load.
        if (entry.type() === "error" && entry.location().url !== page.url()) consoleErrors.push(`${page.url()}: ${entry.location().url}: ${entry.text()}`)
      })
      await page.goto(`${running.url}/sign-in`)
      await page.getByRole("button", { name, exact: true }).click()
      await page.waitForURL(`${running.url}/`)
      await expect.poll(() => page.locator("body").textContent()).toContain(`Inloggad som ${name}`)
      return page
    }

    const mentorPlans = async (): Promise<ReadonlyArray<PlanSummary>> =>
      (await iup.mentoring.page({ personId: staff.mentor.id })).currentPlans

    const planOf = async (pupilId: PersonId, title: string): Promise<PlanId> => {
      const plan = (await mentorPlans()).find((candidate) => candidate.pupil.id === pupilId && candidate.title === title)
      if (plan === undefined) throw new Error(`no plan "${title}" for ${pupilId}`)
      return plan.id
    }

    /** Types into a field's textarea and waits for the autosave script to report it saved. */
    const writeField = async (page: Page, heading: string, value: string) => {
      const textarea = page.getByLabel(`Text för ${heading}`, { exact: true })
      const form = page.locator("form.field-form", { has: textarea })
      const status = form.locator("output.autosave-status")
      const savedText = await status.getAttribute("data-saved")
      await textarea.fill(value)
      await textarea.blur()
      await expect.poll(() => status.textContent(), { timeout: 10_000 }).toBe(savedText)
    }

    beforeAll(async () => {
      mkdirSync(screenshotFolder, { recursive: true })
      folder = mkdtempSync(join(tmpdir(), `iupkit-browser-${host.name.toLowerCase()}-`))
      iup = createIupClient({ storage: SqliteStorage.layer({ filename: join(folder, "iup.db") }), directory: classRoster })
      const template = await iup.administration.createTemplate({ personId: staff.admin.id }, {
        title: "Utvecklingssamtal",
        scope: { _tag: "site" },
        fields: [
          { heading: "Mål framåt", visibleTo: ["mentor", "pupil", "guardian"], editableBy: ["mentor"] },
          { heading: "Mentorns anteckning", visibleTo: ["mentor"], editableBy: ["mentor"] },
          { heading: "Hemmets ord", visibleTo: ["mentor", "guardian"], editableBy: ["mentor", "guardian"] }
        ]
      })
      templateId = template.id
      await iup.administration.createGradingScale({ personId: staff.admin.id }, { name: "Tre steg", steps: ["Påbörjad", "Godtagbar", "Mycket god"] })
      const bearer = await Effect.runPromise(makeJwtAuthenticator({ key: new Uint8Array(32).fill(7), issuer: "test", audience: "test" }))
      running = await host.start({
        iup,
        bearer,
        cookieSecret: "browser-test-cookie-secret-of-32-characters",
        demoPeople: classDemoPeople,
        logLine: () => {},
        port: 0
      })
      browser = await chromium.launch({
        executablePath: browserPath!,
        args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"]
      })
    })
    afterAll(async () => {
      for (const context of contexts) await context.close()
      await browser?.close()
      await running?.close()
      await iup?.dispose()
      if (folder !== undefined) rmSync(folder, { recursive: true, force: true })
    })

    it("mentor creates plans for the whole class", async () => {
      const page = await signIn(nameOf(staff.mentor))
      await page.getByRole("link", { name: "Mina mentorselever och planer" }).click()
      const everyone = page.getByLabel(`Alla mina mentorselever (${classPupils.length} elever)`)
      await expect.poll(() => everyone.isChecked()).toBe(true)
      await page.locator("#plan-template").selectOption({ label: "Utvecklingssamtal" })
      await page.locator("#plan-title").fill(planTitle)
      await page.locator("#plan-start").fill("2026-08-20")
      await page.getByRole("button", { name: "Skapa planerna" }).click()
      await page.waitForURL(`${running.url}/mentor?notice=plansCreated&count=${classPupils.length}`)
      expect(await page.locator("p.notice-success").textContent()).toBe(`${classPupils.length} planer skapades.`)

      const rows = page.locator("table.plans tbody tr", { hasText: planTitle })
      await expect.poll(() => rows.count()).toBe(classPupils.length)
      const listed = await rows.locator("th .person-name").allTextContents()
      expect(listed.toSorted()).toEqual(classPupils.map(nameOf).toSorted())
      expect(await rows.filter({ hasText: "Utkast (inte publicerad)" }).count()).toBe(classPupils.length)
      await shot(page, "mentor-created-plans")

      const stored = (await mentorPlans()).filter((plan) => plan.title === planTitle)
      expect(stored.map((plan) => plan.pupil.id).toSorted()).toEqual(classPupils.map((pupil) => pupil.id).toSorted())
    })

    it("teacher sets levels and comments", async () => {
      const page = await signIn(nameOf(staff.teacher))
      await page.getByRole("link", { name: `Kurs: ${classCourse.name}` }).click()
      await page.locator("#new-assessment-title").fill("Omdöme algebra HT 2026")
      await page.locator("#new-assessment-scale").selectOption({ label: "Tre steg (Påbörjad, Godtagbar, Mycket god)" })
      await page.locator("#new-assessment-visible").check()
      await page.getByRole("button", { name: "Skapa omdömet" }).click()
      await expect.poll(() => page.getByRole("heading", { name: "Omdöme algebra HT 2026" }).count()).toBe(1)

      const leveled = [children.elsa, children.emil, otherPupil]
      for (const pupil of leveled) await page.getByLabel(`Välj ${nameOf(pupil)}`, { exact: true }).check()
      await page.getByLabel("Nivå för valda elever", { exact: true }).selectOption({ label: "Godtagbar" })
      await page.getByRole("button", { name: "Sätt nivån" }).click()
      await page.waitForURL(`${running.url}/courses/${classCourse.id}?notice=levelsSet&count=${leveled.length}`)
      expect(await page.locator("p.notice-success").textContent()).toBe(`Nivån sattes för ${leveled.length} elever.`)

      const comments = new Map([
        [children.elsa.id, "Elsa löser ekvationer säkert"],
        [otherPupil.id, "Ebba behöver öva på bråk"]
      ])
      for (const pupil of [children.elsa, otherPupil]) {
        const name = nameOf(pupil)
        const row = page.locator(`form[aria-label="Spara omdömet för ${name}"]`)
        const status = row.locator("output.autosave-status")
        const comment = page.getByLabel(`Kommentar till ${name}`, { exact: true })
        await comment.fill(comments.get(pupil.id)!)
        await comment.blur()
        await expect.poll(() => status.textContent(), { timeout: 10_000 }).toBe(await status.getAttribute("data-saved"))
      }

      await page.reload()
      for (const pupil of classPupils) {
        const level = page.getByLabel(`Nivå för ${nameOf(pupil)}`, { exact: true })
        expect(await level.inputValue(), nameOf(pupil)).toBe(leveled.includes(pupil) ? "Godtagbar" : "")
        const comment = page.getByLabel(`Kommentar till ${nameOf(pupil)}`, { exact: true })
        expect(await comment.inputValue(), nameOf(pupil)).toBe(comments.get(pupil.id) ?? "")
      }
      await shot(page, "teacher-levels")

      const course = await iup.teaching.coursePage({ personId: staff.teacher.id }, classCourse.id)
      const stored = JSON.stringify(course)
      for (const text of comments.values()) expect(stored).toContain(text)
    })

    it("mentor writes and publishes plans", async () => {
      // The guardian's two children get a published plan. Ebba's stays a draft with text in it.
      const page = await signIn(nameOf(staff.mentor))
      for (const child of [children.elsa, children.emil]) {
        await page.goto(`${running.url}/plans/${encodeURIComponent(await planOf(child.id, planTitle))}`)
        await writeField(page, "Mål framåt", `${texts.goal} (${child.givenName})`)
        await writeField(page, "Mentorns anteckning", texts.mentorNote)
        await writeField(page, "Hemmets ord", texts.home)
        expect(await page.locator(".plan-facts .status").textContent()).toBe("Utkast (inte publicerad)")
      }
      // Elsa's plan is published from its page: the button shows without opening "Ändra planen".
      await page.goto(`${running.url}/plans/${encodeURIComponent(await planOf(children.elsa.id, planTitle))}`)
      await page.getByRole("button", { name: "Publicera", exact: true }).click()
      await expect.poll(() => page.locator(".plan-facts .status").textContent()).toBe("Publicerad")
      expect(await page.locator("p.notice-success").textContent()).toBe("Planen publicerades.")
      expect(await page.getByRole("button", { name: "Publicera", exact: true }).count()).toBe(0)
      expect(await page.getByLabel("Publicerad (synlig för elev och vårdnadshavare)").isChecked()).toBe(true)

      await page.goto(`${running.url}/plans/${encodeURIComponent(await planOf(otherPupil.id, planTitle))}`)
      await writeField(page, "Mål framåt", texts.otherGoal)

      // Emil's plan is published with the mentor page's selection.
      await page.goto(`${running.url}/mentor`)
      await page.getByLabel(`Välj ${planTitle} för ${nameOf(children.emil)}`, { exact: true }).check()
      await page.getByRole("button", { name: "Publicera valda planer" }).click()
      await page.waitForURL(`${running.url}/mentor?notice=plansPublished&count=1`)
      expect(await page.locator("p.notice-success").textContent()).toBe("1 plan publicerades.")
      const rowOf = (pupil: { givenName: string; familyName: string }) =>
        page.locator("table.plans tbody tr", { hasText: planTitle }).filter({ has: page.getByText(nameOf(pupil), { exact: true }) })
      expect(await rowOf(children.elsa).locator("td").last().textContent()).toBe("Publicerad")
      expect(await rowOf(children.emil).locator("td").last().textContent()).toBe("Publicerad")
      expect(await rowOf(otherPupil).locator("td").last().textContent()).toBe("Utkast (inte publicerad)")
      await shot(page, "mentor-published")

      const stored = await mentorPlans()
      const published = stored.filter((plan) => plan.title === planTitle && plan.published).map((plan) => plan.pupil.id)
      expect(published.toSorted()).toEqual([children.elsa.id, children.emil.id].toSorted())

      // A second plan of Elsa's that stays a draft: neither she nor her guardian may see it.
      const draft = await iup.mentoring.createPlans({ personId: staff.mentor.id }, {
        pupilIds: [children.elsa.id],
        plan: { templateId, title: texts.draftTitle, startDate: "2027-01-10", endDate: null }
      })
      const draftView = await iup.plans.getPlan({ personId: staff.mentor.id }, draft.plans[0]!.id)
      const goalField = draftView.fields.find((field) => field.heading === "Mål framåt")!
      await iup.plans.updateField({ personId: staff.mentor.id }, {
        planId: draft.plans[0]!.id,
        fieldId: goalField.fieldId,
        expectedVersion: goalField.version,
        value: texts.draftGoal
      })
    })

    it("pupil sees only what pupils may read", async () => {
      const page = await signIn(nameOf(children.elsa))
      await page.getByRole("link", { name: "Mina planer och omdömen" }).click()
      const pupilHtml = await page.content()
      expect(pupilHtml).toContain(planTitle)
      expect(pupilHtml).toContain("Godtagbar")
      expect(pupilHtml).toContain("Elsa löser ekvationer säkert")
      for (const hidden of [texts.draftTitle, texts.draftGoal, nameOf(children.emil), nameOf(otherPupil), "Ebba behöver öva på bråk"]) {
        expect(pupilHtml, hidden).not.toContain(hidden)
      }

      await page.getByRole("link", { name: planTitle }).click()
      await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toContain(planTitle)
      const planHtml = await page.content()
      expect(planHtml).toContain(`${texts.goal} (Elsa)`)
      expect(planHtml).toContain("Mål framåt")
      for (const hidden of [texts.mentorNote, "Mentorns anteckning", texts.home, "Hemmets ord", texts.draftGoal, `${texts.goal} (Emil)`]) {
        expect(planHtml, hidden).not.toContain(hidden)
      }
      // A pupil may edit neither the header nor these fields, so no edit form may reach the page.
      expect(await page.locator("textarea, form.header-form").count()).toBe(0)
      await shot(page, "pupil-plan")

      const notFound = [await planOf(children.emil.id, planTitle), await planOf(otherPupil.id, planTitle), await planOf(children.elsa.id, texts.draftTitle)]
      for (const planId of notFound) {
        const response = await page.goto(`${running.url}/plans/${encodeURIComponent(planId)}`)
        expect(response?.status(), planId).toBe(404)
        const html = await page.content()
        expect(html, planId).toContain("Hittades inte")
        for (const hidden of [texts.otherGoal, texts.draftGoal, `${texts.goal} (Emil)`, nameOf(otherPupil)]) expect(html, hidden).not.toContain(hidden)
      }
    })

    it("guardian sees both children only", async () => {
      const page = await signIn(nameOf(staff.guardian))
      await page.getByRole("link", { name: "Mina barns planer och omdömen" }).click()
      const guardianHtml = await page.content()
      for (const child of [children.elsa, children.emil]) expect(guardianHtml).toContain(nameOf(child))
      expect(await page.getByRole("link", { name: planTitle }).count()).toBe(2)
      const strangers = classPupils.filter((pupil) => pupil !== children.elsa && pupil !== children.emil)
      for (const hidden of [texts.draftTitle, texts.draftGoal, "Ebba behöver öva på bråk", ...strangers.map(nameOf)]) {
        expect(guardianHtml, hidden).not.toContain(hidden)
      }
      await shot(page, "guardian-plans")

      for (const child of [children.elsa, children.emil]) {
        await page.goto(`${running.url}/guardian`)
        const section = page.locator("section.child", { has: page.getByRole("heading", { name: nameOf(child), exact: true }) })
        await section.getByRole("link", { name: planTitle }).click()
        await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toContain(planTitle)
        const planHtml = await page.content()
        expect(planHtml).toContain(`${texts.goal} (${child.givenName})`)
        expect(planHtml).toContain(texts.home)
        for (const hidden of [texts.mentorNote, "Mentorns anteckning", texts.draftGoal, texts.otherGoal]) expect(planHtml, hidden).not.toContain(hidden)
        if (child === children.emil) await shot(page, "guardian-plan")
      }

      for (const planId of [await planOf(otherPupil.id, planTitle), await planOf(children.elsa.id, texts.draftTitle)]) {
        const response = await page.goto(`${running.url}/plans/${encodeURIComponent(planId)}`)
        expect(response?.status(), planId).toBe(404)
        const html = await page.content()
        expect(html).toContain("Hittades inte")
        expect(html).not.toContain(texts.otherGoal)
        expect(html).not.toContain(texts.draftGoal)
      }
    })

    it("administrator exports 100 plans and not 101", async () => {
      // Tops the school up to 101 current plans, of which the administrator exports 100.
      const admin = { personId: staff.admin.id }
      const missing = 101 - (await iup.administration.currentPlans(admin)).length
      for (let round = 0; round * classPupils.length < missing; round++) {
        const pupils = classPupils.slice(0, Math.min(classPupils.length, missing - round * classPupils.length))
        await iup.mentoring.createPlans({ personId: staff.mentor.id }, {
          pupilIds: pupils.map((pupil) => pupil.id),
          plan: { templateId, title: `Extra plan ${round + 1}`, startDate: "2026-09-01", endDate: null }
        })
      }
      const current = await iup.administration.currentPlans(admin)
      expect(current).toHaveLength(101)

      const page = await signIn(nameOf(staff.admin))
      await page.getByRole("link", { name: "Administration: planer och PDF-export" }).click()
      await page.waitForURL(`${running.url}/admin`)
      const boxes = page.locator('input[type="checkbox"][name="planIds"]')
      expect(await boxes.count()).toBe(101)
      const chosen: Array<string> = []
      for (let index = 0; index < 100; index++) {
        const box = boxes.nth(index)
        await box.check()
        chosen.push((await box.getAttribute("value"))!)
      }
      const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Exportera som PDF" }).click()])
      expect(download.suggestedFilename()).toBe("iup-planer.pdf")
      const bytes = readFileSync(await download.path())
      expect(bytes.subarray(0, 5).toString("latin1")).toBe("%PDF-")
      const pdf = await pdfPlanNumbers(bytes)
      expect(pdf.plans.size).toBe(100)
      expect(pdf.plans).toContain("1/100")
      expect(pdf.plans).toContain("100/100")
      expect(pdf.pages).toBeGreaterThanOrEqual(100)
      await shot(page, "admin-export-selected")

      await page.getByLabel("Alla aktuella planer (101)", { exact: true }).check()
      const [response] = await Promise.all([
        page.waitForResponse((candidate) => candidate.url().endsWith("/admin/export.pdf")),
        page.getByRole("button", { name: "Exportera som PDF" }).click()
      ])
      expect(response.status()).toBe(422)
      await page.waitForLoadState()
      expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe(refusal.title)
      const refused = await page.locator("main").textContent()
      expect(refused).toContain("Du valde 101 planer")
      expect(refused).toContain(refusal.limit)
      expect(refused).not.toMatch(/[Ee]xport limit|at most/)
      await shot(page, "admin-export-refused")
    })

    it("mentor uploads a document without JavaScript", async () => {
      const planId = (await mentorPlans())[0]!.id
      const context = await browser.newContext({ locale: "sv-SE", javaScriptEnabled: false, acceptDownloads: true })
      contexts.push(context)
      const page = await context.newPage()
      await page.goto(`${running.url}/sign-in`)
      await page.getByRole("button", { name: nameOf(staff.mentor), exact: true }).click()
      await page.waitForURL(`${running.url}/`)

      const planUrl = `${running.url}/plans/${encodeURIComponent(planId)}`
      await page.goto(planUrl)
      await page.locator("#document-title").fill("Åtgärdsprogram VT")
      await page.locator("#document-file").setInputFiles({ name: "Åtgärdsprogram \"VT\".pdf", mimeType: "application/pdf", buffer: Buffer.from(minimalPdf) })
      await page.locator("form.upload-form button[type=submit]").click()
      await page.waitForURL(planUrl)
      await shot(page, "mentor-document")

      const link = page.getByRole("link", { name: "Åtgärdsprogram VT" })
      expect(await link.count()).toBe(1)
      expect(await page.locator("ul.documents").textContent()).toContain('Åtgärdsprogram "VT".pdf')
      const [download] = await Promise.all([page.waitForEvent("download"), link.click()])
      expect(new Uint8Array(readFileSync((await download.path())!))).toEqual(minimalPdf)
      // Chromium's downloads put an underscore in place of each quote.
      expect(download.suggestedFilename()).toBe("Åtgärdsprogram _VT_.pdf")
    })

    it("mentor deletes a plan after confirming", async () => {
      const created = await iup.mentoring.createPlans({ personId: staff.mentor.id }, {
        pupilIds: [otherPupil.id],
        plan: { templateId, title: "Plan som tas bort", startDate: "2027-02-01", endDate: null }
      })
      const planId = created.plans[0]!.id
      const page = await signIn(nameOf(staff.mentor))
      await page.goto(`${running.url}/plans/${encodeURIComponent(planId)}`)
      const deleteButton = page.getByRole("button", { name: "Ta bort planen" })
      // The required box stops the browser from sending the form, so the plan stays.
      await deleteButton.click()
      expect(page.url()).toBe(`${running.url}/plans/${encodeURIComponent(planId)}`)
      expect((await mentorPlans()).some((plan) => plan.id === planId)).toBe(true)

      await page.getByLabel("Ja, ta bort").check()
      await deleteButton.click()
      await page.waitForURL(`${running.url}/mentor?notice=planDeleted`)
      expect(await page.locator("p.notice-success").textContent()).toBe("Planen togs bort.")
      expect((await mentorPlans()).some((plan) => plan.id === planId)).toBe(false)
    })

    it("keeps English once chosen", async () => {
      const page = await signIn(nameOf(staff.mentor))
      await page.getByRole("link", { name: "English", exact: true }).click()
      await expect.poll(() => page.locator("html").getAttribute("lang")).toBe("en")
      await page.getByRole("link", { name: "My mentees and plans" }).click()
      await page.waitForURL(`${running.url}/mentor`)
      expect(await page.locator("html").getAttribute("lang")).toBe("en")
      await page.getByRole("link", { name: planTitle }).first().click()
      await expect.poll(() => page.locator("html").getAttribute("lang")).toBe("en")
      await page.getByRole("link", { name: "Svenska", exact: true }).click()
      await expect.poll(() => page.locator("html").getAttribute("lang")).toBe("sv")
    })

    it("breaks no content security rule", () => {
      expect(contexts.length).toBeGreaterThan(0)
      expect(blocked).toEqual([])
    })

    it("logs no console errors", () => {
      expect(contexts.length).toBeGreaterThan(0)
      expect(consoleErrors).toEqual([])
    })
  })
}
