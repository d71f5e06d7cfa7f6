// The public types of @cmhash/core, in one place. Stage modules import them
// from here; the stage contract (the facts passed between read, plan and
// emit) is in facts.ts and is not public.
import type { CmhashWarning, ResourceRef, WarningCode, WarningLevel } from './errors.js'

/** The kinds of object cmhash renames: its targets. */
export type TargetKind = 'ConfigMap' | 'Secret'

// --- build ---

/** One input file: its path (used in messages and to mirror the output) and its text. */
export interface BuildInput {
  readonly path: string
  readonly content: string
}

export interface BuildOptions {
  /**
   * The namespace of objects that set none, as `kubectl apply -n` would use.
   * Default `default`. Only used to match references; nothing is written.
   */
  readonly namespace?: string
  /** Which ConfigMaps/Secrets to hash; default `referenced`. */
  readonly select?: SelectMode
  /** Presets to turn off (`{ 'argo-cd': false }`); every preset is on unless set to false. */
  readonly presets?: Readonly<Record<string, boolean>>
  /** Reference locations to add to the built-in `REFERENCE_SPECS` and the presets'. */
  readonly references?: readonly ReferenceSpec[]
  /** Names to pin, in addition to the presets'. A pin you give is a decision: no `PINNED` warning for it. */
  readonly pinned?: readonly PinnedName[]
  /**
   * ConfigMaps/Secrets that exist outside the input (created by hand, by
   * Vault or External Secrets, by a controller at run time), in addition to
   * the presets': a reference to one is not `MISSING_REFERENCE`, and one in
   * the input keeps its name.
   */
  readonly external?: readonly ExternalName[]
  /**
   * What to do with each warning code: `error` fails the build with it (a
   * {@link CmhashError} whose detail has the warning's code), `ignore` drops
   * it; `warn` (the default) reports it.
   */
  readonly warnings?: Readonly<Partial<Record<WarningCode, WarningLevel>>>
  /**
   * Annotations to set on every hashed object, e.g. the ones that stop a
   * GitOps tool from pruning old versions (`GITOPS_ANNOTATIONS`).
   * Comma-separated option lists are merged with what is already there.
   */
  readonly annotations?: Readonly<Record<string, string>>
  /** Most YAML alias dereferences followed per document (alias-bomb guard). Default 100,000. */
  readonly aliasBudget?: number
}

export interface BuildResult {
  /** Every non-empty document of every input, in order, as one YAML stream (computed when first read). */
  readonly output: string
  /**
   * The same stream in pieces, about a document each, made as they are
   * read: for writing a large output without holding it whole. Each call
   * starts from the beginning.
   */
  chunks(): Iterable<string>
  /** Each input file with the edits applied, for writing a mirrored tree (computed when first read). */
  readonly files: readonly OutputFile[]
  /** The ConfigMaps and Secrets that were hashed, in input order. */
  readonly renames: readonly Rename[]
  readonly warnings: readonly CmhashWarning[]
}

/** A file of the output: the input file's text with cmhash's edits applied. */
export interface OutputFile {
  readonly path: string
  readonly content: string
}

/** Which ConfigMaps/Secrets are hashed (pins apply in every mode; the annotation `cmhash.dev/hash: "true"` always hashes). */
export type SelectMode =
  /** Those a workload references (the default). */
  | 'referenced'
  /** All of them. */
  | 'all'
  /** Only those annotated `cmhash.dev/hash: "true"`. */
  | 'annotated'

/** An object that references a renamed ConfigMap/Secret, and what the new name does to it. */
export interface Referrer {
  readonly kind: string
  /** Absent for cluster-scoped objects. */
  readonly namespace?: string
  readonly name: string
  /** Where the reference is, e.g. `spec.template.spec.volumes[0].configMap.name`. */
  readonly path: string
  /**
   * `rolls`: a pod template changes, so its controller rolls out new pods;
   * `recreate`: a field changes that Kubernetes does not let change on a
   * live object (a bare Pod's spec, a Job's pod template), so it must be
   * deleted and created again; `updates`: another field changes (an
   * operator's custom resource, an Ingress) and its controller reconciles,
   * or a template changes that only what is created next uses (a CronJob's
   * next Job, a ReplicaSet's new pods).
   */
  readonly effect: 'rolls' | 'recreate' | 'updates'
  /** Why the effect is not simply `rolls` or `updates`: what cannot change, or what only new objects use. */
  readonly reason?: string
}

