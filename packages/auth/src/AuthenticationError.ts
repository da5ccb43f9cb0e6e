/**
 * The error every authenticator fails with, naming why the identity was not accepted.
 *
 * @since 0.1.0
 */
import { Schema } from "effect"

/**
 * The reason an identity was rejected.
 *
 * @category errors
 * @since 0.1.0
 */
export const AuthenticationFailure = Schema.Literal(
  "missingToken",
  "malformed",
  "unsigned",
  "algorithmNotAllowed",
  "invalidSignature",
  "unknownKey",
  "expired",
  "notYetValid",
  "issuerMismatch",
  "audienceMismatch",
  "claimInvalid",
  "missingPersonId",
  "invalidPersonId",
  // A verified credential whose person the school's directory does not list. The authenticators
  // here never fail with it, because only the host can query its directory.
  "unknownPerson",
  "rejected"
)
/** @category errors */
export type AuthenticationFailure = typeof AuthenticationFailure.Type

/**
 * The host's identity was not accepted. `reason` is stable for programs to switch on; `detail`
 * explains it for people. Hosts respond with 401 and keep the detail in their logs.
 *
 * @category errors
 * @since 0.1.0
 */
export class AuthenticationError extends Schema.TaggedError<AuthenticationError>("iupkit/AuthenticationError")(
  "AuthenticationError",
  {
    reason: AuthenticationFailure,
    detail: Schema.String
  }
) {
  override get message(): string {
    return `Authentication failed (${this.reason}): ${this.detail}`
  }
}

/**
 * Configuration of an authenticator was unusable: no key, an unreadable JWKS file, a bad claim name.
 *
 * @category errors
 * @since 0.1.0
 */
export class AuthConfigError extends Schema.TaggedError<AuthConfigError>("iupkit/AuthConfigError")("AuthConfigError", {
  setting: Schema.String,
  detail: Schema.String
}) {
  override get message(): string {
    return `Invalid authentication setting ${this.setting}: ${this.detail}`
  }
}
