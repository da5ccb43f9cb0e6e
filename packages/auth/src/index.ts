/**
 * `@iupkit/auth`: turns a host's identity into an iupkit actor, from a verified JWT bearer token
 * or from the host's own sign-in.
 *
 * @since 0.1.0
 */
export * from "./AuthenticationError.js"
export * from "./Callback.js"
export * from "./Jwt.js"
