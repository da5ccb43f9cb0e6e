import type { Warning } from "@iupkit/core"
import type { CourseAssessmentView, CoursePageView, GradingScaleView } from "@iupkit/services"
import { fullName } from "../Format.js"
import {
  AutosaveStatus,
  DeleteForm,
  FieldError,
  FormError,
  InstantText,
  invalidAttributes,
  LevelSelect,
  Name,
  Page,
  PlanTable,
  PostForm,
  SelfAssessmentText,
  rejectedInputFor,
  TextArea,
  useOptions
} from "../internal/components.js"

const WarningList = (props: { readonly warnings: ReadonlyArray<Warning> }) => {
  const { messages } = useOptions()
  if (props.warnings.length === 0) return null
  return (
    <ul class="warnings">
      {props.warnings.map((warning, index) => (
        <li key={index} class="notice notice-warning">
          {warning._tag === "TitleNamesNoTerm"
            ? messages.titleNamesNoTerm(warning.title)
            : messages.planOverlap(warning.otherPlanIds.length)}
        </li>
      ))}
    </ul>
  )
}

/**
 * Course-wide settings of an assessment. Fields: `title`, `visibleToPupils` and
 * `selfAssessmentEnabled` (present when checked), `version`.
 */
const SettingsForm = (props: { readonly assessment: CourseAssessmentView }) => {
  const { messages, routes } = useOptions()
  const { assessment } = props
  const prefix = `assessment-${assessment.id}`
  return (
    <PostForm action={routes.updateAssessment(assessment.id)} class="settings-form" label={messages.assessmentSettings}>
      <input type="hidden" name="version" value={String(assessment.version)} />
      <fieldset>
        <legend>{messages.assessmentSettings}</legend>
        <div class="field">
          <label for={`${prefix}-title`}>{messages.renameForCourse}</label>
          <input type="text" id={`${prefix}-title`} name="title" value={assessment.title} required maxLength={200} />
        </div>
        <div class="choice">
          <input
            type="checkbox"
            id={`${prefix}-visible`}
            name="visibleToPupils"
            value="true"
            checked={assessment.visibleToPupils}
          />
          <label for={`${prefix}-visible`}>{messages.visibleToPupils}</label>
        </div>
        <div class="choice">
          <input
            type="checkbox"
            id={`${prefix}-self`}
            name="selfAssessmentEnabled"
            value="true"
            checked={assessment.selfAssessmentEnabled}
          />
          <label for={`${prefix}-self`}>{messages.selfAssessmentEnabled}</label>
        </div>
        <button type="submit">{messages.saveSettings}</button>
      </fieldset>
    </PostForm>
  )
}

/**
 * The entry grid. Each row posts its own form (fields `level`, `comment`, `version`, where version
 * is "new" for an entry never written, and `courseId`, the page to show a rejected post on); the
 * row's controls join it through the `form` attribute, because a form cannot wrap a table row.
 * The checked rows post `pupilIds` to the level form.
 */
