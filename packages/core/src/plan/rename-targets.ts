import { MANAGED_LABEL, NAME_ANNOTATION, OPTION_LIST_ANNOTATIONS } from '../constants.js'
import { formatResource } from '../errors.js'
import type { EntrySite, TargetFacts } from '../facts.js'
import { flat, renderMaps, renderPairs, renderScalar, renderString } from '../emit/render.js'
import type { Referrer } from '../types.js'
import type { EditContext, PlanContext, PlannedRename, Target } from './context.js'
import type { EditList } from './edit-list.js'
import { isSelected } from './select-targets.js'
import { resourceOf } from '../read/identity.js'
import { interner } from '../text/intern.js'

// --- internal ---

/**
 * Names every target selected for hashing (select-targets.ts), in input
 * order, `name-<hash>` (refused when longer than 253 characters, or when
 * the object cannot be edited in place). Returns the renames, and each
 * renamed target's rename. {@link editTarget} then writes it.
 */
export function renameTargets(ctx: PlanContext, targets: readonly Target[]): { renames: PlannedRename[]; renamed: Map<Target, PlannedRename> } {
  const renames: PlannedRename[] = []
  const renamed = new Map<Target, PlannedRename>()
  for (const target of targets) {
    const { facts, object } = target
    if (!isSelected(ctx, target) || facts.hash === undefined) continue
    // One flat string, held by every edit that writes it.
    const to = flat(facts.originalName, '-', facts.hash)
    if (to.length > 253) {
      ctx.report.error('NAME_TOO_LONG', {
        message: `${formatResource(resourceOf(object))}: the hashed name ${to.slice(0, 40)}… would be ${to.length} characters; Kubernetes allows 253`,
        at: ctx.where(object), resource: resourceOf(object), path: 'metadata.name',
      })
      continue
    }
    if (facts.notEditable) {
      ctx.report.error('INVALID_RESOURCE', {
        message: `${formatResource(resourceOf(object))}: ${facts.notEditable}`,
        at: ctx.where(object), resource: resourceOf(object),
      })
      continue
    }
    // Filled as each file's edits are planned (plan/index.ts, with append(),
    // which copies a short list and so never changes this one).
    const referencedBy = NO_REFERRERS
    const rename = { kind: facts.kind, namespace: object.namespace ?? '', originalName: facts.originalName, from: facts.name, to, file: object.file, referencedBy }
    renames.push(rename)
    renamed.set(target, rename)
  }
  return { renames, renamed }
}

/** Frozen: renames without referrers share it, and a caller's push must not reach them all. */
const NO_REFERRERS = Object.freeze([]) as unknown as Referrer[]

/**
 * The texts most targets get alike (`immutable: true`, the managed label,
 * at each indentation written), held once: a build keeps every edit's
 * text until the output is written.
 */
const alike = interner(1_000)

/**
 * The edits that rename one ConfigMap/Secret `to`, and mark it immutable
 * and managed: `immutable: true`, the managed label, the original-name
 * annotation and any annotations asked for.
 */
export function editTarget(ctx: EditContext, facts: TargetFacts, to: string): void {
  const { edits, report } = ctx
  const extra = ctx.options.annotations
  if (to !== facts.name) edits.replace(facts.nameSite.start, facts.nameSite.end, renderScalar(to, facts.nameSite.style))
  const { immutable } = facts
  if (!immutable) {
    edits.insert(facts.rootSite.offset, alike(renderPairs(facts.rootSite, [['immutable', 'true']])), facts.rootSite.offset, 1)
  } else if (immutable.value !== true) {
    const at = ctx.at(immutable.site.start)
    const written = at.text.slice(immutable.site.start, immutable.site.end)
    // false, or what is not a boolean to Kubernetes ("false"); null is unset.
    if (!immutable.empty && !/^(?:~|null|Null|NULL)$/.test(written)) {
      const what = immutable.value === false ? 'false' : `${written} (not a boolean, which the API server refuses)`
      report.warn('IMMUTABLE_OVERRIDDEN', {
        message: `${facts.kind} ${facts.name} had immutable: ${what}; a hashed ${facts.kind} never changes, so it is set to true`,
        at,
      })
    }
    edits.replace(immutable.site.start, immutable.site.end, immutable.empty ? ' true' : 'true')
  }
  const newMaps: Array<readonly [string, ReadonlyArray<readonly [string, string]>]> = []
  const label = [MANAGED_LABEL, JSON.stringify('true')] as const
  const managed = facts.labels?.entries.get(MANAGED_LABEL)
  if (!facts.labels) newMaps.push(['labels', [label]])
  else if (!managed) edits.insert(facts.labels.site.offset, alike(renderPairs(facts.labels.site, [label])), facts.labels.site.end)
  else if (managed.value !== 'true' || managed.plain || managed.empty) setEntry(edits, managed, JSON.stringify('true'))

  // The annotations cmhash sets: its record of the original name, then any
  // asked for (gitops), merged into comma-separated option lists.
  const wanted: Array<[string, string]> = [[NAME_ANNOTATION, facts.originalName], ...Object.entries(extra)]
  const json = facts.annotations?.site.json ?? facts.metadataSite.json
  const added: Array<readonly [string, string]> = []
  for (const [key, value] of wanted) {
    const recorded = facts.annotations?.entries.get(key)
    if (!recorded) {
      added.push([key, renderString(value, json)])
      continue
    }
    const merged = OPTION_LIST_ANNOTATIONS.has(key) ? mergeOptions(recorded.value, value) : value
    if (key !== NAME_ANNOTATION && !recorded.empty && merged !== recorded.value && !(OPTION_LIST_ANNOTATIONS.has(key) && merged.startsWith(`${recorded.value},`))) {
      report.warn('ANNOTATION_OVERRIDDEN', {
        message: `${facts.kind} ${facts.name}: annotation ${key} was ${JSON.stringify(recorded.value)}; set to ${JSON.stringify(merged)} as asked (--gitops)`,
        at: ctx.at(recorded.start),
      })
    }
    if (merged !== recorded.value || recorded.empty) {
      setEntry(edits, recorded, recorded.empty ? renderString(merged, false) : renderScalar(merged, recorded.style))
    }
  }
  if (added.length > 0) {
    if (!facts.annotations) newMaps.push(['annotations', added])
    else edits.insert(facts.annotations.site.offset, renderPairs(facts.annotations.site, added), facts.annotations.site.end)
  }
  if (newMaps.length > 0) edits.insert(facts.metadataSite.offset, renderMaps(facts.metadataSite, facts.step, newMaps))
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
function setEntry(edits: EditList, entry: EntrySite, text: string): void {
  if (entry.empty) edits.replace(entry.empty.start, entry.empty.end, entry.empty.start === entry.empty.end ? flat(' ', text) : text)
  else edits.replace(entry.start, entry.end, text)
}
