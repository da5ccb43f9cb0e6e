/**
 * Schemas of the SS 12000 version 2.1 objects the importer reads: Organisation, Person (with
 * enrolments and responsibles), Group (with memberships), Duty (with assignment roles), Activity
 * (with groups, teachers and syllabus) and Syllabus. Written from the field names of SIS's
 * specification; only the fields iupkit uses are checked, others pass through unread.
 *
 * Absent and `null` mean the same here, because servers differ in which they send.
 *
 * @since 0.1.0
 */
import { LocalDate, Name } from "@iupkit/core"
import { Schema } from "effect"

/**
 * An object id. SS 12000 ids are UUIDs, but any id that iupkit's directory can store is accepted:
 * 1 to 128 characters of A-Z, a-z, 0-9, '_', '.', ':' or '-'.
 *
 * @category model
 * @since 0.1.0
 */
export const ObjectId = Schema.String.pipe(
  Schema.pattern(/^[A-Za-z0-9_.:-]{1,128}$/, {
    message: () => "an id is 1 to 128 characters of A-Z, a-z, 0-9, '_', '.', ':' or '-' (SS 12000 uses UUIDs)"
  })
)

const optional = <S extends Schema.Schema.AnyNoContext>(schema: S) => Schema.optional(Schema.NullOr(schema))

/**
 * A reference to another object: `{id, displayName?}`.
 *
 * @category model
 * @since 0.1.0
 */
export const Reference = Schema.Struct({ id: ObjectId, displayName: optional(Schema.String) })
/** @category model */
export type Reference = typeof Reference.Type

/**
 * An RFC 3339 timestamp such as 2026-03-01T10:30:00+01:00.
 *
 * @category model
 * @since 0.1.0
 */
export const Timestamp = Schema.String.pipe(
  Schema.filter((text) => (/^\d{4}-\d{2}-\d{2}T/.test(text) && !Number.isNaN(Date.parse(text))) || "must be an RFC 3339 timestamp such as 2026-03-01T10:30:00+01:00")
)

/**
 * When an object was created and last modified. `modified` drives incremental sync.
 *
 * @category model
 * @since 0.1.0
 */
export const Meta = Schema.Struct({ created: Timestamp, modified: Timestamp })
/** @category model */
export type Meta = typeof Meta.Type

/**
 * Organisation types of SS 12000 2.1.
 *
 * @category model
 * @since 0.1.0
 */
export const OrganisationType = Schema.Literal(
  "Huvudman",
  "Verksamhetsområde",
  "Förvaltning",
  "Rektorsområde",
  "Skola",
  "Skolenhet",
  "Varumärke",
  "Bolag",
  "Övrigt"
)

/**
 * An organisation element: a school owner (huvudman), a school, a school unit and the like.
 * `parentOrganisation` builds the tree.
 *
 * @category model
 * @since 0.1.0
 */
export const Organisation = Schema.Struct({
  id: ObjectId,
  meta: Meta,
  displayName: Name,
  organisationType: OrganisationType,
  organisationCode: optional(Schema.String),
  parentOrganisation: optional(Reference),
  schoolUnitCode: optional(Schema.String),
  schoolTypes: optional(Schema.Array(Schema.String)),
  municipalityCode: optional(Schema.String),
  startDate: optional(LocalDate),
  endDate: optional(LocalDate)
})
/** @category model */
export type Organisation = typeof Organisation.Type

/**
 * A protection marking from the population register (securityMarking).
 *
 * @category model
 * @since 0.1.0
 */
export const SecurityMarking = Schema.Literal("Ingen", "Sekretessmarkering", "Skyddad folkbokföring")
/** @category model */
export type SecurityMarking = typeof SecurityMarking.Type

/**
 * A pupil's enrolment at a school unit. `cancelled` marks one withdrawn before it began.
 *
 * @category model
 * @since 0.1.0
 */
export const Enrolment = Schema.Struct({
  enroledAt: Reference,
  schoolYear: optional(Schema.Int.pipe(Schema.between(0, 10))),
  schoolType: Schema.String,
  startDate: LocalDate,
  endDate: optional(LocalDate),
  cancelled: optional(Schema.Boolean),
  educationCode: optional(Schema.String)
})
/** @category model */
export type Enrolment = typeof Enrolment.Type

/**
 * Relation types of a responsible adult. Only "Vårdnadshavare" makes a guardian in iupkit.
 *
 * @category model
 * @since 0.1.0
 */
