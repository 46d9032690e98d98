// describeContainers and DescribePodTemplate (pkg/describe/describe.go): the container blocks of
// `describe pod` and the `Pod Template:` block of deployments and replica sets.
import type { Container, Pod, PodTemplateSpec, Toleration } from '../../api/types.js';
import { labelsMultiline, annotationsMultiline } from './tabbed.js';
import { rfc1123z, tolerationsMultiline } from './common.js';
import { quantityValue } from './node.js';
import { describeVolumes } from './volumes.js';

const L = (level: number) => '  '.repeat(level);

interface ContainerState {
  running?: { startedAt?: string };
  waiting?: { reason?: string };
  terminated?: { reason?: string; message?: string; exitCode?: number; signal?: number; startedAt?: string; finishedAt?: string };
}

/** The fields of a container status the describer prints. */
export interface ContainerStatus {
  name: string;
  containerID?: string;
  imageID?: string;
  ready?: boolean;
  restartCount?: number;
  state?: ContainerState;
  lastState?: ContainerState;
}

interface Probe {
  initialDelaySeconds?: number;
  timeoutSeconds?: number;
  periodSeconds?: number;
  successThreshold?: number;
  failureThreshold?: number;
  exec?: { command?: string[] };
  httpGet?: { host?: string; port?: number | string; path?: string; scheme?: string };
  tcpSocket?: { host?: string; port?: number | string };
  grpc?: { port: number; service?: string };
}

