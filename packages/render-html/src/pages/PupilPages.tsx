import type { GuardianPageView, PersonSummary, PlanSummary, PupilAssessmentView, PupilPageView } from "@iupkit/services"
import { fullName } from "../Format.js"
import {
  AutosaveStatus,
  InstantText,
  LevelSelect,
  Name,
  Page,
  PlanTable,
  PostForm,
  Prose,
  TextArea,
  useOptions
} from "../internal/components.js"

/**
 * The pupil's self-assessment form. Fields: `level` (when the assessment has a scale), `comment`
 * and `version` (the entry's version, or "new" for an entry never written).
 */
const SelfAssessmentForm = (props: { readonly assessment: PupilAssessmentView }) => {
  const { messages, routes } = useOptions()
  const { assessment } = props
  const self = assessment.entry?.selfAssessment ?? null
  const prefix = `self-${assessment.assessmentId}`
  return (
    <PostForm
      action={routes.selfAssess(assessment.assessmentId)}
      class="self-assessment-form"
      autosave
      label={messages.selfAssessmentFormFor(assessment.title, assessment.course.name)}
    >
      <input type="hidden" name="version" value={assessment.entry === null ? "new" : String(assessment.entry.version)} />
      <fieldset>
        <legend>{messages.yourSelfAssessment}</legend>
        {assessment.scale === null ? null : (
          <div class="field">
            <label for={`${prefix}-level`}>{messages.level}</label>
            <LevelSelect id={`${prefix}-level`} name="level" steps={assessment.scale.steps} selected={self?.level ?? null} />
          </div>
        )}
        <div class="field">
          <label for={`${prefix}-comment`}>{messages.comment}</label>
          <TextArea id={`${prefix}-comment`} name="comment" rows={4} value={self?.comment ?? ""} />
        </div>
        <div class="form-actions">
          <button type="submit">{messages.saveSelfAssessment}</button>
          <AutosaveStatus />
        </div>
      </fieldset>
    </PostForm>
  )
}

/** One assessment as the pupil or a guardian sees it. */
const AssessmentCard = (props: {
  readonly assessment: PupilAssessmentView
  readonly headingLevel: 3 | 4
  readonly selfAssessable: boolean
}) => {
  const { messages } = useOptions()
  const { assessment } = props
  const Heading = props.headingLevel === 3 ? "h3" : "h4"
  const entry = assessment.entry
  const self = entry?.selfAssessment ?? null
  const showForm = props.selfAssessable && assessment.canSelfAssess
  return (
    <article class="assessment-card">
      <Heading>
        {assessment.course.name}: {assessment.title}
      </Heading>
      <dl>
        {assessment.scale === null ? null : (
          <div>
            <dt>{messages.level}</dt>
            <dd>{entry?.level ?? messages.noLevel}</dd>
          </div>
        )}
        <div>
          <dt>{messages.teacherComment}</dt>
          <dd>{entry === null ? <span class="muted">{messages.notWritten}</span> : <Prose text={entry.comment} />}</dd>
        </div>
        {entry === null ? null : (
          <div>
            <dt>{messages.lastEdited}</dt>
            <dd>
              <InstantText instant={entry.lastEditedAt} />
            </dd>
          </div>
        )}
        {showForm || self === null ? null : (
          <div>
            <dt>{messages.selfAssessment}</dt>
            <dd>
              {assessment.scale === null ? null : <p class="level">{self.level ?? messages.noLevel}</p>}
              <Prose text={self.comment} />
            </dd>
          </div>
        )}
      </dl>
      {showForm ? <SelfAssessmentForm assessment={assessment} /> : null}
    </article>
  )
}

const ChildContent = (props: {
  readonly person: PersonSummary
  readonly plans: ReadonlyArray<PlanSummary>
  readonly assessments: ReadonlyArray<PupilAssessmentView>
  readonly plansHeading: string
  readonly assessmentsHeading: string
  readonly headingLevel: 2 | 3
  readonly selfAssessable: boolean
}) => {
  const { messages } = useOptions()
  const Heading = props.headingLevel === 2 ? "h2" : "h3"
  return (
    <>
      <section class="child-plans">
        <Heading>{props.plansHeading}</Heading>
        <PlanTable plans={props.plans} caption={props.plansHeading} emptyText={messages.noPlans} showPupil={false} />
      </section>
      <section class="child-assessments">
        <Heading>{props.assessmentsHeading}</Heading>
        {props.assessments.length === 0 ? <p class="empty">{messages.noAssessments}</p> : null}
        {props.assessments.map((assessment) => (
          <AssessmentCard
            key={assessment.assessmentId}
            assessment={assessment}
            headingLevel={props.headingLevel === 2 ? 3 : 4}
            selfAssessable={props.selfAssessable}
          />
        ))}
      </section>
    </>
  )
}

/** The pupil's page: its published plans and assessments, with self-assessment where allowed. */
export const PupilPage = (props: { readonly view: PupilPageView }) => {
  const { messages } = useOptions()
  const { view } = props
  return (
    <Page title={messages.pupilPageTitle} kind="pupil">
      <header class="page-header">
        <h1>{messages.pupilPageTitle}</h1>
        <p class="byline">
          <Name person={view.pupil} />
        </p>
      </header>
      <ChildContent
        person={view.pupil}
        plans={view.plans}
        assessments={view.assessments}
        plansHeading={messages.myPlans}
        assessmentsHeading={messages.myAssessments}
        headingLevel={2}
        selfAssessable
      />
    </Page>
  )
}

/**
 * The guardian's page. With one child the child's name is the heading; with several they are
 * grouped under "Dina barn", one section each.
 */
export const GuardianPage = (props: { readonly view: GuardianPageView }) => {
  const { messages } = useOptions()
  const { view } = props
  const only = view.children.length === 1 ? view.children[0] : undefined
  if (only !== undefined) {
    const name = fullName(only.child)
    return (
      <Page title={name} kind="guardian">
        <header class="page-header">
          <h1>{name}</h1>
        </header>
        <ChildContent
          person={only.child}
          plans={only.plans}
          assessments={only.assessments}
          plansHeading={messages.plansOf(name)}
          assessmentsHeading={messages.assessmentsOf(name)}
          headingLevel={2}
          selfAssessable={false}
        />
      </Page>
    )
  }
  return (
    <Page title={messages.yourChildren} kind="guardian">
      <header class="page-header">
        <h1>{messages.yourChildren}</h1>
      </header>
      {view.children.length === 0 ? <p class="empty">{messages.noChildren}</p> : null}
      {view.children.map(({ assessments, child, plans }) => {
        const name = fullName(child)
        return (
          <section key={child.id} class="child" aria-labelledby={`child-${child.id}`}>
            <h2 id={`child-${child.id}`}>{name}</h2>
            <ChildContent
              person={child}
              plans={plans}
              assessments={assessments}
              plansHeading={messages.plansOf(name)}
              assessmentsHeading={messages.assessmentsOf(name)}
              headingLevel={3}
              selfAssessable={false}
            />
          </section>
        )
      })}
    </Page>
  )
}
