import type { ExportView } from "@iupkit/services"
import { formatInstant, fullName } from "../Format.js"
import { Page, useOptions } from "../internal/components.js"
import { PlanBody, PlanFacts } from "./PlanPage.js"

/**
 * The print view: every plan on its own pages (the stylesheet breaks the page before each plan
 * when printing), without edit controls and with every field open.
 */
export const PrintPage = (props: { readonly view: ExportView }) => {
  const { messages, timeZone } = useOptions()
  const { view } = props
  const title = messages.printTitle(view.plans.length)
  return (
    <Page title={title} kind="print">
      <header class="page-header print-header">
        <h1>{title}</h1>
        <p class="byline">{messages.exportedBy(fullName(view.exportedBy), formatInstant(view.exportedAt, timeZone, messages))}</p>
        {view.leftOutProtectedCount > 0 ? (
          <p class="notice notice-warning">{messages.leftOutProtected(view.leftOutProtectedCount)}</p>
        ) : null}
      </header>
      {view.plans.length === 0 ? <p class="empty">{messages.noPlans}</p> : null}
      {view.plans.map((plan, index) => (
        <article key={plan.id} class="print-plan" aria-labelledby={`plan-${index}-title`}>
          <h1 id={`plan-${index}-title`} class="print-plan-title">
            {plan.title}
          </h1>
          <PlanFacts plan={plan} />
          <PlanBody plan={plan} editable={false} idPrefix={`plan-${index}-`} />
        </article>
      ))}
    </Page>
  )
}
