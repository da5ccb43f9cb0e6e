/** The HS256 secret, issuer and audience of the throughput scenario's bearer tokens. */
export const jwtSettings = {
  secret: new TextEncoder().encode("benchmark-secret-of-at-least-32-bytes!"),
  issuer: "iupkit-bench",
  audience: "iupkit"
}