/** DescribeProbe: `http-get http://:8080/healthz delay=0s timeout=1s period=10s #success=1 #failure=3`. */
export function describeProbe(p: Probe): string {
  const attrs = `delay=${p.initialDelaySeconds ?? 0}s timeout=${p.timeoutSeconds ?? 0}s period=${p.periodSeconds ?? 0}s #success=${p.successThreshold ?? 0} #failure=${p.failureThreshold ?? 0}`;
  if (p.exec) return `exec [${(p.exec.command ?? []).join(' ')}] ${attrs}`;
  if (p.httpGet) {
    const port = p.httpGet.port === undefined ? '' : String(p.httpGet.port);
    const host = p.httpGet.host ?? '';
    const hostPort = port ? (host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`) : host;
    // Go's url.URL.String(): scheme "" gives `//host/path`.
    const scheme = (p.httpGet.scheme ?? '').toLowerCase();
    return `http-get ${scheme ? `${scheme}:` : ''}//${hostPort}${p.httpGet.path ?? ''} ${attrs}`;
  }
  if (p.tcpSocket) return `tcp-socket ${p.tcpSocket.host ?? ''}:${p.tcpSocket.port ?? ''} ${attrs}`;
  if (p.grpc) return `grpc <pod>:${p.grpc.port} ${p.grpc.service ?? ''} ${attrs}`;
  return `unknown ${attrs}`;
}

function describeState(title: string, s: ContainerState | undefined): string {
  if (s?.running) return `${L(2)}${title}:\tRunning\n${L(3)}Started:\t${rfc1123z(s.running.startedAt)}\n`;
  if (s?.terminated) {
    const x = s.terminated;
    let t = `${L(2)}${title}:\tTerminated\n`;
    if (x.reason) t += `${L(3)}Reason:\t${x.reason}\n`;
    if (x.message) t += `${L(3)}Message:\t${x.message}\n`;
    t += `${L(3)}Exit Code:\t${x.exitCode ?? 0}\n`;
    if ((x.signal ?? 0) > 0) t += `${L(3)}Signal:\t${x.signal}\n`;
    t += `${L(3)}Started:\t${rfc1123z(x.startedAt)}\n${L(3)}Finished:\t${rfc1123z(x.finishedAt)}\n`;
    return t;
  }
  let t = `${L(2)}${title}:\tWaiting\n`;
  if (s?.waiting?.reason) t += `${L(3)}Reason:\t${s.waiting.reason}\n`;
  return t;
}

function resources(c: Container): string {
  const r = c.resources as { limits?: Record<string, string | number>; requests?: Record<string, string | number> } | undefined;
  let t = '';
  for (const [title, list] of [['Limits', r?.limits], ['Requests', r?.requests]] as const) {
    const keys = Object.keys(list ?? {}).sort();
    if (keys.length) t += `${L(2)}${title}:\n`;
    for (const k of keys) t += `${L(3)}${k}:\t${list![k]}\n`;
  }
  return t;
}

interface KeyRef {
  name?: string;
  key?: string;
  optional?: boolean;
}

interface EnvVar {
  name: string;
  value?: string;
  valueFrom?: {
    fieldRef?: { apiVersion?: string; fieldPath?: string };
    resourceFieldRef?: { resource?: string; divisor?: string | number };
    secretKeyRef?: KeyRef;
    configMapKeyRef?: KeyRef;
  };
}

/**
 * EnvValueRetriever: a pod's value for a fieldRef. kubectl converts the path with its client
 * scheme, which knows only metadata.name and metadata.namespace; any other path shows no value.
 */
function fieldValue(pod: Pod | undefined, path: string | undefined): string {
  if (path === 'metadata.name') return pod?.metadata.name ?? '';
  if (path === 'metadata.namespace') return pod?.metadata.namespace ?? '';
  return '';
}

/** ExtractContainerResourceValue: the container's request or limit over the divisor (default 1), rounded up. */
function resourceValue(c: Container, resource: string, divisor: string | number | undefined): string {
  const [kind, name] = resource.split('.') as [string, string | undefined];
  if ((kind !== 'limits' && kind !== 'requests') || !['cpu', 'memory', 'ephemeral-storage'].includes(name ?? '')) return '';
  const quantities = (c.resources as Record<string, Record<string, string | number> | undefined> | undefined)?.[kind];
  const div = divisor === undefined || quantityValue(divisor) === 0 ? 1 : quantityValue(divisor);
  const have = quantityValue(quantities?.[name!]);
  // CPU in whole millicores (MilliValue), the others in whole units (Value), each rounded up first.
  const n = name === 'cpu' ? Math.ceil(Math.ceil(have * 1000) / Math.ceil(div * 1000)) : Math.ceil(Math.ceil(have) / Math.ceil(div));
  return Number.isFinite(n) ? String(n) : '';
}

/** describeContainerEnvVars; `pod` resolves fieldRefs (templates have none to resolve against). */
function env(c: Container, pod: Pod | undefined): string {
  const list = (c.env as EnvVar[] | undefined) ?? [];
  let t = `${L(2)}Environment:${list.length ? '' : '\t<none>'}\n`;
  for (const e of list) {
    const from = e.valueFrom;
    if (!from) {
      (e.value ?? '').split('\n').forEach((s, i) => (t += i === 0 ? `${L(3)}${e.name}:\t${s}\n` : `${L(3)}\t${s}\n`));
    } else if (from.fieldRef) {
      const value = pod ? fieldValue(pod, from.fieldRef.fieldPath) : '';
      t += `${L(3)}${e.name}:\t${value} (${from.fieldRef.apiVersion ?? ''}:${from.fieldRef.fieldPath ?? ''})\n`;
    } else if (from.resourceFieldRef) {
      const resource = from.resourceFieldRef.resource ?? '';
      let value = resourceValue(c, resource, from.resourceFieldRef.divisor);
      if (value === '0' && (resource === 'limits.cpu' || resource === 'limits.memory')) value = 'node allocatable';
      t += `${L(3)}${e.name}:\t${value} (${resource})\n`;
    } else if (from.secretKeyRef) {
      const r = from.secretKeyRef;
      t += `${L(3)}${e.name}:\t<set to the key '${r.key ?? ''}' in secret '${r.name ?? ''}'>\tOptional: ${r.optional === true}\n`;
    } else if (from.configMapKeyRef) {
      const r = from.configMapKeyRef;
      t += `${L(3)}${e.name}:\t<set to the key '${r.key ?? ''}' of config map '${r.name ?? ''}'>\tOptional: ${r.optional === true}\n`;
    }
  }
  return t;
}

/** describeContainerEnvFrom: printed only when the container has envFrom. */
function envFrom(c: Container): string {
  const list = (c.envFrom as { prefix?: string; configMapRef?: KeyRef; secretRef?: KeyRef }[] | undefined) ?? [];
  if (!list.length) return '';
  let t = `${L(2)}Environment Variables from:\n`;
  for (const e of list) {
    const [kind, ref] = e.configMapRef ? ['ConfigMap', e.configMapRef] : e.secretRef ? ['Secret', e.secretRef] : ['', undefined];
    const optional = ref?.optional === true;
    t += e.prefix ? `${L(3)}${ref?.name ?? ''}\t${kind} with prefix '${e.prefix}'\tOptional: ${optional}\n` : `${L(3)}${ref?.name ?? ''}\t${kind}\tOptional: ${optional}\n`;
  }
  return t;
}

function mounts(c: Container): string {
  const list = [...((c.volumeMounts as { name: string; mountPath: string; readOnly?: boolean; subPath?: string }[] | undefined) ?? [])];
  let t = `${L(2)}Mounts:${list.length ? '' : '\t<none>'}\n`;
  list.sort((a, b) => (a.mountPath < b.mountPath ? -1 : a.mountPath > b.mountPath ? 1 : 0));
  for (const m of list) {
    const flags = [m.readOnly ? 'ro' : 'rw', ...(m.subPath ? [JSON.stringify(m.subPath).replace(/^/, 'path=')] : [])];
    t += `${L(3)}${m.mountPath} from ${m.name} (${flags.join(',')})\n`;
  }
  return t;
}

/**
 * describeContainers: `label:` then one block per container; `statuses` undefined for templates
 * (no Container ID / State lines). `space` is the template indent ('' for pods, '  ' for templates).
 * `pod`, for a pod's containers, resolves their fieldRef environment values.
 */
export function describeContainers(label: string, containers: Container[], statuses: ContainerStatus[] | undefined, space: string, pod?: Pod): string {
  let t = `${space}${label}:${containers.length ? '' : ' <none>'}\n`;
  for (const c of containers) {
    const st = statuses?.find((s) => s.name === c.name);
    t += `${L(1)}${space ? ' ' : ''}${c.name}:\n`;
    if (st) t += `${L(2)}Container ID:\t${st.containerID ?? ''}\n`;
    t += `${L(2)}Image:\t${c.image ?? ''}\n`;
    if (st) t += `${L(2)}Image ID:\t${st.imageID ?? ''}\n`;
    const ports = (c.ports ?? []).map((p) => `${p.containerPort}/${p.protocol ?? ''}`).join(', ');
    t += ports.includes(',') ? `${L(2)}Ports:\t${ports}\n` : `${L(2)}Port:\t${ports || '<none>'}\n`;
    const hostPorts = (c.ports ?? []).map((p) => `${p.hostPort ?? 0}/${p.protocol ?? ''}`).join(', ');
    t += hostPorts.includes(',') ? `${L(2)}Host Ports:\t${hostPorts}\n` : `${L(2)}Host Port:\t${hostPorts || '<none>'}\n`;
    for (const [title, list] of [['Command', c.command], ['Args', c.args]] as const) {
      const items = (list as string[] | undefined) ?? [];
      if (items.length) t += `${L(2)}${title}:\n` + items.flatMap((s) => s.split('\n')).map((s) => `${L(3)}${s}\n`).join('');
    }
    if (st) {
      t += describeState('State', st.state);
      if (st.lastState?.terminated) t += describeState('Last State', st.lastState);
      t += `${L(2)}Ready:\t${st.ready ? 'True' : 'False'}\n${L(2)}Restart Count:\t${st.restartCount ?? 0}\n`;
    }
    t += resources(c);
    for (const [title, key] of [['Liveness', 'livenessProbe'], ['Readiness', 'readinessProbe'], ['Startup', 'startupProbe']] as const) {
      if (c[key]) t += `${L(2)}${title}:\t${describeProbe(c[key] as Probe)}\n`;
    }
    t += envFrom(c);
    t += env(c, pod);
    t += mounts(c);
  }
  return t;
}

/** DescribePodTemplate: the `Pod Template:` block of Deployment and ReplicaSet describers. */
export function describePodTemplate(template: PodTemplateSpec): string {
  const s = template.spec;
  let t = 'Pod Template:\n';
  t += labelsMultiline('  Labels', template.metadata?.labels);
  if (Object.keys(template.metadata?.annotations ?? {}).length) t += annotationsMultiline('  Annotations', template.metadata?.annotations);
  if (s.serviceAccountName) t += `${L(1)}Service Account:\t${String(s.serviceAccountName)}\n`;
  if (s.initContainers?.length) t += describeContainers('Init Containers', s.initContainers, undefined, '  ');
  t += describeContainers('Containers', s.containers ?? [], undefined, '  ');
  t += describeVolumes(s.volumes as Record<string, unknown>[] | undefined, '  ');
  if (s.priorityClassName) t += `${L(1)}Priority Class Name:\t${String(s.priorityClassName)}\n`;
  t += labelsMultiline('  Node-Selectors', s.nodeSelector as Record<string, string> | undefined);
  t += tolerationsMultiline('  ', 'Tolerations', s.tolerations as Toleration[] | undefined);
  return t;
}
