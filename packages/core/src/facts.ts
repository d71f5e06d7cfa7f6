// The contract between the stages of a build. read/ turns each document
// into these plain records (offsets into the source text, strings, hashes);
// plan/ works on them alone, never on YAML nodes, so documents can be
// dropped once read; plan/ hands emit/ a list of text edits per file.
//
// Planning is two steps. Its decisions (which object gets which name,
// which reference follows) read only the summaries (ObjectSummary,
// TargetSummary, RefFacts): who is who, what names what; and they keep of
// them only the targets and what is said of each, visiting the objects
// once for the targets and once for the references. Its edits read the
// rest (where each name is written, where a pair can go), one file at a
// time. So a large build need not hold any file's facts: it reads each
// file again for each step (analyze.ts).
import type { ReferenceSpec, Rename, TargetKind } from './types.js'
import type { EditBook } from './emit/edit-cursor.js'

// --- internal ---

export type ScalarStyle = 'plain' | 'double' | 'single' | 'block'

/** A scalar's text in the source: replace [start, end) to change its value. */
export interface ScalarSite {
  readonly start: number
  readonly end: number
  readonly style: ScalarStyle
}

/** A place where pairs can be added to a map, with the layout to copy. */
export interface PairSite {
  readonly offset: number
  /**
   * `first`: before the map's existing pairs; `after`: after one pair;
   * `replace-empty`: the map is written as an empty value (`labels:` or `~`),
   * whose text [offset, end) is replaced by a flow map.
   */
  readonly mode: 'first' | 'after' | 'replace-empty'
  readonly end?: number
  readonly flow: boolean
  /** The map spells its keys in double quotes (JSON input). */
  readonly json: boolean
  /** A flow map laid out over several lines. */
  readonly multiline: boolean
  /** A flow map with no pairs: `{}`. */
  readonly emptyFlow: boolean
  readonly indent: string
  readonly eol: string
}

/** A string-valued entry of labels or annotations that cmhash reads or writes. */
export interface EntrySite extends ScalarSite {
  readonly value: string
  /** Written unquoted (so `true` is a boolean to Kubernetes). */
  readonly plain: boolean
  /** Written as nothing, `~` or `null`: the range to replace (empty: insert after the colon). */
  readonly empty: { readonly start: number; readonly end: number } | undefined
}

/** labels or annotations of a ConfigMap/Secret. */
export interface MetaMapFacts {
  readonly site: PairSite
  readonly entries: ReadonlyMap<string, EntrySite>
}

/** What planning's decisions need to know of one target (a ConfigMap or Secret): who it is and what it holds. */
export interface TargetSummary {
  readonly kind: TargetKind
  readonly name: string
  /**
   * The name before hashing: annotation `cmhash.dev/name` when present
   * (cmhash's own output); else the name without its last `-<hash>` when
   * that is the hash of this very content (kustomize's output); else the
   * name.
   */
  readonly originalName: string
  /** Undefined when the content is invalid (an error was reported). */
  readonly hash: string | undefined
  readonly mode: 'auto' | 'force' | 'off'
  /** No data, binaryData or stringData: a program fills it in at run time, by name. */
  readonly empty: boolean
  readonly secretType: string | undefined
  /** The data keys it has (data, binaryData, stringData), sorted; never their values. */
  readonly keys: readonly string[]
  /** Why it cannot be edited in place (name or metadata written through an alias), if so. */
  readonly notEditable?: string
}

/** What cmhash needs to know to hash and rename one target: the summary, what diff and prune read, and where to edit it. */
export interface TargetFacts extends TargetSummary {
  /** Label cmhash.dev/managed is "true". */
  readonly managed: boolean
  /** metadata.creationTimestamp, as written (live objects). */
  readonly created: string | undefined
  /** The content as Kubernetes reads it; undefined when it is invalid, or not asked for (ReadOptions.keepValues). */
  readonly values: TargetValues | undefined
  readonly nameSite: ScalarSite
  /** The `immutable` field, if written; `empty` when it has no value (insert after the colon). */
  readonly immutable: { readonly site: ScalarSite; readonly value: boolean | undefined; readonly empty: boolean } | undefined
  /** Where `immutable: true` goes: after the `kind` pair. */
  readonly rootSite: PairSite
  /** Where new labels/annotations maps go: after the other of the two, or after `metadata.name`. */
  readonly metadataSite: PairSite
  /** One level of block indentation, for a new nested map. */
  readonly step: string
  readonly labels: MetaMapFacts | undefined
  readonly annotations: MetaMapFacts | undefined
}

/**
 * A ConfigMap's (data, binaryData) or Secret's (data, stringData) entries:
 * key to string, base64 text in binaryData and a Secret's data; a field that
 * is absent or empty is `{}`.
 */
export interface TargetValues {
  readonly data: Readonly<Record<string, string>>
  readonly binaryData: Readonly<Record<string, string>>
  readonly stringData: Readonly<Record<string, string>>
}

