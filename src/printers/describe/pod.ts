// kubectl describe pod (pkg/describe/describe.go describePod, kubectl 1.32).
import type { Pod, Toleration } from '../../api/types.js';
import { computePodQOS } from '../../api/qos.js';
import { controlledBy, rfc1123z, tolerationsMultiline } from './common.js';
import { describeContainers, type ContainerStatus } from './containers.js';
import { describeVolumes } from './volumes.js';
import { annotationsMultiline, labelsMultiline } from './tabbed.js';
import { withEvents, type DescribedEvent } from './events.js';

/** The stored status.qosClass, or the class the apiserver would give the pod (qos.ComputePodQOS). */
export function podQOS(pod: Pod): string {
  if (typeof pod.status?.qosClass === 'string' && pod.status.qosClass) return pod.status.qosClass;
  return computePodQOS(pod.spec);
}

/** The text of `kubectl describe pod`, with its Events (ages at `now`). */
export function describePod(pod: Pod, events: DescribedEvent[] = [], now: Date = new Date()): string {
  const s = pod.spec;
  const st = pod.status ?? {};
  let t = `Name:\t${pod.metadata.name}\n`;
  t += `Namespace:\t${pod.metadata.namespace ?? ''}\n`;
  if (typeof s.priority === 'number') t += `Priority:\t${s.priority}\n`;
  if (s.priorityClassName) t += `Priority Class Name:\t${String(s.priorityClassName)}\n`;
  if (s.runtimeClassName) t += `Runtime Class Name:\t${String(s.runtimeClassName)}\n`;
  if (s.serviceAccountName) t += `Service Account:\t${String(s.serviceAccountName)}\n`;
  t += s.nodeName ? `Node:\t${s.nodeName}/${st.hostIP ?? ''}\n` : 'Node:\t<none>\n';
  if (st.startTime) t += `Start Time:\t${rfc1123z(st.startTime)}\n`;
  t += labelsMultiline('Labels', pod.metadata.labels);
  t += annotationsMultiline('Annotations', pod.metadata.annotations);
  if (pod.metadata.deletionTimestamp && st.phase !== 'Failed' && st.phase !== 'Succeeded') {
    // kubectl prints the time since deletion; svcctl deletes at once, so this is rare.
    t += `Status:\tTerminating\n`;
  } else {
    t += `Status:\t${st.phase ?? ''}\n`;
  }
  if (st.reason) t += `Reason:\t${String(st.reason)}\n`;
  if (st.message) t += `Message:\t${String(st.message)}\n`;
  t += `IP:\t${st.podIP ?? ''}\n`;
  t += st.podIPs?.length ? 'IPs:\n' + st.podIPs.map((p) => `  IP:\t${p.ip}\n`).join('') : 'IPs:\t<none>\n';
  const owner = controlledBy(pod);
  if (owner) t += `Controlled By:\t${owner}\n`;
  if (st.nominatedNodeName) t += `NominatedNodeName:\t${String(st.nominatedNodeName)}\n`;
  if (s.initContainers?.length) t += describeContainers('Init Containers', s.initContainers, st.initContainerStatuses as ContainerStatus[] | undefined, '', pod);
  t += describeContainers('Containers', s.containers, (st.containerStatuses as ContainerStatus[] | undefined) ?? [], '', pod);
  const gates = (s.readinessGates as { conditionType: string }[] | undefined) ?? [];
  if (gates.length) {
    t += 'Readiness Gates:\n  Type\tStatus\n';
    for (const g of gates) t += `  ${g.conditionType} \t${st.conditions?.find((c) => c.type === g.conditionType)?.status ?? '<none>'} \n`;
  }
  if (st.conditions?.length) {
    t += 'Conditions:\n  Type\tStatus\n';
    for (const c of st.conditions) t += `  ${c.type} \t${c.status} \n`;
  }
  t += describeVolumes(s.volumes as Record<string, unknown>[] | undefined, '');
  t += `QoS Class:\t${podQOS(pod)}\n`;
  t += labelsMultiline('Node-Selectors', s.nodeSelector as Record<string, string> | undefined);
  t += tolerationsMultiline('', 'Tolerations', s.tolerations as Toleration[] | undefined);
  return withEvents(t, events, now);
}
