import type { DocumentView, PlanFieldView, PlanView } from "@iupkit/services"
import type { ComponentChildren } from "preact"
import { fullName } from "../Format.js"
import {
  AutosaveStatus,
  DateText,
  DeleteForm,
  EntryTable,
  FieldError,
  FormError,
  InputField,
  InstantText,
  invalidAttributes,
  Name,
  Page,
  PeriodText,
  PlanStatus,
  PostForm,
  Prose,
  SensitiveNotice,
  TextArea,
  useOptions,
  useRejectedInput
} from "../internal/components.js"

/** The plan's identity: pupil, period and status. */
export const PlanFacts = (props: { readonly plan: PlanView }) => {
  const { messages } = useOptions()
  const { plan } = props
  return (
    <dl class="plan-facts">
      <div>
        <dt>{messages.pupil}</dt>
        <dd>
          <Name person={plan.pupil} />
        </dd>
      </div>
      <div>
        <dt>{messages.period}</dt>
        <dd>
          <PeriodText start={plan.startDate} end={plan.endDate} />
        </dd>
      </div>
      <div>
        <dt>{messages.status}</dt>
        <dd>
          <PlanStatus plan={plan} />
        </dd>
      </div>
    </dl>
  )
}

const isVersionConflict = (error: unknown): boolean =>
  typeof error === "object" && error !== null && (error as { readonly _tag?: unknown })._tag === "VersionConflictError"

/**
 * The form of one editable field. Fields: `value` and `version` (the field version the text was
 * read at). The autosave script posts the same form with `Accept: application/json`.
 */
const FieldEditForm = (props: { readonly plan: PlanView; readonly field: PlanFieldView }) => {
  const { messages, routes } = useOptions()
  const { field, plan } = props
  const textareaId = `field-${field.fieldId}-value`
  const action = routes.updatePlanField(plan.id, field.fieldId)
  const { rejectedForm } = useOptions()
  const rejected = useRejectedInput(action)
  // After a conflict the box keeps the user's text and the version is the saved one, so saving
  // again replaces the saved text on purpose.
  const conflict = rejected !== null && isVersionConflict(rejectedForm?.error)
  return (
    <PostForm action={action} class="field-form" autosave>
      {conflict ? (
        <div class="notice notice-error" role="alert">
          <p>{messages.conflictKeptText}</p>
          <p>
            <strong>{messages.savedTextNow}</strong>
          </p>
          <Prose text={field.value} />
        </div>
      ) : (
        <FormError rejected={rejected} fields={["value"]} />
      )}
      <input type="hidden" name="version" value={String(field.version)} />
      <label for={textareaId}>{messages.editField(field.heading)}</label>
      <FieldError rejected={rejected} name="value" inputId={textareaId} />
      <TextArea
        id={textareaId}
        name="value"
        rows={8}
        value={rejected?.value("value", field.value) ?? field.value}
        {...invalidAttributes(rejected, "value", textareaId)}
      />
      <div class="form-actions">
        <button type="submit">{messages.save}</button>
        <AutosaveStatus />
      </div>
    </PostForm>
  )
}

/** One field, collapsible on its own without script. */
const FieldSection = (props: { readonly plan: PlanView; readonly field: PlanFieldView; readonly editable: boolean }) => {
  const { messages } = useOptions()
  const { field } = props
  return (
    <details class="plan-field" open>
      <summary>
        <h3>{field.heading}</h3>
      </summary>
      <div class="plan-field-body">
        {props.editable && field.canEdit ? <FieldEditForm plan={props.plan} field={field} /> : <Prose text={field.value} />}
        {field.lastEditedAt === null ? null : (
          <p class="meta">
            {`${messages.lastEdited}: `}
            <InstantText instant={field.lastEditedAt} />
          </p>
        )}
      </div>
    </details>
  )
}

/** The legacy documents listed below the plan. */
export const DocumentList = (props: { readonly documents: ReadonlyArray<DocumentView>; readonly links: boolean }) => {
  const { messages, routes } = useOptions()
  if (props.documents.length === 0) return <p class="empty">{messages.noDocuments}</p>
  return (
    <ul class="documents">
      {props.documents.map((document) => (
        <li key={document.id}>
          {props.links ? <a href={routes.document(document.id)}>{document.title}</a> : <span>{document.title}</span>}
          <span class="meta">
            {" "}
            ({document.fileName}, {messages.fileSize(document.byteSize)}, {messages.documentSource(document.source)}
            {document.documentDate === null ? null : (
              <>
                {", "}
                <DateText date={document.documentDate} />
              </>
            )}
            )
          </span>
        </li>
      ))}
    </ul>
  )
}

/**
 * Renders the upload form of a legacy document for the plan's pupil, sent as
 * `multipart/form-data`. Fields: `planId` (the page to return to), `title`, `documentDate` (may be
 * empty) and `file`.
 */
const UploadDocumentForm = (props: { readonly plan: PlanView }) => {
  const { messages, routes } = useOptions()
  return (
    <PostForm
      action={routes.uploadDocument(props.plan.pupil.id)}
      enctype="multipart/form-data"
      class="upload-form"
      label={messages.addDocument}
    >
      <input type="hidden" name="planId" value={props.plan.id} />
      <h3>{messages.addDocument}</h3>
      <div class="field">
        <label for="document-title">{messages.documentTitle}</label>
        <input type="text" id="document-title" name="title" required maxLength={200} />
      </div>
      <div class="field">
        <label for="document-date">{messages.documentDate}</label>
        <input type="date" id="document-date" name="documentDate" />
      </div>
      <div class="field">
        <label for="document-file">{messages.documentFile}</label>
        <input
          type="file"
          id="document-file"
          name="file"
          required
          accept=".pdf,.doc,.docx,application/pdf,application/msword,application/vnd.openxmlformats-officedocument.wordprocessingml.document"
        />
      </div>
      <button type="submit">{messages.uploadDocument}</button>
    </PostForm>
  )
}

