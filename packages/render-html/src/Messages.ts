/**
 * The message catalogue: every string an end user reads on a page, in Swedish (the default) and
 * English. Both catalogues implement one interface, so a key missing in either fails to compile.
 *
 * @since 0.1.0
 */

import type { NoticeKind } from "./Notices.js"

/**
 * A language the renderers write.
 *
 * @category messages
 * @since 0.1.0
 */
export type Locale = "sv" | "en"

/**
 * The default language: Swedish.
 *
 * @category messages
 * @since 0.1.0
 */
export const defaultLocale: Locale = "sv"

/**
 * A role a page is made for, named when someone without it opens the page.
 *
 * @category messages
 * @since 0.1.0
 */
export type PageRole = "mentor" | "teacher" | "pupil" | "guardian"

/**
 * Every user-visible string of the renderers. Functions take the values a sentence needs.
 *
 * @category messages
 * @since 0.1.0
 */
export interface Messages {
  readonly locale: Locale
  /** BCP 47 tag for `Intl` formatting and the `lang` attribute. */
  readonly languageTag: string
  readonly productName: string
  readonly skipToContent: string
  readonly sensitiveNotice: string
  readonly save: string
  readonly saving: string
  readonly saved: string
  readonly saveFailed: string
  readonly saveConflict: string
  readonly empty: string
  readonly notSet: string

  // Site header on every page
  readonly siteNavigation: string
  readonly home: string
  readonly signedInAs: (name: string) => string
  readonly signOut: string
  /** Label of the header's language links. */
  readonly languageChoice: string
  /** Texts of the notice after a successful form post, by {@link NoticeKind}. */
  readonly notices: Readonly<Record<NoticeKind, (count: number) => string>>

  // Plans in lists and headers
  readonly currentPlans: string
  readonly archivedPlans: string
  readonly noCurrentPlans: string
  readonly noArchivedPlans: string
  readonly noPlans: string
  readonly planTitle: string
  readonly pupil: string
  readonly period: string
  readonly status: string
  readonly published: string
  readonly draft: string
  readonly archived: string
  readonly periodText: (start: string, end: string | null) => string

  // Assessments and entries
  readonly assessments: string
  readonly noAssessments: string
  readonly noEntries: string
  readonly course: string
  readonly assessment: string
  readonly level: string
  readonly comment: string
  readonly selfAssessment: string
  readonly lastEdited: string
  readonly noLevel: string
  readonly noScale: string
  readonly gradingScale: string
  readonly entriesInWindow: (start: string, end: string) => string
  readonly chooseWindow: string
  readonly windowStart: string
  readonly windowEnd: string
  readonly showWindow: string

  // Mentor page and bulk creation
  readonly mentorPageTitle: string
  readonly createPlans: string
  readonly whichPupils: string
  readonly allMentees: (count: number) => string
  readonly chosenMentees: string
  readonly chooseMentees: string
  readonly noMentees: string
  readonly template: string
  readonly noTemplates: string
  readonly templateFields: (headings: string) => string
  readonly startDate: string
  readonly endDate: string
  readonly endDateHint: string
  readonly createPlansSubmit: string
  readonly planDetails: string
  readonly printAndExport: string
  readonly selectPlan: (title: string, pupil: string) => string
  readonly printSelected: string
  readonly downloadPdf: string
  readonly exportLimitHint: (limit: number) => string
  readonly overviewLink: string

  // Administrator page
  readonly adminPageTitle: string
  readonly adminPlansIntro: (count: number) => string
  readonly exportWhichPlans: string
  readonly exportChosenPlans: string
  readonly exportAllPlans: (count: number) => string
  readonly exportPdfSubmit: string

  // Plan view
  readonly planPageTitle: (title: string, pupil: string) => string
  readonly matchedEntries: string
  readonly noMatchedEntries: string
  readonly fields: string
  readonly noFields: string
  readonly editField: (heading: string) => string
  readonly editHeader: string
  readonly publishPlan: string
  readonly saveHeader: string
  readonly deletePlan: string
  readonly deletePlanConfirm: string
  /** The checkbox a delete form requires before it deletes anything. */
  readonly confirmDelete: string
  readonly deleteNotConfirmed: string
  readonly publishNow: string
  readonly draftHint: string
  readonly publishSelected: string
  readonly publishFailed: (title: string, pupil: string, reason: string) => string
  readonly documents: string
  readonly noDocuments: string
  readonly documentDate: string
  readonly fileSize: (bytes: number) => string
  readonly documentSource: (source: "upload" | "import") => string
  readonly addDocument: string
  readonly documentTitle: string
  readonly documentFile: string
  readonly uploadDocument: string
  /** Shown to readers who cannot change the plan. */
  readonly archivedReadOnly: string
  /** Shown to staff who may move the end date. */
  readonly archivedMoveEndDate: string
  readonly allPlansOfPupil: (pupil: string) => string
  readonly plansTitle: string

  // Course page
  readonly coursePageTitle: (course: string) => string
  readonly newAssessment: string
  readonly createAssessment: string
  readonly visibleToPupils: string
  readonly selfAssessmentEnabled: string
  readonly assessmentSettings: string
  readonly renameForCourse: string
  readonly saveSettings: string
  readonly deleteAssessment: string
  readonly deleteAssessmentConfirm: string
  readonly titleNamesNoTerm: (title: string) => string
  readonly planOverlap: (count: number) => string
  readonly entryGrid: (title: string) => string
  readonly select: string
  readonly selectPupil: (pupil: string) => string
  readonly levelFor: (pupil: string) => string
  readonly commentFor: (pupil: string) => string
  readonly saveEntryFor: (pupil: string) => string
  readonly setLevelForSelected: string
  readonly levelForSelected: string
  readonly setLevel: string
  readonly notWritten: string
  readonly publishedPlansOfCourse: string
  readonly noPupils: string

