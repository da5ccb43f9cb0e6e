import { StorageError } from "@iupkit/core"

const describe = (error: unknown): string => {
  if (error instanceof Error) {
    const cause = (error as { readonly cause?: unknown }).cause
    // @effect/sql wraps the driver's error; its message names the constraint or the syntax problem.
    return cause instanceof Error ? `${error.message}: ${cause.message}` : error.message
  }
  return String(error)
}

/** Wraps a driver failure as a {@link StorageError} naming the operation. */
export const storageError = (operation: string) => (error: unknown): StorageError =>
  error instanceof StorageError ? error : new StorageError({ operation, reason: describe(error) })
