import { Page, useOptions } from "../internal/components.js"
import type { PageRole } from "../Messages.js"

/** The refusal on a page made for a role the reader does not have. */
export const RoleRequiredPage = (props: { readonly role: PageRole }) => {
  const { messages, routes } = useOptions()
  return (
    <Page title={messages.roleRequiredTitle} kind="error">
      <header class="page-header">
        <h1>{messages.roleRequiredTitle}</h1>
      </header>
      <p class="notice notice-error" role="alert">
        {messages.roleRequired(props.role)}
      </p>
      <p>
        <a href={routes.home}>{messages.backToStart}</a>
      </p>
    </Page>
  )
}
