/**
 * What every page renderer needs from the host besides the view: language, the site's time zone,
 * the CSRF token for forms and the URL table.
 *
 * @since 0.1.0
 */
import { defaultTimeZone } from "@iupkit/core"
import type { DateTime } from "effect"
import { defaultLocale, type Locale, type Messages, messagesFor } from "./Messages.js"
import type { PageNotice } from "./Notices.js"
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
  /**
   * The signed-in person named in the header on every page. `signOutAction` is the URL the
   * sign-out button posts to with the CSRF token. Without it the header shows no button.
   */
  readonly signedIn?: { readonly name: string; readonly signOutAction?: string }
  /**
   * A form post the host rejected. The form posted to `action` is shown again with `values`
   * (the fields as posted) and the error's message next to the field it names.
   */
  readonly rejectedForm?: RejectedForm
  /** The confirmation of the form post that led here, usually read with `noticeFromQuery`. */
  readonly notice?: PageNotice
  /** Plans a "publish selected" post could not publish, listed with the reason on the mentor page. */
  readonly publishFailures?: ReadonlyArray<PublishFailure>
}

/**
 * A plan that a "publish selected" post left unpublished, and why.
 *
 * @category rendering
 * @since 0.1.0
 */
export interface PublishFailure {
  readonly title: string
  readonly pupilName: string
  /** Usually one of the core's tagged errors; any error is explained without internal detail. */
  readonly error: unknown
}

/**
 * A rejected form post, for rendering the form again with the user's input kept.
 *
 * @category rendering
 * @since 0.1.0
 */
export interface RejectedForm {
  readonly action: string
  readonly values: Readonly<Record<string, string | ReadonlyArray<string> | undefined>>
  /** Usually the core's `InvalidInputError`; any error is explained without internal detail. */
  readonly error: unknown
}

/** Options with every default filled in. */
export interface ResolvedOptions {
  readonly messages: Messages
  readonly timeZone: DateTime.TimeZone
  readonly csrf: { readonly name: string; readonly token: string } | null
  readonly routes: Routes
  readonly autosave: boolean
  readonly signedIn: { readonly name: string; readonly signOutAction?: string } | null
  readonly rejectedForm: RejectedForm | null
  readonly notice: PageNotice | null
  readonly publishFailures: ReadonlyArray<PublishFailure>
}

/** Fills in the defaults of render options. */
export const resolveOptions = (options: RenderOptions = {}): ResolvedOptions => ({
  messages: messagesFor(options.locale ?? defaultLocale),
  timeZone: options.timeZone ?? defaultTimeZone,
  csrf: options.csrfToken === undefined ? null : { name: options.csrfFieldName ?? "_csrf", token: options.csrfToken },
  routes: options.routes ?? defaultRoutes,
  autosave: options.autosave ?? true,
  signedIn: options.signedIn ?? null,
  rejectedForm: options.rejectedForm ?? null,
  notice: options.notice ?? null,
  publishFailures: options.publishFailures ?? []
})
