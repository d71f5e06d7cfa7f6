// Presets: Argo: Rollouts, CD and Workflows.
import type { Preset, ReferenceSpec, TargetKind } from '../../types.js'
import { ref, containerFieldsAt, pins, external, FOLLOWS, type Use } from './define.js'

// --- internal ---

const ARGO = ['argoproj.io']

export const argoRollouts: Preset = {
  name: 'argo-rollouts',
  description: 'Argo Rollouts: Rollout and Experiment pod templates (found by shape), AnalysisTemplate secret args, and the controller\'s fixed-name settings.',
  references: [
    ...['AnalysisTemplate', 'ClusterAnalysisTemplate'].map(kind =>
      ref(kind, ARGO, 'spec/args/valueFrom/secretKeyRef/name', 'Secret', 'rewrite', `${FOLLOWS} when it creates an AnalysisRun`,
        { keyPath: 'key', ...(kind === 'ClusterAnalysisTemplate' ? { anyNamespace: true } : {}) })),
  ],
  pinned: [
    { kind: 'ConfigMap', name: 'argo-rollouts-config', reason: 'the Argo Rollouts controller reads its settings from this fixed name' },
    { kind: 'ConfigMap', name: 'argo-rollouts-notification-configmap', reason: 'the Argo Rollouts controller reads its notification settings from this fixed name' },
    { kind: 'Secret', name: 'argo-rollouts-notification-secret', reason: 'the Argo Rollouts controller reads its notification credentials from this fixed name' },
  ],
  external: [],
}

export const argoCd: Preset = {
  name: 'argo-cd',
  description: 'Argo CD: its settings ConfigMaps and Secrets, which its components and CLI read and write by fixed names.',
  references: [],
  pinned: [
    ...['argocd-cm', 'argocd-rbac-cm', 'argocd-ssh-known-hosts-cm', 'argocd-tls-certs-cm', 'argocd-gpg-keys-cm', 'argocd-notifications-cm']
      .map(name => ({ kind: 'ConfigMap' as const, name, reason: 'Argo CD reads (and its CLI writes) this ConfigMap by its fixed name' })),
    ...['argocd-secret', 'argocd-notifications-secret']
      .map(name => ({ kind: 'Secret' as const, name, reason: 'Argo CD reads (and writes) this Secret by its fixed name' })),
  ],
  external: external('Secret', ['argocd-redis'],
    'the secret-init init container of argocd-redis creates it (argocd admin redis-initial-password), and Argo CD reads it by this name'),
}

const ARGO_WORKFLOW_KINDS = [['Workflow', 'spec'], ['WorkflowTemplate', 'spec'], ['ClusterWorkflowTemplate', 'spec'], ['CronWorkflow', 'spec/workflowSpec']] as const

const ARGO_WF_FOLLOWS = `the workflow controller ${FOLLOWS} when it runs the workflow`

/** The references of an Argo workflow spec at `at` (a Workflow's spec, a CronWorkflow's spec.workflowSpec). */
function argoWorkflowSpec(kind: string, at: string): ReferenceSpec[] {
  const scope = kind === 'ClusterWorkflowTemplate' ? { anyNamespace: true } : {}
  const r = (path: string, target: TargetKind, use: Use = 'rewrite', reason = ARGO_WF_FOLLOWS, extra: Partial<ReferenceSpec> = {}) =>
    ref(kind, ARGO, `${at}/${path}`, target, use, reason, { ...scope, ...extra })
  const templates = ['templates', 'templateDefaults']
  // Artifacts are in a template's inputs/outputs, in arguments, and in the arguments of steps and DAG tasks.
  const artifactLists = ['arguments/artifacts', ...templates.flatMap(t => [`${t}/*/artifacts`, `${t}/steps/arguments/artifacts`, `${t}/dag/tasks/arguments/artifacts`])]
  const parameterLists = ['arguments/parameters', ...templates.flatMap(t => [`${t}/inputs/parameters`, `${t}/steps/arguments/parameters`, `${t}/dag/tasks/arguments/parameters`])]
  return [
    ...templates.flatMap(t => ['container', 'script', 'initContainers', 'sidecars', 'containerSet/containers']
      .flatMap(c => containerFieldsAt(kind, ARGO, `${at}/${t}/${c}`, `${ARGO_WF_FOLLOWS}: it copies the container into the pod it makes`, scope))),
    r('imagePullSecrets/name', 'Secret'),
    ...artifactLists.flatMap(list => [
      r(`${list}/*/*Secret/name`, 'Secret', 'rewrite', ARGO_WF_FOLLOWS, { keyPath: 'key' }),
      r(`${list}/http/auth/*/*Secret/name`, 'Secret', 'rewrite', ARGO_WF_FOLLOWS, { keyPath: 'key' }),
      r(`${list}/s3/encryptionOptions/serverSideCustomerKeySecret/name`, 'Secret', 'rewrite', ARGO_WF_FOLLOWS, { keyPath: 'key' }),
      r(`${list}/hdfs/krbConfigConfigMap/name`, 'ConfigMap', 'rewrite', ARGO_WF_FOLLOWS, { keyPath: 'key' }),
    ]),
    ...parameterLists.map(list => r(`${list}/valueFrom/configMapKeyRef/name`, 'ConfigMap', 'rewrite', ARGO_WF_FOLLOWS, { keyPath: 'key' })),
    r('artifactRepositoryRef/configMap', 'ConfigMap', 'rewrite', ARGO_WF_FOLLOWS, { keyPath: 'key' }),
    ...['synchronization', 'templates/synchronization'].map(s =>
      r(`${s}/semaphore*/configMapKeyRef/name`, 'ConfigMap', 'pin',
        'the workflow controller names each semaphore after this ConfigMap and key, and updates its limit when the ConfigMap changes: a new name would be a new semaphore, not shared with running workflows',
        { keyPath: 'key' })),
    r('templates/memoize/cache/configMap/name', 'ConfigMap', 'creates', 'the workflow controller writes its memoization cache into this ConfigMap, by this name'),
  ]
}

export const argoWorkflows: Preset = {
  name: 'argo-workflows',
  description: 'Argo Workflows: Workflow, WorkflowTemplate, ClusterWorkflowTemplate and CronWorkflow templates\' containers, artifact credentials, parameters from ConfigMaps and artifact repositories (volumes are found by shape); the controller\'s and server\'s fixed names pinned.',
  references: ARGO_WORKFLOW_KINDS.flatMap(([kind, at]) => argoWorkflowSpec(kind, at)),
  pinned: [
    ...pins('ConfigMap', ['workflow-controller-configmap'], 'the workflow controller reads its configuration from the name given in its --configmap flag (this name by default)'),
    ...pins('ConfigMap', ['artifact-repositories'], 'a workflow without artifactRepositoryRef.configMap reads its artifact repository from this fixed name'),
    ...pins('Secret', ['argo-workflows-webhook-clients'], 'the Argo Server reads its webhook clients from this fixed name'),
    ...pins('Secret', ['argo-server-sso'], 'the Argo Server reads its SSO credentials from the name given in workflow-controller-configmap, which no reference table can rewrite'),
  ],
  external: [],
}
