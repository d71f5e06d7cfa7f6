// The vocabulary the preset files share.
import type { ExternalName, PinnedName, ReferenceSpec, TargetKind } from '../../types.js'
import { fieldSpec, POD_SPEC_FIELDS } from '../pod-spec-fields.js'

// --- internal ---

export type Use = ReferenceSpec['use']

export function ref(kind: string, groups: readonly string[], path: string, target: ReferenceSpec['target'], use: Use, reason: string,
  extra: Partial<ReferenceSpec> = {}): ReferenceSpec {
  return { on: { kind, groups }, path, target, use, reason, mutable: true, ...extra }
}

/** The pod-spec fields of a custom resource whose spec is copied into a pod spec by its operator. */
export function podSpecFieldsAt(kind: string, groups: readonly string[], at: string, reason: string): ReferenceSpec[] {
  return POD_SPEC_FIELDS.map(f => ({ on: { kind, groups }, path: `${at}/${f.path}`, ...fieldSpec(f), reason }))
}

/** The env and envFrom fields of a container (or a list of them) at `at`, for containers outside a pod spec (Argo, Tekton steps). */
export function containerFieldsAt(kind: string, groups: readonly string[], at: string, reason: string, extra: Partial<ReferenceSpec> = {}): ReferenceSpec[] {
  return POD_SPEC_FIELDS.filter(f => f.path.startsWith('containers/'))
    .map(f => ({ on: { kind, groups }, path: `${at}/${f.path.slice('containers/'.length)}`, ...fieldSpec(f), reason, ...extra }))
}

export function pins(kind: TargetKind, names: readonly string[], reason: string, namespaces: readonly (string | undefined)[] = [undefined]): PinnedName[] {
  return names.flatMap(name => namespaces.map(namespace => ({ kind, name, reason, ...(namespace !== undefined ? { namespace } : {}) })))
}

export function external(kind: TargetKind, names: readonly string[], reason: string, namespace?: string): ExternalName[] {
  return names.map(name => ({ kind, name, reason, ...(namespace !== undefined ? { namespace } : {}) }))
}

export const FOLLOWS = 'the operator reads the name from this field, so it follows a rename'

export const NETWORKING: readonly string[] = ['networking.k8s.io', 'extensions']

export const GATEWAY: readonly string[] = ['gateway.networking.k8s.io']