const EntryGrid = (props: { readonly assessment: CourseAssessmentView; readonly courseId: string }) => {
  const options = useOptions()
  const { messages, routes } = options
  const { assessment } = props
  const levelsFormId = `levels-${assessment.id}`
  const steps = assessment.scale?.steps ?? null
  return (
    <table class="entry-grid">
      <caption>{messages.entryGrid(assessment.title)}</caption>
      <thead>
        <tr>
          {steps === null ? null : <th scope="col">{messages.select}</th>}
          <th scope="col">{messages.pupil}</th>
          {steps === null ? null : <th scope="col">{messages.level}</th>}
          <th scope="col">{messages.comment}</th>
          <th scope="col">{messages.selfAssessment}</th>
          <th scope="col">{messages.lastEdited}</th>
          <th scope="col">{messages.save}</th>
        </tr>
      </thead>
      <tbody>
        {assessment.rows.map(({ entry, pupil }) => {
          const rowId = `entry-${assessment.id}-${pupil.id}`
          const name = fullName(pupil)
          const action = routes.updateEntry(assessment.id, pupil.id)
          const rejected = rejectedInputFor(options, action)
          return (
            <tr key={pupil.id}>
              {steps === null ? null : (
                <td>
                  <input type="checkbox" id={`${rowId}-select`} name="pupilIds" value={pupil.id} form={levelsFormId} />
                  <label class="visually-hidden" for={`${rowId}-select`}>
                    {messages.selectPupil(name)}
                  </label>
                </td>
              )}
              <th scope="row">
                <Name person={pupil} />
              </th>
              {steps === null ? null : (
                <td>
                  <label class="visually-hidden" for={`${rowId}-level`}>
                    {messages.levelFor(name)}
                  </label>
                  <FieldError rejected={rejected} name="level" inputId={`${rowId}-level`} />
                  <LevelSelect
                    id={`${rowId}-level`}
                    name="level"
                    steps={steps}
                    selected={rejected === null ? (entry?.level ?? null) : rejected.value("level", "") || null}
                    form={rowId}
                    {...invalidAttributes(rejected, "level", `${rowId}-level`)}
                  />
                </td>
              )}
              <td>
                <label class="visually-hidden" for={`${rowId}-comment`}>
                  {messages.commentFor(name)}
                </label>
                <FieldError rejected={rejected} name="comment" inputId={`${rowId}-comment`} />
                <TextArea
                  id={`${rowId}-comment`}
                  name="comment"
                  rows={3}
                  value={rejected?.value("comment", "") ?? entry?.comment ?? ""}
                  form={rowId}
                  {...invalidAttributes(rejected, "comment", `${rowId}-comment`)}
                />
              </td>
              <td>{entry === null ? <span class="muted">{messages.notSet}</span> : <SelfAssessmentText entry={entry} />}</td>
              <td>
                {entry === null ? <span class="muted">{messages.notWritten}</span> : <InstantText instant={entry.lastEditedAt} />}
              </td>
              <td>
                <PostForm action={action} id={rowId} autosave label={messages.saveEntryFor(name)}>
                  <FormError rejected={rejected} fields={steps === null ? ["comment"] : ["level", "comment"]} />
                  <input type="hidden" name="version" value={entry === null ? "new" : String(entry.version)} />
                  <input type="hidden" name="courseId" value={props.courseId} />
                  <button type="submit" aria-label={messages.saveEntryFor(name)}>
                    {messages.save}
                  </button>
                  <AutosaveStatus />
                </PostForm>
              </td>
            </tr>
          )
        })}
      </tbody>
    </table>
  )
}

/**
 * One level for the checked pupils. Fields: `level`, `pupilIds` (from the grid's checkboxes) and
 * `version.<pupilId>` for every row ("new" for an entry never written), so the host can name each
 * entry's version and reject the whole write when any is stale.
 */
const LevelsForm = (props: { readonly assessment: CourseAssessmentView; readonly scale: GradingScaleView }) => {
  const { messages, routes } = useOptions()
  const { assessment } = props
  const formId = `levels-${assessment.id}`
  return (
    <PostForm action={routes.setLevels(assessment.id)} id={formId} class="levels-form" label={messages.setLevelForSelected}>
      {assessment.rows.map(({ entry, pupil }) => (
        <input
          key={pupil.id}
          type="hidden"
          name={`version.${pupil.id}`}
          value={entry === null ? "new" : String(entry.version)}
        />
      ))}
      <fieldset>
        <legend>{messages.setLevelForSelected}</legend>
        <label for={`${formId}-level`}>{messages.levelForSelected}</label>
        <LevelSelect id={`${formId}-level`} name="level" steps={props.scale.steps} selected={null} />
        <button type="submit">{messages.setLevel}</button>
      </fieldset>
    </PostForm>
  )
}

