// What kube-controller-manager keeps in every namespace: the `default` ServiceAccount (the
// serviceaccounts controller) and the `kube-root-ca.crt` ConfigMap (root-ca-cert-publisher), made
// again when deleted and put back when changed.
import type { KubeObject } from '../api/types.js';
import { deepEqual, emptyPlan, type Plan } from './common.js';

export const ROOT_CA_CONFIGMAP = 'kube-root-ca.crt';
const ROOT_CA_DESCRIPTION =
  'Contains a CA bundle that can be used to verify the kube-apiserver when using internal endpoints such as the internal service IP or kubernetes.default.svc. No other usage is guaranteed across distributions of Kubernetes clusters.';

/**
 * The simulated cluster's CA bundle. Deviation: svcctl runs no TLS, so this is a fixed
 * placeholder in PEM armour, the same in every svcctl cluster, not a certificate to verify with.
 */
const CA_BUNDLE = [
  '-----BEGIN CERTIFICATE-----',
  Buffer.from('svcctl simulated cluster: no TLS endpoint serves this placeholder CA bundle.').toString('base64'),
  '-----END CERTIFICATE-----',
  '',
].join('\n');

/** The two objects a namespace should hold. */
export function namespaceDefaults(namespace: string): KubeObject[] {
  return [
    { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'default', namespace } },
    {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: ROOT_CA_CONFIGMAP, namespace, annotations: { 'kubernetes.io/description': ROOT_CA_DESCRIPTION } },
      data: { 'ca.crt': CA_BUNDLE },
    },
  ];
}

/**
 * For an active namespace: create what is missing, and put the ConfigMap's data and description
 * back when they differ (the ServiceAccount is only ever created). Terminating or absent: nothing.
 */
export function reconcileNamespaceDefaults(ns: KubeObject | undefined, serviceAccount: KubeObject | undefined, configMap: KubeObject | undefined): Plan<KubeObject> {
  const plan = emptyPlan<KubeObject>();
  if (!ns || ns.metadata.deletionTimestamp || (ns.status as { phase?: string } | undefined)?.phase === 'Terminating') return plan;
  const [sa, cm] = namespaceDefaults(ns.metadata.name ?? '');
  if (!serviceAccount) plan.create.push(sa);
  if (!configMap) plan.create.push(cm);
  else {
    const annotations = { ...(configMap.metadata.annotations ?? {}), ...cm.metadata.annotations };
    const next = { ...configMap, metadata: { ...configMap.metadata, annotations }, data: cm.data };
    if (!deepEqual(next, configMap)) plan.update.push(next);
  }
  return plan;
}
