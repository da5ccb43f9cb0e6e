/**
 * Where the host listens: 127.0.0.1 and port 3000 unless `--port N` or the PORT environment
 * variable says otherwise, with a clear message when the port is taken.
 */
import type { Server } from "node:http"
import type { Express } from "express"

/** The default address; the host serves this machine only. */
export const defaultHost = "127.0.0.1"
/** The default port. */
export const defaultPort = 3000

/** Reads the port from `--port N` / `--port=N`, then PORT, then the default. */
export const portFrom = (argv: ReadonlyArray<string>, env: NodeJS.ProcessEnv): number => {
  let text = env.PORT
  for (const [index, arg] of argv.entries()) {
    if (arg === "--port") text = argv[index + 1]
    else if (arg.startsWith("--port=")) text = arg.slice("--port=".length)
  }
  if (text === undefined || text === "") return defaultPort
  const port = Number(text)
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`Invalid port ${JSON.stringify(text)}: give a whole number from 0 to 65535, e.g. --port 3001 or PORT=3001`)
  }
  return port
}

/** Starts listening; a taken port rejects with an error that says how to choose another. */
export const listen = (app: Express, host: string, port: number): Promise<Server> =>
  new Promise((resolve, reject) => {
    const server = app.listen(port, host)
    server.once("listening", () => resolve(server))
    server.once("error", (error: NodeJS.ErrnoException) => {
      if (error.code !== "EADDRINUSE") return reject(error)
      reject(
        new Error(
          `Port ${port} on ${host} is already in use. Stop the program using it, or choose another port: ` +
            `PORT=${port + 1} npm run start:express, or npm run start:express -- --port ${port + 1}.`,
          { cause: error }
        )
      )
    })
  })
