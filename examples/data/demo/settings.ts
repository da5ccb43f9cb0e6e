/**
 * Settings the demo hosts read from the environment, with the defaults `npm start` uses.
 */
import { randomBytes } from "node:crypto"
import { fileURLToPath } from "node:url"

/** The demo database, under `data/` at the repository root unless IUPKIT_DATABASE names another file. */
export const databaseFile = (env: NodeJS.ProcessEnv): string =>
  env.IUPKIT_DATABASE ?? fileURLToPath(new URL("../../../data/iupkit-demo.sqlite", import.meta.url))

/** Issuer and audience the demo expects in JWT bearer tokens. */
export const jwtClaims = { issuer: "iupkit-demo", audience: "iupkit-demo" } as const

/**
 * Reads the HS256 key for bearer tokens from IUPKIT_JWT_SECRET (at least 32 characters). Without
 * it the key is random, so only the browser sign-in works.
 */
export const jwtSecret = (env: NodeJS.ProcessEnv): { readonly key: Uint8Array; readonly fromEnvironment: boolean } => {
  const secret = env.IUPKIT_JWT_SECRET
  if (secret === undefined || secret === "") return { key: randomBytes(32), fromEnvironment: false }
  if (secret.length < 32) throw new Error(`IUPKIT_JWT_SECRET must be at least 32 characters (got ${secret.length})`)
  return { key: new TextEncoder().encode(secret), fromEnvironment: true }
}

/** A fresh cookie secret per start: demo sessions end when the server restarts. */
export const cookieSecret = (): string => randomBytes(32).toString("base64url")

/** Builds the text a started demo host prints: where it serves, how to sign in, how to call the API. */
export const startMessage = (framework: string, url: string, jwtFromEnvironment: boolean): string =>
  [
    "",
    `iupkit (${framework}) serves the fictional school at ${url}/`,
    `Sign in at ${url}/sign-in as any of the listed people (demo mode: no passwords).`,
    jwtFromEnvironment
      ? `API: send HS256 JWTs signed with IUPKIT_JWT_SECRET, iss "${jwtClaims.issuer}", aud "${jwtClaims.audience}", sub = person id; see ${url}/openapi.json`
      : `API: set IUPKIT_JWT_SECRET (32+ characters) to accept your own HS256 tokens; see ${url}/openapi.json`
  ].join("\n")

/**
 * Printed before the database opens. Only a start without the file imports and seeds the school,
 * which takes a while, so only that message mentions the wait.
 */
export const openingMessage = (filename: string, exists: boolean): string =>
  exists
    ? `Opening ${filename}…`
    : `Creating ${filename}: importing and seeding the fictional school takes about half a minute…`

/** Printed when the demo database was seeded for an earlier term and shows no current plans. */
export const outdatedMessage = (filename: string): string =>
  `${filename} was seeded for an earlier term, so no plan is current today. Stop the server, delete the file and start again to seed the school for today.`
