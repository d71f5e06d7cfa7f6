// Presets: Flux, Knative, Tekton and KEDA.
import type { Preset, ReferenceSpec } from '../../types.js'
import { ref, containerFieldsAt, pins, FOLLOWS } from './define.js'

// --- internal ---

const FLUX_HELM = ['helm.toolkit.fluxcd.io']

const FLUX_KUSTOMIZE = ['kustomize.toolkit.fluxcd.io']

const FLUX_SOURCE = ['source.toolkit.fluxcd.io']

const FLUX_NOTIFICATION = ['notification.toolkit.fluxcd.io']

export const flux: Preset = {
  name: 'flux',
  description: 'Flux: HelmRelease valuesFrom and Kustomization substituteFrom (kind given beside the name), and the secret references of sources and notifications.',
  references: [
    ref('HelmRelease', FLUX_HELM, 'spec/valuesFrom/name', { key: 'kind' }, 'rewrite', `helm-controller ${FOLLOWS}, and reconciles when it changes`),
    ref('HelmRelease', FLUX_HELM, 'spec/kubeConfig/secretRef/name', 'Secret', 'rewrite', FOLLOWS),
    ref('Kustomization', FLUX_KUSTOMIZE, 'spec/postBuild/substituteFrom/name', { key: 'kind' }, 'rewrite', `kustomize-controller ${FOLLOWS}`),
    ref('Kustomization', FLUX_KUSTOMIZE, 'spec/decryption/secretRef/name', 'Secret', 'rewrite', FOLLOWS),
    ref('Kustomization', FLUX_KUSTOMIZE, 'spec/kubeConfig/secretRef/name', 'Secret', 'rewrite', FOLLOWS),
    ...['GitRepository', 'HelmRepository', 'OCIRepository', 'Bucket', 'HelmChart'].flatMap(kind =>
      ['secretRef', 'certSecretRef', 'proxySecretRef', 'verify/secretRef'].map(field =>
        ref(kind, FLUX_SOURCE, `spec/${field}/name`, 'Secret', 'rewrite', FOLLOWS))),
    ...['Provider', 'Receiver', 'Alert'].flatMap(kind => ['secretRef', 'certSecretRef'].map(field =>
      ref(kind, FLUX_NOTIFICATION, `spec/${field}/name`, 'Secret', 'rewrite', FOLLOWS))),
  ],
  pinned: [],
  external: [],
}

const KNATIVE_CONFIG = ['config-autoscaler', 'config-certmanager', 'config-defaults', 'config-deployment', 'config-domain', 'config-features',
  'config-gc', 'config-leader-election', 'config-logging', 'config-network', 'config-observability', 'config-tracing']

// knative/eventing 8cf4c4b config/core/configmaps and in-memory-channel: each read by a
// fixed name (pkg/apis/config/defaults.go, sources/config/ping_defaults.go, sugar/store.go,
// resolver/mapping_resolver.go, messaging/config/channel_defaults.go, knative/pkg's leader
// election and observability; CONFIG_*_NAME env values). Found by the second field test:
// under --select all they were renamed. Not eventing-*-images: read through configMapKeyRef.
const KNATIVE_EVENTING_CONFIG = ['config-br-defaults', 'config-br-default-channel', 'default-ch-webhook', 'config-ping-defaults',
  'config-kreference-mapping', 'config-leader-election', 'config-logging', 'config-observability', 'config-sugar', 'config-tracing',
  'config-features', 'config-imc-event-dispatcher']

export const knative: Preset = {
  name: 'knative',
  description: 'Knative Serving: Service and Configuration pod templates (spec.template.spec), found by shape; the config-* ConfigMaps in knative-serving and knative-eventing, which every component watches by name, pinned.',
  references: [],
  pinned: [
    ...pins('ConfigMap', KNATIVE_CONFIG,
      'every Knative Serving component watches this ConfigMap by its fixed name (some through CONFIG_*_NAME env values, which are names too)', ['knative-serving']),
    ...pins('ConfigMap', KNATIVE_EVENTING_CONFIG,
      'Knative Eventing\'s controllers and webhook watch this ConfigMap by its fixed name (some through CONFIG_*_NAME env values, which are names too)', ['knative-eventing']),
  ],
  external: [],
}