const AssessmentSection = (props: { readonly assessment: CourseAssessmentView; readonly courseId: string }) => {
  const { messages, routes } = useOptions()
  const { assessment } = props
  const headingId = `assessment-${assessment.id}-heading`
  return (
    <section class="assessment" aria-labelledby={headingId}>
      <h2 id={headingId}>{assessment.title}</h2>
      <p class="meta">
        {messages.gradingScale}: {assessment.scale === null ? messages.noScale : `${assessment.scale.name} (${assessment.scale.steps.join(", ")})`}
      </p>
      <WarningList warnings={assessment.warnings} />
      <SettingsForm assessment={assessment} />
      {assessment.rows.length === 0 ? <p class="empty">{messages.noPupils}</p> : <EntryGrid assessment={assessment} courseId={props.courseId} />}
      {assessment.scale === null || assessment.rows.length === 0 ? null : (
        <LevelsForm assessment={assessment} scale={assessment.scale} />
      )}
      <DeleteForm
        action={routes.deleteAssessment(assessment.id)}
        label={messages.deleteAssessment}
        warning={messages.deleteAssessmentConfirm}
        idPrefix={`assessment-${assessment.id}`}
      >
        <input type="hidden" name="version" value={String(assessment.version)} />
        <input type="hidden" name="courseId" value={props.courseId} />
      </DeleteForm>
    </section>
  )
}

/**
 * The new-assessment form. Fields: `title`, `gradingScaleId` (empty for no scale),
 * `visibleToPupils` and `selfAssessmentEnabled` (present when checked).
 */
const NewAssessmentForm = (props: { readonly view: CoursePageView }) => {
  const { messages, routes } = useOptions()
  return (
    <PostForm action={routes.createAssessment(props.view.course.id)} class="new-assessment">
      <div class="field">
        <label for="new-assessment-title">{messages.planTitle}</label>
        <input type="text" id="new-assessment-title" name="title" required maxLength={200} />
      </div>
      <div class="field">
        <label for="new-assessment-scale">{messages.gradingScale}</label>
        <select id="new-assessment-scale" name="gradingScaleId">
          {props.view.scales.map((scale) => (
            <option key={scale.id} value={scale.id}>
              {`${scale.name} (${scale.steps.join(", ")})`}
            </option>
          ))}
          <option value="">{messages.noScale}</option>
        </select>
      </div>
      <div class="choice">
        <input type="checkbox" id="new-assessment-visible" name="visibleToPupils" value="true" />
        <label for="new-assessment-visible">{messages.visibleToPupils}</label>
      </div>
      <div class="choice">
        <input type="checkbox" id="new-assessment-self" name="selfAssessmentEnabled" value="true" />
        <label for="new-assessment-self">{messages.selfAssessmentEnabled}</label>
      </div>
      <button type="submit">{messages.createAssessment}</button>
    </PostForm>
  )
}

/** The teacher's course page: assessments with their entry grids, and the pupils' plans. */
export const CoursePage = (props: { readonly view: CoursePageView }) => {
  const { messages, routes } = useOptions()
  const { view } = props
  const title = messages.coursePageTitle(view.course.name)
  return (
    <Page title={title} kind="course">
      <header class="page-header">
        <h1>{title}</h1>
      </header>
      {view.assessments.length === 0 ? <p class="empty">{messages.noAssessments}</p> : null}
      {view.assessments.map((assessment) => (
        <AssessmentSection key={assessment.id} assessment={assessment} courseId={view.course.id} />
      ))}
      <section aria-labelledby="new-assessment">
        <h2 id="new-assessment">{messages.newAssessment}</h2>
        <NewAssessmentForm view={view} />
      </section>
      <section aria-labelledby="course-plans">
        <h2 id="course-plans">{messages.publishedPlansOfCourse}</h2>
        <PlanTable
          plans={view.publishedPlans}
          caption={messages.publishedPlansOfCourse}
          emptyText={messages.noPlans}
          showPupil
        />
        {view.publishedPlans.length === 0 ? null : (
          <ul class="pupil-plan-links">
            {[...new Map(view.publishedPlans.map((plan) => [plan.pupil.id, plan.pupil])).values()].map((pupil) => (
              <li key={pupil.id}>
                <a href={routes.pupilPlans(pupil.id)}>{messages.allPlansOfPupil(fullName(pupil))}</a>
              </li>
            ))}
          </ul>
        )}
      </section>
    </Page>
  )
}