export const RelationType = Schema.Literal("Vårdnadshavare", "Annan ansvarig", "God man", "Utsedd behörig")
/** @category model */
export type RelationType = typeof RelationType.Type

/**
 * One of a person's responsible adults, stored on the child: `{person, relationType}`.
 *
 * @category model
 * @since 0.1.0
 */
export const Responsible = Schema.Struct({ person: optional(Reference), relationType: optional(RelationType) })
/** @category model */
export type Responsible = typeof Responsible.Type

/**
 * A person: pupil, staff member or guardian alike. civicNo and contact details are not read.
 *
 * @category model
 * @since 0.1.0
 */
export const Person = Schema.Struct({
  id: ObjectId,
  meta: Meta,
  givenName: Name,
  middleName: optional(Schema.String),
  familyName: Name,
  birthDate: optional(LocalDate),
  securityMarking: optional(SecurityMarking),
  personStatus: optional(Schema.Literal("Aktiv", "Utvandrad", "Avliden")),
  enrolments: optional(Schema.Array(Enrolment)),
  responsibles: optional(Schema.Array(Responsible))
})
/** @category model */
export type Person = typeof Person.Type

/**
 * Group types of SS 12000 2.1. Mentors attach to Mentor and Klass groups.
 *
 * @category model
 * @since 0.1.0
 */
export const GroupType = Schema.Literal(
  "Undervisning",
  "Klass",
  "Mentor",
  "Provgrupp",
  "Schema",
  "Avdelning",
  "Personalgrupp",
  "Övrigt"
)
/** @category model */
export type GroupType = typeof GroupType.Type

/**
 * A person's membership of a group; without dates it follows the group's own dates.
 *
 * @category model
 * @since 0.1.0
 */
export const GroupMembership = Schema.Struct({
  person: Reference,
  startDate: optional(LocalDate),
  endDate: optional(LocalDate)
})
/** @category model */
export type GroupMembership = typeof GroupMembership.Type

/**
 * A group of persons, such as a class (Klass), a mentor group or a teaching group.
 *
 * @category model
 * @since 0.1.0
 */
export const Group = Schema.Struct({
  id: ObjectId,
  meta: Meta,
  displayName: Schema.String,
  startDate: LocalDate,
  endDate: optional(LocalDate),
  groupType: GroupType,
  schoolType: optional(Schema.String),
  organisation: Reference,
  groupMemberships: optional(Schema.Array(GroupMembership))
})
/** @category model */
export type Group = typeof Group.Type

/**
 * Assignment role types of SS 12000 2.1 (the work a duty does for a group of pupils).
 *
 * @category model
 * @since 0.1.0
 */
export const AssignmentRoleType = Schema.Literal(
  "Mentor",
  "Förskollärare",
  "Barnskötare",
  "Fritidspedagog",
  "Specialpedagog",
  "Elevhälsopersonal",
  "Pedagogisk ledare",
  "Schemaläggare",
  "Lärarassistent",
  "Administrativ personal"
)
/** @category model */
export type AssignmentRoleType = typeof AssignmentRoleType.Type

/**
 * A duty's assignment to a group; without dates it follows the duty's dates.
 *
 * @category model
 * @since 0.1.0
 */
export const AssignmentRole = Schema.Struct({
  group: Reference,
  assignmentRoleType: AssignmentRoleType,
  startDate: optional(LocalDate),
  endDate: optional(LocalDate)
})
/** @category model */
export type AssignmentRole = typeof AssignmentRole.Type

/**
 * A staff member's employment at an organisation (tjänstgöring), with its assignment roles.
 *
 * @category model
 * @since 0.1.0
 */
export const Duty = Schema.Struct({
  id: ObjectId,
  meta: Meta,
  person: optional(Reference),
  assignmentRole: optional(Schema.Array(AssignmentRole)),
  dutyAt: Reference,
  dutyRole: Schema.String,
  signature: optional(Schema.String),
  startDate: LocalDate,
  endDate: optional(LocalDate)
})
/** @category model */
export type Duty = typeof Duty.Type

/**
 * Activity types of SS 12000 2.1. Only Undervisning becomes a course in iupkit.
 *
 * @category model
 * @since 0.1.0
 */
export const ActivityType = Schema.Literal("Undervisning", "Elevaktivitet", "Provaktivitet", "Läraraktivitet", "Övrigt")
/** @category model */
export type ActivityType = typeof ActivityType.Type

