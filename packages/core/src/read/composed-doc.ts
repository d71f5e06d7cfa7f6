import type { Document, ParsedNode } from 'yaml'

// --- internal ---

/** A YAML document as read/ reads it: composed by the yaml package, or read by the scanner (scan/). */
export interface ComposedDoc {
  /** Where it starts: its `---` line, or its content (a first document without one). */
  readonly start: number
  readonly contents: ParsedNode | null
  /** The yaml package's errors (the scanner reads only documents without any). */
  readonly errors: readonly { readonly code: string; readonly pos: readonly [number, number] }[]
  /** It starts with `---`. */
  readonly docStart: boolean
  /** It has a %YAML or %TAG directive. */
  readonly directives: boolean
  /** It may hold aliases (the scanner reads no document that does). */
  readonly aliases: boolean
  /** The scanner read it (then no quoted value in it spans lines, unless by NEL, LS or PS). */
  readonly scanned: boolean
}

const NONE: ComposedDoc['errors'] = []

/** A document the yaml package composed. */
export function fromComposer(doc: Document.Parsed): ComposedDoc {
  const d = doc.directives
  return {
    start: doc.range[0],
    contents: doc.contents,
    errors: doc.errors,
    docStart: d.docStart === true,
    directives: d.yaml.explicit === true || Object.keys(d.tags).some(t => t !== '!' && t !== '!!'),
    aliases: true,
    scanned: false,
  }
}

/** A document the scanner read. */
export function fromScanner(doc: { readonly start: number; readonly docStart: boolean; readonly contents: ParsedNode }): ComposedDoc {
  return { start: doc.start, contents: doc.contents, errors: NONE, docStart: doc.docStart, directives: false, aliases: false, scanned: true }
}
