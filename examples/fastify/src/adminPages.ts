/**
 * The administrator's page from @iupkit/render-html: the current plans of the administered
 * schools, and their PDF export. The services decide who is an administrator: for anyone else
 * they fail as not found, and the error handler shows that page.
 */
import { InvalidInputError } from "@iupkit/core"
import { defaultRoutes, renderAdminPage } from "@iupkit/render-html"
import { renderExportPdf } from "@iupkit/render-pdf"
import type { IupClient } from "@iupkit/services"
import { Either } from "effect"
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from "fastify"
import { requireActor } from "./auth.js"
import { fields, selection } from "./forms.js"
import { languageOf, type PageOptions } from "./pages.js"

const routes = defaultRoutes

const actorOf = (request: FastifyRequest) => ({ personId: requireActor(request).personId })

/** Registers the administrator's page and its export form. */
export const adminPagesPlugin: FastifyPluginAsync<{ readonly iup: IupClient; readonly pageOptions: PageOptions }> = async (fastify, options) => {
  const { iup, pageOptions } = options

  fastify.get(routes.adminPage, async (request, reply) => {
    const plans = await iup.administration.currentPlans(actorOf(request))
    const html = renderAdminPage(plans, pageOptions(request, reply, true))
    return reply.type("text/html; charset=utf-8").send(html)
  })

  fastify.post(routes.adminExportPdf, { preHandler: fastify.csrfProtection }, async (request: FastifyRequest, reply: FastifyReply) => {
    const actor = actorOf(request)
    // "all" stands for every plan the page listed, so the choice works without a script.
    const planIds = selection(request.body) === "all"
      ? (await iup.administration.currentPlans(actor)).map((plan) => plan.id)
      : fields(request.body, "planIds")
    if (planIds.length === 0) throw InvalidInputError.of("planIds", "", "must not be empty: check at least one plan")
    const view = await iup.exports.exportPlans(actor, { planIds })
    const pdf = renderExportPdf(view, { locale: languageOf(request) })
    if (Either.isLeft(pdf)) throw pdf.left
    return reply.type("application/pdf").header("content-disposition", 'attachment; filename="iup-planer.pdf"').send(pdf.right)
  })
}
