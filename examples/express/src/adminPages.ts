/**
 * The administrator's page from @iupkit/render-html and its PDF export, as one router. Whether
 * the signed-in person administers anything is the services' decision: for anyone else they
 * fail, and the error middleware shows the not-found page.
 */
import { InvalidInputError } from "@iupkit/core"
import { defaultRoutes, renderAdminPage } from "@iupkit/render-html"
import { renderExportPdf } from "@iupkit/render-pdf"
import type { IupClient } from "@iupkit/services"
import { Either } from "effect"
import { type Request, Router } from "express"
import { requireActor } from "./auth.js"
import { fields, selection } from "./forms.js"
import { languageOf, type PageOptions } from "./pages.js"

const routes = defaultRoutes

/** Builds the router of the administrator's page; mount it after sign-in and CSRF middleware. */
export const adminPagesRouter = (iup: IupClient, pageOptions: PageOptions): Router => {
  const router = Router()
  const actorOf = (req: Request) => ({ personId: requireActor(req).personId })

  router.get(routes.adminPage, async (req, res) => {
    const plans = await iup.administration.currentPlans(actorOf(req))
    res.type("html").send(renderAdminPage(plans, pageOptions(req, res, true)))
  })

  router.post(routes.adminExportPdf, async (req, res) => {
    const actor = actorOf(req)
    const body: unknown = req.body
    // "all" names no plans: it stands for every plan the page listed, so no script is needed.
    let planIds: ReadonlyArray<string> = fields(body, "planIds")
    if (selection(body) === "all") planIds = (await iup.administration.currentPlans(actor)).map((plan) => plan.id)
    if (planIds.length === 0) throw InvalidInputError.of("planIds", "", "must not be empty: check at least one plan")
    const pdf = renderExportPdf(await iup.exports.exportPlans(actor, { planIds }), { locale: languageOf(req) })
    if (Either.isLeft(pdf)) throw pdf.left
    res.type("application/pdf").attachment("iup-planer.pdf")
    pdf.right.pipe(res)
  })

  return router
}