  // Overview
  readonly overviewTitle: string
  readonly overviewWindow: (start: string, end: string) => string
  readonly levelOfSteps: (step: number, count: number) => string
  readonly cellNotShown: string
  readonly overviewNothing: string
  readonly overviewUnsupportedHeading: string
  readonly overviewUnsupportedStepCount: (course: string, stepCount: number, supported: ReadonlyArray<number>) => string
  readonly overviewNoScale: (course: string) => string
  readonly overviewNoTable: string
  readonly overviewLeftOutProtected: (count: number) => string
  readonly chooseProtectedPupils: string
  readonly protectedPupils: string
  readonly protectedPupilsHint: string
  readonly showInOverview: string

  // Pupil and guardian pages
  readonly pupilPageTitle: string
  readonly myPlans: string
  readonly myAssessments: string
  readonly teacherComment: string
  readonly yourSelfAssessment: string
  readonly selfAssessmentFormFor: (assessment: string, course: string) => string
  readonly saveSelfAssessment: string
  readonly yourChildren: string
  readonly plansOf: (child: string) => string
  readonly assessmentsOf: (child: string) => string
  readonly noChildren: string

  // Print and export
  readonly printTitle: (count: number) => string
  readonly noPlanSelected: string
  readonly exportedBy: (name: string, when: string) => string
  readonly leftOutProtected: (count: number) => string
  readonly sensitiveFooter: string
  readonly pageNumber: (page: number) => string
  readonly planPageOf: (plan: number, plans: number, page: number, pages: number) => string

  // Errors
  readonly errorTitle: string
  readonly notFoundTitle: string
  readonly forbiddenTitle: string
  readonly conflictTitle: string
  readonly invalidInputTitle: string
  readonly fileTooLargeTitle: string
  readonly exportLimitTitle: string
  readonly currentValueHeading: string
  readonly backToStart: string
  /** Names the id the request sent, because an export or a form may name several of one kind. */
  readonly notFound: (kind: string, id: string) => string
  readonly forbidden: (kind: string) => string
  readonly conflict: (kind: string) => string
  /** Heads a field form shown again after a conflict, above the text saved meanwhile. */
  readonly conflictKeptText: string
  readonly savedTextNow: string
  readonly exportLimit: (requested: number, limit: number) => string
  readonly invalidInput: (field: string, rule: string) => string
  readonly pupilsWithoutMentor: (count: number) => string
  /** A form posted with a version the stored data has moved past, or with none. */
  readonly staleForm: string
  readonly roleRequiredTitle: string
  readonly roleRequired: (role: PageRole) => string
  readonly storageFailed: string
  readonly unexpectedError: string
  readonly resourceKinds: Readonly<Record<string, string>>
  readonly fieldNames: Readonly<Record<string, string>>
  /** Names a field missing from `fieldNames`, so no internal name reaches the page. */
  readonly unnamedField: string
  /** A property the request may not contain, such as a misspelt one in a JSON body. */
  readonly unknownProperty: (name: string) => string
  readonly rules: {
    readonly nul: string
    readonly surrogate: string
    readonly tooLong: (max: string) => string
    readonly empty: string
    /** `value` is the rejected text, or null when nothing was sent. */
    readonly date: (value: string | null) => string
    readonly endBeforeStart: string
    readonly fileType: string
    readonly fileTooLarge: (limit: string) => string
    readonly fileEmpty: string
    readonly pdfScript: string
    readonly docxUnpack: string
    readonly notAStep: (value: string, steps: string) => string
    readonly noScale: string
    readonly number: string
    readonly choice: string
    /** A checkbox sent with a value the form never sends. */
    readonly checkbox: (value: string) => string
    readonly other: string
  }

  // Data export column headers
  readonly csv: {
    readonly pupilGivenName: string
    readonly pupilFamilyName: string
    readonly course: string
    readonly subjectCode: string
    readonly assessment: string
    readonly level: string
    readonly comment: string
    readonly selfAssessmentLevel: string
    readonly selfAssessmentComment: string
    readonly lastEditedAt: string
  }
}

const svPlural = (count: number, one: string, many: string): string => `${count} ${count === 1 ? one : many}`
const enPlural = svPlural

const bytesIn = (tag: string, byteWord: string) => (bytes: number): string =>
  bytes < 1024
    ? `${bytes} ${byteWord}`
    : bytes < 1024 * 1024
      ? `${(bytes / 1024).toLocaleString(tag, { maximumFractionDigits: 0 })} kB`
      : `${(bytes / 1024 / 1024).toLocaleString(tag, { maximumFractionDigits: 1 })} MB`

// Resource names in `resourceKinds` that take "det" rather than "den" as their pronoun.
const svNeuterKinds: ReadonlySet<string> = new Set(["Fältet", "Omdömet", "Elevens omdöme", "Dokumentet"])

const svRoleNames: Readonly<Record<PageRole, string>> = {
  mentor: "mentorer",
  teacher: "lärare som undervisar i kursen",
  pupil: "elever",
  guardian: "vårdnadshavare"
}
const enRoleNames: Readonly<Record<PageRole, string>> = {
  mentor: "mentors",
  teacher: "teachers of the course",
  pupil: "pupils",
  guardian: "guardians"
}

