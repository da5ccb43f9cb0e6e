/**
 * Cases per property test: 1,000 in every ordinary run. Mutation testing sets
 * IUPKIT_PROPERTY_RUNS lower, because it reruns the suite for each of about a thousand mutants.
 */
export const propertyRuns = Number(process.env["IUPKIT_PROPERTY_RUNS"] ?? 1000)

/** fast-check parameters with {@link propertyRuns} cases. */
export const runs = { numRuns: propertyRuns }
