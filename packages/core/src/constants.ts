/** Annotation holding a hashed object's name before hashing. */
export const NAME_ANNOTATION = 'cmhash.dev/name'
/** Annotation that forces (`"true"`) or prevents (`"false"`) hashing. */
export const HASH_ANNOTATION = 'cmhash.dev/hash'
/** Label on every object cmhash hashed. */
export const MANAGED_LABEL = 'cmhash.dev/managed'
/** Configuration file names looked for in an input directory, in this order. */
export const CONFIG_FILE_NAMES: readonly string[] = ['cmhash.config.yaml', 'cmhash.config.yml', 'cmhash.config.json']

/**
 * Annotations that stop a GitOps tool from deleting a hashed object when it
 * leaves the desired state, so that `cmhash prune` can remove it once nothing
 * uses it: Argo CD leaves it and does not report it as extraneous; Flux's
 * garbage collection skips it; Helm keeps it on upgrade (and uninstall).
 */
export const GITOPS_ANNOTATIONS: Readonly<Record<'argocd' | 'flux' | 'helm', Readonly<Record<string, string>>>> = {
  argocd: {
    'argocd.argoproj.io/sync-options': 'Prune=false',
    'argocd.argoproj.io/compare-options': 'IgnoreExtraneous',
  },
  flux: {
    'kustomize.toolkit.fluxcd.io/prune': 'disabled',
  },
  helm: {
    'helm.sh/resource-policy': 'keep',
  },
}

/** Annotations whose value is a comma-separated list of options, merged rather than replaced. */
export const OPTION_LIST_ANNOTATIONS: ReadonlySet<string> = new Set([
  'argocd.argoproj.io/sync-options',
  'argocd.argoproj.io/compare-options',
])
