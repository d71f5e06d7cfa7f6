// Reference locations, fixed names and objects made at run time of popular
// operators, on by default. Each entry is either a reference cmhash may
// rewrite (the operator reads the name from the field, so a new name is
// simply followed), a reader by name that pins the object (the operator
// reads or writes a fixed name, or derives paths from it), or an object that
// exists without being in the manifests (created at run time). The reason
// for each decision is recorded with it.
//
// Mutability: every field below may change on a live object (the projects'
// CRDs carry no `self == oldSelf` rule on them, and their webhooks accept
// the change) unless the entry says `mutable: false`; where a whole object
// cannot change once it runs (a Workflow, a TaskRun), refs/effects.ts says so
// by kind.
import type { ExternalName, PinnedName, Preset, ReferenceSpec, TargetKind } from '../types.js'
import { fieldSpec, POD_SPEC_FIELDS } from './pod-spec-fields.js'

type Use = ReferenceSpec['use']

function ref(kind: string, groups: readonly string[], path: string, target: ReferenceSpec['target'], use: Use, reason: string,
  extra: Partial<ReferenceSpec> = {}): ReferenceSpec {
  return { on: { kind, groups }, path, target, use, reason, mutable: true, ...extra }
}

/** The pod-spec fields of a custom resource whose spec is copied into a pod spec by its operator. */
function podSpecFieldsAt(kind: string, groups: readonly string[], at: string, reason: string): ReferenceSpec[] {
  return POD_SPEC_FIELDS.map(f => ({ on: { kind, groups }, path: `${at}/${f.path}`, ...fieldSpec(f), reason }))
}

/** The env and envFrom fields of a container (or a list of them) at `at`, for containers outside a pod spec (Argo, Tekton steps). */
function containerFieldsAt(kind: string, groups: readonly string[], at: string, reason: string, extra: Partial<ReferenceSpec> = {}): ReferenceSpec[] {
  return POD_SPEC_FIELDS.filter(f => f.path.startsWith('containers/'))
    .map(f => ({ on: { kind, groups }, path: `${at}/${f.path.slice('containers/'.length)}`, ...fieldSpec(f), reason, ...extra }))
}

function pins(kind: TargetKind, names: readonly string[], reason: string, namespaces: readonly (string | undefined)[] = [undefined]): PinnedName[] {
  return names.flatMap(name => namespaces.map(namespace => ({ kind, name, reason, ...(namespace !== undefined ? { namespace } : {}) })))
}

function external(kind: TargetKind, names: readonly string[], reason: string, namespace?: string): ExternalName[] {
  return names.map(name => ({ kind, name, reason, ...(namespace !== undefined ? { namespace } : {}) }))
}

const ARGO = ['argoproj.io']
const MONITORING = ['monitoring.coreos.com']
const FLUX_HELM = ['helm.toolkit.fluxcd.io']
const FLUX_KUSTOMIZE = ['kustomize.toolkit.fluxcd.io']
const FLUX_SOURCE = ['source.toolkit.fluxcd.io']
const FLUX_NOTIFICATION = ['notification.toolkit.fluxcd.io']
const KEDA = ['keda.sh']
const ESO = ['external-secrets.io']
const CERT_MANAGER = ['cert-manager.io']
const GATEWAY = ['gateway.networking.k8s.io']
const ISTIO = ['networking.istio.io']
const TRAEFIK = ['traefik.io', 'traefik.containo.us']
const NETWORKING = ['networking.k8s.io', 'extensions']

const FOLLOWS = 'the operator reads the name from this field, so it follows a rename'

