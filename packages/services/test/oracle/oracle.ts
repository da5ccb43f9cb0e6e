// An independent oracle of docs/authorization.md: it derives relations from the raw world data
// and applies the table below, written from the document and not from the services' rules code.
import { type Dated, type FieldRoleName, organisations, today, type World, type WorldField, type WorldPlan } from "./world.js"

export type Relation = "mentor" | "administrator" | "teacher" | "pupil" | "guardian"

/** One cell of the table: the condition under which a relation allows the action. */
type Condition =
  | "yes"
  | "no"
  | "published"
  | "current"
  | "published and visible"
  | "published, current, visible and editable"
  | "shown"
  | "teaches the course"

type Row = Readonly<Record<Relation, Condition>>

/** The per-pupil rows of the table in docs/authorization.md. */
export const table: Readonly<Record<"planRead" | "fieldRead" | "fieldWrite" | "headerWrite" | "planDelete" | "entryRead" | "documentRead" | "documentWrite", Row>> = {
  planRead: { mentor: "yes", administrator: "yes", teacher: "published", pupil: "published", guardian: "published" },
  fieldRead: {
    mentor: "yes",
    administrator: "yes",
    teacher: "published and visible",
    pupil: "published and visible",
    guardian: "published and visible"
  },
  fieldWrite: {
    mentor: "current",
    administrator: "no",
    teacher: "published, current, visible and editable",
    pupil: "published, current, visible and editable",
    guardian: "published, current, visible and editable"
  },
  // Archived plans accept an end date only, so the header stays editable for these two.
  headerWrite: { mentor: "yes", administrator: "yes", teacher: "no", pupil: "no", guardian: "no" },
  planDelete: { mentor: "current", administrator: "current", teacher: "no", pupil: "no", guardian: "no" },
  entryRead: { mentor: "yes", administrator: "yes", teacher: "teaches the course", pupil: "shown", guardian: "shown" },
  documentRead: { mentor: "yes", administrator: "yes", teacher: "yes", pupil: "yes", guardian: "yes" },
  documentWrite: { mentor: "yes", administrator: "yes", teacher: "no", pupil: "no", guardian: "no" }
}

const activeToday = (relation: Dated): boolean =>
  relation.startDate <= today && (relation.endDate === null || relation.endDate >= today)

/** The organisation and every organisation above it. */
const withAncestors = (organisationId: string): ReadonlyArray<string> => {
  const chain: Array<string> = []
  let current: string | null = organisationId
  while (current !== null && !chain.includes(current)) {
    chain.push(current)
    current = organisations.find((organisation) => organisation.id === current)?.parentId ?? null
  }
  return chain
}

export interface Oracle {
  readonly relations: (actorId: string, pupilId: string) => ReadonlySet<Relation>
  readonly canReadPlan: (actorId: string, plan: WorldPlan) => boolean
  readonly canReadField: (actorId: string, plan: WorldPlan, field: WorldField) => boolean
  readonly canWriteField: (actorId: string, plan: WorldPlan, field: WorldField) => boolean
  readonly canEditHeader: (actorId: string, plan: WorldPlan) => boolean
  readonly canDelete: (actorId: string, plan: WorldPlan) => boolean
  readonly canReadEntry: (actorId: string, pupilId: string, assessmentId: string) => boolean
  readonly canReadDocuments: (actorId: string, pupilId: string) => boolean
  readonly canWriteDocuments: (actorId: string, pupilId: string) => boolean
  /** The roles a person holds today, for counting checks per role. */
  readonly rolesOf: (actorId: string) => ReadonlyArray<string>
}

