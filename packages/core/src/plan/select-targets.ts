import { formatResource } from '../errors.js'
import { type PlanContext, type Target } from './context.js'
import { findExternal } from './find-external.js'
import { SHOWN_REFERRERS } from './resolve-references.js'
import { resourceOf } from '../read/identity.js'

// --- internal ---

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
export function isSelected(ctx: PlanContext, target: Target): boolean {
  const { hash, pinnedBy, decided } = decide(target, ctx)
  const { object, facts } = target
  if (pinnedBy.length > 0 && target.referencedBy > 0 && facts.mode !== 'force' && !decided) {
    ctx.report.warn('PINNED', {
      message: `${formatResource(resourceOf(object))} keeps its name although referenced by ${describe(target)}: ` +
        `${pinnedBy.join('; ')} (annotate it cmhash.dev/hash: "true" to hash it anyway)`,
      at: ctx.where(object), resource: resourceOf(object),
    })
  }
  return hash
}

function decide(target: Target, ctx: PlanContext): { hash: boolean; pinnedBy: readonly string[]; decided: boolean } {
  const pinnedBy = [...target.pinnedBy ?? []]
  const { facts } = target
  let decided = false
  for (const pin of pinsNamed(ctx.options.pinned, facts.kind, facts.originalName)) {
    if (pin.namespace === undefined || pin.namespace === target.object.namespace) {
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
  const wanted = select === 'all' || (select === 'referenced' && target.referencedBy > 0)
  const hash = facts.mode === 'force' || (facts.mode === 'auto' && wanted && pinnedBy.length === 0)
  return { hash, pinnedBy, decided }
}

type Pins = PlanContext['options']['pinned']

// Per list of pins (the options' lists are made once per set of presets): by kind and name, in list order.
const pinIndexes = new WeakMap<Pins, Map<string, Pins>>()
const NO_PINS: Pins = []

/** The pins of a kind and name, in the order given. */
function pinsNamed(pins: Pins, kind: string, name: string): Pins {
  let index = pinIndexes.get(pins)
  if (!index) {
    const byName = new Map<string, Array<Pins[number]>>()
    for (const pin of pins) {
      const key = `${pin.kind}/${pin.name}`
      const list = byName.get(key)
      if (list) list.push(pin)
      else byName.set(key, [pin])
    }
    index = byName
    pinIndexes.set(pins, index)
  }
  return index.get(`${kind}/${name}`) ?? NO_PINS
}

/** The objects that reference a target: the first few by name, and how many more. */
function describe(t: Target): string {
  const names = t.shownReferrers ?? ''
  return t.referencedBy > SHOWN_REFERRERS ? `${names} and ${t.referencedBy - SHOWN_REFERRERS} more` : names
}