const svList = (numbers: ReadonlyArray<number>): string =>
  numbers.length <= 1 ? numbers.join("") : `${numbers.slice(0, -1).join(", ")} eller ${numbers[numbers.length - 1]}`
const enList = (numbers: ReadonlyArray<number>): string =>
  numbers.length <= 1 ? numbers.join("") : `${numbers.slice(0, -1).join(", ")} or ${numbers[numbers.length - 1]}`

/**
 * The Swedish catalogue.
 *
 * @category messages
 * @since 0.1.0
 */
export const sv: Messages = {
  locale: "sv",
  languageTag: "sv-SE",
  productName: "IUP",
  skipToContent: "Hoppa till innehållet",
  sensitiveNotice:
    "Känslig information: planen innehåller personuppgifter om ett barn. Läs den bara i tjänsten och dela den inte vidare.",
  save: "Spara",
  saving: "Sparar …",
  saved: "Sparat",
  saveFailed: "Kunde inte spara. Försök igen.",
  saveConflict: "Någon annan har ändrat texten. Ladda om sidan innan du fortsätter.",
  empty: "(tomt)",
  notSet: "–",

  siteNavigation: "Huvudmeny",
  home: "Startsidan",
  signedInAs: (name) => `Inloggad som ${name}`,
  signOut: "Logga ut",
  languageChoice: "Språk",
  notices: {
    planSaved: () => "Planen sparades.",
    planPublished: () => "Planen publicerades.",
    plansPublished: (count) => `${svPlural(count, "plan", "planer")} publicerades.`,
    planDeleted: () => "Planen togs bort.",
    plansCreated: (count) => `${svPlural(count, "plan", "planer")} skapades.`,
    levelsSet: (count) => `Nivån sattes för ${svPlural(count, "elev", "elever")}.`,
    assessmentCreated: () => "Omdömet skapades.",
    assessmentSaved: () => "Omdömet sparades.",
    assessmentDeleted: () => "Omdömet togs bort."
  },

  currentPlans: "Aktuella planer",
  archivedPlans: "Arkiverade planer",
  noCurrentPlans: "Det finns inga aktuella planer.",
  noArchivedPlans: "Det finns inga arkiverade planer.",
  noPlans: "Det finns inga publicerade planer.",
  planTitle: "Titel",
  pupil: "Elev",
  period: "Period",
  status: "Status",
  published: "Publicerad",
  draft: "Utkast (inte publicerad)",
  archived: "Arkiverad",
  periodText: (start, end) => (end === null ? `från ${start}` : `${start} – ${end}`),

  assessments: "Skriftliga omdömen",
  noAssessments: "Det finns inga omdömen.",
  noEntries: "Inga omdömen har skrivits under perioden.",
  course: "Kurs",
  assessment: "Omdöme",
  level: "Nivå",
  comment: "Kommentar",
  selfAssessment: "Självskattning",
  lastEdited: "Senast ändrad",
  noLevel: "Ingen nivå",
  noScale: "Ingen bedömning (bara text)",
  gradingScale: "Bedömningsskala",
  entriesInWindow: (start, end) => `Omdömen ändrade ${start} – ${end}`,
  chooseWindow: "Välj period",
  windowStart: "Från och med",
  windowEnd: "Till och med",
  showWindow: "Visa",

  mentorPageTitle: "IUP för mina mentorselever",
  createPlans: "Skapa planer",
  whichPupils: "Vilka elever?",
  allMentees: (count) => `Alla mina mentorselever (${svPlural(count, "elev", "elever")})`,
  chosenMentees: "Bara de elever jag väljer nedan",
  chooseMentees: "Elever",
  noMentees: "Du har inga mentorselever.",
  template: "Mall",
  noTemplates: "Det finns ingen mall att skapa planer från. Be en administratör skapa en.",
  templateFields: (headings) => `Fält: ${headings}`,
  startDate: "Startdatum",
  endDate: "Slutdatum",
  endDateHint: "Valfritt men rekommenderat, till exempel dagen då nästa plan börjar.",
  createPlansSubmit: "Skapa planerna",
  planDetails: "Planens titel, mall och period",
  printAndExport: "Skriv ut eller exportera",
  selectPlan: (title, pupil) => `Välj ${title} för ${pupil}`,
  printSelected: "Skriv ut valda",
  downloadPdf: "Ladda ner valda som PDF",
  exportLimitHint: (limit) => `Högst ${limit} planer åt gången.`,
  overviewLink: "Översikt över nivåer",

  adminPageTitle: "Administration",
  adminPlansIntro: (count) => `${svPlural(count, "aktuell plan", "aktuella planer")} för elever i skolorna du administrerar.`,
  exportWhichPlans: "Vilka planer ska exporteras?",
  exportChosenPlans: "De markerade planerna",
  exportAllPlans: (count) => `Alla aktuella planer (${count})`,
  exportPdfSubmit: "Exportera som PDF",

  planPageTitle: (title, pupil) => `${title} – ${pupil}`,
  matchedEntries: "Omdömen under planens period",
  noMatchedEntries: "Inga omdömen har ändrats under planens period.",
  fields: "Planering",
  noFields: "Du kan inte läsa något fält i planen.",
  editField: (heading) => `Text för ${heading}`,
  editHeader: "Ändra planen",
  publishPlan: "Publicerad (synlig för elev och vårdnadshavare)",
  saveHeader: "Spara ändringarna",
  deletePlan: "Ta bort planen",
  deletePlanConfirm: "Planen tas bort för gott, med allt som skrivits i den.",
  confirmDelete: "Ja, ta bort",
  deleteNotConfirmed: "Inget togs bort. Kryssa i ”Ja, ta bort” för att bekräfta att det ska tas bort för gott.",
  publishNow: "Publicera",
  draftHint: "Planen är ett utkast. Eleven och vårdnadshavarna ser den först när den är publicerad.",
  publishSelected: "Publicera valda planer",
  publishFailed: (title, pupil, reason) => `${title} för ${pupil} publicerades inte: ${reason}`,
  documents: "Tidigare dokument",
  noDocuments: "Det finns inga tidigare dokument.",
  documentDate: "Datum",
  fileSize: bytesIn("sv-SE", "byte"),
  documentSource: (source) => (source === "upload" ? "uppladdad fil" : "från tidigare IUP-verktyg"),
  addDocument: "Lägg till ett dokument",
  documentTitle: "Dokumentets titel",
  documentFile: "Fil (PDF, DOC eller DOCX)",
  uploadDocument: "Ladda upp",
  archivedReadOnly: "Planen är arkiverad och kan bara läsas.",
  archivedMoveEndDate: "Planen är arkiverad och kan bara läsas. Flytta slutdatumet för att göra den aktuell igen.",
  allPlansOfPupil: (pupil) => `Alla planer för ${pupil}`,
  plansTitle: "Planer",

  coursePageTitle: (course) => `Omdömen i ${course}`,
  newAssessment: "Nytt omdöme",
  createAssessment: "Skapa omdömet",
  visibleToPupils: "Synligt för elever",
  selfAssessmentEnabled: "Elever får göra självskattning",
  assessmentSettings: "Inställningar för hela kursen",
  renameForCourse: "Titel (ändras för hela kursen)",
  saveSettings: "Spara inställningarna",
  deleteAssessment: "Ta bort omdömet med alla elevers omdömen",
  deleteAssessmentConfirm: "Omdömet tas bort för gott, med alla elevers omdömen och självskattningar.",
  titleNamesNoTerm: (title) =>
    `Titeln ”${title}” anger ingen termin. Skriv till exempel ”Omdöme HT 2026” så att det syns vilken period omdömet gäller.`,
  planOverlap: (count) => `Perioden överlappar ${svPlural(count, "annan plan", "andra planer")} för samma elev.`,
  entryGrid: (title) => `Elevernas omdömen i ${title}`,
  select: "Välj",
  selectPupil: (pupil) => `Välj ${pupil}`,
  levelFor: (pupil) => `Nivå för ${pupil}`,
  commentFor: (pupil) => `Kommentar till ${pupil}`,
  saveEntryFor: (pupil) => `Spara omdömet för ${pupil}`,
  setLevelForSelected: "Sätt samma nivå för valda elever",
  levelForSelected: "Nivå för valda elever",
  setLevel: "Sätt nivån",
  notWritten: "Inte skrivet",
  publishedPlansOfCourse: "Elevernas aktuella planer",
  noPupils: "Kursen har inga elever.",

  overviewTitle: "Översikt: mentorselever och kurser",
  overviewWindow: (start, end) => `Senaste nivån per elev och kurs, ändrad ${start} – ${end}`,
  levelOfSteps: (step, count) => `steg ${step} av ${count}`,
  cellNotShown: "Kan inte visas",
  overviewNothing: "Inga omdömen med nivå har ändrats under perioden.",
  overviewUnsupportedHeading: "Kurser som översikten inte kan visa",
  overviewUnsupportedStepCount: (course, stepCount, supported) =>
    `${course}: bedömningsskalan har ${stepCount} steg. Översikten kan bara visa skalor med ${svList(supported)} steg. Öppna kursens omdömen för att se nivåerna.`,
  overviewNoScale: (course) =>
    `${course}: omdömet har ingen bedömningsskala (bara text), så det finns ingen nivå att visa. Öppna kursens omdömen för att läsa kommentarerna.`,
  overviewNoTable:
    "Ingen tabell visas eftersom ingen kurs under perioden har en bedömningsskala som översikten kan visa.",
  overviewLeftOutProtected: (count) =>
    count === 1
      ? "1 elev med skyddade personuppgifter visas inte. Välj eleven med namn på mentorssidan för att se den här."
      : `${count} elever med skyddade personuppgifter visas inte. Välj eleverna med namn på mentorssidan för att se dem här.`,
  chooseProtectedPupils: "Välj elever med skyddade personuppgifter",
  protectedPupils: "Elever med skyddade personuppgifter",
  protectedPupilsHint: "Översikten visar dem bara när du väljer dem med namn, så att ingen ser dem av en slump.",
  showInOverview: "Visa valda elever i översikten",

  pupilPageTitle: "Min IUP",
  myPlans: "Mina planer",
  myAssessments: "Mina omdömen",
  teacherComment: "Lärarens kommentar",
  yourSelfAssessment: "Din självskattning",
  selfAssessmentFormFor: (assessment, course) => `Självskattning för ${assessment} i ${course}`,
  saveSelfAssessment: "Spara självskattningen",
  yourChildren: "Dina barn",
  plansOf: (child) => `Planer för ${child}`,
  assessmentsOf: (child) => `Omdömen för ${child}`,
  noChildren: "Det finns inga barn kopplade till dig.",

  printTitle: (count) => `Utskrift av ${svPlural(count, "plan", "planer")}`,
  noPlanSelected: "Du valde ingen plan. Gå tillbaka, kryssa i minst en plan och försök igen.",
  exportedBy: (name, when) => `Utskriven av ${name}, ${when}`,
  leftOutProtected: (count) =>
    count === 1
      ? "1 plan utelämnades eftersom eleven har skyddade personuppgifter. Välj eleven med namn för att ta med planen."
      : `${count} planer utelämnades eftersom eleverna har skyddade personuppgifter. Välj eleverna med namn för att ta med planerna.`,
  sensitiveFooter: "Känslig information om ett barn – dela inte vidare.",
  pageNumber: (page) => `Sida ${page}`,
  planPageOf: (plan, plans, page, pages) => `Plan ${plan} av ${plans}, sida ${page} av ${pages}`,

  errorTitle: "Något gick fel",
  notFoundTitle: "Hittades inte",
  forbiddenTitle: "Inte tillåtet",
  conflictTitle: "Ändringen sparades inte",
  invalidInputTitle: "Ogiltiga uppgifter",
  fileTooLargeTitle: "Filen är för stor",
  exportLimitTitle: "För många planer",
  currentValueHeading: "Så här ser det ut nu",
  backToStart: "Till startsidan",
  notFound: (kind, id) =>
    `${kind}${id === "" ? "" : ` ”${id}”`} finns inte, eller så har du inte behörighet att se ${svNeuterKinds.has(kind) ? "det" : "den"}.`,
  forbidden: (kind) => `Du får se ${kind.toLocaleLowerCase("sv")} men inte göra den här ändringen.`,
  conflict: (kind) =>
    `Någon annan ändrade ${kind.toLocaleLowerCase("sv")} medan du arbetade, så din ändring sparades inte. Ladda om sidan, läs det nya innehållet och gör ändringen igen.`,
  conflictKeptText:
    "Någon annan sparade texten medan du skrev, så din text sparades inte. Din text står kvar i rutan. Jämför den med den sparade texten och spara igen för att ersätta den.",
  savedTextNow: "Sparad text just nu",
  exportLimit: (requested, limit) =>
    `Du valde ${requested} planer, men en utskrift eller export kan innehålla högst ${limit}. Dela upp urvalet i omgångar om högst ${limit} planer.`,
  invalidInput: (field, rule) => `${field}: ${rule}`,
  pupilsWithoutMentor: (count) =>
    `${svPlural(count, "elev", "elever")} saknar mentor, så inga planer skapades. Se till att eleverna har mentorer, eller välj att hoppa över dem.`,
  staleForm: "Sidan du skickade från var inaktuell, så ändringen sparades inte. Ladda om sidan och gör ändringen igen.",
  roleRequiredTitle: "Sidan är inte till för dig",
  roleRequired: (role) =>
    `Den här sidan är bara för ${svRoleNames[role]}, och du är inte inloggad med den rollen. Gå till startsidan för att se sidorna som är till för dig.`,
  storageFailed: "Uppgifterna kunde inte läsas eller sparas just nu. Försök igen om en stund.",
  unexpectedError: "Ett oväntat fel inträffade. Försök igen om en stund.",
  resourceKinds: {
    plan: "Planen",
    planField: "Fältet",
    template: "Mallen",
    gradingScale: "Bedömningsskalan",
    assessment: "Omdömet",
    assessmentEntry: "Elevens omdöme",
    document: "Dokumentet",
    person: "Personen",
    organisation: "Organisationen",
    course: "Kursen"
  },
  fieldNames: {
    title: "Titel",
    heading: "Rubrik",
    value: "Text",
    comment: "Kommentar",
    level: "Nivå",
    startDate: "Startdatum",
    endDate: "Slutdatum",
    templateId: "Mall",
    pupilIds: "Elever",
    fileName: "Filnamn",
    documentDate: "Dokumentets datum",
    file: "Filen",
    steps: "Steg",
    name: "Namn",
    gradingScaleId: "Bedömningsskala",
    selection: "Vilka elever",
    planIds: "Planer",
    personId: "Person",
    published: "Publicerad",
    visibleToPupils: "Synligt för elever",
    selfAssessmentEnabled: "Självskattning"
  },
  unnamedField: "Ett av fälten",
  unknownProperty: (name) => `Begäran innehåller den okända egenskapen "${name}". Ta bort den eller rätta stavningen.`,
  rules: {
    nul: "texten innehåller ett otillåtet tecken (NUL). Ta bort det och försök igen.",
    surrogate: "texten innehåller ogiltiga tecken. Skriv in texten på nytt.",
    fileType: "filtypen stöds inte. Bara PDF-, DOC- och DOCX-filer tas emot.",
    fileTooLarge: (limit) => `får vara högst ${limit}. Välj en mindre fil.`,
    fileEmpty: "är tom. Välj filen igen och ladda upp den på nytt.",
    pdfScript:
      "PDF-filen innehåller skript eller kan starta program när den öppnas. Spara den utan skript, till exempel genom att skriva ut den till PDF, och ladda upp den igen.",
    docxUnpack: "Word-filen packas upp till långt mer än den tar plats och tas därför inte emot. Spara den på nytt i Word och försök igen.",
    tooLong: (max) => `texten får vara högst ${max} tecken lång. Korta den och försök igen.`,
    empty: "måste fyllas i. Skriv något och försök igen.",
    date: (value) =>
      value === null ? "ange ett datum som ÅÅÅÅ-MM-DD." : `”${value}” är inget giltigt datum. Ange ett datum som ÅÅÅÅ-MM-DD.`,
    endBeforeStart: "slutdatumet får inte vara före startdatumet. Välj ett senare slutdatum eller lämna det tomt.",
    notAStep: (value, steps) => `”${value}” är inte ett steg i bedömningsskalan. Välj ett av stegen: ${steps}.`,
    noScale: "omdömet har ingen bedömningsskala, så det tar ingen nivå. Lämna nivån tom.",
    number: "värdet måste vara ett heltal. Ladda om sidan och försök igen.",
    choice: "välj ett av alternativen i listan.",
    checkbox: (value) => `kryssrutan skickades med det ogiltiga värdet ”${value}”. Ladda om sidan och försök igen.`,
    other: "värdet godtogs inte. Kontrollera det och försök igen."
  },

  csv: {
    pupilGivenName: "Förnamn",
    pupilFamilyName: "Efternamn",
    course: "Kurs",
    subjectCode: "Ämneskod",
    assessment: "Omdöme",
    level: "Nivå",
    comment: "Kommentar",
    selfAssessmentLevel: "Självskattad nivå",
    selfAssessmentComment: "Självskattning",
    lastEditedAt: "Senast ändrad"
  }
}

