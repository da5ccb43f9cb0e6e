/**
 * The fonts embedded in exported PDFs. The PDF standard fonts only cover WinAnsi (Latin-1 plus a
 * few signs), so pupils' names and free text in other scripts need an embedded Unicode font:
 * DejaVu Sans from the `dejavu-fonts-ttf` package. pdfkit embeds only the glyphs used.
 *
 * What DejaVu Sans cannot draw: Chinese, Japanese and Korean characters, and Indic scripts such
 * as Devanagari or Bengali. Such characters are printed as U+FFFD (a replacement mark) instead of
 * vanishing. Right-to-left text (Arabic, Hebrew) is drawn in the order it was typed, because
 * pdfkit does not reorder bidirectional text. Colour emoji are drawn in black, or replaced when
 * DejaVu has no glyph for them.
 *
 * @since 0.1.0
 */
/// <reference path="./internal/fontkit.d.ts" />
import * as fontkit from "fontkit"
import { readFileSync } from "node:fs"
import { createRequire } from "node:module"

/**
 * A font to embed: its TrueType bytes.
 *
 * @category fonts
 * @since 0.1.0
 */
export interface PdfFonts {
  readonly regular: Buffer
  readonly bold: Buffer
}

/** A font ready for layout: its bytes and what it can draw. */
export interface LoadedFont {
  readonly data: Buffer
  readonly font: fontkit.Font
}

let dejaVu: PdfFonts | undefined

/**
 * Loads DejaVu Sans and DejaVu Sans Bold from the `dejavu-fonts-ttf` package, once per process.
 *
 * @category fonts
 * @since 0.1.0
 */
export const dejaVuSans = (): PdfFonts => {
  if (dejaVu === undefined) {
    const require = createRequire(import.meta.url)
    dejaVu = {
      regular: readFileSync(require.resolve("dejavu-fonts-ttf/ttf/DejaVuSans.ttf")),
      bold: readFileSync(require.resolve("dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf"))
    }
  }
  return dejaVu
}

export const loadFont = (data: Buffer): LoadedFont => ({ data, font: fontkit.create(data) })

const replacement = "\uFFFD"

/**
 * Makes text safe to draw with a font: line breaks become "\n", tabs become spaces, other control
 * characters are dropped, and characters the font has no glyph for become U+FFFD.
 */
export const drawableText = (text: string, font: LoadedFont): string => {
  let result = ""
  for (const char of text.replace(/\r\n?/g, "\n")) {
    const codePoint = char.codePointAt(0)!
    if (char === "\n") result += char
    else if (char === "\t") result += " "
    else if (codePoint < 0x20 || (codePoint >= 0x7f && codePoint < 0xa0)) continue
    else result += font.font.hasGlyphForCodePoint(codePoint) ? char : replacement
  }
  return result
}
