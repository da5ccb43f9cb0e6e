import { assetContent, autosaveScript, defaultRoutes, stylesheet } from "@iupkit/render-html"
import { existsSync } from "node:fs"
import { describe, expect, it } from "vitest"

describe("assets", () => {
  it("ships the stylesheet and script files", () => {
    expect(existsSync(stylesheet.path)).toBe(true)
    expect(existsSync(autosaveScript.path)).toBe(true)
    expect(defaultRoutes.stylesheet.endsWith(stylesheet.fileName)).toBe(true)
    expect(defaultRoutes.autosaveScript.endsWith(autosaveScript.fileName)).toBe(true)
  })

  it("styles focus and print page breaks", () => {
    const css = assetContent(stylesheet)
    expect(css).toMatch(/:focus-visible\s*\{[^}]*outline: 3px solid/)
    expect(css).toMatch(/@media print[\s\S]*\.print-plan \{ break-after: page;/)
  })

  it("keeps user-visible text out of the script", () => {
    const script = assetContent(autosaveScript)
    expect(script).toContain("data-autosave")
    expect(script).toContain("status.dataset[key]")
    expect(script).not.toMatch(/Sparar|Saving|Sparat/)
  })
})