const TEKTON = ['tekton.dev']

const TEKTON_FOLLOWS = `Tekton ${FOLLOWS} into the pod of each run`

const TEKTON_CONFIG = ['feature-flags', 'config-defaults', 'config-events', 'config-logging', 'config-observability', 'config-leader-election-controller',
  'config-leader-election-events', 'config-leader-election-webhook', 'config-registry-cert', 'config-spire', 'config-tracing',
  'config-wait-exponential-backoff', 'pipelines-info']

const TEKTON_RESOLVERS_CONFIG = ['config-logging', 'config-observability', 'config-leader-election-resolvers', 'resolvers-feature-flags',
  'bundleresolver-config', 'cluster-resolver-config', 'git-resolver-config', 'http-resolver-config', 'hubresolver-config', 'resolver-cache-config']

/** A Task spec's steps, sidecars and step template at `at`. */
function tektonTaskSpec(kind: string, at: string): ReferenceSpec[] {
  return ['steps', 'sidecars', 'stepTemplate'].flatMap(c => containerFieldsAt(kind, TEKTON, `${at}/${c}`, TEKTON_FOLLOWS))
}

export const tekton: Preset = {
  name: 'tekton',
  description: 'Tekton Pipelines: steps\' and sidecars\' env of Tasks, TaskRuns, Pipelines and PipelineRuns, pod templates\' imagePullSecrets (volumes and workspaces are found by shape); the config-* ConfigMaps of tekton-pipelines and its resolvers pinned.',
  references: [
    ...['Task', 'ClusterTask'].flatMap(kind => tektonTaskSpec(kind, 'spec')),
    ...tektonTaskSpec('TaskRun', 'spec/taskSpec'),
    ...['tasks', 'finally'].flatMap(list => tektonTaskSpec('Pipeline', `spec/${list}/taskSpec`)),
    ...['tasks', 'finally'].flatMap(list => tektonTaskSpec('PipelineRun', `spec/pipelineSpec/${list}/taskSpec`)),
    ...containerFieldsAt('StepAction', TEKTON, 'spec', TEKTON_FOLLOWS),
    ref('TaskRun', TEKTON, 'spec/podTemplate/imagePullSecrets/name', 'Secret', 'rewrite', TEKTON_FOLLOWS),
    ...['podTemplate', 'taskRunTemplate/podTemplate'].map(p => ref('PipelineRun', TEKTON, `spec/${p}/imagePullSecrets/name`, 'Secret', 'rewrite', TEKTON_FOLLOWS)),
    // A pin, not a rewrite: rewriting a ConfigMap's data would change the content its own hash was made from.
    ref('ConfigMap', [''], 'data/api-token-secret-name', 'Secret', 'pin', 'the git resolver reads the API token from the Secret git-resolver-config names',
      { namespaceKey: 'api-token-secret-namespace' }),
  ],
  pinned: [
    ...pins('ConfigMap', TEKTON_CONFIG, 'Tekton\'s controllers and webhook watch this ConfigMap by its fixed name (some through CONFIG_*_NAME env values)', ['tekton-pipelines']),
    ...pins('ConfigMap', TEKTON_RESOLVERS_CONFIG, 'Tekton\'s resolvers watch this ConfigMap by its fixed name', ['tekton-pipelines-resolvers']),
  ],
  external: [],
}

const KEDA = ['keda.sh']

export const keda: Preset = {
  name: 'keda',
  description: 'KEDA: TriggerAuthentication and ClusterTriggerAuthentication secret and ConfigMap target refs.',
  references: ['TriggerAuthentication', 'ClusterTriggerAuthentication'].flatMap(kind => {
    const scope = kind === 'ClusterTriggerAuthentication'
      ? { anyNamespace: true } // the Secret lives in KEDA's own namespace
      : {}
    return [
      ref(kind, KEDA, 'spec/secretTargetRef/name', 'Secret', 'rewrite', `KEDA ${FOLLOWS}`, scope),
      ref(kind, KEDA, 'spec/configMapTargetRef/name', 'ConfigMap', 'rewrite', `KEDA ${FOLLOWS}`, scope),
    ]
  }),
  pinned: [],
  external: [],
}
