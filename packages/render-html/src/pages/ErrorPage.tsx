import { describeError } from "../ErrorMessages.js"
import { Page, useOptions } from "../internal/components.js"

/** A page explaining an error in the user's language, with the current text after a conflict. */
export const ErrorPage = (props: { readonly error: unknown }) => {
  const { messages, routes } = useOptions()
  const described = describeError(props.error, messages.locale)
  return (
    <Page title={described.title} kind="error">
      <header class="page-header">
        <h1>{described.title}</h1>
      </header>
      <p class="notice notice-error" role="alert">
        {described.message}
      </p>
      {described.currentValue === undefined ? null : (
        <section aria-labelledby="current-value">
          <h2 id="current-value">{messages.currentValueHeading}</h2>
          <p class="prose">{described.currentValue}</p>
        </section>
      )}
      <p>
        <a href={routes.home}>{messages.backToStart}</a>
      </p>
    </Page>
  )
}
