/**
 * Roles. A person can hold several at once (a teacher is often also a mentor) and then sees the
 * union of what each allows.
 *
 * @since 0.1.0
 */
import { Schema } from "effect"

/**
 * The roles a template field's visibility and edit sets range over.
 *
 * @category roles
 * @since 0.1.0
 */
export const FieldRole = Schema.Literal("mentor", "teacher", "pupil", "guardian").annotations({
  // Without this, a rejected role is reported against the first literal only ("Expected mentor").
  message: () => ({ message: "must be one of mentor, teacher, pupil, guardian", override: true })
})
/** @category roles */
export type FieldRole = typeof FieldRole.Type

/**
 * Every field role, in display order.
 *
 * @category roles
 * @since 0.1.0
 */
export const fieldRoles: ReadonlyArray<FieldRole> = ["mentor", "teacher", "pupil", "guardian"]

/**
 * Every role of the domain.
 *
 * @category roles
 * @since 0.1.0
 */
export const Role = Schema.Literal(
  "siteAdministrator",
  "organisationAdministrator",
  "mentor",
  "teacher",
  "pupil",
  "guardian"
)
/** @category roles */
export type Role = typeof Role.Type

/**
 * How an actor relates to one pupil today. Administrators relate through their scope; the other
 * relations come from the directory. A set may hold several.
 *
 * @category roles
 * @since 0.1.0
 */
export type PupilRelation = "mentor" | "teacher" | "pupil" | "guardian" | "administrator"