/** What planning's decisions need to know of a reference: what it names, how, and where (for messages). */
export interface RefFacts {
  readonly spec: ReferenceSpec
  readonly target: TargetKind
  readonly name: string
  /** The target's namespace; undefined means "whichever namespace has the only object of that name". */
  readonly namespace: string | undefined
  readonly optional: boolean
  readonly site: { readonly start: number }
  readonly path: string
  /** The data keys the reference needs (ReferenceSpec.keyPath), each with where it is written and its path from the map holding the name. */
  readonly keys: readonly { readonly key: string; readonly offset: number; readonly path: string }[]
}

/** A reference found in an object, resolved to the text that names its target. */
export interface RefSite extends RefFacts {
  /** Text kept before the name when rewriting (`namespace/` in `namespace/name` values). */
  readonly prefix: string
  readonly site: ScalarSite
  /** The name sits in a node reached through an alias: its text is the anchor's, maybe used elsewhere too. */
  readonly shared: boolean
  /** The offsets of the aliases crossed to reach the name (see SharedNode.uses). */
  readonly aliases: readonly number[]
}

/**
 * A string that may name a ConfigMap or Secret, judged by the key it is
 * under or the shape of the map holding it, at a place no reference table
 * covers (POSSIBLE_REFERENCE).
 */
export interface PossibleReference {
  /** The field, e.g. `spec.tls.secret`. */
  readonly path: string
  /**
   * The same as a table path (`spec/tls/secret`): what a configuration entry
   * would say; undefined where no entry can (an env value known by its
   * variable's name, a command-line flag).
   */
  readonly tablePath: string | undefined
  /** The name (after `namespace/` where written as `namespace/name`). */
  readonly value: string
  /** The namespace written before the name; undefined: the object's own. */
  readonly namespace: string | undefined
  readonly offset: number
  /** What the key says it names; undefined: either (a selector shape under a key that does not say). */
  readonly target: TargetKind | undefined
}

/** Who an object is, and where: what a message about it needs. */
export interface ObjectIdentity {
  readonly file: string
  readonly offset: number
  readonly group: string
  readonly kind: string
  readonly name: string | undefined
  /** Effective namespace; undefined for cluster-scoped kinds. */
  readonly namespace: string | undefined
}

/** What planning's decisions need to know of one Kubernetes object. */
export interface ObjectSummary extends ObjectIdentity {
  readonly refs: readonly RefFacts[]
  /** Strings that may name a ConfigMap or Secret where no table entry looks. */
  readonly possibleRefs: readonly PossibleReference[]
  /** Set for ConfigMaps and Secrets (`v1`), the objects cmhash renames. */
  readonly target: TargetSummary | undefined
}

/** One Kubernetes object: a document's root, or an item of a `List`. */
export interface ObjectFacts extends ObjectSummary {
  readonly refs: readonly RefSite[]
  readonly target: TargetFacts | undefined
}

/** A piece of a flow copy: fixed text, or a scalar's text (at its offset in the source) that an edit may replace. */
export type FlowPart = string | { readonly at: number; readonly text: string }

/** A node written in flow style for use in place of an alias to it, or why it cannot be. */
export type FlowCopy = { readonly parts: readonly FlowPart[] } | { readonly refused: string }

/**
 * A node written once with an anchor (`&labels {app: web}`) and used
 * elsewhere through aliases (`*labels`). An edit inside it reaches every
 * use; plan/ writes a copy of the node in place of a use that must not
 * change, or refuses.
 */
export interface SharedNode {
  readonly start: number
  readonly end: number
  readonly anchor: string
  readonly copy: FlowCopy
  readonly uses: ReadonlyArray<{ readonly start: number; readonly end: number }>
}

/** One YAML document's slice of its file: what emit/ writes. */
export interface DocSpan {
  readonly start: number
  readonly end: number
  readonly empty: boolean
  /** The document starts with an explicit `---` marker (possibly after comments). */
  readonly explicitStart: boolean
}

/** One YAML document: its slice of the file and the objects in it. */
export interface DocFacts extends DocSpan {
  /** Nodes with an anchor that aliases use, in documents that have any. */
  readonly shared?: readonly SharedNode[]
  readonly objects: readonly ObjectFacts[]
}

/** A file as emit/ needs it: its text and its documents' slices (a list of them, or the same packed). */
export interface SourceFile {
  readonly path: string
  readonly text: string
  readonly docs: { readonly length: number; at(i: number): DocSpan | undefined }
}

export interface FileFacts extends SourceFile {
  readonly docs: readonly DocFacts[]
}

/** Replace the text [start, end) of a file with `text`. */
export interface Edit {
  readonly start: number
  readonly end: number
  readonly text: string
  /**
   * Among insertions at the same place, lower goes first: text added inside
   * a nested map (metadata) must come before text added to its parent.
   */
  readonly order?: number
}

/** What plan/ decides: the edits per file, and the renames they make. */
export interface Plan {
  readonly edits: EditBook
  readonly renames: readonly Rename[]
}
