/**
 * Fault injection for reliability tests: a wrapper around the SQL client that counts the
 * statements it runs and fails the k-th one, so a test can show that an operation leaves all of
 * its rows or none whichever statement fails.
 *
 * @since 0.1.0
 */
import { SqlClient } from "@effect/sql/SqlClient"
import { SqlError } from "@effect/sql/SqlError"
import { Effect, Layer } from "effect"

/**
 * The counter and the plan of a fault wrapper. Tests change it between operations: reset
 * `statements` to 0, then set `failAt` to the statement number (from 1) that should fail.
 *
 * @category faults
 * @since 0.1.0
 */
export interface StatementFaults {
  /** Statements run since the last reset. */
  statements: number
  /** The statement number that fails, or null to fail none. */
  failAt: number | null
  /** Whether the failing statement fails with a SqlError or dies with a defect. */
  mode: "fail" | "die"
  /** When set, every statement run is appended here, for tests that inspect the SQL (EXPLAIN). */
  log: Array<RecordedStatement> | null
}

/**
 * A statement as the client received it.
 *
 * @category faults
 * @since 0.1.0
 */
export interface RecordedStatement {
  readonly sql: string
  readonly params: ReadonlyArray<unknown>
}

/**
 * A fresh fault plan that fails nothing.
 *
 * @category faults
 * @since 0.1.0
 */
export const makeStatementFaults = (): StatementFaults => ({ statements: 0, failAt: null, mode: "fail", log: null })

/**
 * Wraps a client so that every statement run through `unsafe` (which Kysely and the iupkit stores
 * use for every query) is counted and the planned one fails before reaching the database.
 * Transaction control statements (BEGIN, COMMIT, SAVEPOINT) are not counted.
 *
 * @category faults
 * @since 0.1.0
 */
export const withStatementFaults = (client: SqlClient, faults: StatementFaults): SqlClient =>
  new Proxy(client, {
    get(target, property, receiver) {
      if (property !== "unsafe") return Reflect.get(target, property, receiver)
      return (sql: string, params?: ReadonlyArray<unknown>) => {
        const statement = target.unsafe(sql, params)
        return Effect.suspend(() => {
          faults.statements += 1
          faults.log?.push({ sql, params: params ?? [] })
          if (faults.statements !== faults.failAt) return statement
          const message = `injected fault at statement ${faults.statements}`
          return faults.mode === "die" ? Effect.die(new Error(message)) : Effect.fail(new SqlError({ message, cause: new Error(message) }))
        })
      }
    }
  })

/**
 * A layer replacing the SQL client in context with one wrapped by {@link withStatementFaults}.
 *
 * @category faults
 * @since 0.1.0
 */
export const layerStatementFaults = (faults: StatementFaults): Layer.Layer<SqlClient, never, SqlClient> =>
  Layer.effect(SqlClient, Effect.map(SqlClient, (client) => withStatementFaults(client, faults)))
