import { exportLimit } from "@iupkit/core"
import type { PlanSummary } from "@iupkit/services"
import { Page, PlanTable, PostForm, useOptions } from "../internal/components.js"

const exportFormId = "admin-export"

/**
 * Lists the current plans of the pupils the administrator is responsible for, each with a
 * checkbox, and offers a PDF export of the selection. Fields of the export form: `selection`
 * ("all" for every listed plan, "chosen" for the checked ones) and `planIds` (repeated). The "all"
 * choice needs no script, because the host expands it to the listed plans.
 */
export const AdminPage = (props: { readonly plans: ReadonlyArray<PlanSummary> }) => {
  const { messages, routes } = useOptions()
  const count = props.plans.length
  return (
    <Page title={messages.adminPageTitle} kind="admin">
      <header class="page-header">
        <h1>{messages.adminPageTitle}</h1>
        <p>{messages.adminPlansIntro(count)}</p>
      </header>

      <section aria-labelledby="admin-current-plans">
        <h2 id="admin-current-plans">{messages.currentPlans}</h2>
        <PlanTable
          plans={props.plans}
          caption={messages.currentPlans}
          emptyText={messages.noCurrentPlans}
          showPupil
          selectForm={exportFormId}
        />
      </section>

      {count === 0 ? null : (
        <PostForm action={routes.adminExportPdf} id={exportFormId} class="admin-export" label={messages.printAndExport}>
          <fieldset>
            <legend>{messages.exportWhichPlans}</legend>
            <div class="choice">
              <input type="radio" id="export-chosen" name="selection" value="chosen" checked />
              <label for="export-chosen">{messages.exportChosenPlans}</label>
            </div>
            <div class="choice">
              <input type="radio" id="export-all" name="selection" value="all" />
              <label for="export-all">{messages.exportAllPlans(count)}</label>
            </div>
          </fieldset>
          <p class="hint">{messages.exportLimitHint(exportLimit)}</p>
          <button type="submit">{messages.exportPdfSubmit}</button>
        </PostForm>
      )}
    </Page>
  )
}
