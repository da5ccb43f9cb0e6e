/**
 * Where the host listens: 127.0.0.1 and port 3000 unless `--port N` or the PORT environment
 * variable says otherwise, with a clear message when the port is taken.
 */
import type { FastifyInstance } from "fastify"

/** The default address; the host serves this machine only. */
export const defaultHost = "127.0.0.1"
/** The default port. */
export const defaultPort = 3000

/** Reads the port from `--port N` / `--port=N`, then PORT, then the default. */
export const portFrom = (argv: ReadonlyArray<string>, env: NodeJS.ProcessEnv): number => {
  const index = argv.findIndex((arg) => arg === "--port" || arg.startsWith("--port="))
  const flag = index === -1 ? undefined : argv[index]!.includes("=") ? argv[index]!.split("=")[1] : argv[index + 1]
  const text = flag ?? env.PORT
  if (text === undefined || text === "") return defaultPort
  const port = Number(text)
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`Invalid port ${JSON.stringify(text)}: give a whole number from 0 to 65535, e.g. --port 3001 or PORT=3001`)
  }
  return port
}

/** Listens and returns the URL; a taken port becomes an error that says how to choose another. */
export const listen = async (app: FastifyInstance, host: string, port: number): Promise<string> => {
  try {
    return await app.listen({ host, port })
  } catch (error) {
    if (error instanceof Error && "code" in error && error.code === "EADDRINUSE") {
      throw new Error(
        `Port ${port} on ${host} is already in use. Stop the program using it, or choose another port: ` +
          `PORT=${port + 1} npm start, or npm start -- --port ${port + 1}.`,
        { cause: error }
      )
    }
    throw error
  }
}
