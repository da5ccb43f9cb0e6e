// Helpers for reading rendered pages with a real HTML parser (parse5), as a browser would.
import { type DefaultTreeAdapterTypes, parse, parseFragment } from "parse5"

export type Element = DefaultTreeAdapterTypes.Element
type Node = DefaultTreeAdapterTypes.ChildNode | DefaultTreeAdapterTypes.Document | DefaultTreeAdapterTypes.DocumentFragment

const isElement = (node: Node): node is Element => "tagName" in node

const childrenOf = (node: Node): ReadonlyArray<Node> => {
  const children: Array<Node> = "childNodes" in node ? [...node.childNodes] : []
  // Template contents live outside childNodes; include them so nothing escapes the checks.
  if (isElement(node) && node.tagName === "template" && "content" in node) {
    children.push(...(node as DefaultTreeAdapterTypes.Template).content.childNodes)
  }
  return children
}

export type Document = DefaultTreeAdapterTypes.Document
export const parseDocument = (html: string): Document => parse(html)
export const parseHtmlFragment = (html: string): DefaultTreeAdapterTypes.DocumentFragment => parseFragment(html)

/** Every element below a node, in document order. */
export const elements = (root: Node): Array<Element> => {
  const found: Array<Element> = []
  const visit = (node: Node) => {
    if (isElement(node)) found.push(node)
    for (const child of childrenOf(node)) visit(child)
  }
  visit(root)
  return found
}

export const attr = (element: Element, name: string): string | undefined =>
  element.attrs.find((attribute) => attribute.name === name)?.value

export const hasClass = (element: Element, name: string): boolean => (attr(element, "class") ?? "").split(/\s+/).includes(name)

/** Elements matching a tag and, optionally, attribute values. */
export const query = (root: Node, tagName: string, attrs: Record<string, string> = {}): Array<Element> =>
  elements(root).filter(
    (element) =>
      (tagName === "*" || element.tagName === tagName) &&
      Object.entries(attrs).every(([name, value]) => attr(element, name) === value)
  )

export const byClass = (root: Node, className: string): Array<Element> =>
  elements(root).filter((element) => hasClass(element, className))

export const one = (found: Array<Element>, what: string): Element => {
  if (found.length !== 1) throw new Error(`expected exactly one ${what}, found ${found.length}`)
  return found[0]!
}

/** The text of a node as the parser decoded it, entities resolved. */
export const text = (node: Node): string => {
  if ("value" in node && (node as DefaultTreeAdapterTypes.TextNode).nodeName === "#text") {
    return (node as DefaultTreeAdapterTypes.TextNode).value
  }
  return childrenOf(node).map(text).join("")
}

/** The shape of the element tree: tag names and attribute names, no text and no values. */
export interface Shape {
  readonly tag: string
  readonly attributes: ReadonlyArray<string>
  readonly children: ReadonlyArray<Shape>
}

export const shape = (node: Node): ReadonlyArray<Shape> =>
  childrenOf(node).flatMap((child) =>
    isElement(child)
      ? [{ tag: child.tagName, attributes: child.attrs.map((attribute) => attribute.name).toSorted(), children: shape(child) }]
      : []
  )

/** The labelled controls check: every visible form control has a label or an accessible name. */
export const unlabelledControls = (root: Node): Array<Element> => {
  const all = elements(root)
  const labelled = new Set(all.filter((element) => element.tagName === "label").map((label) => attr(label, "for")))
  return all.filter((element) => {
    if (!["input", "select", "textarea"].includes(element.tagName)) return false
    if (attr(element, "type") === "hidden") return false
    if (attr(element, "aria-label") !== undefined || attr(element, "aria-labelledby") !== undefined) return false
    const id = attr(element, "id")
    return id === undefined || !labelled.has(id)
  })
}

/**
 * The body a browser would send for a form: its own controls and those naming it in a `form`
 * attribute, checked boxes only, each select's selected option. `fill` sets values by control id
 * first; `check` ticks boxes and radios by id.
 */
export const submitForm = (
  root: Node,
  form: Element,
  edits: { readonly fill?: Record<string, string>; readonly check?: ReadonlyArray<string> } = {}
): Record<string, string | Array<string>> => {
  const formId = attr(form, "id")
  const inside = new Set(elements(form))
  const controls = elements(root).filter((element) => {
    if (!["input", "select", "textarea"].includes(element.tagName)) return false
    const owner = attr(element, "form")
    return owner === undefined ? inside.has(element) : owner === formId
  })
  const body: Record<string, string | Array<string>> = {}
  const add = (name: string, value: string) => {
    const current = body[name]
    body[name] = current === undefined ? value : [...(Array.isArray(current) ? current : [current]), value]
  }
  const checkedIds = new Set(edits.check ?? [])
  const radioGroupsTicked = new Set(
    controls.filter((control) => checkedIds.has(attr(control, "id") ?? "") && attr(control, "type") === "radio").map((control) => attr(control, "name"))
  )
  for (const control of controls) {
    const name = attr(control, "name")
    if (name === undefined) continue
    const id = attr(control, "id") ?? ""
    const filled = edits.fill?.[id]
    if (control.tagName === "textarea") {
      add(name, filled ?? text(control).replace(/^\n/, ""))
    } else if (control.tagName === "select") {
      const options = query(control, "option")
      const chosen = filled ?? attr(options.find((option) => attr(option, "selected") !== undefined) ?? options[0]!, "value") ?? ""
      add(name, chosen)
    } else {
      const type = attr(control, "type") ?? "text"
      if (type === "checkbox" || type === "radio") {
        const ticked =
          checkedIds.has(id) || (attr(control, "checked") !== undefined && !(type === "radio" && radioGroupsTicked.has(name)))
        if (ticked) add(name, attr(control, "value") ?? "on")
      } else {
        add(name, filled ?? attr(control, "value") ?? "")
      }
    }
  }
  return body
}
