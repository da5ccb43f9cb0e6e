/**
 * The host's own HTML: a page shell for error and sign-in pages. Every interpolated value goes
 * through `escapeHtml`; the pages carry no inline script or style, so the strict CSP holds.
 */
import { defaultRoutes } from "@iupkit/render-html"
import type { Language } from "./messages.js"

const entities: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }

/** Escapes text for use in HTML content and quoted attribute values. */
export const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (char) => entities[char] ?? char)

/** Wraps already-escaped body markup in the page shell, below the site header from @iupkit/render-html. */
export const renderPage = (args: {
  readonly language: Language
  readonly title: string
  readonly body: string
  readonly header: string
}): string =>
  `<!doctype html>
<html lang="${args.language}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(args.title)}</title>
<link rel="stylesheet" href="/assets/site.css">
<link rel="icon" href="${defaultRoutes.icon}" type="image/svg+xml">
</head>
<body>
${args.header}
<main>
${args.body}
</main>
</body>
</html>
`
