import { exportLimit } from "@iupkit/core"
import type { MentorPageView, PersonSummary, TemplateSummary } from "@iupkit/services"
import { describeError } from "../ErrorMessages.js"
import { formatDate, fullName } from "../Format.js"
import {
  EntryTable,
  FieldError,
  FormError,
  InputField,
  Name,
  Page,
  PlanTable,
  PostForm,
  protectedPupilsId,
  useOptions,
  useRejectedInput
} from "../internal/components.js"

const printFormId = "plan-selection"

/**
 * The mentor page's choice of protected pupils for the overview, which leaves them out unless
 * named. A GET form to the overview with the field `pupil`, repeated.
 */
const ProtectedPupilsForm = (props: { readonly mentees: ReadonlyArray<PersonSummary> }) => {
  const { messages, routes } = useOptions()
  const chosen = props.mentees.filter((pupil) => pupil.protected)
  if (chosen.length === 0) return null
  return (
    <section aria-labelledby={protectedPupilsId}>
      <h2 id={protectedPupilsId}>{messages.protectedPupils}</h2>
      <form method="get" action={routes.overview} class="protected-pupils">
        <p class="hint">{messages.protectedPupilsHint}</p>
        <ul class="checklist">
          {chosen.map((pupil) => (
            <li key={pupil.id}>
              <input type="checkbox" id={`protected-${pupil.id}`} name="pupil" value={pupil.id} />
              <label for={`protected-${pupil.id}`}>{fullName(pupil)}</label>
            </li>
          ))}
        </ul>
        <button type="submit">{messages.showInOverview}</button>
      </form>
    </section>
  )
}

/**
 * The bulk-create form. Fields: `selection` ("all" for every mentee, "chosen" for the checked
 * ones), `pupilIds` (repeated), `templateId`, `title`, `startDate`, `endDate` (may be empty). The
 * "all" choice needs no script: the host expands it to the mentor's mentees.
 */
export const BulkCreateForm = (props: {
  readonly mentees: ReadonlyArray<PersonSummary>
  readonly templates: ReadonlyArray<TemplateSummary>
}) => {
  const { messages, routes } = useOptions()
  const rejected = useRejectedInput(routes.createPlans)
  if (props.mentees.length === 0) return <p class="empty">{messages.noMentees}</p>
  if (props.templates.length === 0) return <p class="empty">{messages.noTemplates}</p>
  const chosen = rejected?.value("selection", "all") === "chosen"
  const chosenIds = new Set(rejected?.values("pupilIds") ?? [])
  return (
    <PostForm action={routes.createPlans} class="bulk-create">
      <FormError rejected={rejected} fields={["pupilIds", "templateId", "title", "startDate", "endDate"]} />
      <fieldset>
        <legend>{messages.whichPupils}</legend>
        <div class="choice">
          <input type="radio" id="selection-all" name="selection" value="all" checked={!chosen} />
          <label for="selection-all">{messages.allMentees(props.mentees.length)}</label>
        </div>
        <div class="choice">
          <input type="radio" id="selection-chosen" name="selection" value="chosen" checked={chosen} />
          <label for="selection-chosen">{messages.chosenMentees}</label>
        </div>
        <fieldset class="pupil-choices">
          <legend>{messages.chooseMentees}</legend>
          <FieldError rejected={rejected} name="pupilIds" inputId="pupil-choices" />
          <ul class="checklist">
            {props.mentees.map((pupil) => (
              <li key={pupil.id}>
                <input
                  type="checkbox"
                  id={`pupil-${pupil.id}`}
                  name="pupilIds"
                  value={pupil.id}
                  checked={chosenIds.has(pupil.id)}
                />
                <label for={`pupil-${pupil.id}`}>{fullName(pupil)}</label>
              </li>
            ))}
          </ul>
        </fieldset>
      </fieldset>
      <fieldset>
        <legend>{messages.planDetails}</legend>
        <div class="field">
          <label for="plan-template">{messages.template}</label>
          <FieldError rejected={rejected} name="templateId" inputId="plan-template" />
          <select id="plan-template" name="templateId" required aria-describedby="plan-template-fields">
            {props.templates.map((template) => (
              <option key={template.id} value={template.id} selected={rejected?.value("templateId", "") === template.id}>
                {template.title}
              </option>
            ))}
          </select>
          <ul id="plan-template-fields" class="hint">
            {props.templates.map((template) => (
              <li key={template.id}>
                <strong>{template.title}</strong>
                {" – "}
                {messages.templateFields(template.fieldHeadings.join(", "))}
              </li>
            ))}
          </ul>
        </div>
        <InputField type="text" id="plan-title" name="title" label={messages.planTitle} value="" rejected={rejected} required maxLength={200} />
        <InputField type="date" id="plan-start" name="startDate" label={messages.startDate} value="" rejected={rejected} required />
        <InputField
          type="date"
          id="plan-end"
          name="endDate"
          label={messages.endDate}
          value=""
          rejected={rejected}
          hint={messages.endDateHint}
        />
      </fieldset>
      <button type="submit">{messages.createPlansSubmit}</button>
    </PostForm>
  )
}