/** A ConfigMap or Secret that cmhash renamed. */
export interface Rename {
  readonly kind: TargetKind
  /** Undefined only when the object has no namespace and none was given. */
  readonly namespace: string
  /** The name before hashing (annotation `cmhash.dev/name`). */
  readonly originalName: string
  /** The name in the input (equal to `originalName` unless the input was already hashed). */
  readonly from: string
  /** The name in the output. */
  readonly to: string
  readonly file: string
  /** Every object whose reference now names `to`, in input order. */
  readonly referencedBy: readonly Referrer[]
}

// --- reference locations ---

/**
 * One place where an object names a ConfigMap or Secret. The table of these
 * is data: one generic walker (refs/find-references.ts) follows every entry,
 * so adding a location never means adding code.
 */
export interface ReferenceSpec {
  /**
   * Where the path starts: at every pod spec, found by its shape (a map with
   * a `containers` list) anywhere in any object, custom resources included;
   * at every list of volumes outside a pod spec, found by its shape (some
   * entry has a string `name` and a volume source, such as `configMap` or
   * `secret`, whose value is a map: custom resources that embed volumes);
   * at every map outside a pod spec holding an `env` list of EnvVars that
   * take a value from a ConfigMap or Secret, or an `envFrom` list of
   * EnvFromSources (a container a custom resource embeds on its own);
   * or at the root of objects of one kind (and, if given, API groups and
   * versions).
   */
  readonly on: 'PodSpec' | 'VolumeList' | 'EnvHolder' | {
    readonly kind: string
    readonly groups?: readonly string[]
    readonly versions?: readonly string[]
  }
  /**
   * `/`-separated keys to the name. Sequences are walked implicitly (so
   * `volumes/configMap/name` visits every volume); a missing key is no
   * reference; a list of strings at the end is a list of names. `\/` is a
   * `/` inside a key (annotation keys); a key with `*` matches keys by
   * pattern (`*` alone: any key; `*SecretRef`: keys ending in SecretRef).
   */
  readonly path: string
  /**
   * What the name names: a kind, or the key beside the name that holds the
   * kind (Flux `valuesFrom: [{kind: ConfigMap, name: x}]`), with the kind to
   * assume when that key is absent. When `groupKey` is given, its value must
   * be empty (the core API group) or absent.
   */
  readonly target: TargetKind | { readonly key: string; readonly default?: TargetKind; readonly groupKey?: string }
  /**
   * `rewrite`: follows the rename. `pin`: something reads the object by its
   * name, so it keeps its name (unless forced). `creates`: something writes
   * the object at run time under this name (cert-manager, External
   * Secrets): it is pinned, and references to it are not reported missing.
   */
  readonly use: 'rewrite' | 'pin' | 'creates'
  /** The value is `namespace/name` or just `name` (ingress-nginx annotations). */
  readonly format?: 'namespaced-name'
  /**
   * A key beside the name that holds the target's namespace. Without one, a
   * namespaced referrer means its own namespace and a cluster-scoped
   * referrer means whichever namespace holds the only object of that name.
   */
  readonly namespaceKey?: string
  /** The target may be in any namespace (the only object of that name), whatever the referrer's. */
  readonly anyNamespace?: boolean
  /** Counts only where the key beside the name holds one of these values (lower case), or, without `anyOf`, is present. */
  readonly where?: { readonly key: string; readonly anyOf?: readonly string[] }
  /** Counts only in objects that carry one of these annotations. */
  readonly whenAnnotated?: readonly string[]
  /**
   * Whether the API server accepts a change of this field on a live object;
   * every built-in entry says, and absent means it does. A `pin` on an
   * immutable field keeps the object's name wherever else it is referenced
   * (its `reason` says why); a rewritten (or forced) immutable field makes
   * its object `recreate`.
   */
  readonly mutable?: boolean
  /**
   * Where the data keys the reference needs are, from the map that holds the
   * name: `key` (`configMapKeyRef`) or `items/key` (a volume's `items`).
   * Each must exist in the target unless the reference is `optional`.
   */
  readonly keyPath?: string
  /** Why this entry is what it is; shown in warnings about pins. */
  readonly reason?: string
}

