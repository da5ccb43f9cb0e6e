/**
 * Building blocks shared by the pages. Every value reaches the markup as a JSX child or attribute,
 * so the renderer escapes it; nothing here builds HTML from strings.
 */
import type { LocalDate } from "@iupkit/core"
import type { EntryView, PersonSummary, PlanSummary } from "@iupkit/services"
import type { DateTime } from "effect"
import { type ComponentChildren, createContext } from "preact"
import { useContext } from "preact/hooks"
import { describeError, formFieldOf } from "../ErrorMessages.js"
import { formatDate, formatInstant, formatPeriod, fullName, isoInstant } from "../Format.js"
import type { ResolvedOptions } from "../RenderOptions.js"

/** The id of the mentor page's section that picks protected pupils for the overview. */
export const protectedPupilsId = "protected-pupils"

export const OptionsContext = createContext<ResolvedOptions | null>(null)

/** The options of the page being rendered. */
export const useOptions = (): ResolvedOptions => {
  const options = useContext(OptionsContext)
  if (options === null) throw new Error("iupkit page components must be rendered inside a page renderer")
  return options
}

/**
 * The header on every page: a link home and, when the host names the signed-in person, who that
 * is and a sign-out button.
 */
export const SiteHeader = () => {
  const { messages, routes, signedIn } = useOptions()
  return (
    <header class="site-header">
      <nav aria-label={messages.siteNavigation}>
        <a href={routes.home}>{messages.home}</a>
      </nav>
      <LanguageChoice />
      {signedIn === null ? null : (
        <div class="site-session">
          <span class="signed-in-as">{messages.signedInAs(signedIn.name)}</span>
          {signedIn.signOutAction === undefined ? null : (
            <PostForm action={signedIn.signOutAction} class="sign-out">
              <button type="submit">{messages.signOut}</button>
            </PostForm>
          )}
        </div>
      )}
    </header>
  )
}

/**
 * Links to the current page in Swedish and English. A query-only link keeps the path, and the
 * host remembers the choice for the next pages.
 */
const LanguageChoice = () => {
  const { messages } = useOptions()
  const choices = [
    { locale: "sv", name: "Svenska" },
    { locale: "en", name: "English" }
  ] as const
  return (
    <nav class="language-choice" aria-label={messages.languageChoice}>
      {choices.map((choice, index) => (
        <span key={choice.locale}>
          {index === 0 ? null : " | "}
          <a
            href={`?lang=${choice.locale}`}
            lang={choice.locale}
            hreflang={choice.locale}
            aria-current={messages.locale === choice.locale ? "true" : undefined}
          >
            {choice.name}
          </a>
        </span>
      ))}
    </nav>
  )
}

/** The confirmation of the form post that led to this page. */
const NoticeLine = () => {
  const { messages, notice } = useOptions()
  if (notice === null) return null
  return (
    <p class="notice notice-success" role="status">
      {messages.notices[notice.kind](notice.count)}
    </p>
  )
}

