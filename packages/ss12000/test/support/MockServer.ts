// A small SS 12000 server for tests: real HTTP on 127.0.0.1 with a random port, bearer token
// check, paging by `limit` and `pageToken`, `meta.modified.after`, the deleted-entities endpoint
// and scripted faults (error statuses, slow responses, broken bodies) per path.
import { readFileSync } from "node:fs"
import { createServer, type IncomingMessage, type ServerResponse } from "node:http"
import type { AddressInfo } from "node:net"
import { join } from "node:path"

export const kinds = ["organisations", "persons", "groups", "duties", "activities", "syllabuses"] as const
export type Kind = (typeof kinds)[number]
type Json = Record<string, unknown> & { id: string; meta: { created: string; modified: string } }

interface Query {
  readonly after: string | undefined
  readonly entities: ReadonlyArray<string>
}

export type Fault =
  | { readonly status: number; readonly headers?: Record<string, string>; readonly body?: string }
  | { readonly delayMillis: number }

export interface RecordedRequest {
  readonly path: string
  readonly params: URLSearchParams
  readonly authorization: string | undefined
}

const objectTypes: Record<Kind, string> = {
  organisations: "Organisation",
  persons: "Person",
  groups: "Group",
  duties: "Duty",
  activities: "Activity",
  syllabuses: "Syllabus"
}

export const loadFolder = (folder: string): Record<Kind, Array<Json>> => {
  const result = {} as Record<Kind, Array<Json>>
  for (const kind of kinds) {
    const body = JSON.parse(readFileSync(join(folder, `${kind}.json`), "utf8")) as { data: Array<Json> }
    result[kind] = body.data
  }
  return result
}

export class MockSs12000Server {
  readonly requests: Array<RecordedRequest> = []
  readonly faults = new Map<string, Array<Fault>>()
  readonly deletions: Array<{ readonly kind: Kind; readonly id: string; readonly at: string }> = []
  private readonly server = createServer((request, response) => this.handle(request, response))
  private port = 0

  constructor(readonly data: Record<Kind, Array<Json>>, readonly token: string) {}

  get url(): string {
    return `http://127.0.0.1:${this.port}/ss12000/v2.0`
  }

  start(): Promise<void> {
    return new Promise((resolve) => {
      this.server.listen(0, "127.0.0.1", () => {
        this.port = (this.server.address() as AddressInfo).port
        resolve()
      })
    })
  }

  close(): Promise<void> {
    this.server.closeAllConnections()
    return new Promise((resolve) => this.server.close(() => resolve()))
  }

  /** Queues faults for the next requests to a path such as "/persons". */
  fail(path: string, ...faults: ReadonlyArray<Fault>): void {
    this.faults.set(path, [...(this.faults.get(path) ?? []), ...faults])
  }

  /** Offset of the server's clock from the host's, to test clocks that disagree. */
  clockOffsetMillis = 0

  private now(): string {
    return new Date(Date.now() + this.clockOffsetMillis).toISOString()
  }

  /** Changes an object and stamps it modified now, as a real server would. */
  update(kind: Kind, id: string, change: (object: Json) => void): void {
    const object = this.data[kind].find((item) => item.id === id)
    if (object === undefined) throw new Error(`No ${kind} object ${id} in the mock server`)
    change(object)
    object.meta = { ...object.meta, modified: this.now() }
  }

  add(kind: Kind, object: Omit<Json, "meta">): void {
    const now = this.now()
    this.data[kind].push({ ...object, meta: { created: now, modified: now } } as Json)
  }

  remove(kind: Kind, id: string): void {
    this.data[kind] = this.data[kind].filter((item) => item.id !== id)
    this.deletions.push({ kind, id, at: this.now() })
  }

  private handle(request: IncomingMessage, response: ServerResponse): void {
    const url = new URL(request.url ?? "/", "http://127.0.0.1")
    const path = url.pathname.replace(/^\/ss12000\/v2\.0/, "")
    this.requests.push({ path, params: url.searchParams, authorization: request.headers.authorization })
    const send = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      response.writeHead(status, { "content-type": "application/json", ...headers })
      response.end(typeof body === "string" ? body : JSON.stringify(body))
    }

    const fault = this.faults.get(path)?.shift()
    if (fault !== undefined && "status" in fault) return send(fault.status, fault.body ?? { code: "fault", message: "scripted" }, fault.headers)
    const delay = fault !== undefined && "delayMillis" in fault ? fault.delayMillis : 0

    const answer = () => {
      if (request.headers.authorization !== `Bearer ${this.token}`) return send(401, { code: "unauthorized", message: "bad token" })
      if (path === "/deletedEntities") return this.deleted(url.searchParams, send)
      const kind = kinds.find((name) => `/${name}` === path)
      if (kind === undefined) return send(404, { code: "not_found", message: path })
      return this.list(kind, url.searchParams, send)
    }
    if (delay > 0) setTimeout(answer, delay)
    else answer()
  }

  // Pages a list. The first request's filters travel inside the page token, so later pages
  // carry only `pageToken` and `limit`, as the specification requires.
  private page(
    params: URLSearchParams,
    firstQuery: Query,
    select: (query: Query) => ReadonlyArray<unknown>,
    wrap: (items: ReadonlyArray<unknown>) => object,
    send: (status: number, body: unknown) => void
  ): void {
    const limit = Number(params.get("limit") ?? "100")
    const token = params.get("pageToken")
    let offset = 0
    let query = firstQuery
    if (token !== null) {
      const others = [...params.keys()].filter((key) => key !== "pageToken" && key !== "limit")
      if (others.length > 0) return send(400, { code: "invalid_filter", message: `pageToken combined with ${others.join(", ")}` })
      const decoded = JSON.parse(Buffer.from(token, "base64url").toString("utf8")) as { offset: number; query: Query }
      offset = decoded.offset
      query = decoded.query
    }
    const items = select(query)
    const next = offset + limit < items.length
      ? Buffer.from(JSON.stringify({ offset: offset + limit, query }), "utf8").toString("base64url")
      : null
    send(200, { ...wrap(items.slice(offset, offset + limit)), pageToken: next })
  }

  private list(kind: Kind, params: URLSearchParams, send: (status: number, body: unknown) => void): void {
    const after = params.get("meta.modified.after")
    this.page(
      params,
      { after: after ?? undefined, entities: [] },
      (query) => this.data[kind].filter((item) => query.after === undefined || Date.parse(item.meta.modified) > Date.parse(query.after)),
      (data) => ({ data }),
      send
    )
  }

  private deleted(params: URLSearchParams, send: (status: number, body: unknown) => void): void {
    const after = params.get("after")
    this.page(
      params,
      { after: after ?? undefined, entities: params.getAll("entities") },
      (query) =>
        this.deletions.filter((entry) =>
          (query.after === undefined || Date.parse(entry.at) > Date.parse(query.after)) &&
          (query.entities.length === 0 || query.entities.includes(objectTypes[entry.kind]))
        ),
      (items) => {
        const data: Record<string, Array<string>> = {}
        for (const entry of items as ReadonlyArray<{ kind: Kind; id: string }>) {
          // The SIS specification spells this key "activitites"; a server following it does too.
          const key = entry.kind === "activities" ? "activitites" : entry.kind
          data[key] = [...(data[key] ?? []), entry.id]
        }
        return { data }
      },
      send
    )
  }
}
