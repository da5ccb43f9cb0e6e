/**
 * The text end users read on the host's own pages (sign-in, start page, and errors of the host's
 * own making), in Swedish and English. The core's errors are explained by @iupkit/render-html.
 */

/** Languages the pages are written in; Swedish is the default. */
export type Language = "sv" | "en"

const catalogue = {
  sv: {
    appName: "IUP",
    badRequestTitle: "Felaktiga uppgifter",
    badRequestText: "Något i begäran var fel. Kontrollera uppgifterna och försök igen.",
    requestTooLargeTitle: "Begäran är för stor",
    requestTooLargeText: "Begäran är för stor: högst {limit} kan skickas på en gång. Korta texten eller dela upp ändringen och försök igen.",
    unauthenticatedTitle: "Du är inte inloggad",
    unauthenticatedText: "Logga in för att fortsätta.",
    unknownPersonText: "Du är inloggad som en person som inte finns i skolans personregister. Logga in som någon annan eller kontakta skolans administratör.",
    notFoundTitle: "Hittades inte",
    notFoundText: "Det du sökte finns inte, eller så saknar du behörighet att se det.",
    apiRouteNotFound: "API:t har ingen sådan adress. Jämför metod och sökväg med API-beskrivningen i /openapi.json.",
    csrfTitle: "Formuläret kunde inte skickas",
    csrfText: "Formuläret var för gammalt eller kom från en annan webbplats. Ladda om sidan och försök igen.",
    internalTitle: "Något gick fel",
    internalText: "Ett oväntat fel inträffade. Försök igen om en stund. Ange felkoden {requestId} om du kontaktar supporten.",
    backHome: "Till startsidan",
    signInTitle: "Logga in",
    demoNotice: "Demoläge: här loggar du in som en påhittad person utan lösenord. Använd aldrig demoläget med riktiga uppgifter.",
    signInAs: "Logga in som",
    signInSearchLabel: "Sök på namn",
    signInSearch: "Sök",
    signInShowAll: "Visa alla",
    signInShowing: "Visar {shown} av {total} {group}. Sök på namn för att hitta de andra.",
    signInShowingMatches: "Visar {shown} av {total} {group} som matchar sökningen. Skriv mer av namnet för att hitta de andra.",
    signInNoMatch: "Inget namn innehåller ”{query}”. Sök på en del av ett förnamn eller efternamn.",
    notSignedIn: "Du är inte inloggad.",
    linkMentor: "Mina mentorselever och planer",
    linkOverview: "Översikt över omdömen",
    linkPupil: "Mina planer och omdömen",
    linkGuardian: "Mina barns planer och omdömen",
    linkAdmin: "Administration: planer och PDF-export",
    linkCourse: "Kurs: {name}",
    role_siteAdministrator: "Systemadministratörer",
    role_organisationAdministrator: "Lokala administratörer",
    role_mentor: "Mentorer",
    role_teacher: "Ämneslärare",
    role_pupil: "Elever",
    role_guardian: "Vårdnadshavare"
  },
  en: {
    appName: "IUP",
    badRequestTitle: "Invalid request",
    badRequestText: "Something in the request was wrong. Check what you entered and try again.",
    requestTooLargeTitle: "The request is too large",
    requestTooLargeText: "The request is too large: at most {limit} can be sent at once. Shorten the text or split the change and try again.",
    unauthenticatedTitle: "You are not signed in",
    unauthenticatedText: "Sign in to continue.",
    unknownPersonText: "You are signed in as a person who is not in the school's directory. Sign in as someone else or contact the school's administrator.",
    notFoundTitle: "Not found",
    notFoundText: "What you looked for does not exist, or you may not see it.",
    apiRouteNotFound: "The API has no such route. Compare the method and path with the API description at /openapi.json.",
    csrfTitle: "The form could not be sent",
    csrfText: "The form was too old or came from another site. Reload the page and try again.",
    internalTitle: "Something went wrong",
    internalText: "An unexpected error occurred. Try again in a moment. Quote the error code {requestId} if you contact support.",
    backHome: "Back to the start page",
    signInTitle: "Sign in",
    demoNotice: "Demo mode: here you sign in as a fictional person without a password. Never use demo mode with real data.",
    signInAs: "Sign in as",
    signInSearchLabel: "Search by name",
    signInSearch: "Search",
    signInShowAll: "Show everyone",
    signInShowing: "Showing {shown} of {total} {group}. Search by name to find the others.",
    signInShowingMatches: "Showing {shown} of {total} {group} matching the search. Type more of the name to find the others.",
    signInNoMatch: "No name contains “{query}”. Search for part of a given or family name.",
    notSignedIn: "You are not signed in.",
    linkMentor: "My mentees and plans",
    linkOverview: "Overview of assessments",
    linkPupil: "My plans and assessments",
    linkGuardian: "My children's plans and assessments",
    linkAdmin: "Administration: plans and PDF export",
    linkCourse: "Course: {name}",
    role_siteAdministrator: "Site administrators",
    role_organisationAdministrator: "Organisation administrators",
    role_mentor: "Mentors",
    role_teacher: "Teachers",
    role_pupil: "Pupils",
    role_guardian: "Guardians"
  }
} as const satisfies Record<Language, Record<string, string>>

/** A key of the catalogue. */
export type MessageKey = keyof (typeof catalogue)["sv"]

/** Looks up a message and fills its `{name}` placeholders. */
export const message = (language: Language, key: MessageKey, values: Record<string, string | number> = {}): string =>
  catalogue[language][key].replace(/\{(\w+)\}/g, (placeholder, name: string) =>
    name in values ? String(values[name]) : placeholder
  )

/**
 * Picks the page language: `?lang=` wins, then the first of Swedish or English in the
 * Accept-Language header by quality, then Swedish.
 */
export const pickLanguage = (queryLang: unknown, acceptLanguage: string | undefined): Language => {
  if (queryLang === "en" || queryLang === "sv") return queryLang
  if (acceptLanguage === undefined) return "sv"
  const ranked = acceptLanguage
    .split(",")
    .map((part) => {
      const [tag = "", ...params] = part.trim().toLowerCase().split(";")
      const quality = params.map((param) => /^\s*q=([0-9.]+)\s*$/.exec(param)?.[1]).find((q) => q !== undefined)
      return { primary: tag.split("-")[0], quality: quality === undefined ? 1 : Number(quality) }
    })
    .filter((entry) => (entry.primary === "sv" || entry.primary === "en") && entry.quality > 0)
    .sort((a, b) => b.quality - a.quality)
  return ranked[0]?.primary === "en" ? "en" : "sv"
}
