// Presets: Gateway API, Istio, Linkerd, Traefik, Contour and the NGINX ingress controllers.
import type { Preset } from '../../types.js'
import { ref, pins, external, FOLLOWS, NETWORKING, GATEWAY } from './define.js'

// --- internal ---

export const gatewayApi: Preset = {
  name: 'gateway-api',
  description: 'Gateway API: Gateway listener certificateRefs and BackendTLSPolicy CA certificate refs (kind given beside the name).',
  references: [
    ref('Gateway', GATEWAY, 'spec/listeners/tls/certificateRefs/name', { key: 'kind', default: 'Secret', groupKey: 'group' }, 'rewrite', `the gateway controller ${FOLLOWS}`, { namespaceKey: 'namespace' }),
    ref('BackendTLSPolicy', GATEWAY, 'spec/validation/caCertificateRefs/name', { key: 'kind', groupKey: 'group' }, 'rewrite', `the gateway controller ${FOLLOWS}`),
  ],
  pinned: [],
  external: [],
}

const ISTIO = ['networking.istio.io']

export const istio: Preset = {
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

const TRAEFIK = ['traefik.io', 'traefik.containo.us']

export const traefik: Preset = {
  name: 'traefik',
  description: 'Traefik: IngressRoute TLS Secrets, TLSStore certificates, TLSOption client CAs, Middleware auth, forwardAuth and rate-limit Redis Secrets, ServersTransport CAs and client certificates.',
  // Every field of Traefik's CRDs (v3, kubernetes-crd-definition-v1.yml)
  // that names a Secret or ConfigMap; Traefik watches them, so it follows.
  references: [
    ...[
      ['IngressRoute', 'spec/tls/secretName'],
      ['IngressRouteTCP', 'spec/tls/secretName'],
      ['TLSStore', 'spec/defaultCertificate/secretName'],
      ['TLSStore', 'spec/certificates/secretName'],
      ['TLSOption', 'spec/clientAuth/secretNames'],
      ['Middleware', 'spec/basicAuth/secret'],
      ['Middleware', 'spec/digestAuth/secret'],
      ['Middleware', 'spec/forwardAuth/tls/caSecret'],
      ['Middleware', 'spec/forwardAuth/tls/certSecret'],
      ['Middleware', 'spec/rateLimit/redis/secret'],
      ['Middleware', 'spec/rateLimit/redis/tls/caSecret'],
      ['Middleware', 'spec/rateLimit/redis/tls/certSecret'],
      ['ServersTransport', 'spec/rootCAs/secret'],
      ['ServersTransport', 'spec/rootCAsSecrets'],
      ['ServersTransport', 'spec/certificatesSecrets'],
      ['ServersTransportTCP', 'spec/tls/rootCAs/secret'],
      ['ServersTransportTCP', 'spec/tls/rootCAsSecrets'],
      ['ServersTransportTCP', 'spec/tls/certificatesSecrets'],
    ].map(([kind, path]) => ref(kind!, TRAEFIK, path!, 'Secret', 'rewrite', `Traefik ${FOLLOWS}`)),
    ref('ServersTransport', TRAEFIK, 'spec/rootCAs/configMap', 'ConfigMap', 'rewrite', `Traefik ${FOLLOWS}`),
    ref('ServersTransportTCP', TRAEFIK, 'spec/tls/rootCAs/configMap', 'ConfigMap', 'rewrite', `Traefik ${FOLLOWS}`),
  ],
  pinned: [],
  external: [],
}

export const linkerd: Preset = {
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

export const nginxInc: Preset = {
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

export const ingressNginx: Preset = {
  name: 'ingress-nginx',
  description: 'ingress-nginx (kubernetes/ingress-nginx): the admission webhook\'s certificate Secret, which its admission Job creates. Its Ingress annotations are in the built-in table.',
  references: [],
  pinned: [],
  external: external('Secret', ['ingress-nginx-admission'],
    'the ingress-nginx-admission-create Job writes it (kube-webhook-certgen create --secret-name=ingress-nginx-admission)'),
}

const CONTOUR = ['projectcontour.io']

export const contour: Preset = {
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
