import type { CourseSummary, MentorOverviewView, OverviewCellView } from "@iupkit/services"
import type { Messages } from "../Messages.js"
import { formatDate } from "../Format.js"
import { Name, Page, protectedPupilsId, useOptions } from "../internal/components.js"

type Unsupported = MentorOverviewView["unsupportedCourses"][number]

const explanation = (messages: Messages, course: string, support: Unsupported["support"]): string =>
  support._tag === "noScale"
    ? messages.overviewNoScale(course)
    : messages.overviewUnsupportedStepCount(course, support.stepCount, support.supportedStepCounts)

/** A level with a row of step marks drawn by the stylesheet; the marks are hidden from readers. */
const LevelCell = (props: { readonly cell: OverviewCellView | undefined }) => {
  const { messages } = useOptions()
  const { cell } = props
  if (cell === undefined) return <span class="muted">{messages.notSet}</span>
  if (cell._tag === "unsupported") {
    return (
      <a class="muted" href="#unsupported">
        {messages.cellNotShown}
      </a>
    )
  }
  if (cell.level === null || cell.stepIndex === null) return <span>{messages.noLevel}</span>
  const step = cell.stepIndex + 1
  return (
    <span class={`level level-${step}-of-${cell.stepCount}`}>
      <span class="meter" aria-hidden="true">
        {Array.from({ length: cell.stepCount }, (_, index) => (
          <span key={index} class={index < step ? "mark mark-on" : "mark"} />
        ))}
      </span>
      <span class="level-name">{cell.level}</span>
      <span class="visually-hidden"> ({messages.levelOfSteps(step, cell.stepCount)})</span>
    </span>
  )
}

const OverviewTable = (props: { readonly view: MentorOverviewView; readonly courses: ReadonlyArray<CourseSummary> }) => {
  const { messages } = useOptions()
  const cells = new Map(props.view.cells.map((cell) => [`${cell.pupilId}|${cell.courseId}`, cell]))
  return (
    <table class="overview">
      <caption class="visually-hidden">{messages.overviewTitle}</caption>
      <thead>
        <tr>
          <th scope="col">{messages.pupil}</th>
          {props.courses.map((course) => (
            <th key={course.id} scope="col">
              {course.name}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {props.view.pupils.map((pupil) => (
          <tr key={pupil.id}>
            <th scope="row">
              <Name person={pupil} />
            </th>
            {props.courses.map((course) => (
              <td key={course.id}>
                <LevelCell cell={cells.get(`${pupil.id}|${course.id}`)} />
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  )
}

/**
 * The mentor overview. Courses whose latest entries use a scale the overview cannot show (not 2,
 * 3 or 6 steps, or no scale) are explained below the table; when no course can be shown, the
 * explanation replaces the table.
 */
export const OverviewPage = (props: { readonly view: MentorOverviewView }) => {
  const { messages, routes } = useOptions()
  const { view } = props
  const courseName = new Map(view.courses.map((course) => [course.id, course.name]))
  const shownCourseIds = new Set(view.cells.filter((cell) => cell._tag === "level").map((cell) => cell.courseId))
  const shownCourses = view.courses.filter((course) => shownCourseIds.has(course.id))
  return (
    <Page title={messages.overviewTitle} kind="overview">
      <header class="page-header">
        <h1>{messages.overviewTitle}</h1>
        <p>{messages.overviewWindow(formatDate(view.window.start, messages), formatDate(view.window.end, messages))}</p>
        {view.leftOutProtectedCount > 0 ? (
          <p class="notice notice-warning">
            {messages.overviewLeftOutProtected(view.leftOutProtectedCount)}{" "}
            <a href={`${routes.mentorPage}#${protectedPupilsId}`}>{messages.chooseProtectedPupils}</a>
          </p>
        ) : null}
      </header>
      {shownCourses.length > 0 ? (
        <OverviewTable view={view} courses={shownCourses} />
      ) : view.unsupportedCourses.length > 0 ? (
        <p class="notice notice-warning">{messages.overviewNoTable}</p>
      ) : (
        <p class="empty">{messages.overviewNothing}</p>
      )}
      {view.unsupportedCourses.length === 0 ? null : (
        <section id="unsupported" aria-labelledby="unsupported-heading">
          <h2 id="unsupported-heading">{messages.overviewUnsupportedHeading}</h2>
          <ul class="explanations">
            {view.unsupportedCourses.map((course) => (
              <li key={course.courseId}>
                {explanation(messages, courseName.get(course.courseId) ?? course.courseId, course.support)}
              </li>
            ))}
          </ul>
        </section>
      )}
    </Page>
  )
}
