// Reference locations and fixed names of popular operators, on by default.
// Each entry is either a reference cmhash may rewrite (the operator reads
// the name from the field, so a new name is simply followed), or a reader by
// name that pins the object (the operator reads or writes a fixed name, or
// derives paths from it). The reason for each decision is recorded with it.
import type { Preset, ReferenceSpec } from '../types.js'
import { POD_SPEC_FIELDS } from './pod-spec-fields.js'

type Use = ReferenceSpec['use']

function ref(kind: string, groups: readonly string[], path: string, target: ReferenceSpec['target'], use: Use, reason: string,
  extra: Partial<ReferenceSpec> = {}): ReferenceSpec {
  return { on: { kind, groups }, path, target, use, reason, ...extra }
}

/** The pod-spec fields of a custom resource whose spec is copied into a pod spec by its operator. */
function podSpecFieldsAt(kind: string, groups: readonly string[], at: string, reason: string): ReferenceSpec[] {
  return POD_SPEC_FIELDS.map(([path, target]) => ref(kind, groups, `${at}/${path}`, target, 'rewrite', reason))
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
        kind === 'ClusterAnalysisTemplate' ? { anyNamespace: true } : {})),
  ],
  pinned: [
    { kind: 'ConfigMap', name: 'argo-rollouts-config', reason: 'the Argo Rollouts controller reads its settings from this fixed name' },
    { kind: 'ConfigMap', name: 'argo-rollouts-notification-configmap', reason: 'the Argo Rollouts controller reads its notification settings from this fixed name' },
    { kind: 'Secret', name: 'argo-rollouts-notification-secret', reason: 'the Argo Rollouts controller reads its notification credentials from this fixed name' },
  ],
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
}

const knative: Preset = {
  name: 'knative',
  description: 'Knative Serving: Service and Configuration pod templates (spec.template.spec), found by shape; listed so that they are tested.',
  references: [],
  pinned: [],
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
}

const gatewayApi: Preset = {
  name: 'gateway-api',
  description: 'Gateway API: Gateway listener certificateRefs and BackendTLSPolicy CA certificate refs (kind given beside the name).',
  references: [
    ref('Gateway', GATEWAY, 'spec/listeners/tls/certificateRefs/name', { key: 'kind', default: 'Secret', groupKey: 'group' }, 'rewrite', `the gateway controller ${FOLLOWS}`, { namespaceKey: 'namespace' }),
    ref('BackendTLSPolicy', GATEWAY, 'spec/validation/caCertificateRefs/name', { key: 'kind', groupKey: 'group' }, 'rewrite', `the gateway controller ${FOLLOWS}`),
  ],
  pinned: [],
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
}

/** Every built-in preset, in the order the config schema lists them. */
export const PRESETS: readonly Preset[] = [
  argoRollouts, argoCd, knative, prometheusOperator, flux, keda, externalSecrets, certManager, gatewayApi, istio, traefik,
]
