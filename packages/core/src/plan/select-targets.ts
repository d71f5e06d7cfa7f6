import { formatResource } from '../errors.js'
import type { ObjectSummary } from '../facts.js'
import { type PlanContext, type Resolution, type Target } from './context.js'
import { findExternal } from './find-external.js'
import type { Resolved } from './resolve-references.js'
import { resourceOf } from '../read/identity.js'

// --- internal ---

/** Whether a target is hashed, and why (not). */
export interface Decision {
  readonly target: Target
  readonly hash: boolean
  /** Objects whose rewritable references name it. */
  readonly referencedBy: readonly ObjectSummary[]
  /** Every reason it keeps its name. */
  readonly pinnedBy: readonly string[]
  /** A reason among them is the user's decision (annotation, a configured pin or external name): nothing to warn about. */
  readonly decided: boolean
}

/**
 * The selection rule, for every target in input order. Hashed: forced by
 * annotation, or selected (referenced through a rewritable reference, or
 * every target with `select: all`) with nothing pinning it to its name.
 * Pins: readers by name (RBAC `resourceNames`, presets), `creates`
 * references, configured pins, annotation `cmhash.dev/hash: "false"`,
 * service-account token Secrets (the token controller fills them by name),
 * objects with no data at all (a program fills them in by name), and
 * objects said to exist outside the input (external names). A referenced
 * target that stays pinned gets a `PINNED` warning, unless a pin is the
 * user's own decision (the annotation, a configured pin or external name).
 */
export function selectTargets(ctx: PlanContext, resolved: Resolved): Decision[] {
  return resolved.index.all.map(target => {
    const decision = decide(target, resolved.byTarget.get(target) ?? [], ctx)
    const { object, facts } = target
    if (decision.pinnedBy.length > 0 && decision.referencedBy.length > 0 && facts.mode !== 'force' && !decision.decided) {
      ctx.report.warn('PINNED', {
        message: `${formatResource(resourceOf(object))} keeps its name although referenced by ${describe(decision.referencedBy)}: ` +
          `${decision.pinnedBy.join('; ')} (annotate it cmhash.dev/hash: "true" to hash it anyway)`,
        at: ctx.where(object), resource: resourceOf(object),
      })
    }
    return decision
  })
}

function decide(target: Target, resolutions: readonly Resolution[], ctx: PlanContext): Decision {
  const referencedBy: ObjectSummary[] = []
  const pinnedBy: string[] = []
  for (const r of resolutions) {
    const { use, reason } = r.ref.spec
    if (use === 'pin' || use === 'creates') {
      const who = formatResource(resourceOf(r.referrer))
      if (use === 'creates') pinnedBy.push(`${who} ${r.ref.path}: ${reason ?? 'something writes it under this name at run time'}`)
      else pinnedBy.push(reason ? `${who} ${r.ref.path}: ${reason}` : `${who} reads it by name (${r.ref.path})`)
    } else if (r.target === target && !referencedBy.includes(r.referrer)) {
      referencedBy.push(r.referrer)
    }
  }
  const { facts } = target
  let decided = false
  for (const pin of ctx.options.pinned) {
    if (pin.kind === facts.kind && pin.name === facts.originalName && (pin.namespace === undefined || pin.namespace === target.object.namespace)) {
      pinnedBy.push(pin.reason)
      decided ||= pin.decided
    }
  }
  const external = findExternal(ctx.options.external, facts.kind, target.object.namespace, facts.originalName)
  if (external) {
    pinnedBy.push(`it exists outside the manifests: ${external.reason}`)
    decided ||= external.decided
  }
  if (facts.mode === 'off') {
    pinnedBy.push('its annotation cmhash.dev/hash is "false"')
    decided = true
  }
  if (facts.empty) pinnedBy.push('it has no data, so it is filled in later under this name (by a program at run time, or by hand)')
  if (facts.kind === 'Secret' && facts.secretType === 'kubernetes.io/service-account-token') {
    pinnedBy.push('it is a service-account token, which the token controller fills in by name')
  }
  const { select } = ctx.options
  const wanted = select === 'all' || (select === 'referenced' && referencedBy.length > 0)
  const hash = facts.mode === 'force' || (facts.mode === 'auto' && wanted && pinnedBy.length === 0)
  // Copied to its size: push() leaves room for 16 more (context.ts, fitted).
  return { target, hash, referencedBy: referencedBy.slice(), pinnedBy, decided }
}

function describe(objects: readonly ObjectSummary[]): string {
  const names = objects.slice(0, 3).map(o => formatResource(resourceOf(o)))
  return objects.length > 3 ? `${names.join(', ')} and ${objects.length - 3} more` : names.join(', ')
}