/** A ConfigMap or Secret that a program reads by a fixed name: it is never hashed unless forced. */
export interface PinnedName {
  readonly kind: TargetKind
  readonly name: string
  /** Any namespace when absent. */
  readonly namespace?: string
  readonly reason: string
}

/**
 * ConfigMaps/Secrets that exist without being in the input: created at run
 * time by a controller or a Job, or managed by hand. `name` and `namespace`
 * may hold `*` (any run of characters) and `?` (one character).
 */
export interface ExternalName {
  readonly kind: TargetKind
  readonly name: string
  /** Any namespace when absent. */
  readonly namespace?: string
  readonly reason: string
}

/** A named bundle of reference locations, pinned names and objects that exist outside the input. */
export interface Preset {
  readonly name: string
  readonly description: string
  readonly references: readonly ReferenceSpec[]
  readonly pinned: readonly PinnedName[]
  readonly external: readonly ExternalName[]
}

// --- hashing ---

/** The content of a ConfigMap that its name suffix depends on. */
export interface ConfigMapContent {
  /** `data`: key to UTF-8 text. */
  readonly data?: Readonly<Record<string, string>>
  /** `binaryData`: key to bytes (or their base64 text, in any valid padding/line layout). */
  readonly binaryData?: Readonly<Record<string, Uint8Array | string>>
}

/** The content of a Secret that its name suffix depends on. */
export interface SecretContent {
  /** `type`; Kubernetes and kustomize default it to `Opaque`. */
  readonly type?: string
  /** `data`: key to bytes (or their base64 text). */
  readonly data?: Readonly<Record<string, Uint8Array | string>>
  /** `stringData`: key to text; merged over `data` as the API server does. */
  readonly stringData?: Readonly<Record<string, string>>
}

// --- prune ---

export interface PruneOptions extends BuildOptions {
  /** How many of the newest versions of each original name to keep whatever else holds; default 3. */
  readonly keep?: number
  /** Consider namespaces that the desired input does not touch too; default false. */
  readonly allNamespaces?: boolean
  /**
   * The resources the live state holds every object of (in every namespace
   * that has candidates), named as `kubectl get` takes them: `pods`,
   * `replicasets.apps`, `rollouts.argoproj.io` (plural or singular). A kind
   * of {@link PruneKind} not named here may hold references the live state
   * does not show, so whatever it could reference is kept.
   */
  readonly liveKinds?: readonly string[]
}

/** A kind the live state must hold every object of for `prune` to decide (see `pruneKinds`). */
export interface PruneKind {
  readonly kind: string
  /** Its API group (`''` for the core group); absent when a configured reference names the kind in any group. */
  readonly group?: string
  /**
   * The resource as `kubectl get` takes it: `pods`, `replicasets.apps`; for
   * a kind found only in the desired input, its singular (the kind in lower
   * case, `nightlybatch.batch.example.com`), since its plural is its CRD's.
   */
  readonly resource: string
  /** What its objects can reference; none for ConfigMaps and Secrets (the candidates). */
  readonly targets: readonly TargetKind[]
  /** Cluster-scoped, or a reference from it can name a ConfigMap/Secret in another namespace. */
  readonly crossNamespace: boolean
}

/** A live ConfigMap/Secret labelled cmhash.dev/managed: "true", and what to do with it. */
export interface PruneCandidate {
  readonly kind: TargetKind
  readonly namespace: string
  readonly name: string
  /** Annotation cmhash.dev/name (the name before hashing). */
  readonly originalName: string
  readonly created: string | undefined
  readonly verdict: 'keep' | 'delete'
  /** Why it is kept (every reason that holds), or why it may go. */
  readonly reasons: readonly string[]
}

export interface PruneResult {
  /** Every candidate, sorted by kind, namespace, original name, then newest first. */
  readonly candidates: readonly PruneCandidate[]
  /** The candidates to delete, sorted by kind, namespace and name. */
  readonly deletions: readonly ResourceRef[]
  /** The deletions as a `v1` `List` (apiVersion, kind, name and namespace only), for `kubectl delete -f -`. */
  readonly output: string
  /** The deletions as `kind/name -n namespace` lines. */
  readonly names: string
  readonly warnings: readonly CmhashWarning[]
}