/** The mentor's window choice for the assessment list; a GET form, so the URL can be bookmarked. */
const WindowForm = (props: { readonly window: MentorPageView["window"]; readonly action: string }) => {
  const { messages } = useOptions()
  return (
    <form method="get" action={props.action} class="window-form">
      <fieldset>
        <legend>{messages.chooseWindow}</legend>
        <div class="field-inline">
          <label for="window-start">{messages.windowStart}</label>
          <input type="date" id="window-start" name="start" value={props.window.start} required />
        </div>
        <div class="field-inline">
          <label for="window-end">{messages.windowEnd}</label>
          <input type="date" id="window-end" name="end" value={props.window.end} required />
        </div>
        <button type="submit">{messages.showWindow}</button>
      </fieldset>
    </form>
  )
}

/** The plans a "publish selected" post left unpublished, each with its reason. */
const PublishFailures = () => {
  const { messages, publishFailures } = useOptions()
  if (publishFailures.length === 0) return null
  return (
    <div class="notice notice-error" role="alert">
      <ul>
        {publishFailures.map((failure, index) => (
          <li key={index}>
            {messages.publishFailed(failure.title, failure.pupilName, describeError(failure.error, messages.locale).message)}
          </li>
        ))}
      </ul>
    </div>
  )
}

/** The mentor's IUP page: current plans, archived plans, assessments, and plan creation. */
export const MentorPage = (props: { readonly view: MentorPageView }) => {
  const { messages, routes } = useOptions()
  const { view } = props
  const hasPlans = view.currentPlans.length + view.archivedPlans.length > 0
  return (
    <Page title={messages.mentorPageTitle} kind="mentor">
      <header class="page-header">
        <h1>{messages.mentorPageTitle}</h1>
        <p class="byline">
          <Name person={view.mentor} />
        </p>
        <nav>
          <a href={routes.overview}>{messages.overviewLink}</a>
        </nav>
      </header>

      <PublishFailures />

      <section aria-labelledby="current-plans">
        <h2 id="current-plans">{messages.currentPlans}</h2>
        <PlanTable
          plans={view.currentPlans}
          caption={messages.currentPlans}
          emptyText={messages.noCurrentPlans}
          showPupil
          selectForm={printFormId}
        />
      </section>

      <section aria-labelledby="archived-plans">
        <h2 id="archived-plans">{messages.archivedPlans}</h2>
        <PlanTable
          plans={view.archivedPlans}
          caption={messages.archivedPlans}
          emptyText={messages.noArchivedPlans}
          showPupil
          selectForm={printFormId}
        />
      </section>

      {hasPlans ? (
        <PostForm action={routes.print} id={printFormId} class="print-form" label={messages.printAndExport}>
          <p class="hint">{messages.exportLimitHint(exportLimit)}</p>
          <button type="submit">{messages.printSelected}</button>
          <button type="submit" formAction={routes.exportPdf}>
            {messages.downloadPdf}
          </button>
          {view.currentPlans.some((plan) => !plan.published) ? (
            <button type="submit" formAction={routes.publishPlans}>
              {messages.publishSelected}
            </button>
          ) : null}
        </PostForm>
      ) : null}

      <section aria-labelledby="assessments">
        <h2 id="assessments">{messages.assessments}</h2>
        <p>{messages.entriesInWindow(formatDate(view.window.start, messages), formatDate(view.window.end, messages))}</p>
        <WindowForm window={view.window} action={routes.mentorPage} />
        <EntryTable
          entries={view.assessments}
          caption={messages.assessments}
          emptyText={messages.noEntries}
          showPupil
        />
      </section>

      <ProtectedPupilsForm mentees={view.mentees} />

      <section aria-labelledby="create-plans">
        <h2 id="create-plans">{messages.createPlans}</h2>
        <BulkCreateForm mentees={view.mentees} templates={view.templates} />
      </section>
    </Page>
  )
}
