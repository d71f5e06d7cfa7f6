// --- internal ---

/**
 * Thrown where the scanner meets YAML it does not read itself: anchors,
 * aliases, tags, directives, explicit keys, multi-line plain or quoted
 * scalars and flow collections, tabs, carriage returns, and anything
 * malformed. The file is then read by the yaml package's composer, which
 * reads it all and reports what is wrong.
 */
export class Unusual extends Error {}

// One instance: a throw costs no stack trace.
const UNUSUAL = new Unusual('not read by the scanner')

export function unusual(): never {
  throw UNUSUAL
}
