/**
 * The static files pages load: the stylesheet and the optional autosave script. Pages carry no
 * inline script or style, so hosts can send a strict Content-Security-Policy
 * (`default-src 'self'`) and serve these files from the URLs in the route table.
 *
 * @since 0.1.0
 */
import { readFileSync } from "node:fs"
import { fileURLToPath } from "node:url"

/**
 * A static file shipped with the package.
 *
 * @category assets
 * @since 0.1.0
 */
export interface Asset {
  readonly fileName: string
  /** Absolute path of the file inside the installed package. */
  readonly path: string
  readonly mediaType: string
}

// The files live in the package's assets folder, one level above both src and dist.
const assetPath = (fileName: string): string => fileURLToPath(new URL(`../assets/${fileName}`, import.meta.url))

/**
 * The stylesheet, with print rules (a page break before each printed plan) and visible focus.
 *
 * @category assets
 * @since 0.1.0
 */
export const stylesheet: Asset = {
  fileName: "iupkit.css",
  path: assetPath("iupkit.css"),
  mediaType: "text/css; charset=utf-8"
}

/**
 * The autosave script. It posts a form marked `data-autosave` shortly after the user stops
 * typing, with `Accept: application/json`; the host answers `{ "version": n }` on success and
 * status 409 on a version conflict. Without it, every form still works with its Save button.
 *
 * @category assets
 * @since 0.1.0
 */
export const autosaveScript: Asset = {
  fileName: "iupkit-autosave.js",
  path: assetPath("iupkit-autosave.js"),
  mediaType: "text/javascript; charset=utf-8"
}

/**
 * The site icon, a small SVG without script, which a strict Content-Security-Policy allows.
 *
 * @category assets
 * @since 0.1.0
 */
export const icon: Asset = {
  fileName: "iupkit-icon.svg",
  path: assetPath("iupkit-icon.svg"),
  mediaType: "image/svg+xml"
}

const contents = new Map<string, string>()

/**
 * Reads an asset's text, once per process.
 *
 * @category assets
 * @since 0.1.0
 */
export const assetContent = (asset: Asset): string => {
  let text = contents.get(asset.path)
  if (text === undefined) {
    text = readFileSync(asset.path, "utf8")
    contents.set(asset.path, text)
  }
  return text
}
