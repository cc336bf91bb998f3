import { SaxesParser, type SaxesTagNS } from 'saxes'

// ---------------------------------------------------------------------------------------------
// the streaming side of the LHEO import: a SAX parser (saxes) reads the file a chunk at a time,
// and only the `formation` being read is held, as a small tree; each one is handed on once its
// closing tag is read, with the line it starts on and its path in the file.
// ---------------------------------------------------------------------------------------------

/** The LHEO 2.3 namespace. */
export const LHEO_NAMESPACE = 'http://lheo.gouv.fr/2.3'

/** An element of the formation being read. */
export interface XmlElement {
  readonly name: string
  readonly attributes: Readonly<Record<string, string>>
  readonly children: XmlElement[]
  text: string
  /** The line of its opening tag (1-based). */
  readonly line: number
  /** Its path from the root, each step numbered among its like-named siblings: `/lheo/offres/formation[3]`. */
  readonly path: string
}

/** What stops reading a file: it is not well-formed XML, or not LHEO. */
export interface XmlFileError {
  readonly _tag: 'LheoFileUnreadable'
  readonly line: number
  readonly reason: string
}

/** A push parser: write chunks; each formation read is given to `onFormation`. */
export interface FormationReader {
  /** Feeds a chunk; returns the formations completed in it (in file order). */
  readonly write: (chunk: string) => ReadonlyArray<XmlElement>
  /** Ends the file; the formations completed by its end. */
  readonly close: () => ReadonlyArray<XmlElement>
  /** The error that stopped reading, if one did (nothing after it is read). */
  readonly error: () => XmlFileError | undefined
  /** The most elements held at once (one formation's): the proof that the file is streamed. */
  readonly peakHeldElements: () => number
}

interface Frame {
  readonly path: string
  readonly counts: Map<string, number>
  readonly element: XmlElement | undefined
}

/** A reader of LHEO formations over a SAX parser. */
export const formationReader = (): FormationReader => {
  const parser = new SaxesParser({ xmlns: true, position: true })
  const stack: Frame[] = [{ path: '', counts: new Map(), element: undefined }]
  let done: XmlElement[] = []
  let failure: XmlFileError | undefined
  let held = 0
  let peak = 0
  const fail = (reason: string) => {
    failure ??= { _tag: 'LheoFileUnreadable', line: parser.line, reason }
  }
  parser.on('error', (e) => fail(`not well-formed XML: ${e.message.replace(/^[^:]*:\d+:\d+: /, '')}`))
  parser.on('opentag', (tag: SaxesTagNS) => {
    if (failure !== undefined) return
    const parent = stack[stack.length - 1] as Frame
    const name = tag.local
    if (stack.length === 1) {
      if (name !== 'lheo') return fail(`the root element is <${tag.name}>, not <lheo>`)
      if (tag.uri !== '' && tag.uri !== LHEO_NAMESPACE)
        return fail(`namespace ${tag.uri} is not LHEO 2.3's (${LHEO_NAMESPACE})`)
    }
    const n = (parent.counts.get(name) ?? 0) + 1
    parent.counts.set(name, n)
    const path = `${parent.path}/${name}${stack.length <= 2 ? '' : `[${n}]`}`
    const inFormation = parent.element !== undefined || (name === 'formation' && stack.length === 3)
    let element: XmlElement | undefined
    if (inFormation) {
      const attributes: Record<string, string> = {}
      for (const a of Object.values(tag.attributes))
        if (a.prefix !== 'xmlns' && a.name !== 'xmlns') attributes[a.local] = a.value
      element = { name, attributes, children: [], text: '', line: parser.line, path }
      parent.element?.children.push(element)
      held++
      peak = Math.max(peak, held)
    }
    stack.push({ path, counts: new Map(), element })
  })
  parser.on('text', (text) => {
    const top = stack[stack.length - 1]?.element
    if (top !== undefined && failure === undefined) top.text += text
  })
  parser.on('cdata', (text) => {
    const top = stack[stack.length - 1]?.element
    if (top !== undefined && failure === undefined) top.text += text
  })
  parser.on('closetag', () => {
    if (failure !== undefined) return
    const frame = stack.pop()
    const parent = stack[stack.length - 1]
    if (frame?.element !== undefined && parent?.element === undefined) {
      done.push(frame.element)
      held = 0
    }
  })
  const take = () => {
    const out = done
    done = []
    return failure === undefined ? out : out
  }
  return {
    write: (chunk) => {
      if (failure === undefined) parser.write(chunk)
      return take()
    },
    close: () => {
      if (failure === undefined) {
        parser.close()
        if (failure === undefined && stack.length === 1 && (stack[0]?.counts.get('lheo') ?? 0) === 0)
          fail('the file holds no <lheo> element')
      }
      return take()
    },
    error: () => failure,
    peakHeldElements: () => peak,
  }
}
