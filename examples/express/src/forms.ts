/**
 * Helpers for urlencoded form bodies. Forms send only strings, so these helpers turn them into the
 * values the services take. The services decode the result with their Schemas, so a wrong value
 * still fails as invalid input naming the field.
 */
import { InvalidInputError } from "@iupkit/core"

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

/** A checkbox: checked boxes send "true", unchecked ones send nothing. */
export const checked = (body: unknown, name: string): boolean => field(body, name) === "true"

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
