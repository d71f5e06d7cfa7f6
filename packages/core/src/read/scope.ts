import type { CompiledTable } from '../refs/compile-table.js'

// --- internal ---

export interface ReadOptions {
  readonly defaultNamespace: string
  readonly table: CompiledTable
  /** Most alias dereferences followed in one document. */
  readonly aliasBudget: number
  /**
   * The nodes all documents' aliases expand to so far, and the most allowed
   * (each document is also bounded on its own, by goyaml's rule).
   */
  readonly expansion?: { aliased: number; readonly limit: number; reported?: boolean }
  /** Keep each target's values (TargetFacts.values), for diff; a build does not need them. */
  readonly keepValues?: boolean
  /**
   * The labels and annotations of a target whose entries are recorded
   * (MetaMapFacts.entries), besides cmhash.dev/ ones: those the build sets.
   * Every entry when undefined.
   */
  readonly entryKeys?: ReadonlySet<string>
}

/** The document being read: its file, the file's text, and its slice of it. */
export interface DocScope {
  readonly file: string
  readonly text: string
  readonly start: number
  readonly end: number
  /** The file's first document. */
  readonly first?: boolean
}
