/**
 * Text input rules. Titles and headings hold at most 200 characters, field values and comments at
 * most 20,000; no text may contain U+0000 or an unpaired surrogate, because storage drivers and
 * PDF fonts cannot carry them. Lengths count Unicode code points, so an emoji is one character.
 *
 * @since 0.1.0
 */
import { Schema } from "effect"

/**
 * Maximum characters of a title or heading.
 *
 * @category text
 * @since 0.1.0
 */
export const maxTitleLength = 200

/**
 * Maximum characters of a field value or comment.
 *
 * @category text
 * @since 0.1.0
 */
export const maxBodyLength = 20_000

/**
 * Counts Unicode code points.
 *
 * @category text
 * @since 0.1.0
 */
export const characterCount = (text: string): number => {
  let count = 0
  for (const _ of text) count++
  return count
}

/**
 * Whether text contains an unpaired UTF-16 surrogate.
 *
 * @category text
 * @since 0.1.0
 */
export const hasUnpairedSurrogate = (text: string): boolean => {
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i)
    if (unit >= 0xd800 && unit <= 0xdbff) {
      const next = text.charCodeAt(i + 1)
      if (!(next >= 0xdc00 && next <= 0xdfff)) return true
      i++
    } else if (unit >= 0xdc00 && unit <= 0xdfff) {
      return true
    }
  }
  return false
}

/**
 * Checks a text against the input rules and returns the broken rule, or undefined when it passes.
 *
 * @category text
 * @since 0.1.0
 */
export const textRuleViolation = (text: string, maxLength: number): string | undefined => {
  if (text.includes("\u0000")) return "must not contain the NUL character (U+0000)"
  if (hasUnpairedSurrogate(text)) return "must not contain an unpaired surrogate (invalid Unicode)"
  const length = characterCount(text)
  if (length > maxLength) return `must be at most ${maxLength} characters (got ${length})`
  return undefined
}

const boundedText = (maxLength: number, identifier: string) =>
  Schema.String.pipe(
    Schema.filter((text) => textRuleViolation(text, maxLength) ?? true, {
      identifier,
      jsonSchema: { maxLength }
    })
  )

// Generic over the schema it refines: an unbound `Schema.filter` would widen the result to `any`.
const notBlank = <S extends Schema.Schema<string, string, never>>(self: S): Schema.filter<S> =>
  self.pipe(
    Schema.filter<S>((text) => text.trim().length > 0 || "must not be empty", {
      jsonSchema: { minLength: 1 }
    })
  )

/**
 * A title or heading: 1 to 200 characters, not only white space.
 *
 * @category text
 * @since 0.1.0
 */
export const Title = boundedText(maxTitleLength, "Title").pipe(notBlank)

/**
 * A field value or comment: up to 20,000 characters, may be empty.
 *
 * @category text
 * @since 0.1.0
 */
export const BodyText = boundedText(maxBodyLength, "BodyText")

/**
 * A person's or organisation's name as the directory gives it: 1 to 200 characters.
 *
 * @category text
 * @since 0.1.0
 */
export const Name = boundedText(maxTitleLength, "Name").pipe(notBlank)
