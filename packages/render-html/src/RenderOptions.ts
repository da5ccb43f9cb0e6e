/**
 * What every page renderer needs from the host besides the view: language, the site's time zone,
 * the CSRF token for forms and the URL table.
 *
 * @since 0.1.0
 */
import { defaultTimeZone } from "@iupkit/core"
import type { DateTime } from "effect"
import { defaultLocale, type Locale, type Messages, messagesFor } from "./Messages.js"
import { defaultRoutes, type Routes } from "./Routes.js"

/**
 * Options of the page renderers; all are optional.
 *
 * @category rendering
 * @since 0.1.0
 */
export interface RenderOptions {
  /** Language of the page; Swedish by default. */
  readonly locale?: Locale
  /** The site's time zone for edit times; Europe/Stockholm by default. */
  readonly timeZone?: DateTime.TimeZone
  /**
   * The host's CSRF token, sent with every form as the field named by `csrfFieldName`. Without
   * one, forms carry no token field.
   */
  readonly csrfToken?: string
  /** Name of the CSRF form field; "_csrf" by default, which most CSRF middleware reads. */
  readonly csrfFieldName?: string
  readonly routes?: Routes
  /** Whether pages load the autosave script; true by default. Forms work without it. */
  readonly autosave?: boolean
}

/** Options with every default filled in. */
export interface ResolvedOptions {
  readonly messages: Messages
  readonly timeZone: DateTime.TimeZone
  readonly csrf: { readonly name: string; readonly token: string } | null
  readonly routes: Routes
  readonly autosave: boolean
}

/** Fills in the defaults of render options. */
export const resolveOptions = (options: RenderOptions = {}): ResolvedOptions => ({
  messages: messagesFor(options.locale ?? defaultLocale),
  timeZone: options.timeZone ?? defaultTimeZone,
  csrf: options.csrfToken === undefined ? null : { name: options.csrfFieldName ?? "_csrf", token: options.csrfToken },
  routes: options.routes ?? defaultRoutes,
  autosave: options.autosave ?? true
})
