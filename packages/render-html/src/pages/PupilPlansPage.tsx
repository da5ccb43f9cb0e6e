import type { PlanSummary } from "@iupkit/services"
import { fullName } from "../Format.js"
import { Page, PlanTable, useOptions } from "../internal/components.js"

/**
 * Every plan of one pupil the reader may read, current and archived, as a teacher reaches it from
 * one of the pupil's plans. The list comes without the pupil, so an empty list has a generic title.
 */
export const PupilPlansPage = (props: { readonly plans: ReadonlyArray<PlanSummary> }) => {
  const { messages } = useOptions()
  const pupil = props.plans[0]?.pupil
  const title = pupil === undefined ? messages.plansTitle : messages.allPlansOfPupil(fullName(pupil))
  const current = props.plans.filter((plan) => !plan.archived)
  const archived = props.plans.filter((plan) => plan.archived)
  return (
    <Page title={title} kind="pupil-plans">
      <header class="page-header">
        <h1>{title}</h1>
      </header>
      <section aria-labelledby="pupil-current-plans">
        <h2 id="pupil-current-plans">{messages.currentPlans}</h2>
        <PlanTable plans={current} caption={messages.currentPlans} emptyText={messages.noCurrentPlans} showPupil={false} />
      </section>
      <section aria-labelledby="pupil-archived-plans">
        <h2 id="pupil-archived-plans">{messages.archivedPlans}</h2>
        <PlanTable plans={archived} caption={messages.archivedPlans} emptyText={messages.noArchivedPlans} showPupil={false} />
      </section>
    </Page>
  )
}
