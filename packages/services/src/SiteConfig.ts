/**
 * Site settings the services read: the time zone every date comparison uses and the limits of
 * legacy document uploads. A host that provides none gets Europe/Stockholm and 20 MB.
 *
 * @since 0.1.0
 */
import { defaultMaxDocumentBytes, defaultTimeZoneId, InvalidInputError } from "@iupkit/core"
import { Context, DateTime, Effect, Layer, Option } from "effect"

/**
 * Site settings.
 *
 * @category configuration
 * @since 0.1.0
 */
export interface SiteConfigService {
  /** Zone of the site; "today", plan periods and archive state are all read in it. */
  readonly timeZone: DateTime.TimeZone
  /** Maximum size of an uploaded or imported document, in bytes. */
  readonly maxDocumentBytes: number
  /** Maximum total uncompressed size of the parts of a DOCX file, in bytes. */
  readonly maxDocxUncompressedBytes: number
  /** Maximum ratio of uncompressed to compressed size of any part of a DOCX file. */
  readonly maxDocxCompressionRatio: number
}

/**
 * Tag of the site settings.
 *
 * @category configuration
 * @since 0.1.0
 */
export class SiteConfig extends Context.Tag("iupkit/SiteConfig")<SiteConfig, SiteConfigService>() {}

/**
 * Options of {@link layerSiteConfig}; every one has a default.
 *
 * @category configuration
 * @since 0.1.0
 */
export interface SiteConfigOptions {
  /** IANA zone name, such as "Europe/Stockholm" (the default). */
  readonly timeZone?: string
  /** Default 20 MB. */
  readonly maxDocumentBytes?: number
  /** Default 200 MB: a Word document's XML compresses well, but not a thousandfold. */
  readonly maxDocxUncompressedBytes?: number
  /** Default 200. */
  readonly maxDocxCompressionRatio?: number
}

const positiveWhole = (field: string, value: number): Effect.Effect<number, InvalidInputError> =>
  Number.isSafeInteger(value) && value > 0
    ? Effect.succeed(value)
    : Effect.fail(InvalidInputError.of(field, value, "must be a positive whole number"))

/**
 * Builds site settings from options, failing with an {@link InvalidInputError} on an unknown
 * zone or a limit that is not a positive whole number.
 *
 * @category configuration
 * @since 0.1.0
 */
export const makeSiteConfig = (options: SiteConfigOptions = {}): Effect.Effect<SiteConfigService, InvalidInputError> =>
  Effect.gen(function*() {
    const zoneName = options.timeZone ?? defaultTimeZoneId
    const timeZone = DateTime.zoneMakeNamed(zoneName)
    if (Option.isNone(timeZone)) {
      return yield* Effect.fail(InvalidInputError.of("timeZone", zoneName, "must be an IANA time zone name such as Europe/Stockholm"))
    }
    return {
      timeZone: timeZone.value,
      maxDocumentBytes: yield* positiveWhole("maxDocumentBytes", options.maxDocumentBytes ?? defaultMaxDocumentBytes),
      maxDocxUncompressedBytes: yield* positiveWhole(
        "maxDocxUncompressedBytes",
        options.maxDocxUncompressedBytes ?? 200 * 1024 * 1024
      ),
      maxDocxCompressionRatio: yield* positiveWhole("maxDocxCompressionRatio", options.maxDocxCompressionRatio ?? 200)
    }
  })

// Built once: making a named zone constructs an Intl formatter, too slow to repeat per operation.
const defaultSiteConfig = Effect.runSync(Effect.cached(Effect.orDie(makeSiteConfig())))

/**
 * A layer of site settings.
 *
 * @category configuration
 * @since 0.1.0
 */
export const layerSiteConfig = (options: SiteConfigOptions = {}): Layer.Layer<SiteConfig, InvalidInputError> =>
  Layer.effect(SiteConfig, makeSiteConfig(options))

/**
 * The settings in effect: the provided ones, or the defaults.
 *
 * @category configuration
 * @since 0.1.0
 */
export const currentSiteConfig: Effect.Effect<SiteConfigService> = Effect.flatMap(
  Effect.serviceOption(SiteConfig),
  Option.match({ onNone: () => defaultSiteConfig, onSome: Effect.succeed })
)
