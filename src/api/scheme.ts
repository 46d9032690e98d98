// The kinds svcctl knows: group/version, resource names, short names, scope, and where each is
// stored. This is the data kubectl gets from API discovery on a 1.33 cluster.
import { SvcctlError } from '../errors.js';
import type { KubeObject } from './types.js';

export interface ResourceType {
  group: string; // '' for the core group
  versions: string[]; // served versions, preferred first
  kind: string;
  plural: string;
  singular: string;
  shortNames: string[];
  namespaced: boolean;
  /** kube-apiserver's etcd prefix below /registry (services are stored under services/specs). */
  storage: string;
  /** Part of `kubectl get all`. */
  inAll?: boolean;
}

const r = (
  group: string,
  versions: string[],
  kind: string,
  plural: string,
  shortNames: string[],
  namespaced: boolean,
  extra: Partial<ResourceType> = {},
): ResourceType => ({
  group,
  versions,
  kind,
  plural,
  singular: kind.toLowerCase(),
  shortNames,
  namespaced,
  storage: plural,
  ...extra,
});

export const RESOURCES: ResourceType[] = [
  r('', ['v1'], 'Namespace', 'namespaces', ['ns'], false),
  r('', ['v1'], 'Node', 'nodes', ['no'], false, { storage: 'minions' }),
  r('', ['v1'], 'Pod', 'pods', ['po'], true, { inAll: true }),
  r('', ['v1'], 'Service', 'services', ['svc'], true, { storage: 'services/specs', inAll: true }),
  r('', ['v1'], 'Endpoints', 'endpoints', ['ep'], true, { storage: 'services/endpoints', singular: 'endpoints' }),
  r('', ['v1'], 'ConfigMap', 'configmaps', ['cm'], true),
  r('', ['v1'], 'Secret', 'secrets', [], true),
  r('', ['v1'], 'ServiceAccount', 'serviceaccounts', ['sa'], true),
  r('', ['v1'], 'PersistentVolumeClaim', 'persistentvolumeclaims', ['pvc'], true),
  r('', ['v1'], 'PersistentVolume', 'persistentvolumes', ['pv'], false),
  r('', ['v1'], 'ReplicationController', 'replicationcontrollers', ['rc'], true, {
    storage: 'controllers',
    inAll: true,
  }),
  r('', ['v1'], 'Event', 'events', ['ev'], true),
  r('', ['v1'], 'LimitRange', 'limitranges', ['limits'], true),
  r('', ['v1'], 'ResourceQuota', 'resourcequotas', ['quota'], true),
  r('', ['v1'], 'PodTemplate', 'podtemplates', [], true),
  r('apps', ['v1'], 'Deployment', 'deployments', ['deploy'], true, { inAll: true }),
  r('apps', ['v1'], 'ReplicaSet', 'replicasets', ['rs'], true, { inAll: true }),
  r('apps', ['v1'], 'StatefulSet', 'statefulsets', ['sts'], true, { inAll: true }),
  r('apps', ['v1'], 'DaemonSet', 'daemonsets', ['ds'], true, { inAll: true }),
  r('apps', ['v1'], 'ControllerRevision', 'controllerrevisions', [], true),
  r('batch', ['v1'], 'Job', 'jobs', [], true, { inAll: true }),
  r('batch', ['v1'], 'CronJob', 'cronjobs', ['cj'], true, { inAll: true }),
  r('autoscaling', ['v2', 'v1'], 'HorizontalPodAutoscaler', 'horizontalpodautoscalers', ['hpa'], true, {
    inAll: true,
  }),
  r('discovery.k8s.io', ['v1'], 'EndpointSlice', 'endpointslices', [], true),
  r('networking.k8s.io', ['v1'], 'Ingress', 'ingresses', ['ing'], true, { storage: 'ingress' }),
  r('networking.k8s.io', ['v1'], 'IngressClass', 'ingressclasses', [], false),
  r('networking.k8s.io', ['v1'], 'NetworkPolicy', 'networkpolicies', ['netpol'], true),
  r('policy', ['v1'], 'PodDisruptionBudget', 'poddisruptionbudgets', ['pdb'], true),
  r('rbac.authorization.k8s.io', ['v1'], 'Role', 'roles', [], true),
  r('rbac.authorization.k8s.io', ['v1'], 'RoleBinding', 'rolebindings', [], true),
  r('rbac.authorization.k8s.io', ['v1'], 'ClusterRole', 'clusterroles', [], false),
  r('rbac.authorization.k8s.io', ['v1'], 'ClusterRoleBinding', 'clusterrolebindings', [], false),
  r('storage.k8s.io', ['v1'], 'StorageClass', 'storageclasses', ['sc'], false),
  r('storage.k8s.io', ['v1'], 'CSIDriver', 'csidrivers', [], false),
  r('storage.k8s.io', ['v1'], 'CSINode', 'csinodes', [], false),
  r('storage.k8s.io', ['v1'], 'VolumeAttachment', 'volumeattachments', [], false),
  r('scheduling.k8s.io', ['v1'], 'PriorityClass', 'priorityclasses', ['pc'], false),
  r('coordination.k8s.io', ['v1'], 'Lease', 'leases', [], true),
  r('apiextensions.k8s.io', ['v1'], 'CustomResourceDefinition', 'customresourcedefinitions', ['crd', 'crds'], false),
  r('apiregistration.k8s.io', ['v1'], 'APIService', 'apiservices', [], false),
  r('admissionregistration.k8s.io', ['v1'], 'ValidatingWebhookConfiguration', 'validatingwebhookconfigurations', [], false),
  r('admissionregistration.k8s.io', ['v1'], 'MutatingWebhookConfiguration', 'mutatingwebhookconfigurations', [], false),
  r('certificates.k8s.io', ['v1'], 'CertificateSigningRequest', 'certificatesigningrequests', ['csr'], false),
];