export const makeOracle = (world: World): Oracle => {
  const relations = (actorId: string, pupilId: string): ReadonlySet<Relation> => {
    const found = new Set<Relation>()
    if (world.mentorships.some((m) => m.mentorId === actorId && m.pupilId === pupilId && activeToday(m))) found.add("mentor")
    const pupilCourses = world.memberships.filter((m) => m.pupilId === pupilId && activeToday(m)).map((m) => m.courseId)
    if (world.teachings.some((t) => t.teacherId === actorId && activeToday(t) && pupilCourses.includes(t.courseId))) {
      found.add("teacher")
    }
    if (actorId === pupilId) found.add("pupil")
    if (world.guardianships.some((g) => g.guardianId === actorId && g.pupilId === pupilId && activeToday(g))) found.add("guardian")
    const pupilOrganisations = world.enrolments
      .filter((e) => e.pupilId === pupilId && activeToday(e))
      .flatMap((e) => withAncestors(e.organisationId))
    const administers = world.administrations.some((a) =>
      a.personId === actorId && activeToday(a) && (a.organisationId === null || pupilOrganisations.includes(a.organisationId))
    )
    if (administers) found.add("administrator")
    return found
  }

  const current = (plan: WorldPlan) => plan.endDate === null || plan.endDate >= today
  const named = (roles: ReadonlyArray<FieldRoleName>, held: ReadonlySet<Relation>) =>
    roles.some((role) => held.has(role))

  const holds = (condition: Condition, held: ReadonlySet<Relation>, plan: WorldPlan | null, field: WorldField | null) => {
    switch (condition) {
      case "yes":
        return true
      case "no":
        return false
      case "published":
        return plan!.published
      case "current":
        return current(plan!)
      case "published and visible":
        return plan!.published && named(field!.visibleTo, held)
      case "published, current, visible and editable":
        return plan!.published && current(plan!) && named(field!.visibleTo, held) && named(field!.editableBy, held)
      case "shown":
      case "teaches the course":
        throw new Error(`condition ${condition} needs an assessment`)
    }
  }

  // A person is allowed when any relation it holds allows: the union of what each role allows.
  const allowed = (row: Row, actorId: string, pupilId: string, plan: WorldPlan | null, field: WorldField | null) => {
    const held = relations(actorId, pupilId)
    return [...held].some((relation) => holds(row[relation], held, plan, field))
  }

  const canReadPlan = (actorId: string, plan: WorldPlan) => allowed(table.planRead, actorId, plan.pupilId, plan, null)

  const canReadEntry = (actorId: string, pupilId: string, assessmentId: string) => {
    const assessment = world.assessments.find((a) => a.id === assessmentId)!
    const held = relations(actorId, pupilId)
    const teachesCourse = world.teachings.some((t) => t.teacherId === actorId && t.courseId === assessment.courseId && activeToday(t))
    const byRelation = [...held].some((relation) => {
      const condition = table.entryRead[relation]
      if (condition === "shown") return assessment.visibleToPupils
      if (condition === "teaches the course") return teachesCourse
      return condition === "yes"
    })
    // The teacher column is about the entry's course, which a teacher may teach without the pupil
    // being in it today.
    return byRelation || (table.entryRead.teacher === "teaches the course" && teachesCourse)
  }

  return {
    relations,
    canReadPlan,
    canReadField: (actorId, plan, field) => canReadPlan(actorId, plan) && allowed(table.fieldRead, actorId, plan.pupilId, plan, field),
    canWriteField: (actorId, plan, field) => canReadPlan(actorId, plan) && allowed(table.fieldWrite, actorId, plan.pupilId, plan, field),
    canEditHeader: (actorId, plan) => allowed(table.headerWrite, actorId, plan.pupilId, plan, null),
    canDelete: (actorId, plan) => allowed(table.planDelete, actorId, plan.pupilId, plan, null),
    canReadEntry,
    canReadDocuments: (actorId, pupilId) => allowed(table.documentRead, actorId, pupilId, null, null),
    canWriteDocuments: (actorId, pupilId) => allowed(table.documentWrite, actorId, pupilId, null, null),
    rolesOf: (actorId) => {
      const roles: Array<string> = []
      if (world.mentorships.some((m) => m.mentorId === actorId && activeToday(m))) roles.push("mentor")
      if (world.teachings.some((t) => t.teacherId === actorId && activeToday(t))) roles.push("teacher")
      if (world.pupils.includes(actorId)) roles.push("pupil")
      if (world.guardianships.some((g) => g.guardianId === actorId && activeToday(g))) roles.push("guardian")
      if (world.administrations.some((a) => a.personId === actorId && activeToday(a))) roles.push("administrator")
      if (roles.length === 0) roles.push("stranger")
      if (roles.length > 1) roles.push("several roles")
      return roles
    }
  }
}
