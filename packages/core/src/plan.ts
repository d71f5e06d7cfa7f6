// Step 2 of a build: resolve every reference to the ConfigMap/Secret it
// names (by kind, namespace and name), decide which objects get hashed, and
// turn those decisions into text edits.
import type { ConfigFacts, EntrySite, FileFacts, ObjectFacts, RefSite } from './_model.js'
import { formatResource, type ResourceRef } from './errors.js'
import type { PinnedName, TargetKind } from './refs/table.js'
import { MANAGED_LABEL, NAME_ANNOTATION, OPTION_LIST_ANNOTATIONS } from './constants.js'
import { renderMaps, renderPairs, renderScalar, renderString } from './_render.js'
import type { Reporter } from './_report.js'
import { lineColOf } from './_text.js'

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
   * `recreate`: a bare Pod's spec changes, which Kubernetes only allows by
   * deleting and creating it again; `updates`: another field changes (an
   * operator's custom resource, an Ingress) and its controller reconciles.
   */
  readonly effect: 'rolls' | 'recreate' | 'updates'
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

/** Replace the text [start, end) of `file` with `text`. */
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

export interface Plan {
  readonly edits: ReadonlyMap<string, readonly Edit[]>
  readonly renames: readonly Rename[]
}

/** Which ConfigMaps/Secrets are hashed (pins apply in every mode; the annotation `cmhash.dev/hash: "true"` always hashes). */
export type SelectMode =
  /** Those a workload references (the default). */
  | 'referenced'
  /** All of them. */
  | 'all'
  /** Only those annotated `cmhash.dev/hash: "true"`. */
  | 'annotated'

export interface PlanOptions {
  readonly select: SelectMode
  readonly pinned: readonly PinnedName[]
  /**
   * Annotations to set on every hashed object. In a comma-separated option
   * list (Argo CD's sync-options) only the options given are set; any other
   * value is replaced.
   */
  readonly annotations: Readonly<Record<string, string>>
}

/** Resolves references, selects what to hash, and computes the edits. Problems go to `report`. */
export function planBuild(files: readonly FileFacts[], options: PlanOptions, report: Reporter): Plan {
  const objects = files.flatMap(f => f.docs.flatMap(d => d.objects))
  const texts = new Map(files.map(f => [f.path, f.text]))
  const where = (o: ObjectFacts) => ({ file: o.file, text: texts.get(o.file)!, offset: o.offset })
  checkDuplicates(objects, where, report)

  const index = new TargetIndex(objects)
  const resolutions = objects.flatMap(referrer => referrer.refs.map(ref => resolve(index, referrer, ref)))
  const byTarget = new Map<Target, Resolution[]>()
  for (const r of resolutions) {
    if (r.target) push(byTarget, r.target, r)
    for (const t of r.ambiguous ?? []) push(byTarget, t, r)
  }
  const edits = new EditList()
  const renames: Rename[] = []
  const newNames = new Map<Target, string>()

  const created = new Set<string>()
  for (const r of resolutions) {
    if (r.ref.spec.use === 'creates') created.add(key(r.ref.target, r.ref.namespace ?? '*', r.ref.name))
  }
  for (const target of index.all) {
    const decision = decide(target, byTarget.get(target) ?? [], options)
    const { config, object } = target
    if (decision.pinnedBy.length > 0 && decision.referencedBy.length > 0 && config.mode !== 'force') {
      report.warn('PINNED', {
        message: `${formatResource(resourceOf(object))} keeps its name although ${describe(decision.referencedBy)} references it: ` +
          `${decision.pinnedBy.join('; ')} (annotate it cmhash.dev/hash: "true" to hash it anyway)`,
        at: where(object), resource: resourceOf(object),
      })
    }
    if (!decision.hash || config.hash === undefined) continue
    const to = `${config.baseName}-${config.hash}`
    if (to.length > 253) {
      report.error('NAME_TOO_LONG', {
        message: `${formatResource(resourceOf(object))}: the hashed name ${to.slice(0, 40)}… would be ${to.length} characters; Kubernetes allows 253`,
        at: where(object), resource: resourceOf(object), path: 'metadata.name',
      })
      continue
    }
    if (config.notEditable) {
      report.error('INVALID_RESOURCE', {
        message: `${formatResource(resourceOf(object))}: ${config.notEditable}`,
        at: where(object), resource: resourceOf(object),
      })
      continue
    }
    newNames.set(target, to)
    const referencedBy = (byTarget.get(target) ?? [])
      .filter(r => r.target === target && followsRename(r))
      .map(r => referrerOf(r))
    renames.push({ kind: config.kind, namespace: object.namespace ?? '', originalName: config.baseName, from: config.name, to, file: object.file, referencedBy })
    editConfig(edits, object.file, config, to, options.annotations, report, () => where(object))
  }

  const missing = new Map<string, { r: Resolution; count: number }>()
  const shared: Array<{ r: Resolution; text: string }> = []
  for (const r of resolutions) {
    if (r.target) {
      const to = newNames.get(r.target)
      if (to !== undefined && followsRename(r)) {
        const text = renderScalar(r.ref.prefix + to, r.ref.site.style)
        if (r.ref.shared) shared.push({ r, text })
        else if (!edits.replace(r.referrer.file, r.ref.site.start, r.ref.site.end, text)) {
          report.error('INVALID_RESOURCE', {
            message: `${formatResource(resourceOf(r.referrer))} ${r.ref.path}: one YAML anchor names objects that get different names; write the names out`,
            at: { ...where(r.referrer), offset: r.ref.site.start }, resource: resourceOf(r.referrer), path: r.ref.path,
          })
        }
      }
    } else if (r.ambiguous) {
      report.warn('AMBIGUOUS_REFERENCE', {
        message: `${formatResource(resourceOf(r.referrer))} ${r.ref.path} names ${r.ref.target} ${r.ref.name}, which is in several namespaces ` +
          `(${r.ambiguous.map(t => t.object.namespace).join(', ')}); left as written`,
        at: { ...where(r.referrer), offset: r.ref.site.start }, resource: resourceOf(r.referrer), path: r.ref.path,
      })
    } else if (!r.ref.optional && r.ref.spec.use === 'rewrite' &&
      !created.has(key(r.ref.target, r.ref.namespace ?? '*', r.ref.name)) && !created.has(key(r.ref.target, '*', r.ref.name))) {
      const key = `${r.referrer.file}\0${r.referrer.offset}\0${r.ref.target}\0${r.ref.namespace}\0${r.ref.name}`
      const seen = missing.get(key)
      if (seen) seen.count++
      else missing.set(key, { r, count: 1 })
    }
  }
  // A name inside a node reached through an alias lives at the anchor, and
  // may be used elsewhere too: it is rewritten only when the anchor itself
  // is a reference to the same object (found directly), never on its own.
  for (const { r, text } of shared) {
    if (edits.textAt(r.referrer.file, r.ref.site.start) !== text) {
      report.error('INVALID_RESOURCE', {
        message: `${formatResource(resourceOf(r.referrer))} ${r.ref.path} names ${r.ref.target} ${r.ref.name} through a YAML alias whose anchor is not ` +
          'itself that reference; renaming it there could change other fields, so write the name out',
        at: { ...where(r.referrer), offset: r.ref.site.start }, resource: resourceOf(r.referrer), path: r.ref.path,
      })
    }
  }
  for (const { r, count } of missing.values()) {
    const target = r.ref.namespace === undefined ? `${r.ref.target} ${r.ref.name}` : `${r.ref.target} ${r.ref.namespace}/${r.ref.name}`
    const elsewhere = index.byName(r.ref.target, r.ref.name).map(t => t.object.namespace).filter(ns => ns !== r.ref.namespace)
    const hint = elsewhere.length > 0 ? ` (there is one in namespace ${elsewhere.join(', ')})` : ''
    const more = count > 1 ? ` (and ${count - 1} more references to it)` : ''
    report.warn('MISSING_REFERENCE', {
      message: `${formatResource(resourceOf(r.referrer))} references ${target} at ${r.ref.path}${more}, which is not in the input${hint}; left as written`,
      at: { ...where(r.referrer), offset: r.ref.site.start }, resource: resourceOf(r.referrer), path: r.ref.path,
    })
  }
  return { edits: edits.byFile, renames }
}

// --- internal ---

interface Target {
  readonly object: ObjectFacts
  readonly config: ConfigFacts
}

interface Resolution {
  readonly referrer: ObjectFacts
  readonly ref: RefSite
  readonly target?: Target
  readonly ambiguous?: readonly Target[]
}

/** ConfigMaps and Secrets by namespace and name; an already-hashed one also answers to its original name. */
class TargetIndex {
  readonly all: Target[] = []
  private readonly exact = new Map<string, Target>()
  private readonly original = new Map<string, Target[]>()
  private readonly anyNamespace = new Map<string, Target[]>()

  constructor(objects: readonly ObjectFacts[]) {
    for (const object of objects) {
      const config = object.config
      if (!config) continue
      const t = { object, config }
      this.all.push(t)
      this.exact.set(key(config.kind, object.namespace, config.name), t)
      push(this.anyNamespace, `${config.kind}\0${config.name}`, t)
      if (config.baseName !== config.name) {
        push(this.original, key(config.kind, object.namespace, config.baseName), t)
        push(this.anyNamespace, `${config.kind}\0${config.baseName}`, t)
      }
    }
  }

  get(kind: TargetKind, namespace: string, name: string): Target | undefined {
    const exact = this.exact.get(key(kind, namespace, name))
    if (exact) return exact
    const byOriginal = this.original.get(key(kind, namespace, name))
    return byOriginal?.length === 1 ? byOriginal[0] : undefined
  }

  byName(kind: TargetKind, name: string): Target[] {
    return [...new Set(this.anyNamespace.get(`${kind}\0${name}`) ?? [])]
  }
}

function key(kind: string, namespace: string | undefined, name: string): string {
  return `${kind}\0${namespace ?? ''}\0${name}`
}

function push<K, V>(m: Map<K, V[]>, k: K, v: V): void {
  const list = m.get(k)
  if (list) list.push(v)
  else m.set(k, [v])
}

function resolve(index: TargetIndex, referrer: ObjectFacts, ref: RefSite): Resolution {
  if (ref.namespace !== undefined) {
    const target = index.get(ref.target, ref.namespace, ref.name)
    return target ? { referrer, ref, target } : { referrer, ref }
  }
  const candidates = index.byName(ref.target, ref.name)
  if (candidates.length === 1) return { referrer, ref, target: candidates[0]! }
  if (candidates.length > 1) return { referrer, ref, ambiguous: candidates }
  return { referrer, ref }
}

interface Decision {
  readonly hash: boolean
  readonly referencedBy: readonly ObjectFacts[]
  readonly pinnedBy: readonly string[]
}

/**
 * The selection rule. Hashed: forced by annotation, or referenced through a
 * rewritable reference with nothing pinning it to its name. Pins: RBAC
 * `resourceNames`, annotation `cmhash.dev/hash: "false"`, Secrets of type
 * `kubernetes.io/service-account-token` (the token controller fills them by
 * name), and objects with no data at all (a program fills them in by name).
 */
function decide(target: Target, resolutions: readonly Resolution[], options: PlanOptions): Decision {
  const referencedBy: ObjectFacts[] = []
  const pinnedBy: string[] = []
  for (const r of resolutions) {
    const who = `${formatResource(resourceOf(r.referrer))} ${r.ref.path}`
    if (r.ref.spec.use === 'pin') pinnedBy.push(r.ref.spec.reason ? `${who}: ${r.ref.spec.reason}` : `${formatResource(resourceOf(r.referrer))} reads it by name (${r.ref.path})`)
    else if (r.ref.spec.use === 'creates') pinnedBy.push(`${who}: ${r.ref.spec.reason ?? 'something writes it under this name at run time'}`)
    else if (r.target === target && !referencedBy.includes(r.referrer)) referencedBy.push(r.referrer)
  }
  const { config } = target
  for (const pin of options.pinned) {
    if (pin.kind === config.kind && pin.name === config.baseName && (pin.namespace === undefined || pin.namespace === target.object.namespace)) {
      pinnedBy.push(pin.reason)
    }
  }
  if (config.mode === 'off') pinnedBy.push('its annotation cmhash.dev/hash is "false"')
  if (config.empty) pinnedBy.push('it has no data, so a program fills it in at run time, by name')
  if (config.kind === 'Secret' && config.secretType === 'kubernetes.io/service-account-token') {
    pinnedBy.push('it is a service-account token, which the token controller fills in by name')
  }
  const wanted = options.select === 'all' || (options.select === 'referenced' && referencedBy.length > 0)
  const hash = config.mode === 'force' || (config.mode === 'auto' && wanted && pinnedBy.length === 0)
  return { hash, referencedBy, pinnedBy }
}

function describe(objects: readonly ObjectFacts[]): string {
  const names = objects.slice(0, 3).map(o => formatResource(resourceOf(o)))
  return objects.length > 3 ? `${names.join(', ')} and ${objects.length - 3} more` : names.join(', ')
}

function resourceOf(o: ObjectFacts): ResourceRef {
  return o.namespace === undefined ? { kind: o.kind, name: o.name ?? '' } : { kind: o.kind, namespace: o.namespace, name: o.name ?? '' }
}

/** A reference that is rewritten to the new name: a plain one, or a reader by name when hashing is forced. */
function followsRename(r: Resolution): boolean {
  return r.ref.spec.use === 'rewrite' || (r.ref.spec.use === 'pin' && r.target?.config.mode === 'force')
}

function referrerOf(r: Resolution): Referrer {
  const o = r.referrer
  const effect = r.ref.spec.on !== 'PodSpec' ? 'updates' : o.kind === 'Pod' ? 'recreate' : 'rolls'
  return { ...resourceOf(o), path: r.ref.path, effect }
}

function checkDuplicates(
  objects: readonly ObjectFacts[], where: (o: ObjectFacts) => { file: string; text: string; offset: number }, report: Reporter,
): void {
  const seen = new Map<string, ObjectFacts>()
  for (const o of objects) {
    if (!o.name) continue
    const k = `${o.group}\0${o.kind}\0${o.namespace ?? ''}\0${o.name}`
    const first = seen.get(k)
    if (!first) {
      seen.set(k, o)
      continue
    }
    const w = where(first)
    const firstAt = `${w.file}:${lineColOf(w.text, w.offset).line}`
    report.error('DUPLICATE_RESOURCE', {
      message: `${formatResource(resourceOf(o))} is defined twice: here and at ${firstAt}`,
      at: where(o), resource: resourceOf(o),
    })
  }
}

/** The edits that rename one ConfigMap/Secret and mark it immutable and managed. */
function editConfig(
  edits: EditList, file: string, config: ConfigFacts, to: string, extra: Readonly<Record<string, string>>, report: Reporter,
  where: () => { file: string; text: string; offset: number },
): void {
  if (to !== config.name) edits.replace(file, config.nameSite.start, config.nameSite.end, renderScalar(to, config.nameSite.style))
  const { immutable } = config
  if (!immutable) {
    edits.insert(file, config.rootSite.offset, renderPairs(config.rootSite, [['immutable', 'true']]), config.rootSite.offset, 1)
  } else if (immutable.value !== true) {
    if (immutable.value === false) {
      report.warn('IMMUTABLE_OVERRIDDEN', {
        message: `${config.kind} ${config.name} had immutable: false; a hashed ${config.kind} never changes, so it is set to true`,
        at: { ...where(), offset: immutable.site.start },
      })
    }
    edits.replace(file, immutable.site.start, immutable.site.end, immutable.empty ? ' true' : 'true')
  }
  const newMaps: Array<readonly [string, ReadonlyArray<readonly [string, string]>]> = []
  const label = ['cmhash.dev/managed', JSON.stringify('true')] as const
  const managed = config.labels?.entries.get(MANAGED_LABEL)
  if (!config.labels) newMaps.push(['labels', [label]])
  else if (!managed) edits.insert(file, config.labels.site.offset, renderPairs(config.labels.site, [label]), config.labels.site.end)
  else if (managed.value !== 'true' || managed.plain || managed.empty) setEntry(edits, file, managed, JSON.stringify('true'))

  // The annotations cmhash sets: its record of the original name, then any
  // asked for (gitops), merged into comma-separated option lists.
  const wanted: Array<[string, string]> = [[NAME_ANNOTATION, config.baseName], ...Object.entries(extra)]
  const json = config.annotations?.site.json ?? config.metadataSite.json
  const added: Array<readonly [string, string]> = []
  for (const [key, value] of wanted) {
    const recorded = config.annotations?.entries.get(key)
    if (!recorded) {
      added.push([key, renderString(value, json)])
      continue
    }
    const merged = OPTION_LIST_ANNOTATIONS.has(key) ? mergeOptions(recorded.value, value) : value
    if (key !== NAME_ANNOTATION && !recorded.empty && merged !== recorded.value && !(OPTION_LIST_ANNOTATIONS.has(key) && merged.startsWith(`${recorded.value},`))) {
      report.warn('ANNOTATION_OVERRIDDEN', {
        message: `${config.kind} ${config.name}: annotation ${key} was ${JSON.stringify(recorded.value)}; set to ${JSON.stringify(merged)} as asked (--gitops)`,
        at: { ...where(), offset: recorded.start },
      })
    }
    if (merged !== recorded.value || recorded.empty) {
      setEntry(edits, file, recorded, recorded.empty ? renderString(merged, false) : renderScalar(merged, recorded.style))
    }
  }
  if (added.length > 0) {
    if (!config.annotations) newMaps.push(['annotations', added])
    else edits.insert(file, config.annotations.site.offset, renderPairs(config.annotations.site, added), config.annotations.site.end)
  }
  if (newMaps.length > 0) edits.insert(file, config.metadataSite.offset, renderMaps(config.metadataSite, config.step, newMaps))
}

/**
 * Sets options in a comma-separated list: `Prune=false` into
 * `ServerSideApply=true` gives `ServerSideApply=true,Prune=false`; into
 * `Prune=true` it gives `Prune=false`.
 */
function mergeOptions(existing: string, wanted: string): string {
  if (existing.trim() === '') return wanted
  const keyOf = (opt: string) => opt.split('=')[0]!.trim()
  const want = wanted.split(',').map(w => w.trim())
  const have = existing.split(',').map(h => h.trim()).map(h => want.find(w => keyOf(w) === keyOf(h)) ?? h)
  const missing = want.filter(w => !have.some(h => keyOf(h) === keyOf(w)))
  const merged = [...have, ...missing].join(',')
  return merged === existing.split(',').map(h => h.trim()).join(',') ? existing : merged
}

/** Sets a label or annotation value that is written, possibly as nothing. */
function setEntry(edits: EditList, file: string, entry: EntrySite, text: string): void {
  if (entry.empty) edits.replace(file, entry.empty.start, entry.empty.end, entry.empty.start === entry.empty.end ? ` ${text}` : text)
  else edits.replace(file, entry.start, entry.end, text)
}

/**
 * Edits per file. Replacing the same text twice with the same new text (a
 * scalar shared through an alias) keeps one; with different new texts it is
 * a conflict, reported by the caller.
 */
class EditList {
  readonly byFile = new Map<string, Edit[]>()
  private readonly replaced = new Map<string, string>()

  /** Returns false when the same place was already given a different text. */
  replace(file: string, start: number, end: number, text: string): boolean {
    const k = `${file}\0${start}`
    const before = this.replaced.get(k)
    if (before !== undefined) return before === text
    this.replaced.set(k, text)
    this.add(file, { start, end, text })
    return true
  }

  /** The text already set at a place, if any. */
  textAt(file: string, start: number): string | undefined {
    return this.replaced.get(`${file}\0${start}`)
  }

  /** Inserts at `offset`, or replaces [offset, end) when an empty value is rewritten. */
  insert(file: string, offset: number, text: string, end: number = offset, order = 0): void {
    this.add(file, { start: offset, end, text, order })
  }

  private add(file: string, edit: Edit): void {
    const list = this.byFile.get(file)
    if (list) list.push(edit)
    else this.byFile.set(file, [edit])
  }
}