/**
 * The header form. Fields: `title`, `startDate`, `endDate` (may be empty), `published` (present
 * when checked) and `version` (the header version). An archived plan accepts only a new end date,
 * so its form has `endDate` and `version` alone.
 */
const HeaderForm = (props: { readonly plan: PlanView }) => {
  const { messages, routes } = useOptions()
  const { plan } = props
  const action = routes.updatePlanHeader(plan.id)
  const rejected = useRejectedInput(action)
  return (
    <details class="plan-header-edit" open={plan.archived || rejected !== null}>
      <summary>{messages.editHeader}</summary>
      <PostForm action={action} class="header-form">
        <FormError rejected={rejected} fields={plan.archived ? ["endDate"] : ["title", "startDate", "endDate"]} />
        <input type="hidden" name="version" value={String(plan.headerVersion)} />
        {plan.archived ? null : (
          <>
            <InputField type="text" id="header-title" name="title" label={messages.planTitle} value={plan.title} rejected={rejected} required maxLength={200} />
            <InputField type="date" id="header-start" name="startDate" label={messages.startDate} value={plan.startDate} rejected={rejected} required />
          </>
        )}
        <InputField type="date" id="header-end" name="endDate" label={messages.endDate} value={plan.endDate ?? ""} rejected={rejected} />
        {plan.archived ? null : (
          <div class="choice">
            <input
              type="checkbox"
              id="header-published"
              name="published"
              value="true"
              checked={rejected === null ? plan.published : rejected.value("published", "") === "true"}
            />
            <label for="header-published">{messages.publishPlan}</label>
          </div>
        )}
        <button type="submit">{messages.saveHeader}</button>
      </PostForm>
    </details>
  )
}

/**
 * Publishes a draft in one click, next to the sentence that says who cannot see it yet. It posts
 * to the header form's target with the fields `intent` ("publish") and `version` (the header
 * version), so the host publishes without touching title or dates.
 */
const PublishForm = (props: { readonly plan: PlanView }) => {
  const { messages, routes } = useOptions()
  const { plan } = props
  if (plan.archived || plan.published) return null
  return (
    <PostForm action={routes.updatePlanHeader(plan.id)} class="publish-form" label={messages.publishNow}>
      <input type="hidden" name="version" value={String(plan.headerVersion)} />
      <input type="hidden" name="intent" value="publish" />
      <p class="notice">{messages.draftHint}</p>
      <button type="submit">{messages.publishNow}</button>
    </PostForm>
  )
}

/**
 * A plan's content: matched entries, fields and documents. The page shows edit controls where the
 * view allows them; print shows none and keeps every field open.
 */
export const PlanBody = (props: {
  readonly plan: PlanView
  readonly editable: boolean
  readonly idPrefix: string
  readonly afterNotice?: ComponentChildren
}) => {
  const { messages } = useOptions()
  const { idPrefix, plan } = props
  const editable = props.editable && !plan.archived
  return (
    <>
      <SensitiveNotice />
      {plan.archived ? (
        <p class="notice">{props.editable && plan.canEditHeader ? messages.archivedMoveEndDate : messages.archivedReadOnly}</p>
      ) : null}
      {props.afterNotice}
      <section aria-labelledby={`${idPrefix}entries`}>
        <h2 id={`${idPrefix}entries`}>{messages.matchedEntries}</h2>
        <EntryTable
          entries={plan.entries}
          caption={messages.matchedEntries}
          emptyText={messages.noMatchedEntries}
          showPupil={false}
        />
      </section>
      <section aria-labelledby={`${idPrefix}fields`}>
        <h2 id={`${idPrefix}fields`}>{messages.fields}</h2>
        {plan.fields.length === 0 ? <p class="empty">{messages.noFields}</p> : null}
        {plan.fields.map((field) => (
          <FieldSection key={field.fieldId} plan={plan} field={field} editable={editable} />
        ))}
      </section>
      <section aria-labelledby={`${idPrefix}documents`}>
        <h2 id={`${idPrefix}documents`}>{messages.documents}</h2>
        <DocumentList documents={plan.documents} links={props.editable} />
        {props.editable && plan.canWriteDocuments ? <UploadDocumentForm plan={plan} /> : null}
      </section>
    </>
  )
}

/** One plan as its reader may read it, with the edit controls the reader is allowed. */
export const PlanPage = (props: { readonly view: PlanView }) => {
  const { messages, routes } = useOptions()
  const plan = props.view
  return (
    <Page title={messages.planPageTitle(plan.title, fullName(plan.pupil))} kind="plan">
      <header class="page-header">
        <h1>{plan.title}</h1>
        <PlanFacts plan={plan} />
        <nav>
          <a href={routes.pupilPlans(plan.pupil.id)}>{messages.allPlansOfPupil(fullName(plan.pupil))}</a>
        </nav>
      </header>
      <PlanBody
        plan={plan}
        editable
        idPrefix="plan-"
        afterNotice={
          plan.canEditHeader ? (
            <>
              <PublishForm plan={plan} />
              <HeaderForm plan={plan} />
            </>
          ) : null
        }
      />
      {plan.canDelete ? (
        <DeleteForm action={routes.deletePlan(plan.id)} label={messages.deletePlan} warning={messages.deletePlanConfirm} idPrefix="plan">
          <input type="hidden" name="version" value={String(plan.headerVersion)} />
        </DeleteForm>
      ) : null}
    </Page>
  )
}
