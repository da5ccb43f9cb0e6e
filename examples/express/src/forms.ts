/**
 * Helpers for urlencoded form bodies. Forms send only strings, so these helpers turn them into the
 * values the services take. The services decode the result with their Schemas, so a wrong value
 * still fails as invalid input naming the field.
 */
import { InvalidInputError } from "@iupkit/core"
import { checkboxRule } from "@iupkit/render-html"

type FormBody = Readonly<Record<string, string | ReadonlyArray<string> | undefined>>

const bodyOf = (body: unknown): FormBody => (typeof body === "object" && body !== null ? (body as FormBody) : {})

/** Returns the first value of a field, or "" when it is missing, which the services reject where a value is required. */
export const field = (body: unknown, name: string): string => {
  const value = bodyOf(body)[name]
  return (typeof value === "string" ? value : value?.[0]) ?? ""
}

/** Every value of a repeated field, such as checked boxes. */
export const fields = (body: unknown, name: string): ReadonlyArray<string> => {
  const value = bodyOf(body)[name]
  if (value === undefined) return []
  return typeof value === "string" ? [value] : value
}

/**
 * Reads a checkbox. The pages' boxes send "true" (a box without a value attribute sends "on") and
 * unchecked ones send nothing. Any other value is a tampered or foreign form, so it fails with an
 * {@link InvalidInputError} instead of silently counting as unchecked.
 */
export const checked = (body: unknown, name: string): boolean => {
  if (bodyOf(body)[name] === undefined) return false
  const value = field(body, name)
  if (value === "true" || value === "on") return true
  throw InvalidInputError.of(name, value, checkboxRule)
}

/** Reads the "all" or "chosen" choice of a form's `selection` radio buttons; a form without it means chosen. */
export const selection = (body: unknown): "all" | "chosen" => {
  const value = field(body, "selection")
  if (value === "all" || value === "chosen") return value
  if (value === "") return "chosen"
  throw InvalidInputError.of("selection", value, 'must be one of "all", "chosen"')
}

/** Reads a version field: "new" for something never written (null), else a number for the service to check. */
export const version = (body: unknown, name = "version"): number | null => {
  const value = field(body, name)
  return value === "new" ? null : Number(value)
}

/** An optional date input: empty means no date. */
export const optionalDate = (body: unknown, name: string): string | null => {
  const value = field(body, name)
  return value === "" ? null : value
}

/** Rejects a delete form whose "Yes, delete" box is not ticked, so nothing is deleted by a stray click. */
export const requireConfirmation = (body: unknown): void => {
  if (!checked(body, "confirm")) throw InvalidInputError.of("confirm", field(body, "confirm"), "must be checked to confirm the deletion")
}
