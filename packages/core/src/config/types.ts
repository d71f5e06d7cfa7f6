// Generated from schema/cmhash.config.schema.json by scripts/gen-config-types.mjs. Do not edit.

/**
 * This interface was referenced by `CmhashConfig`'s JSON-Schema
 * via the `definition` "WarningLevel".
 */
export type WarningLevel = 'error' | 'warn' | 'ignore'

/**
 * cmhash configuration (cmhash.config.yaml or cmhash.config.json): options for `cmhash build`, presets, reference locations of custom resources, objects made outside the manifests, what each warning does, and ConfigMap/Secret generators as kustomize writes them.
 */
export interface CmhashConfig {
  /**
   * The JSON Schema this file follows, for editors.
   */
  $schema?: string
  /**
   * Namespace of objects that set none (default "default"), as `kubectl apply -n` would use. The same as --namespace.
   */
  namespace?: string
  /**
   * Which ConfigMaps and Secrets are hashed: those a workload references (default), all of them, or only those annotated cmhash.dev/hash: "true". Pinned objects are never hashed unless annotated. The same as --select.
   */
  select?: 'referenced' | 'all' | 'annotated'
  /**
   * Annotate hashed objects so that this GitOps tool does not delete old versions before the rollout finishes (cmhash prune does it later). The same as --gitops.
   */
  gitops?: 'argocd' | 'flux' | 'helm'
  /**
   * Globs of the files to read in input directories, relative to each directory, which they cannot leave (no .. segment, no absolute path; default: ** /*.yaml, ** /*.yml, ** /*.json). The same as --include.
   */
  include?: string[]
  /**
   * Globs of files to skip in input directories, relative to each directory (no .. segment, no absolute path), besides hidden paths and kustomization files. The same as --exclude.
   */
  exclude?: string[]
  /**
   * Built-in presets to turn off (false) or on (true). All are on unless set to false.
   */
  presets?: {
    'argo-rollouts'?: boolean
    'argo-cd'?: boolean
    knative?: boolean
    'prometheus-operator'?: boolean
    flux?: boolean
    keda?: boolean
    'external-secrets'?: boolean
    'cert-manager'?: boolean
    'gateway-api'?: boolean
    istio?: boolean
    traefik?: boolean
    linkerd?: boolean
    'nginx-inc'?: boolean
    'argo-workflows'?: boolean
    jaeger?: boolean
    tekton?: boolean
    'ingress-nginx'?: boolean
    contour?: boolean
    rook?: boolean
    'secrets-store-csi-driver'?: boolean
    'sealed-secrets'?: boolean
    'grafana-operator'?: boolean
    'cloudnative-pg'?: boolean
    'zalando-postgres-operator'?: boolean
    'rabbitmq-cluster-operator'?: boolean
    'keycloak-operator'?: boolean
    'spark-operator'?: boolean
    'opentelemetry-operator'?: boolean
    'local-path-provisioner'?: boolean
    katib?: boolean
    'mongodb-community'?: boolean
    'clickhouse-operator'?: boolean
    kuberay?: boolean
    'system-upgrade-controller'?: boolean
  }
  /**
   * Extra places where objects name ConfigMaps or Secrets.
   */
  references?: Reference[]
  /**
   * ConfigMaps and Secrets that programs read by a fixed name: never hashed unless annotated cmhash.dev/hash: "true".
   */
  pinned?: Pinned[]
  /**
   * ConfigMaps and Secrets that exist outside these manifests (made by hand, by Vault or External Secrets, by a controller at run time): a reference to one is not MISSING_REFERENCE, and one in the input keeps its name.
   */
  external?: External[]
  /**
   * What each warning code does: error fails the build (as with an error), warn reports it (the default), ignore drops it. The same as --warning CODE=LEVEL, which wins.
   */
  warnings?: {
    MISSING_REFERENCE?: WarningLevel
    PINNED?: WarningLevel
    AMBIGUOUS_REFERENCE?: WarningLevel
    NOT_A_RESOURCE?: WarningLevel
    IMMUTABLE_OVERRIDDEN?: WarningLevel
    EMPTY_INPUT?: WarningLevel
    ANNOTATION_OVERRIDDEN?: WarningLevel
    POSSIBLE_REFERENCE?: WarningLevel
    RECREATE_REQUIRED?: WarningLevel
    UNREFERENCED?: WarningLevel
    INCOMPLETE_LIVE_STATE?: WarningLevel
  }
  /**
   * ConfigMaps made from files, env files and literals, as kustomize's configMapGenerator makes them (same fields, same names). Paths are relative to this file and may not leave its directory.
   */
  configMapGenerator?: ConfigMapGenerator[]
  /**
   * Secrets made from files, env files and literals, as kustomize's secretGenerator makes them (same fields, same names). Paths are relative to this file and may not leave its directory.
   */
  secretGenerator?: SecretGenerator[]
  generatorOptions?: GeneratorOptions
}
/**
 * A field of objects of one kind that names a ConfigMap or Secret.
 *
 * This interface was referenced by `CmhashConfig`'s JSON-Schema
 * via the `definition` "Reference".
 */