/** The full HTML document around a page's content. */
export const Page = (props: { readonly title: string; readonly children: ComponentChildren; readonly kind: string }) => {
  const { autosave, messages, routes } = useOptions()
  return (
    <html lang={messages.locale}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${props.title} – ${messages.productName}`}</title>
        <link rel="stylesheet" href={routes.stylesheet} />
        <link rel="icon" href={routes.icon} type="image/svg+xml" />
        {autosave ? <script src={routes.autosaveScript} defer /> : null}
      </head>
      <body class={`iup iup-${props.kind}`}>
        <a class="skip-link" href="#main">
          {messages.skipToContent}
        </a>
        <SiteHeader />
        <main id="main">
          <NoticeLine />
          {props.children}
        </main>
      </body>
    </html>
  )
}

/** The host's CSRF token as a hidden field, when the host passed one. */
export const CsrfField = () => {
  const { csrf } = useOptions()
  return csrf === null ? null : <input type="hidden" name={csrf.name} value={csrf.token} />
}

/**
 * A POST form carrying the CSRF token. `autosave` marks it for the optional autosave script. The
 * token field comes first, so a host that streams a multipart body reads it before any file.
 */
export const PostForm = (props: {
  readonly action: string
  readonly children?: ComponentChildren
  readonly id?: string
  readonly class?: string
  readonly autosave?: boolean
  readonly label?: string
  readonly enctype?: "multipart/form-data"
}) => (
  <form
    method="post"
    action={props.action}
    enctype={props.enctype}
    id={props.id}
    class={props.class}
    aria-label={props.label}
    data-autosave={props.autosave === true ? "" : undefined}
  >
    <CsrfField />
    {props.children}
  </form>
)

/** The live status line the autosave script writes to; its texts come from the catalogue. */
export const AutosaveStatus = () => {
  const { messages } = useOptions()
  return (
    <output
      class="autosave-status"
      aria-live="polite"
      data-saving={messages.saving}
      data-saved={messages.saved}
      data-failed={messages.saveFailed}
      data-conflict={messages.saveConflict}
    />
  )
}

export const DateText = (props: { readonly date: LocalDate }) => {
  const { messages } = useOptions()
  return <time dateTime={props.date}>{formatDate(props.date, messages)}</time>
}

export const InstantText = (props: { readonly instant: DateTime.DateTime }) => {
  const { messages, timeZone } = useOptions()
  return <time dateTime={isoInstant(props.instant, timeZone)}>{formatInstant(props.instant, timeZone, messages)}</time>
}

export const PeriodText = (props: { readonly start: LocalDate; readonly end: LocalDate | null }) => {
  const { messages } = useOptions()
  return <span class="period">{formatPeriod(props.start, props.end, messages)}</span>
}

/** The warning every reader of a plan is shown. */
export const SensitiveNotice = () => {
  const { messages } = useOptions()
  return (
    <p class="notice notice-sensitive" role="note">
      {messages.sensitiveNotice}
    </p>
  )
}

export const Name = (props: { readonly person: PersonSummary }) => <span class="person-name">{fullName(props.person)}</span>

/** Text with its line breaks kept; the stylesheet sets `white-space: pre-wrap`. */
export const Prose = (props: { readonly text: string }) => {
  const { messages } = useOptions()
  return props.text.trim() === "" ? <p class="prose prose-empty">{messages.empty}</p> : <p class="prose">{props.text}</p>
}

const statusText = (plan: Pick<PlanSummary, "archived" | "published">, options: ResolvedOptions): string =>
  plan.archived ? options.messages.archived : plan.published ? options.messages.published : options.messages.draft

export const PlanStatus = (props: { readonly plan: Pick<PlanSummary, "archived" | "published"> }) => {
  const options = useOptions()
  const kind = props.plan.archived ? "archived" : props.plan.published ? "published" : "draft"
  return <span class={`status status-${kind}`}>{statusText(props.plan, options)}</span>
}

/** A table of plans, or a sentence when there are none. */
export const PlanTable = (props: {
  readonly plans: ReadonlyArray<PlanSummary>
  readonly caption: string
  readonly emptyText: string
  readonly showPupil: boolean
  readonly selectForm?: string
}) => {
  const { messages, routes } = useOptions()
  if (props.plans.length === 0) return <p class="empty">{props.emptyText}</p>
  return (
    <table class="plans">
      <caption class="visually-hidden">{props.caption}</caption>
      <thead>
        <tr>
          {props.selectForm === undefined ? null : <th scope="col">{messages.select}</th>}
          {props.showPupil ? <th scope="col">{messages.pupil}</th> : null}
          <th scope="col">{messages.planTitle}</th>
          <th scope="col">{messages.period}</th>
          <th scope="col">{messages.status}</th>
        </tr>
      </thead>
      <tbody>
        {props.plans.map((plan) => {
          const checkboxId = `select-plan-${plan.id}`
          return (
            <tr key={plan.id}>
              {props.selectForm === undefined ? null : (
                <td>
                  <input type="checkbox" id={checkboxId} name="planIds" value={plan.id} form={props.selectForm} />
                  <label class="visually-hidden" for={checkboxId}>
                    {messages.selectPlan(plan.title, fullName(plan.pupil))}
                  </label>
                </td>
              )}
              {props.showPupil ? (
                <th scope="row">
                  <Name person={plan.pupil} />
                </th>
              ) : null}
              <td>
                <a href={routes.plan(plan.id)}>{plan.title}</a>
              </td>
              <td>
                <PeriodText start={plan.startDate} end={plan.endDate} />
              </td>
              <td>
                <PlanStatus plan={plan} />
              </td>
            </tr>
          )
        })}
      </tbody>
    </table>
  )
}

/** A pupil's own judgement in a table cell or list. */
export const SelfAssessmentText = (props: { readonly entry: Pick<EntryView, "selfAssessment"> }) => {
  const { messages } = useOptions()
  const self = props.entry.selfAssessment
  if (self === null) return <span class="muted">{messages.notSet}</span>
  return (
    <div class="self-assessment">
      <p class="level">{self.level ?? messages.noLevel}</p>
      {self.comment.trim() === "" ? null : <p class="prose">{self.comment}</p>}
    </div>
  )
}

/** A table of assessment entries, or a sentence when there are none. */
export const EntryTable = (props: {
  readonly entries: ReadonlyArray<EntryView>
  readonly caption: string
  readonly emptyText: string
  readonly showPupil: boolean
}) => {
  const { messages } = useOptions()
  if (props.entries.length === 0) return <p class="empty">{props.emptyText}</p>
  return (
    <table class="entries">
      <caption class="visually-hidden">{props.caption}</caption>
      <thead>
        <tr>
          {props.showPupil ? <th scope="col">{messages.pupil}</th> : null}
          <th scope="col">{messages.course}</th>
          <th scope="col">{messages.assessment}</th>
          <th scope="col">{messages.level}</th>
          <th scope="col">{messages.comment}</th>
          <th scope="col">{messages.selfAssessment}</th>
          <th scope="col">{messages.lastEdited}</th>
        </tr>
      </thead>
      <tbody>
        {props.entries.map((entry) => (
          <tr key={`${entry.assessmentId}/${entry.pupil.id}`}>
            {props.showPupil ? (
              <th scope="row">
                <Name person={entry.pupil} />
              </th>
            ) : null}
            <td>{entry.course.name}</td>
            <td>{entry.assessmentTitle}</td>
            <td>{entry.scaleSteps === null ? messages.noScale : (entry.level ?? messages.noLevel)}</td>
            <td>
              <Prose text={entry.comment} />
            </td>
            <td>
              <SelfAssessmentText entry={entry} />
            </td>
            <td>
              <InstantText instant={entry.lastEditedAt} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}

/**
 * A textarea holding a value. HTML parsers drop one newline right after `<textarea>`, so one is
 * written first; a value that starts with a line break then keeps it.
 */
export const TextArea = (props: {
  readonly id: string
  readonly name: string
  readonly value: string
  readonly rows: number
  readonly form?: string
  readonly "aria-invalid"?: boolean
  readonly "aria-describedby"?: string
}) => (
  <textarea
    id={props.id}
    name={props.name}
    rows={props.rows}
    maxLength={20000}
    form={props.form}
    aria-invalid={props["aria-invalid"]}
    aria-describedby={props["aria-describedby"]}
  >
    {`\n${props.value}`}
  </textarea>
)

/** A `<select>` of a scale's steps with an empty first choice. */
export const LevelSelect = (props: {
  readonly id: string
  readonly name: string
  readonly steps: ReadonlyArray<string>
  readonly selected: string | null
  readonly form?: string
  readonly required?: boolean
  readonly "aria-invalid"?: boolean
  readonly "aria-describedby"?: string
}) => {
  const { messages } = useOptions()
  return (
    <select
      id={props.id}
      name={props.name}
      form={props.form}
      required={props.required}
      aria-invalid={props["aria-invalid"]}
      aria-describedby={props["aria-describedby"]}
    >
      <option value="" selected={props.selected === null}>
        {messages.noLevel}
      </option>
      {props.selected !== null && !props.steps.includes(props.selected) ? (
        <option value={props.selected} selected>
          {props.selected}
        </option>
      ) : null}
      {props.steps.map((step) => (
        <option key={step} value={step} selected={props.selected === step}>
          {step}
        </option>
      ))}
    </select>
  )
}

/** What a form needs to show itself again after the host rejected its post. */
export interface RejectedInput {
  /** The posted value of a field, or `fallback` when the field was not posted. */
  readonly value: (name: string, fallback: string) => string
  readonly values: (name: string) => ReadonlyArray<string>
  /** The form field the error names, if any. */
  readonly field: string | undefined
  readonly message: string
}

/** The rejected post of the form with this action, or null when the page shows no rejection. */
export const useRejectedInput = (action: string): RejectedInput | null => rejectedInputFor(useOptions(), action)

/** {@link useRejectedInput} for components that look up several forms, such as one per table row. */
export const rejectedInputFor = (options: ResolvedOptions, action: string): RejectedInput | null => {
  const { messages, rejectedForm } = options
  if (rejectedForm === null || rejectedForm.action !== action) return null
  const { error, values } = rejectedForm
  const all = (name: string): ReadonlyArray<string> => {
    const posted = values[name]
    if (posted === undefined) return []
    if (typeof posted === "string") return [posted]
    return posted
  }
  return {
    value: (name, fallback) => all(name)[0] ?? fallback,
    values: all,
    field: formFieldOf(error),
    message: describeError(error, messages.locale).message
  }
}

/** The id of the error message shown next to a field, for its `aria-describedby`. */
export const fieldErrorId = (inputId: string): string => `${inputId}-error`

/** The error message next to the field it names, or nothing for other fields. */
export const FieldError = (props: { readonly rejected: RejectedInput | null; readonly name: string; readonly inputId: string }) =>
  props.rejected !== null && props.rejected.field === props.name ? (
    <p class="field-error" id={fieldErrorId(props.inputId)} role="alert">
      {props.rejected.message}
    </p>
  ) : null

/** The error message at the top of a form whose error names none of the given fields. */
export const FormError = (props: { readonly rejected: RejectedInput | null; readonly fields: ReadonlyArray<string> }) =>
  props.rejected !== null && (props.rejected.field === undefined || !props.fields.includes(props.rejected.field)) ? (
    <p class="notice notice-error" role="alert">
      {props.rejected.message}
    </p>
  ) : null

/** `aria-invalid` and `aria-describedby` for a field the rejected post's error names. */
export const invalidAttributes = (rejected: RejectedInput | null, name: string, inputId: string) =>
  rejected !== null && rejected.field === name ? { "aria-invalid": true, "aria-describedby": fieldErrorId(inputId) } : {}

/**
 * A labelled text or date input that a rejected post fills in again, with the error next to it
 * when the error names this field, and an optional hint below.
 */
export const InputField = (props: {
  readonly type: "text" | "date"
  readonly id: string
  readonly name: string
  readonly label: string
  readonly value: string
  readonly rejected: RejectedInput | null
  readonly required?: boolean
  readonly maxLength?: number
  readonly hint?: string
}) => {
  const { hint, id, name, rejected } = props
  const invalid = rejected !== null && rejected.field === name
  const describedBy = [invalid ? fieldErrorId(id) : undefined, hint === undefined ? undefined : `${id}-hint`]
    .filter((part) => part !== undefined)
    .join(" ")
  return (
    <div class="field">
      <label for={id}>{props.label}</label>
      <FieldError rejected={rejected} name={name} inputId={id} />
      <input
        type={props.type}
        id={id}
        name={name}
        value={rejected === null ? props.value : rejected.value(name, "")}
        required={props.required}
        maxLength={props.maxLength}
        aria-invalid={invalid ? true : undefined}
        aria-describedby={describedBy === "" ? undefined : describedBy}
      />
      {hint === undefined ? null : (
        <p id={`${id}-hint`} class="hint">
          {hint}
        </p>
      )}
    </div>
  )
}

/**
 * A form that deletes something for good. It deletes only with its "Yes, delete" box ticked
 * (field `confirm` = "true"), which the host checks, so a stray click or a missing browser check
 * deletes nothing. A rejected post shows the form again with the reason.
 */
export const DeleteForm = (props: {
  readonly action: string
  readonly label: string
  readonly warning: string
  readonly idPrefix: string
  readonly children?: ComponentChildren
}) => {
  const { messages } = useOptions()
  const rejected = useRejectedInput(props.action)
  const checkboxId = `${props.idPrefix}-delete-confirm`
  return (
    <PostForm action={props.action} class="danger-zone" label={props.label}>
      {props.children}
      <p class="hint">{props.warning}</p>
      <FormError rejected={rejected} fields={["confirm"]} />
      <FieldError rejected={rejected} name="confirm" inputId={checkboxId} />
      <div class="choice">
        <input type="checkbox" id={checkboxId} name="confirm" value="true" required {...invalidAttributes(rejected, "confirm", checkboxId)} />
        <label for={checkboxId}>{messages.confirmDelete}</label>
      </div>
      <button type="submit" class="danger">
        {props.label}
      </button>
    </PostForm>
  )
}