const argoRollouts: Preset = {
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

const argoCd: Preset = {
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

const KNATIVE_CONFIG = ['config-autoscaler', 'config-certmanager', 'config-defaults', 'config-deployment', 'config-domain', 'config-features',
  'config-gc', 'config-leader-election', 'config-logging', 'config-network', 'config-observability', 'config-tracing']

const knative: Preset = {
  name: 'knative',
  description: 'Knative Serving: Service and Configuration pod templates (spec.template.spec), found by shape; the config-* ConfigMaps in knative-serving, which every component watches by name, pinned.',
  references: [],
  pinned: pins('ConfigMap', KNATIVE_CONFIG,
    'every Knative Serving component watches this ConfigMap by its fixed name (some through CONFIG_*_NAME env values, which are names too)', ['knative-serving']),
  external: [],
}

const prometheusOperator: Preset = {
  name: 'prometheus-operator',
  description: 'Prometheus Operator: secret key selectors in Prometheus, Alertmanager, ThanosRuler and monitors; configMaps/secrets lists pinned, because the operator mounts them at paths made of their names.',
  references: [
    ...['Prometheus', 'PrometheusAgent', 'Alertmanager', 'ThanosRuler'].flatMap(kind =>
      podSpecFieldsAt(kind, MONITORING, 'spec', `the operator copies these pod-spec fields into the StatefulSet it creates, so ${FOLLOWS}`)),
    ...['Prometheus', 'PrometheusAgent', 'Alertmanager'].flatMap(kind => [
      ref(kind, MONITORING, 'spec/configMaps', 'ConfigMap', 'pin', `the operator mounts each at /etc/${kind === 'Alertmanager' ? 'alertmanager' : 'prometheus'}/configmaps/<name>: renaming would move the files the configuration points at`),
      ref(kind, MONITORING, 'spec/secrets', 'Secret', 'pin', `the operator mounts each at /etc/${kind === 'Alertmanager' ? 'alertmanager' : 'prometheus'}/secrets/<name>: renaming would move the files the configuration points at`),
    ]),
    ...['additionalScrapeConfigs', 'additionalAlertManagerConfigs', 'additionalAlertRelabelConfigs', 'thanos/objectStorageConfig', 'thanos/tracingConfig']
      .map(field => ref('Prometheus', MONITORING, `spec/${field}/name`, 'Secret', 'rewrite', FOLLOWS)),
    ref('Alertmanager', MONITORING, 'spec/configSecret', 'Secret', 'rewrite',
      `${FOLLOWS} (left empty it defaults to alertmanager-<name>, a fixed name, which nothing here can reference)`),
    ...['objectStorageConfig', 'alertmanagersConfig', 'queryConfig', 'tracingConfig']
      .map(field => ref('ThanosRuler', MONITORING, `spec/${field}/name`, 'Secret', 'rewrite', FOLLOWS)),
    ...([['ServiceMonitor', 'endpoints'], ['PodMonitor', 'podMetricsEndpoints'], ['Probe', 'prober']] as const).flatMap(([kind, list]) => [
      ...['bearerTokenSecret/name', 'basicAuth/username/name', 'basicAuth/password/name', 'tlsConfig/ca/secret/name', 'tlsConfig/cert/secret/name',
        'tlsConfig/keySecret/name', 'authorization/credentials/name', 'oauth2/clientSecret/name', 'oauth2/clientId/secret/name']
        .map(p => ref(kind, MONITORING, `spec/${list}/${p}`, 'Secret', 'rewrite', FOLLOWS)),
      ...['tlsConfig/ca/configMap/name', 'tlsConfig/cert/configMap/name', 'oauth2/clientId/configMap/name']
        .map(p => ref(kind, MONITORING, `spec/${list}/${p}`, 'ConfigMap', 'rewrite', FOLLOWS)),
    ]),
  ],
  pinned: [],
  external: [],
}

const flux: Preset = {
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

const keda: Preset = {
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

const externalSecrets: Preset = {
  name: 'external-secrets',
  description: 'External Secrets: the Secret an ExternalSecret creates is written by the operator under spec.target.name, so it is never renamed; template sources and store credentials are followed.',
  references: [
    ref('ExternalSecret', ESO, 'spec/target/name', 'Secret', 'creates',
      'the External Secrets operator writes this Secret under this name (when spec.target.name is absent it uses the ExternalSecret\'s own name, which cmhash does not see)'),
    ref('ExternalSecret', ESO, 'spec/target/template/templateFrom/configMap/name', 'ConfigMap', 'rewrite', FOLLOWS),
    ref('ExternalSecret', ESO, 'spec/target/template/templateFrom/secret/name', 'Secret', 'rewrite', FOLLOWS),
    ...['SecretStore', 'ClusterSecretStore'].flatMap(kind =>
      ['spec/provider/*/auth/secretRef/*/name', 'spec/provider/*/auth/*SecretRef/name', 'spec/provider/*/auth/*/secretRef/name', 'spec/provider/*/auth/*/*SecretRef/name']
        .map(path => ref(kind, ESO, path, 'Secret', 'rewrite', FOLLOWS, { namespaceKey: 'namespace' }))),
  ],
  pinned: [],
  external: [],
}

const CERT_MANAGER_ANNOTATIONS = ['cert-manager.io/issuer', 'cert-manager.io/cluster-issuer']
const ISSUER_SECRETS = [
  ['spec/ca/secretName', 'pin', 'cert-manager reads the CA key pair by this name; it is usually written by a Certificate'],
  ['spec/acme/privateKeySecretRef/name', 'creates', 'cert-manager writes the ACME account key under this name'],
  ['spec/acme/externalAccountBinding/keySecretRef/name', 'pin', 'cert-manager reads it by name on every ACME registration'],
  ['spec/acme/solvers/dns01/*/*SecretRef/name', 'pin', 'cert-manager reads DNS provider credentials by name while solving challenges'],
  ['spec/vault/auth/tokenSecretRef/name', 'pin', 'cert-manager reads Vault credentials by name'],
  ['spec/vault/auth/appRole/secretRef/name', 'pin', 'cert-manager reads Vault credentials by name'],
  ['spec/vault/auth/kubernetes/secretRef/name', 'pin', 'cert-manager reads Vault credentials by name'],
  ['spec/vault/caBundleSecretRef/name', 'pin', 'cert-manager reads the Vault CA bundle by name'],
  ['spec/venafi/tpp/credentialsRef/name', 'pin', 'cert-manager reads Venafi credentials by name'],
  ['spec/venafi/cloud/apiTokenSecretRef/name', 'pin', 'cert-manager reads Venafi credentials by name'],
] as const

const certManager: Preset = {
  name: 'cert-manager',
  description: 'cert-manager: Secrets it writes (Certificate spec.secretName, ACME keys, TLS Secrets of annotated Ingresses and Gateways) and Secrets its issuers read are never renamed.',
  references: [
    ref('Certificate', CERT_MANAGER, 'spec/secretName', 'Secret', 'creates', 'cert-manager writes the certificate into this Secret, by this name'),
    ref('Certificate', CERT_MANAGER, 'spec/keystores/*/passwordSecretRef/name', 'Secret', 'pin', 'cert-manager reads the keystore password by name'),
    ...['Issuer', 'ClusterIssuer'].flatMap(kind => ISSUER_SECRETS.map(([path, use, reason]) =>
      ref(kind, CERT_MANAGER, path, 'Secret', use, reason, kind === 'ClusterIssuer' ? { anyNamespace: true } : {}))),
    ref('Ingress', NETWORKING, 'spec/tls/secretName', 'Secret', 'creates',
      'cert-manager\'s ingress-shim writes the TLS Secret of an Ingress annotated with an issuer', { whenAnnotated: CERT_MANAGER_ANNOTATIONS }),
    ref('Gateway', GATEWAY, 'spec/listeners/tls/certificateRefs/name', { key: 'kind', default: 'Secret', groupKey: 'group' }, 'creates',
      'cert-manager\'s gateway-shim writes the TLS Secrets of a Gateway annotated with an issuer',
      { whenAnnotated: CERT_MANAGER_ANNOTATIONS, namespaceKey: 'namespace' }),
  ],
  pinned: [],
  external: external('Secret', ['cert-manager-webhook-ca'],
    'the cert-manager webhook creates its serving CA under this name (--dynamic-serving-ca-secret-name)'),
}

const gatewayApi: Preset = {
  name: 'gateway-api',
  description: 'Gateway API: Gateway listener certificateRefs and BackendTLSPolicy CA certificate refs (kind given beside the name).',
  references: [
    ref('Gateway', GATEWAY, 'spec/listeners/tls/certificateRefs/name', { key: 'kind', default: 'Secret', groupKey: 'group' }, 'rewrite', `the gateway controller ${FOLLOWS}`, { namespaceKey: 'namespace' }),
    ref('BackendTLSPolicy', GATEWAY, 'spec/validation/caCertificateRefs/name', { key: 'kind', groupKey: 'group' }, 'rewrite', `the gateway controller ${FOLLOWS}`),
  ],
  pinned: [],
  external: [],
}

const istio: Preset = {
  name: 'istio',
  description: 'Istio: Gateway and DestinationRule credentialName (looked up in the gateway workload\'s namespace), and istiod\'s fixed-name configuration.',
  references: [
    ref('Gateway', ISTIO, 'spec/servers/tls/credentialName', 'Secret', 'rewrite',
      'the gateway reads the Secret named here, from the namespace the gateway workload runs in', { anyNamespace: true }),
    ref('DestinationRule', ISTIO, 'spec/trafficPolicy/tls/credentialName', 'Secret', 'rewrite', FOLLOWS),
    ref('DestinationRule', ISTIO, 'spec/trafficPolicy/portLevelSettings/tls/credentialName', 'Secret', 'rewrite', FOLLOWS),
  ],
  pinned: [
    { kind: 'ConfigMap', name: 'istio', reason: 'istiod reads the mesh configuration from this fixed name' },
    { kind: 'ConfigMap', name: 'istio-sidecar-injector', reason: 'the sidecar injector reads its template from this fixed name' },
    { kind: 'Secret', name: 'cacerts', reason: 'istiod reads a plugged-in CA from this fixed name' },
    { kind: 'Secret', name: 'istio-ca-secret', reason: 'istiod writes and reads its self-signed CA under this fixed name' },
  ],
  external: external('ConfigMap', ['istio-ca-root-cert'], 'istiod writes the mesh\'s root certificate under this name into every namespace it manages'),
}

const traefik: Preset = {
  name: 'traefik',
  description: 'Traefik: IngressRoute TLS Secrets, TLSStore default certificates, TLSOption client CAs, basic/digest auth Secrets.',
  references: [
    ref('IngressRoute', TRAEFIK, 'spec/tls/secretName', 'Secret', 'rewrite', `Traefik ${FOLLOWS}`),
    ref('IngressRouteTCP', TRAEFIK, 'spec/tls/secretName', 'Secret', 'rewrite', `Traefik ${FOLLOWS}`),
    ref('TLSStore', TRAEFIK, 'spec/defaultCertificate/secretName', 'Secret', 'rewrite', `Traefik ${FOLLOWS}`),
    ref('TLSOption', TRAEFIK, 'spec/clientAuth/secretNames', 'Secret', 'rewrite', `Traefik ${FOLLOWS}`),
    ref('Middleware', TRAEFIK, 'spec/basicAuth/secret', 'Secret', 'rewrite', `Traefik ${FOLLOWS}`),
    ref('Middleware', TRAEFIK, 'spec/digestAuth/secret', 'Secret', 'rewrite', `Traefik ${FOLLOWS}`),
  ],
  pinned: [],
  external: [],
}

const linkerd: Preset = {
  name: 'linkerd',
  description: 'Linkerd: the identity issuer Secret, trust-roots ConfigMap and linkerd-config, which the linkerd CLI reads by fixed name; a multicluster Link\'s credentials Secret is followed.',
  references: [
    ref('Link', ['multicluster.linkerd.io'], 'spec/clusterCredentialsSecret', 'Secret', 'rewrite', `the service mirror controller ${FOLLOWS}`),
  ],
  pinned: [
    ...pins('Secret', ['linkerd-identity-issuer'],
      'linkerd check and linkerd upgrade read the issuer certificate from this fixed name (the chart requires it: "Issuer certificates must live in a Secret named linkerd-identity-issuer")'),
    ...pins('ConfigMap', ['linkerd-identity-trust-roots'],
      'linkerd check and proxies injected into control-plane pods read the trust anchors from this fixed name'),
    ...pins('ConfigMap', ['linkerd-config'], 'the linkerd CLI, the heartbeat CronJob and the extensions read the control plane\'s values from this fixed name'),
  ],
  external: [],
}

const NGINX_INC = ['k8s.nginx.org']
const NGINX_FOLLOWS = `NGINX Ingress Controller ${FOLLOWS} (in the resource's own namespace)`

const nginxInc: Preset = {
  name: 'nginx-inc',
  description: 'NGINX Ingress Controller (NGINX Inc / F5, k8s.nginx.org): VirtualServer and TransportServer TLS Secrets, Policy Secrets, the nginx.org Ingress annotations; its ConfigMaps named in its flags pinned.',
  references: [
    ...['VirtualServer', 'TransportServer'].map(kind => ref(kind, NGINX_INC, 'spec/tls/secret', 'Secret', 'rewrite', NGINX_FOLLOWS)),
    ref('VirtualServer', NGINX_INC, 'spec/tls/secret', 'Secret', 'creates',
      'with spec.tls.cert-manager, cert-manager writes this Secret under this name', { where: { key: 'cert-manager' } }),
    ...['jwt/secret', 'basicAuth/secret', 'ingressMTLS/clientCertSecret', 'egressMTLS/tlsSecret', 'egressMTLS/trustedCertSecret', 'oidc/clientSecret', 'apiKey/clientSecret']
      .map(path => ref('Policy', NGINX_INC, `spec/${path}`, 'Secret', 'rewrite', NGINX_FOLLOWS)),
    ...['nginx.org/basic-auth-secret', 'nginx.com/jwt-key'].map(key =>
      ref('Ingress', NETWORKING, `metadata/annotations/${key.replaceAll('/', '\\/')}`, 'Secret', 'rewrite', NGINX_FOLLOWS)),
    ref('ConfigMap', [''], 'data/license-token-secret-name', 'Secret', 'pin', 'NGINX Plus reads its license token from the Secret named here'),
  ],
  pinned: [
    ...pins('ConfigMap', ['nginx-config'], 'the controller reads its configuration from the name given in its -nginx-configmaps flag ($(POD_NAMESPACE)/nginx-config), which no reference table can rewrite'),
    ...pins('ConfigMap', ['nginx-config-mgmt'], 'NGINX Plus reads its usage-reporting settings from the name given in its -mgmt-configmap flag'),
  ],
  external: [],
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

const argoWorkflows: Preset = {
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

const JAEGER = ['jaegertracing.io']
const JAEGER_COMPONENTS = ['agent', 'allInOne', 'collector', 'ingester', 'query', 'ingress', 'storage/dependencies', 'storage/esIndexCleaner', 'storage/esRollover']
const JAEGER_FOLLOWS = `the Jaeger operator ${FOLLOWS} into the pods it makes`

const jaeger: Preset = {
  name: 'jaeger',
  description: 'Jaeger operator (jaegertracing.io): storage and Kafka Secrets, ingress TLS Secrets, imagePullSecrets of the instance and of each component (volumes are found by shape).',
  references: [
    ref('Jaeger', JAEGER, 'spec/storage/secretName', 'Secret', 'rewrite', `${JAEGER_FOLLOWS} (as envFrom of the storage components)`),
    ...['collector', 'ingester'].map(c => ref('Jaeger', JAEGER, `spec/${c}/kafkaSecretName`, 'Secret', 'rewrite', JAEGER_FOLLOWS)),
    ref('Jaeger', JAEGER, 'spec/ingress/secretName', 'Secret', 'rewrite', JAEGER_FOLLOWS),
    ref('Jaeger', JAEGER, 'spec/ingress/tls/secretName', 'Secret', 'rewrite', JAEGER_FOLLOWS),
    ...['', ...JAEGER_COMPONENTS.map(c => `${c}/`)].map(c => ref('Jaeger', JAEGER, `spec/${c}imagePullSecrets/name`, 'Secret', 'rewrite', JAEGER_FOLLOWS)),
  ],
  pinned: [],
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

const tekton: Preset = {
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

const ingressNginx: Preset = {
  name: 'ingress-nginx',
  description: 'ingress-nginx (kubernetes/ingress-nginx): the admission webhook\'s certificate Secret, which its admission Job creates. Its Ingress annotations are in the built-in table.',
  references: [],
  pinned: [],
  external: external('Secret', ['ingress-nginx-admission'],
    'the ingress-nginx-admission-create Job writes it (kube-webhook-certgen create --secret-name=ingress-nginx-admission)'),
}

const CONTOUR = ['projectcontour.io']
const contour: Preset = {
  name: 'contour',
  description: 'Contour: HTTPProxy TLS and client-validation Secrets (namespace/name allowed), TLSCertificateDelegation; the certificates its certgen Job writes.',
  references: [
    ...['virtualhost/tls/secretName', 'virtualhost/tls/clientValidation/caSecret', 'virtualhost/tls/clientValidation/crlSecret'].map(path =>
      ref('HTTPProxy', CONTOUR, `spec/${path}`, 'Secret', 'rewrite', `Contour ${FOLLOWS}`, { format: 'namespaced-name' })),
    ref('TLSCertificateDelegation', CONTOUR, 'spec/delegations/secretName', 'Secret', 'rewrite', `Contour ${FOLLOWS}`),
  ],
  pinned: [],
  external: external('Secret', ['contourcert', 'envoycert'],
    'the contour-certgen Job writes it (contour certgen --kube --incluster --overwrite)'),
}

const ROOK = ['ceph.rook.io']
const ROOK_CREATES = 'the Rook operator creates it when it sets up the cluster'
const rook: Preset = {
  name: 'rook',
  description: 'Rook Ceph: the mon and CSI Secrets and ConfigMaps its operator creates, the operator\'s settings ConfigMap, CephClient Secrets, object-store volume mounts.',
  references: [
    ref('CephClient', ROOK, 'spec/secretName', 'Secret', 'creates', 'the Rook operator writes the client\'s key into this Secret, by this name (and the field cannot change: CEL self == oldSelf)',
      { mutable: false }),
    ref('CephObjectStore', ROOK, 'spec/gateway/additionalVolumeMounts/volumeSource/configMap/name', 'ConfigMap', 'rewrite', `the Rook operator ${FOLLOWS} into the RGW pods`,
      { keyPath: 'items/key' }),
    ref('CephObjectStore', ROOK, 'spec/gateway/additionalVolumeMounts/volumeSource/secret/secretName', 'Secret', 'rewrite', `the Rook operator ${FOLLOWS} into the RGW pods`,
      { keyPath: 'items/key' }),
  ],
  pinned: pins('ConfigMap', ['rook-ceph-operator-config'], 'the Rook operator reads its settings from this fixed name'),
  external: [
    ...external('Secret', ['rook-ceph-mon', 'rook-csi-rbd-provisioner', 'rook-csi-rbd-node', 'rook-csi-cephfs-provisioner', 'rook-csi-cephfs-node'], ROOK_CREATES),
    ...external('ConfigMap', ['rook-ceph-mon-endpoints', 'rook-config-override'], ROOK_CREATES),
  ],
}

const secretsStoreCsiDriver: Preset = {
  name: 'secrets-store-csi-driver',
  description: 'Secrets Store CSI Driver: the Secrets a SecretProviderClass syncs (spec.secretObjects[].secretName), which the driver writes when a pod mounts the class.',
  references: [
    ref('SecretProviderClass', ['secrets-store.csi.x-k8s.io'], 'spec/secretObjects/secretName', 'Secret', 'creates',
      'the driver writes this Secret, under this name, when a pod mounts the class'),
  ],
  pinned: [],
  external: [],
}

const sealedSecrets: Preset = {
  name: 'sealed-secrets',
  description: 'Sealed Secrets: the Secret a SealedSecret unseals into, named after it (or spec.template.metadata.name).',
  references: [
    ...['metadata/name', 'spec/template/metadata/name'].map(path => ref('SealedSecret', ['bitnami.com'], path, 'Secret', 'creates',
      'the sealed-secrets controller writes the unsealed Secret under this name')),
  ],
  pinned: [],
  external: [],
}

const GRAFANA = ['grafana.integreatly.org']
const GRAFANA_FOLLOWS = `the Grafana operator ${FOLLOWS}`
const grafanaOperator: Preset = {
  name: 'grafana-operator',
  description: 'Grafana operator: valuesFrom of datasources and contact points, dashboards and library panels from ConfigMaps, TLS Secrets; the token Secrets it writes for GrafanaServiceAccounts.',
  references: [
    ...['GrafanaDatasource', 'GrafanaContactPoint'].flatMap(kind => ['spec/valuesFrom', 'spec/receivers/valuesFrom'].flatMap(list => [
      ref(kind, GRAFANA, `${list}/valueFrom/secretKeyRef/name`, 'Secret', 'rewrite', GRAFANA_FOLLOWS, { keyPath: 'key' }),
      ref(kind, GRAFANA, `${list}/valueFrom/configMapKeyRef/name`, 'ConfigMap', 'rewrite', GRAFANA_FOLLOWS, { keyPath: 'key' }),
    ])),
    ...['GrafanaDashboard', 'GrafanaLibraryPanel'].flatMap(kind => [
      ref(kind, GRAFANA, 'spec/configMapRef/name', 'ConfigMap', 'rewrite', GRAFANA_FOLLOWS, { keyPath: 'key' }),
      ref(kind, GRAFANA, 'spec/envFrom/configMapKeyRef/name', 'ConfigMap', 'rewrite', GRAFANA_FOLLOWS, { keyPath: 'key' }),
      ref(kind, GRAFANA, 'spec/envFrom/secretKeyRef/name', 'Secret', 'rewrite', GRAFANA_FOLLOWS, { keyPath: 'key' }),
      ref(kind, GRAFANA, 'spec/envs/valueFrom/configMapKeyRef/name', 'ConfigMap', 'rewrite', GRAFANA_FOLLOWS, { keyPath: 'key' }),
      ref(kind, GRAFANA, 'spec/envs/valueFrom/secretKeyRef/name', 'Secret', 'rewrite', GRAFANA_FOLLOWS, { keyPath: 'key' }),
      ref(kind, GRAFANA, 'spec/oci/pullSecretRef/name', 'Secret', 'rewrite', GRAFANA_FOLLOWS),
    ]),
    ref('Grafana', GRAFANA, 'spec/ingress/spec/tls/secretName', 'Secret', 'rewrite', `${GRAFANA_FOLLOWS} into the Ingress it makes`),
    ...['client', 'external'].map(at => ref('Grafana', GRAFANA, `spec/${at}/tls/certSecretRef/name`, 'Secret', 'rewrite', GRAFANA_FOLLOWS, { namespaceKey: 'namespace' })),
    ref('GrafanaServiceAccount', GRAFANA, 'spec/tokens/secretName', 'Secret', 'creates', 'the Grafana operator writes the token into this Secret, by this name'),
  ],
  pinned: [],
  external: [],
}

/** Every built-in preset, in the order the config schema lists them. */
export const PRESETS: readonly Preset[] = [
  argoRollouts, argoCd, knative, prometheusOperator, flux, keda, externalSecrets, certManager, gatewayApi, istio, traefik,
  linkerd, nginxInc, argoWorkflows, jaeger, tekton, ingressNginx, contour, rook, secretsStoreCsiDriver, sealedSecrets, grafanaOperator,
]