export interface Reference {
  /**
   * API group of the referring objects (any group when absent).
   */
  group?: string
  /**
   * API version of the referring objects, without the group (any version when absent).
   */
  version?: string
  /**
   * Kind of the referring objects.
   */
  kind: string
  /**
   * Keys from the object's root to the name, separated by /; lists are walked implicitly, a list of names at the end is a list of references; write \/ for a / inside a key and * to match any key.
   */
  path: string
  /**
   * What the name names; with refKindKey, the kind to assume when that key is absent.
   */
  refKind: 'ConfigMap' | 'Secret'
  /**
   * The key beside the name that holds the kind (ConfigMap or Secret), as in Flux valuesFrom: [{kind: ConfigMap, name: x}].
   */
  refKindKey?: string
  /**
   * rewrite (default): the reference follows the rename. pin: a program reads the object by this name, so it keeps its name. creates: a program writes the object under this name at run time; it keeps its name and references to it are not reported missing.
   */
  use?: 'rewrite' | 'pin' | 'creates'
  /**
   * namespaced-name: the value is namespace/name or name.
   */
  format?: 'name' | 'namespaced-name'
  /**
   * The key beside the name that holds the target's namespace.
   */
  namespaceKey?: string
  /**
   * The target may be in any namespace (the only object of that name).
   */
  anyNamespace?: boolean
  /**
   * Why; shown in warnings.
   */
  reason?: string
}
/**
 * This interface was referenced by `CmhashConfig`'s JSON-Schema
 * via the `definition` "Pinned".
 */
export interface Pinned {
  kind: 'ConfigMap' | 'Secret'
  /**
   * The name before hashing.
   */
  name: string
  /**
   * Any namespace when absent.
   */
  namespace?: string
  /**
   * Why; shown in warnings.
   */
  reason?: string
}
/**
 * A ConfigMap or Secret that exists outside the manifests.
 *
 * This interface was referenced by `CmhashConfig`'s JSON-Schema
 * via the `definition` "External".
 */
export interface External {
  kind: 'ConfigMap' | 'Secret'
  /**
   * The name, or a glob: * matches any run of characters, ? one character.
   */
  name: string
  /**
   * The namespace, or a glob; any namespace when absent.
   */
  namespace?: string
  /**
   * Why; shown in warnings.
   */
  reason?: string
}
/**
 * A ConfigMap made from files, env files and literals (kustomize configMapGenerator).
 *
 * This interface was referenced by `CmhashConfig`'s JSON-Schema
 * via the `definition` "ConfigMapGenerator".
 */
export interface ConfigMapGenerator {
  /**
   * The name before hashing (a DNS subdomain name); the object is named name-<hash> unless disableNameSuffixHash.
   */
  name: string
  /**
   * The namespace written in the object (none when absent).
   */
  namespace?: string
  /**
   * Only create (the default). kustomize's merge and replace change an object of a kustomize base; cmhash has no bases, so they are refused.
   */
  behavior?: 'create'
  /**
   * Files whose content becomes one key each: path (the key is the file name) or key=path. Text that is valid UTF-8 goes to data, anything else to binaryData (ConfigMaps).
   */
  files?: string[]
  /**
   * Env files: one KEY=value per line; blank lines and lines starting with # are skipped; nothing is unquoted or expanded.
   */
  envs?: string[]
  /**
   * One env file (kustomize's older spelling of envs).
   */
  env?: string
  /**
   * KEY=value entries; one pair of surrounding quotes (" or ') is removed from the value.
   */
  literals?: string[]
  options?: GeneratorOptions
}
/**
 * Options of generated objects; at the top level (generatorOptions) they apply to every generator, whose own options win for the same label or annotation.
 *
 * This interface was referenced by `CmhashConfig`'s JSON-Schema
 * via the `definition` "GeneratorOptions".
 */
export interface GeneratorOptions {
  /**
   * Labels to write on the object.
   */
  labels?: {
    [k: string]: string
  }
  /**
   * Annotations to write on the object.
   */
  annotations?: {
    [k: string]: string
  }
  /**
   * Keep the name as written: the object is annotated cmhash.dev/hash: "false", so it is not hashed, renamed or made immutable. True at either level wins.
   */
  disableNameSuffixHash?: boolean
  /**
   * Write immutable: true (hashed objects are made immutable anyway). True at either level wins.
   */
  immutable?: boolean
}
/**
 * A Secret made from files, env files and literals (kustomize secretGenerator). Values are base64-encoded into data; stringData is never written.
 *
 * This interface was referenced by `CmhashConfig`'s JSON-Schema
 * via the `definition` "SecretGenerator".
 */
export interface SecretGenerator {
  /**
   * The name before hashing (a DNS subdomain name); the object is named name-<hash> unless disableNameSuffixHash.
   */
  name: string
  /**
   * The namespace written in the object (none when absent).
   */
  namespace?: string
  /**
   * Only create (the default). kustomize's merge and replace change an object of a kustomize base; cmhash has no bases, so they are refused.
   */
  behavior?: 'create'
  /**
   * Files whose content becomes one key each: path (the key is the file name) or key=path. Text that is valid UTF-8 goes to data, anything else to binaryData (ConfigMaps).
   */
  files?: string[]
  /**
   * Env files: one KEY=value per line; blank lines and lines starting with # are skipped; nothing is unquoted or expanded.
   */
  envs?: string[]
  /**
   * One env file (kustomize's older spelling of envs).
   */
  env?: string
  /**
   * KEY=value entries; one pair of surrounding quotes (" or ') is removed from the value.
   */
  literals?: string[]
  options?: GeneratorOptions
  /**
   * The Secret type (default Opaque), e.g. kubernetes.io/tls.
   */
  type?: string
}
