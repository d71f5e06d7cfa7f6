// Presets: External Secrets, cert-manager, Sealed Secrets, the Secrets Store CSI driver and Rook.
import type { Preset } from '../../types.js'
import { ref, pins, external, FOLLOWS, NETWORKING, GATEWAY } from './define.js'

// --- internal ---

const ESO = ['external-secrets.io']

export const externalSecrets: Preset = {
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

const CERT_MANAGER = ['cert-manager.io']

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

export const certManager: Preset = {
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

export const sealedSecrets: Preset = {
  name: 'sealed-secrets',
  description: 'Sealed Secrets: the Secret a SealedSecret unseals into, named after it (or spec.template.metadata.name).',
  references: [
    ...['metadata/name', 'spec/template/metadata/name'].map(path => ref('SealedSecret', ['bitnami.com'], path, 'Secret', 'creates',
      'the sealed-secrets controller writes the unsealed Secret under this name')),
  ],
  pinned: [],
  external: [],
}

export const secretsStoreCsiDriver: Preset = {
  name: 'secrets-store-csi-driver',
  description: 'Secrets Store CSI Driver: the Secrets a SecretProviderClass syncs (spec.secretObjects[].secretName), which the driver writes when a pod mounts the class.',
  references: [
    ref('SecretProviderClass', ['secrets-store.csi.x-k8s.io'], 'spec/secretObjects/secretName', 'Secret', 'creates',
      'the driver writes this Secret, under this name, when a pod mounts the class'),
  ],
  pinned: [],
  external: [],
}

const ROOK = ['ceph.rook.io']

const ROOK_CREATES = 'the Rook operator creates it when it sets up the cluster'

export const rook: Preset = {
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
