/**
 * Templates (mallar): the field layout a plan is created from. Each field names which roles may
 * read it and which may write it. A plan copies its template's fields when it is created, so
 * editing, hiding or deleting a template never changes an existing plan.
 *
 * @since 0.1.0
 */
import { Schema } from "effect"
import { FieldId, OrganisationId, TemplateId } from "./Ids.js"
import { FieldRole } from "./Role.js"
import { Title } from "./Text.js"
import { Instant } from "./Time.js"
import { Version } from "./Version.js"

const uniqueRoles = Schema.Array(FieldRole).pipe(
  Schema.filter((roles) => new Set(roles).size === roles.length || "must not list a role twice")
)

const editableImpliesVisible = <A extends { readonly visibleTo: ReadonlyArray<FieldRole>; readonly editableBy: ReadonlyArray<FieldRole> }>(
  field: A
) => {
  const missing = field.editableBy.filter((role) => !field.visibleTo.includes(role))
  return missing.length === 0
    ? true
    : {
      path: ["editableBy"],
      message: `a role that may edit a field must also read it, but ${missing.join(", ")} may edit without reading`
    }
}

/**
 * The definition of a field as an administrator enters it: a heading and the roles that may read
 * and write it. Mentors of the pupil always read and write every field, whatever the sets say.
 *
 * @category templates
 * @since 0.1.0
 */
export const FieldDefinition = Schema.Struct({
  heading: Title,
  visibleTo: uniqueRoles,
  editableBy: uniqueRoles
}).pipe(Schema.filter(editableImpliesVisible))
/** @category templates */
export type FieldDefinition = typeof FieldDefinition.Type

/**
 * A field of a template, with its id.
 *
 * @category templates
 * @since 0.1.0
 */
export const TemplateField = Schema.Struct({
  id: FieldId,
  heading: Title,
  visibleTo: uniqueRoles,
  editableBy: uniqueRoles
}).pipe(Schema.filter(editableImpliesVisible))
/** @category templates */
export type TemplateField = typeof TemplateField.Type

/**
 * Where a template can be used: the whole site or one organisation (and the pupils in it).
 *
 * @category templates
 * @since 0.1.0
 */
export const TemplateScope = Schema.Union(
  Schema.TaggedStruct("site", {}),
  Schema.TaggedStruct("organisation", { organisationId: OrganisationId })
)
/** @category templates */
export type TemplateScope = typeof TemplateScope.Type

/**
 * What an administrator submits to create or edit a template.
 *
 * @category templates
 * @since 0.1.0
 */
export const TemplateInput = Schema.Struct({
  title: Title,
  scope: TemplateScope,
  fields: Schema.Array(FieldDefinition).pipe(Schema.minItems(1, { message: () => "a template needs at least one field" }))
})
/** @category templates */
export type TemplateInput = typeof TemplateInput.Type

/**
 * A stored template.
 *
 * @category templates
 * @since 0.1.0
 */
export const Template = Schema.Struct({
  id: TemplateId,
  title: Title,
  scope: TemplateScope,
  fields: Schema.Array(TemplateField).pipe(
    Schema.minItems(1, { message: () => "a template needs at least one field" }),
    Schema.filter((fields) => new Set(fields.map((field) => field.id)).size === fields.length || "field ids must be unique")
  ),
  hidden: Schema.Boolean,
  version: Version,
  createdAt: Instant,
  updatedAt: Instant
})
/** @category templates */
export type Template = typeof Template.Type

/**
 * Whether a template is offered to a mentor creating plans: not hidden, and scoped to the site or
 * to an organisation one of the mentor's mentees belongs to.
 *
 * @category templates
 * @since 0.1.0
 */
export const isOfferedToMentor = (
  template: Template,
  menteeOrganisationIds: ReadonlySet<string>
): boolean =>
  !template.hidden &&
  (template.scope._tag === "site" || menteeOrganisationIds.has(template.scope.organisationId))

/**
 * The templates offered to a mentor, in title order.
 *
 * @category templates
 * @since 0.1.0
 */
export const templatesOfferedToMentor = (
  templates: ReadonlyArray<Template>,
  menteeOrganisationIds: ReadonlySet<string>
): ReadonlyArray<Template> =>
  templates
    .filter((template) => isOfferedToMentor(template, menteeOrganisationIds))
    .toSorted((a, b) => a.title.localeCompare(b.title, "sv"))
