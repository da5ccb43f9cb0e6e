/**
 * Versions for optimistic concurrency. A record starts at version 1 and every accepted write adds
 * one; a write names the version it read, and a stale one is rejected with a conflict.
 *
 * @since 0.1.0
 */
import { Schema } from "effect"

/**
 * A positive integer version.
 *
 * @category versions
 * @since 0.1.0
 */
export const Version = Schema.Int.pipe(
  Schema.greaterThanOrEqualTo(1, { message: () => "a version is a whole number from 1 up" }),
  Schema.brand("Version")
)
/** @category versions */
export type Version = typeof Version.Type

/**
 * The version of a record's first write.
 *
 * @category versions
 * @since 0.1.0
 */
export const initialVersion = 1 as Version

/**
 * The version after one more accepted write.
 *
 * @category versions
 * @since 0.1.0
 */
export const nextVersion = (version: Version): Version => (version + 1) as Version