/**
 * The English catalogue.
 *
 * @category messages
 * @since 0.1.0
 */
export const en: Messages = {
  locale: "en",
  languageTag: "en-GB",
  productName: "IUP",
  skipToContent: "Skip to content",
  sensitiveNotice:
    "Sensitive information: this plan holds personal data about a child. Read it only in the service and do not pass it on.",
  save: "Save",
  saving: "Saving …",
  saved: "Saved",
  saveFailed: "Could not save. Please try again.",
  saveConflict: "Someone else has changed this text. Reload the page before you go on.",
  empty: "(empty)",
  notSet: "–",

  siteNavigation: "Main menu",
  home: "Start page",
  signedInAs: (name) => `Signed in as ${name}`,
  signOut: "Sign out",
  languageChoice: "Language",
  notices: {
    planSaved: () => "The plan was saved.",
    planPublished: () => "The plan was published.",
    plansPublished: (count) => `${enPlural(count, "plan", "plans")} published.`,
    planDeleted: () => "The plan was deleted.",
    plansCreated: (count) => `${enPlural(count, "plan", "plans")} created.`,
    levelsSet: (count) => `The level was set for ${enPlural(count, "pupil", "pupils")}.`,
    assessmentCreated: () => "The assessment was created.",
    assessmentSaved: () => "The assessment was saved.",
    assessmentDeleted: () => "The assessment was deleted."
  },

  currentPlans: "Current plans",
  archivedPlans: "Archived plans",
  noCurrentPlans: "There are no current plans.",
  noArchivedPlans: "There are no archived plans.",
  noPlans: "There are no published plans.",
  planTitle: "Title",
  pupil: "Pupil",
  period: "Period",
  status: "Status",
  published: "Published",
  draft: "Draft (not published)",
  archived: "Archived",
  periodText: (start, end) => (end === null ? `from ${start}` : `${start} – ${end}`),

  assessments: "Written assessments",
  noAssessments: "There are no assessments.",
  noEntries: "No assessments were written in this period.",
  course: "Course",
  assessment: "Assessment",
  level: "Level",
  comment: "Comment",
  selfAssessment: "Self-assessment",
  lastEdited: "Last edited",
  noLevel: "No level",
  noScale: "No grading scale (text only)",
  gradingScale: "Grading scale",
  entriesInWindow: (start, end) => `Assessments edited ${start} – ${end}`,
  chooseWindow: "Choose a period",
  windowStart: "From",
  windowEnd: "To",
  showWindow: "Show",

  mentorPageTitle: "IUP for my mentees",
  createPlans: "Create plans",
  whichPupils: "Which pupils?",
  allMentees: (count) => `All my mentees (${enPlural(count, "pupil", "pupils")})`,
  chosenMentees: "Only the pupils I choose below",
  chooseMentees: "Pupils",
  noMentees: "You have no mentees.",
  template: "Template",
  noTemplates: "There is no template to create plans from. Ask an administrator to create one.",
  templateFields: (headings) => `Fields: ${headings}`,
  startDate: "Start date",
  endDate: "End date",
  endDateHint: "Optional but recommended, for example the day the next plan starts.",
  createPlansSubmit: "Create the plans",
  planDetails: "Title, template and period of the plans",
  printAndExport: "Print or export",
  selectPlan: (title, pupil) => `Select ${title} for ${pupil}`,
  printSelected: "Print selected",
  downloadPdf: "Download selected as PDF",
  exportLimitHint: (limit) => `At most ${limit} plans at a time.`,
  overviewLink: "Overview of levels",

  adminPageTitle: "Administration",
  adminPlansIntro: (count) => `${enPlural(count, "current plan", "current plans")} of pupils in the schools you administer.`,
  exportWhichPlans: "Which plans to export?",
  exportChosenPlans: "The checked plans",
  exportAllPlans: (count) => `All current plans (${count})`,
  exportPdfSubmit: "Export as PDF",

  planPageTitle: (title, pupil) => `${title} – ${pupil}`,
  matchedEntries: "Assessments in the plan's period",
  noMatchedEntries: "No assessments were edited in the plan's period.",
  fields: "Plan",
  noFields: "You cannot read any field of this plan.",
  editField: (heading) => `Text for ${heading}`,
  editHeader: "Change the plan",
  publishPlan: "Published (visible to the pupil and guardians)",
  saveHeader: "Save the changes",
  deletePlan: "Delete the plan",
  deletePlanConfirm: "The plan is deleted for good, with everything written in it.",
  confirmDelete: "Yes, delete",
  deleteNotConfirmed: "Nothing was deleted. Tick “Yes, delete” to confirm that it is deleted for good.",
  publishNow: "Publish",
  draftHint: "The plan is a draft. The pupil and guardians see it only once it is published.",
  publishSelected: "Publish selected plans",
  publishFailed: (title, pupil, reason) => `${title} for ${pupil} was not published: ${reason}`,
  documents: "Earlier documents",
  noDocuments: "There are no earlier documents.",
  documentDate: "Date",
  fileSize: bytesIn("en-GB", "bytes"),
  documentSource: (source) => (source === "upload" ? "uploaded file" : "from an earlier IUP tool"),
  addDocument: "Add a document",
  documentTitle: "Title of the document",
  documentFile: "File (PDF, DOC or DOCX)",
  uploadDocument: "Upload",
  archivedReadOnly: "This plan is archived and read-only.",
  archivedMoveEndDate: "This plan is archived and read-only. Move its end date to make it current again.",
  allPlansOfPupil: (pupil) => `All plans of ${pupil}`,
  plansTitle: "Plans",

  coursePageTitle: (course) => `Assessments in ${course}`,
  newAssessment: "New assessment",
  createAssessment: "Create the assessment",
  visibleToPupils: "Visible to pupils",
  selfAssessmentEnabled: "Pupils may self-assess",
  assessmentSettings: "Settings for the whole course",
  renameForCourse: "Title (changes for the whole course)",
  saveSettings: "Save the settings",
  deleteAssessment: "Delete the assessment with every pupil's entry",
  deleteAssessmentConfirm: "The assessment is deleted for good, with every pupil's entry and self-assessment.",
  titleNamesNoTerm: (title) =>
    `The title “${title}” names no term. Write for example “Omdöme HT 2026” so readers see which period it covers.`,
  planOverlap: (count) => `The period overlaps ${enPlural(count, "other plan", "other plans")} of the same pupil.`,
  entryGrid: (title) => `Pupils' entries in ${title}`,
  select: "Select",
  selectPupil: (pupil) => `Select ${pupil}`,
  levelFor: (pupil) => `Level for ${pupil}`,
  commentFor: (pupil) => `Comment for ${pupil}`,
  saveEntryFor: (pupil) => `Save the entry for ${pupil}`,
  setLevelForSelected: "Set one level for the selected pupils",
  levelForSelected: "Level for the selected pupils",
  setLevel: "Set the level",
  notWritten: "Not written",
  publishedPlansOfCourse: "The pupils' current plans",
  noPupils: "The course has no pupils.",

  overviewTitle: "Overview: mentees and courses",
  overviewWindow: (start, end) => `Latest level per pupil and course, edited ${start} – ${end}`,
  levelOfSteps: (step, count) => `step ${step} of ${count}`,
  cellNotShown: "Cannot be shown",
  overviewNothing: "No assessment with a level was edited in this period.",
  overviewUnsupportedHeading: "Courses the overview cannot show",
  overviewUnsupportedStepCount: (course, stepCount, supported) =>
    `${course}: the grading scale has ${stepCount} steps. The overview can only show scales with ${enList(supported)} steps. Open the course's assessments to see the levels.`,
  overviewNoScale: (course) =>
    `${course}: the assessment has no grading scale (text only), so there is no level to show. Open the course's assessments to read the comments.`,
  overviewNoTable:
    "No table is shown because no course in this period has a grading scale the overview can show.",
  overviewLeftOutProtected: (count) =>
    count === 1
      ? "1 pupil with protected personal data is not shown. Select the pupil by name on the mentor page to see them here."
      : `${count} pupils with protected personal data are not shown. Select the pupils by name on the mentor page to see them here.`,
  chooseProtectedPupils: "Select pupils with protected personal data",
  protectedPupils: "Pupils with protected personal data",
  protectedPupilsHint: "The overview shows them only when you select them by name, so that no one sees them by chance.",
  showInOverview: "Show the selected pupils in the overview",

  pupilPageTitle: "My IUP",
  myPlans: "My plans",
  myAssessments: "My assessments",
  teacherComment: "Teacher's comment",
  yourSelfAssessment: "Your self-assessment",
  selfAssessmentFormFor: (assessment, course) => `Self-assessment for ${assessment} in ${course}`,
  saveSelfAssessment: "Save the self-assessment",
  yourChildren: "Your children",
  plansOf: (child) => `Plans of ${child}`,
  assessmentsOf: (child) => `Assessments of ${child}`,
  noChildren: "No children are linked to you.",

  printTitle: (count) => `Print of ${enPlural(count, "plan", "plans")}`,
  noPlanSelected: "You selected no plan. Go back, tick at least one plan and try again.",
  exportedBy: (name, when) => `Printed by ${name}, ${when}`,
  leftOutProtected: (count) =>
    count === 1
      ? "1 plan was left out because the pupil has protected personal data. Select the pupil by name to include the plan."
      : `${count} plans were left out because the pupils have protected personal data. Select the pupils by name to include the plans.`,
  sensitiveFooter: "Sensitive information about a child – do not pass on.",
  pageNumber: (page) => `Page ${page}`,
  planPageOf: (plan, plans, page, pages) => `Plan ${plan} of ${plans}, page ${page} of ${pages}`,

  errorTitle: "Something went wrong",
  notFoundTitle: "Not found",
  forbiddenTitle: "Not allowed",
  conflictTitle: "The change was not saved",
  invalidInputTitle: "Invalid input",
  fileTooLargeTitle: "The file is too large",
  exportLimitTitle: "Too many plans",
  currentValueHeading: "What it says now",
  backToStart: "Back to the start page",
  notFound: (kind, id) => `${kind}${id === "" ? "" : ` “${id}”`} does not exist, or you are not allowed to see it.`,
  forbidden: (kind) => `You may see ${kind.toLowerCase()} but not make this change.`,
  conflict: (kind) =>
    `Someone else changed ${kind.toLowerCase()} while you were working, so your change was not saved. Reload the page, read the new content and make your change again.`,
  conflictKeptText:
    "Someone else saved the text while you were writing, so your text was not saved. Your text is still in the box. Compare it with the saved text and save again to replace it.",
  savedTextNow: "Saved text now",
  exportLimit: (requested, limit) =>
    `You selected ${requested} plans, but one print or export holds at most ${limit}. Split the selection into batches of at most ${limit} plans.`,
  invalidInput: (field, rule) => `${field}: ${rule}`,
  pupilsWithoutMentor: (count) =>
    `${enPlural(count, "pupil has", "pupils have")} no mentor, so no plans were created. Make sure the pupils have mentors, or choose to skip them.`,
  staleForm: "The page you sent from was out of date, so the change was not saved. Reload the page and make the change again.",
  roleRequiredTitle: "This page is not for you",
  roleRequired: (role) =>
    `This page is only for ${enRoleNames[role]}, and you are not signed in with that role. Go to the start page to see the pages meant for you.`,
  storageFailed: "The data could not be read or saved just now. Please try again in a moment.",
  unexpectedError: "An unexpected error occurred. Please try again in a moment.",
  resourceKinds: {
    plan: "The plan",
    planField: "The field",
    template: "The template",
    gradingScale: "The grading scale",
    assessment: "The assessment",
    assessmentEntry: "The pupil's entry",
    document: "The document",
    person: "The person",
    organisation: "The organisation",
    course: "The course"
  },
  fieldNames: {
    title: "Title",
    heading: "Heading",
    value: "Text",
    comment: "Comment",
    level: "Level",
    startDate: "Start date",
    endDate: "End date",
    templateId: "Template",
    pupilIds: "Pupils",
    fileName: "File name",
    documentDate: "Document date",
    file: "The file",
    steps: "Steps",
    name: "Name",
    gradingScaleId: "Grading scale",
    selection: "Which pupils",
    planIds: "Plans",
    personId: "Person",
    published: "Published",
    visibleToPupils: "Visible to pupils",
    selfAssessmentEnabled: "Self-assessment"
  },
  unnamedField: "One of the fields",
  unknownProperty: (name) => `The request contains the unknown property "${name}". Remove it or correct its spelling.`,
  rules: {
    nul: "the text contains a character that is not allowed (NUL). Remove it and try again.",
    surrogate: "the text contains invalid characters. Type the text again.",
    fileType: "the file type is not supported. Only PDF, DOC and DOCX files are accepted.",
    fileTooLarge: (limit) => `may be at most ${limit}. Choose a smaller file.`,
    fileEmpty: "is empty. Choose the file again and upload it once more.",
    pdfScript:
      "the PDF file contains scripts or can start programs when it is opened. Save it without scripts, for example by printing it to PDF, and upload it again.",
    docxUnpack: "the Word file unpacks to far more than it takes up, so it is not accepted. Save it again in Word and try once more.",
    tooLong: (max) => `the text may be at most ${max} characters long. Shorten it and try again.`,
    empty: "must not be empty. Fill it in and try again.",
    date: (value) =>
      value === null ? "enter a date as YYYY-MM-DD." : `“${value}” is not a valid date. Enter a date as YYYY-MM-DD.`,
    endBeforeStart: "the end date must not be before the start date. Choose a later end date or leave it empty.",
    notAStep: (value, steps) => `“${value}” is not a step of the grading scale. Choose one of the steps: ${steps}.`,
    noScale: "the assessment has no grading scale, so it takes no level. Leave the level empty.",
    number: "the value must be a whole number. Reload the page and try again.",
    choice: "choose one of the options in the list.",
    checkbox: (value) => `the checkbox was sent with the invalid value “${value}”. Reload the page and try again.`,
    other: "the value was not accepted. Check it and try again."
  },

  csv: {
    pupilGivenName: "Given name",
    pupilFamilyName: "Family name",
    course: "Course",
    subjectCode: "Subject code",
    assessment: "Assessment",
    level: "Level",
    comment: "Comment",
    selfAssessmentLevel: "Self-assessed level",
    selfAssessmentComment: "Self-assessment",
    lastEditedAt: "Last edited"
  }
}

/**
 * The catalogue of a locale.
 *
 * @category messages
 * @since 0.1.0
 */
export const messagesFor = (locale: Locale = defaultLocale): Messages => (locale === "en" ? en : sv)