/**
 * A teacher's part in an activity (DutyAssignment). `grader` marks the grading teacher.
 *
 * @category model
 * @since 0.1.0
 */
export const DutyAssignment = Schema.Struct({
  duty: Reference,
  startDate: optional(LocalDate),
  endDate: optional(LocalDate),
  minutesPlanned: optional(Schema.Number),
  grader: optional(Schema.Boolean)
})
/** @category model */
export type DutyAssignment = typeof DutyAssignment.Type

/**
 * An activity: ties groups of pupils and teachers to a subject or course.
 *
 * @category model
 * @since 0.1.0
 */
export const Activity = Schema.Struct({
  id: ObjectId,
  meta: Meta,
  displayName: Name,
  activityType: optional(ActivityType),
  startDate: LocalDate,
  endDate: optional(LocalDate),
  groups: Schema.Array(Reference),
  teachers: optional(Schema.Array(DutyAssignment)),
  syllabus: optional(Reference),
  organisation: Reference
})
/** @category model */
export type Activity = typeof Activity.Type

/**
 * A syllabus: the subject or course an activity teaches. `subjectCode` is Skolverket's code,
 * such as GRGRMAT01.
 *
 * @category model
 * @since 0.1.0
 */
export const Syllabus = Schema.Struct({
  id: ObjectId,
  meta: Meta,
  schoolType: Schema.String,
  subjectCode: optional(Schema.String),
  subjectName: Schema.String,
  subjectDesignation: optional(Schema.String),
  courseCode: optional(Schema.String),
  courseName: optional(Schema.String),
  official: Schema.Boolean
})
/** @category model */
export type Syllabus = typeof Syllabus.Type

/**
 * The SS 12000 endpoints the importer reads, each named as its path.
 *
 * @category model
 * @since 0.1.0
 */
export const entityKinds = ["organisations", "persons", "groups", "duties", "activities", "syllabuses"] as const
/** @category model */
export type EntityKind = (typeof entityKinds)[number]

/**
 * The schema of the objects at each endpoint.
 *
 * @category model
 * @since 0.1.0
 */
export const entitySchemas = {
  organisations: Organisation,
  persons: Person,
  groups: Group,
  duties: Duty,
  activities: Activity,
  syllabuses: Syllabus
} as const

/**
 * The object type at each endpoint.
 *
 * @category model
 * @since 0.1.0
 */
export interface EntityOf {
  readonly organisations: Organisation
  readonly persons: Person
  readonly groups: Group
  readonly duties: Duty
  readonly activities: Activity
  readonly syllabuses: Syllabus
}

/**
 * Singular names of the endpoints' objects, as SS 12000 spells them in the `entities` filter of
 * the deleted-entities endpoint.
 *
 * @category model
 * @since 0.1.0
 */
export const objectTypeOf: { readonly [K in EntityKind]: string } = {
  organisations: "Organisation",
  persons: "Person",
  groups: "Group",
  duties: "Duty",
  activities: "Activity",
  syllabuses: "Syllabus"
}

/**
 * Every object the importer reads, by endpoint.
 *
 * @category model
 * @since 0.1.0
 */
export type Ss12000Data = { readonly [K in EntityKind]: ReadonlyArray<EntityOf[K]> }

/**
 * Schema of {@link Ss12000Data}, used to store and reload a cache.
 *
 * @category model
 * @since 0.1.0
 */
export const Ss12000Data = Schema.Struct({
  organisations: Schema.Array(Organisation),
  persons: Schema.Array(Person),
  groups: Schema.Array(Group),
  duties: Schema.Array(Duty),
  activities: Schema.Array(Activity),
  syllabuses: Schema.Array(Syllabus)
})

/**
 * No objects at all.
 *
 * @category model
 * @since 0.1.0
 */
export const emptyData: Ss12000Data = {
  organisations: [],
  persons: [],
  groups: [],
  duties: [],
  activities: [],
  syllabuses: []
}

/**
 * Ids of removed objects, by endpoint, as the deleted-entities endpoint reports them.
 *
 * @category model
 * @since 0.1.0
 */
export type DeletedIds = { readonly [K in EntityKind]: ReadonlyArray<string> }

/**
 * No removals.
 *
 * @category model
 * @since 0.1.0
 */
export const noDeletions: DeletedIds = {
  organisations: [],
  persons: [],
  groups: [],
  duties: [],
  activities: [],
  syllabuses: []
}