export function apiVersionOf(t: ResourceType, version = t.versions[0]): string {
  return t.group ? `${t.group}/${version}` : version;
}

/** `services`, or `deployments.apps` outside the core group: the name kubectl prints in messages. */
export function qualifiedResource(t: ResourceType): string {
  return t.group ? `${t.plural}.${t.group}` : t.plural;
}

/** `service`, or `deployment.apps`: the prefix of `service/web created`. */
export function qualifiedSingular(t: ResourceType): string {
  return t.group ? `${t.singular}.${t.group}` : t.singular;
}

const byKind = new Map<string, ResourceType[]>();
for (const t of RESOURCES) byKind.set(t.kind, [...(byKind.get(t.kind) ?? []), t]);

/** The resource for an apiVersion/kind pair; undefined when the cluster does not serve it. */
export function resourceForKind(apiVersion: string, kind: string): ResourceType | undefined {
  const [group, version] = apiVersion.includes('/') ? apiVersion.split('/', 2) : ['', apiVersion];
  return (byKind.get(kind) ?? []).find((t) => t.group === group && t.versions.includes(version));
}

/**
 * kubectl's error for an object of a kind the cluster does not serve:
 * `resource mapping not found for name: "w" namespace: "" from "f.yaml": no matches for kind ...`.
 */
export function resourceMappingError(obj: KubeObject, file: string): SvcctlError {
  const meta = obj.metadata ?? {};
  return SvcctlError.plain(
    `resource mapping not found for name: "${meta.name ?? ''}" namespace: "${meta.namespace ?? ''}" from "${file}": no matches for kind "${obj.kind}" in version "${obj.apiVersion}"\nensure CRDs are installed first`,
  );
}

/**
 * Resolves what a user types after `get` (`svc`, `services`, `service`, `deployments.apps`,
 * `Service`) to a resource, or fails as kubectl does:
 * `error: the server doesn't have a resource type "svcs"`.
 */
export function resolveResourceArg(arg: string): ResourceType {
  const want = arg.toLowerCase();
  const [name, ...groupParts] = want.split('.');
  const group = groupParts.join('.');
  for (const t of RESOURCES) {
    if (group && t.group !== group && !t.group.startsWith(`${group}`)) continue;
    if (
      t.plural === name ||
      t.singular === name ||
      t.shortNames.includes(name) ||
      t.kind.toLowerCase() === name
    ) {
      return t;
    }
  }
  throw SvcctlError.plain(`the server doesn't have a resource type "${arg}"`);
}

export function resourceByKind(kind: string): ResourceType | undefined {
  return byKind.get(kind)?.[0];
}
