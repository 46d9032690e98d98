// kubectl describe printers: pure functions, objects in, text out.
export { describeService, formatEndpointSlices } from './service.js';
export { annotationsMultiline, labelsMultiline, tabbed } from './tabbed.js';
export { describePod, podQOS } from './pod.js';
export { describeEndpoints } from './endpoints.js';
export { describeEndpointSlice } from './endpointslice.js';
export { describeDeployment, splitReplicaSets } from './deployment.js';
export { describeReplicaSet, podPhaseCounts } from './replicaset.js';
export { describeNode, nodeRoles, quantityValue, type NodeLease } from './node.js';
export { describeNamespace } from './namespace.js';
export { describeConfigMap, describeSecret } from './secret.js';
export { describePersistentVolumeClaim } from './pvc.js';
export { describeIngress } from './ingress.js';
export { describeStatefulSet } from './statefulset.js';
export { rfc1123z } from './common.js';
export { describeDaemonSet } from './daemonset.js';
