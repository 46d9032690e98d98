import { describe, expect, it } from 'vitest';
import { defaultPod, defaultPodTemplateSpec } from '../defaults/pod.js';
import { FieldPath, fieldErrorString } from '../field.js';
import type { Pod, PodTemplateSpec } from '../types.js';
import { validatePodSpec, validatePodTemplateSpec } from './pod-spec.js';

type Obj = Record<string, unknown>;

const LABEL_MSG =
  "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";
const SUBDOMAIN_MSG =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
const NAME_PART_MSG =
  "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";
const LABEL_VALUE_MSG =
  "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";
const PORT_RANGE = 'must be between 1 and 65535, inclusive';
const NOT_SIDECAR = 'may not be set for init containers without restartPolicy=Always';

/** A Pod spec as the apiserver holds it after v1 defaulting. */
function defaulted(spec: Obj): Obj {
  const pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web', namespace: 'default' }, spec } as unknown as Pod;
  defaultPod(pod);
  return pod.spec as Obj;
}

/** `kubectl run nginx --image=nginx:1.27 --port=80`, defaulted. */
function nginx(): Obj {
  return defaulted({ containers: [{ name: 'nginx', image: 'nginx:1.27', ports: [{ name: 'http', containerPort: 80 }] }] });
}

/** A spec using every checked volume type, env sources, mounts, resources, probes and a sidecar. */
function rich(): Obj {
  return defaulted({
    volumes: [
      { name: 'config', configMap: { name: 'web-config', items: [{ key: 'nginx.conf', path: 'nginx.conf' }] } },
      { name: 'tls', secret: { secretName: 'web-tls' } },
      { name: 'cache', emptyDir: { sizeLimit: '1Gi' } },
      { name: 'data', persistentVolumeClaim: { claimName: 'web-data' } },
      { name: 'logs', hostPath: { path: '/var/log/web', type: 'DirectoryOrCreate' } },
      { name: 'podinfo', downwardAPI: { items: [{ path: 'labels', fieldRef: { fieldPath: 'metadata.labels' } }] } },
      { name: 'scratch' },
      {
        name: 'token',
        projected: {
          sources: [
            { serviceAccountToken: { path: 'token', audience: 'api' } },
            { configMap: { name: 'ca', items: [{ key: 'ca.crt', path: 'ca.crt' }] } },
            { downwardAPI: { items: [{ path: 'namespace', fieldRef: { fieldPath: 'metadata.namespace' } }] } },
          ],
        },
      },
    ],
    initContainers: [
      { name: 'migrate', image: 'busybox:1.36', command: ['sh', '-c', 'true'], volumeMounts: [{ name: 'data', mountPath: '/data' }] },
      { name: 'proxy', image: 'envoyproxy/envoy:v1.31', restartPolicy: 'Always', readinessProbe: { tcpSocket: { port: 9901 } } },
    ],
    containers: [
      {
        name: 'web',
        image: 'nginx:1.27',
        ports: [{ name: 'http', containerPort: 8080 }, { name: 'metrics', containerPort: 9090, hostPort: 9090 }],
        env: [
          { name: 'MODE', value: 'prod' },
          { name: 'POD_NAME', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } },
          { name: 'DB_PASSWORD', valueFrom: { secretKeyRef: { name: 'db', key: 'password' } } },
          { name: 'LOG_LEVEL', valueFrom: { configMapKeyRef: { name: 'web-config', key: 'log.level' } } },
          { name: 'CPU_LIMIT', valueFrom: { resourceFieldRef: { resource: 'limits.cpu' } } },
          { name: '1st.dotted-name', value: 'relaxed names are on in 1.33' },
        ],
        volumeMounts: [
          { name: 'config', mountPath: '/etc/nginx/conf.d', readOnly: true },
          { name: 'tls', mountPath: '/etc/tls', readOnly: true, recursiveReadOnly: 'IfPossible' },
          { name: 'cache', mountPath: '/cache', subPath: 'web' },
          { name: 'logs', mountPath: '/var/log/nginx', mountPropagation: 'HostToContainer' },
          { name: 'podinfo', mountPath: '/etc/podinfo' },
          { name: 'scratch', mountPath: '/tmp' },
          { name: 'token', mountPath: '/var/run/secrets/token' },
        ],
        resources: {
          requests: { cpu: '0.5', memory: '128Mi', 'nvidia.com/gpu': 1 },
          limits: { cpu: '500m', memory: '1Gi', 'nvidia.com/gpu': '1' },
        },
        livenessProbe: { httpGet: { path: '/healthz', port: 'http' }, initialDelaySeconds: 5 },
        readinessProbe: { httpGet: { port: 8080, httpHeaders: [{ name: 'X-Probe', value: '1' }] } },
        startupProbe: { exec: { command: ['cat', '/tmp/ready'] }, failureThreshold: 30 },
      },
    ],
    nodeSelector: { 'kubernetes.io/os': 'linux' },
    tolerations: [
      { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
      { key: 'dedicated', operator: 'Equal', value: 'web', effect: 'NoSchedule' },
      { operator: 'Exists' },
    ],
    serviceAccountName: 'web-sa',
    hostname: 'web-0',
    subdomain: 'web',
    activeDeadlineSeconds: 3600,
  });
}

const containers = (s: Obj): Obj[] => s.containers as Obj[];
const c0 = (s: Obj): Obj => containers(s)[0];
const addInit = (s: Obj, c: Obj): void => {
  s.initContainers = [...((s.initContainers as Obj[] | undefined) ?? []), { image: 'busybox', imagePullPolicy: 'IfNotPresent', terminationMessagePolicy: 'File', ...c }];
};
const setVolumes = (s: Obj, volumes: Obj[]): void => {
  s.volumes = volumes;
};
const setResources = (s: Obj, requests: Obj, limits: Obj): void => {
  c0(s).resources = { requests, limits };
};
const probe = (s: Obj, kind: string, p: Obj): void => {
  c0(s)[kind] = { timeoutSeconds: 1, periodSeconds: 10, successThreshold: 1, failureThreshold: 3, ...p };
};

interface Case {
  name: string;
  spec: () => Obj;
  tweak?: (s: Obj) => void;
  want: string[];
}

const cases: Case[] = [
  // valid specs
  { name: 'defaulted nginx pod', spec: nginx, want: [] },
  { name: 'volumes, env, mounts, resources, probes and a sidecar', spec: rich, want: [] },

  // pod-level fields
  { name: 'no containers', spec: nginx, tweak: (s) => { s.containers = []; }, want: ['spec.containers: Required value'] },
  {
    name: 'terminationGracePeriodSeconds unset',
    spec: nginx,
    tweak: (s) => { delete s.terminationGracePeriodSeconds; },
    want: ['spec.terminationGracePeriodSeconds: Required value'],
  },
  { name: 'negative terminationGracePeriodSeconds is allowed', spec: nginx, tweak: (s) => { s.terminationGracePeriodSeconds = -1; }, want: [] },
  {
    name: 'restartPolicy unsupported',
    spec: nginx,
    tweak: (s) => { s.restartPolicy = 'Sometimes'; },
    want: ['spec.restartPolicy: Unsupported value: "Sometimes": supported values: "Always", "OnFailure", "Never"'],
  },
  { name: 'restartPolicy empty', spec: nginx, tweak: (s) => { s.restartPolicy = ''; }, want: ['spec.restartPolicy: Required value'] },
  {
    name: 'dnsPolicy unsupported',
    spec: nginx,
    tweak: (s) => { s.dnsPolicy = 'Cluster'; },
    want: ['spec.dnsPolicy: Unsupported value: "Cluster": supported values: "ClusterFirstWithHostNet", "ClusterFirst", "Default", "None"'],
  },
  {
    name: 'nodeSelector checked as labels',
    spec: nginx,
    tweak: (s) => { s.nodeSelector = { 'disk type': 'ssd!' }; },
    want: [`spec.nodeSelector: Invalid value: "disk type": ${NAME_PART_MSG}`, `spec.nodeSelector: Invalid value: "ssd!": ${LABEL_VALUE_MSG}`],
  },
  {
    name: 'serviceAccountName not a subdomain',
    spec: nginx,
    tweak: (s) => { s.serviceAccountName = 'Web_SA'; },
    want: [`spec.serviceAccountName: Invalid value: "Web_SA": ${SUBDOMAIN_MSG}`],
  },
  {
    name: 'activeDeadlineSeconds zero',
    spec: nginx,
    tweak: (s) => { s.activeDeadlineSeconds = 0; },
    want: ['spec.activeDeadlineSeconds: Invalid value: 0: must be between 1 and 2147483647, inclusive'],
  },
  {
    name: 'activeDeadlineSeconds above int32',
    spec: nginx,
    tweak: (s) => { s.activeDeadlineSeconds = 2147483648; },
    want: ['spec.activeDeadlineSeconds: Invalid value: 2147483648: must be between 1 and 2147483647, inclusive'],
  },
  { name: 'hostname with a dot', spec: nginx, tweak: (s) => { s.hostname = 'web.1'; }, want: ['spec.hostname: Invalid value: "web.1": must not contain dots'] },
  { name: 'subdomain uppercase', spec: nginx, tweak: (s) => { s.subdomain = 'Web'; }, want: [`spec.subdomain: Invalid value: "Web": ${LABEL_MSG}`] },

  // tolerations
  {
    name: 'toleration Exists with a value',
    spec: nginx,
    tweak: (s) => { s.tolerations = [{ key: 'gpu', operator: 'Exists', value: 'yes' }]; },
    want: ["spec.tolerations[0].operator: Invalid value: \"yes\": value must be empty when `operator` is 'Exists'"],
  },
  {
    name: 'toleration without key must use Exists',
    spec: nginx,
    tweak: (s) => { s.tolerations = [{ operator: 'Equal', value: 'x' }]; },
    want: ['spec.tolerations[0].operator: Invalid value: "Equal": operator must be Exists when `key` is empty, which means "match all values and all keys"'],
  },
  {
    name: 'toleration operator and effect unsupported',
    spec: nginx,
    tweak: (s) => { s.tolerations = [{ key: 'gpu', operator: 'In', effect: 'NoRun' }]; },
    want: [
      'spec.tolerations[0].operator: Unsupported value: "In": supported values: "Equal", "Exists"',
      'spec.tolerations[0].effect: Unsupported value: "NoRun": supported values: "NoSchedule", "PreferNoSchedule", "NoExecute"',
    ],
  },
  {
    name: 'tolerationSeconds needs NoExecute',
    spec: nginx,
    tweak: (s) => { s.tolerations = [{ key: 'gpu', operator: 'Exists', effect: 'NoSchedule', tolerationSeconds: 60 }]; },
    want: ["spec.tolerations[0].effect: Invalid value: \"NoSchedule\": effect must be 'NoExecute' when `tolerationSeconds` is set"],
  },
  {
    name: 'toleration key and value',
    spec: nginx,
    tweak: (s) => { s.tolerations = [{ key: 'bad key', value: 'a b' }]; },
    want: [`spec.tolerations[0].key: Invalid value: "bad key": ${NAME_PART_MSG}`, `spec.tolerations[0].operator: Invalid value: "a b": ${LABEL_VALUE_MSG}`],
  },

  // container basics
  { name: 'container name invalid', spec: nginx, tweak: (s) => { c0(s).name = 'Bad_Name'; }, want: [`spec.containers[0].name: Invalid value: "Bad_Name": ${LABEL_MSG}`] },
  { name: 'container name missing', spec: nginx, tweak: (s) => { delete c0(s).name; }, want: ['spec.containers[0].name: Required value'] },
  {
    name: 'duplicate container name',
    spec: nginx,
    tweak: (s) => { containers(s).push({ ...c0(s), ports: [] }); },
    want: ['spec.containers[1].name: Duplicate value: "nginx"'],
  },
  {
    name: 'init container named like a container',
    spec: nginx,
    tweak: (s) => { addInit(s, { name: 'nginx' }); },
    want: ['spec.initContainers[0].name: Duplicate value: "nginx"'],
  },
  { name: 'image missing', spec: nginx, tweak: (s) => { c0(s).image = ''; }, want: ['spec.containers[0].image: Required value'] },
  { name: 'image of spaces is accepted here', spec: nginx, tweak: (s) => { c0(s).image = ' '; }, want: [] },
  {
    name: 'terminationMessagePolicy unsupported',
    spec: nginx,
    tweak: (s) => { c0(s).terminationMessagePolicy = 'Bogus'; },
    want: ['spec.containers[0].terminationMessagePolicy: Unsupported value: "Bogus": supported values: "File", "FallbackToLogsOnError"'],
  },
  {
    name: 'imagePullPolicy unsupported',
    spec: nginx,
    tweak: (s) => { c0(s).imagePullPolicy = 'Sometimes'; },
    want: ['spec.containers[0].imagePullPolicy: Unsupported value: "Sometimes": supported values: "Always", "IfNotPresent", "Never"'],
  },
  { name: 'imagePullPolicy empty', spec: nginx, tweak: (s) => { c0(s).imagePullPolicy = ''; }, want: ['spec.containers[0].imagePullPolicy: Required value'] },
  {
    name: 'restartPolicy on a regular container',
    spec: nginx,
    tweak: (s) => { c0(s).restartPolicy = 'Always'; },
    want: ['spec.containers[0].restartPolicy: Forbidden: may not be set for non-init containers'],
  },

  // ports
  {
    name: 'container port errors',
    spec: nginx,
    tweak: (s) => {
      c0(s).ports = [
        { name: 'HTTP_1', containerPort: 70000, hostPort: 70000, protocol: 'ICMP' },
        { name: 'web', protocol: '' },
        { name: 'web', containerPort: 81, protocol: 'TCP' },
      ];
    },
    want: [
      'spec.containers[0].ports[0].name: Invalid value: "HTTP_1": must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)',
      'spec.containers[0].ports[0].name: Invalid value: "HTTP_1": must contain at least one letter (a-z)',
      `spec.containers[0].ports[0].containerPort: Invalid value: 70000: ${PORT_RANGE}`,
      `spec.containers[0].ports[0].hostPort: Invalid value: 70000: ${PORT_RANGE}`,
      'spec.containers[0].ports[0].protocol: Unsupported value: "ICMP": supported values: "SCTP", "TCP", "UDP"',
      'spec.containers[0].ports[1].containerPort: Required value',
      'spec.containers[0].ports[1].protocol: Required value',
      'spec.containers[0].ports[2].name: Duplicate value: "web"',
    ],
  },
  {
    name: 'hostPort clash across containers',
    spec: nginx,
    tweak: (s) => {
      c0(s).ports = [{ containerPort: 80, hostPort: 8080, protocol: 'TCP' }];
      containers(s).push({ ...c0(s), name: 'sidecar', ports: [{ containerPort: 81, hostPort: 8080, protocol: 'TCP' }] });
    },
    want: ['spec.containers[1].ports[0].hostPort: Duplicate value: "TCP//8080"'],
  },
  {
    name: 'hostPort clash inside an init container is reported under index 0',
    spec: nginx,
    tweak: (s) => {
      addInit(s, { name: 'init-a' });
      addInit(s, { name: 'init-b', ports: [{ containerPort: 1, hostPort: 53, protocol: 'UDP' }, { containerPort: 2, hostPort: 53, protocol: 'UDP' }] });
    },
    want: ['spec.initContainers[0].ports[1].hostPort: Duplicate value: "UDP//53"'],
  },

  // env
  {
    name: 'env names',
    spec: nginx,
    tweak: (s) => { c0(s).env = [{ value: 'x' }, { name: 'A=B' }, { name: 'caf\u00e9' }, { name: 'has space' }]; },
    want: [
      'spec.containers[0].env[0].name: Required value',
      "spec.containers[0].env[1].name: Invalid value: \"A=B\": a valid environment variable name must consist only of printable ASCII characters other than '='",
      "spec.containers[0].env[2].name: Invalid value: \"caf\u00e9\": a valid environment variable name must consist only of printable ASCII characters other than '='",
    ],
  },
  {
    name: 'valueFrom without a source',
    spec: nginx,
    tweak: (s) => { c0(s).env = [{ name: 'X', valueFrom: {} }]; },
    want: ['spec.containers[0].env[0].valueFrom: Invalid value: "": must specify one of: `fieldRef`, `resourceFieldRef`, `configMapKeyRef` or `secretKeyRef`'],
  },
  {
    name: 'valueFrom with two sources',
    spec: nginx,
    tweak: (s) => {
      c0(s).env = [{ name: 'X', valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.name' }, resourceFieldRef: { resource: 'limits.cpu' } } }];
    },
    want: ['spec.containers[0].env[0].valueFrom: Invalid value: "": may not have more than one field specified at a time'],
  },
  {
    name: 'valueFrom next to a value',
    spec: nginx,
    tweak: (s) => { c0(s).env = [{ name: 'X', value: 'y', valueFrom: { secretKeyRef: { name: 'db', key: 'pw' } } }]; },
    want: ['spec.containers[0].env[0].valueFrom: Invalid value: "": may not be specified when `value` is not empty'],
  },
  {
    name: 'key selectors',
    spec: nginx,
    tweak: (s) => {
      c0(s).env = [
        { name: 'A', valueFrom: { secretKeyRef: { name: 'db' } } },
        { name: 'B', valueFrom: { configMapKeyRef: { key: 'bad key' } } },
        { name: 'C', valueFrom: { fieldRef: { apiVersion: 'v1' } } },
      ];
    },
    want: [
      'spec.containers[0].env[0].valueFrom.secretKeyRef.key: Required value',
      `spec.containers[0].env[1].valueFrom.configMapKeyRef.name: Invalid value: "": ${SUBDOMAIN_MSG}`,
      "spec.containers[0].env[1].valueFrom.configMapKeyRef.key: Invalid value: \"bad key\": a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')",
      'spec.containers[0].env[2].valueFrom.fieldRef.fieldPath: Required value',
    ],
  },

  // volumes
  {
    name: 'volume names',
    spec: nginx,
    tweak: (s) => setVolumes(s, [{ name: 'Data_1', emptyDir: {} }, { emptyDir: {} }, { name: 'a', emptyDir: {} }, { name: 'a', emptyDir: {} }]),
    want: [
      `spec.volumes[0].name: Invalid value: "Data_1": ${LABEL_MSG}`,
      'spec.volumes[1].name: Required value',
      'spec.volumes[3].name: Duplicate value: "a"',
    ],
  },
  {
    name: 'volume source count',
    spec: nginx,
    tweak: (s) =>
      setVolumes(s, [
        { name: 'none' },
        { name: 'two', emptyDir: {}, hostPath: { path: '/x', type: '' } },
        { name: 'typo', secret: { secretName: 's' }, downwardAPI: {} },
        { name: 'cephfs', nfs: { server: 'nfs', path: '/' }, cephfs: { monitors: ['m'] } },
      ]),
    want: [
      'spec.volumes[0]: Required value: must specify a volume type',
      'spec.volumes[1].hostPath: Forbidden: may not specify more than 1 volume type',
      'spec.volumes[2].downwarAPI: Forbidden: may not specify more than 1 volume type',
      'spec.volumes[3].cephFS: Forbidden: may not specify more than 1 volume type',
    ],
  },
  {
    name: 'volume source required fields',
    spec: nginx,
    tweak: (s) =>
      setVolumes(s, [
        { name: 'pvc', persistentVolumeClaim: {} },
        { name: 'host', hostPath: { type: '' } },
        { name: 'host2', hostPath: { path: '/var/../etc', type: 'Dir' } },
        { name: 'sec', secret: { defaultMode: 420 } },
        { name: 'cm', configMap: { defaultMode: 1000, items: [{ path: '/etc/x' }, { key: 'k', path: '..data' }] } },
        { name: 'tmp', emptyDir: { sizeLimit: '-1Gi' } },
      ]),
    want: [
      'spec.volumes[0].persistentVolumeClaim.claimName: Required value',
      'spec.volumes[1].hostPath.path: Required value',
      "spec.volumes[2].hostPath.path: Invalid value: \"/var/../etc\": must not contain '..'",
      'spec.volumes[2].hostPath.type: Unsupported value: "Dir": supported values: "", "BlockDevice", "CharDevice", "Directory", "DirectoryOrCreate", "File", "FileOrCreate", "Socket"',
      'spec.volumes[3].secret.secretName: Required value',
      'spec.volumes[4].configMap.name: Required value',
      'spec.volumes[4].configMap.defaultMode: Invalid value: 1000: must be a number between 0 and 0777 (octal), both inclusive',
      'spec.volumes[4].configMap.items[0].key: Required value',
      'spec.volumes[4].configMap.items[0].path: Invalid value: "/etc/x": must be a relative path',
      "spec.volumes[4].configMap.items[1].path: Invalid value: \"..data\": must not start with '..'",
      'spec.volumes[5].emptyDir.sizeLimit: Forbidden: SizeLimit field must be a valid resource quantity',
    ],
  },
  {
    name: 'downwardAPI items are reported at the volume source',
    spec: nginx,
    tweak: (s) => setVolumes(s, [{ name: 'info', downwardAPI: { defaultMode: 420, items: [{ path: 'x' }, { fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.name' } }] } }]),
    want: [
      'spec.volumes[0].downwardAPI: Required value: one of fieldRef and resourceFieldRef is required',
      'spec.volumes[0].downwardAPI.path: Required value',
    ],
  },
  {
    name: 'projected sources',
    spec: nginx,
    tweak: (s) =>
      setVolumes(s, [
        {
          name: 'proj',
          projected: {
            defaultMode: 420,
            sources: [
              { serviceAccountToken: { expirationSeconds: 60 } },
              { secret: { name: 's', items: [{ key: 'a', path: 'same' }] }, configMap: { items: [{ key: 'b', path: 'same' }] } },
            ],
          },
        },
      ]),
    want: [
      'spec.volumes[0].projected.sources[0].serviceAccountToken.expirationSeconds: Invalid value: 60: may not specify a duration less than 10 minutes',
      'spec.volumes[0].projected.path: Required value',
      'spec.volumes[0].projected.sources[1].configMap.name: Required value',
      'spec.volumes[0].projected: Invalid value: "": conflicting duplicate paths',
      'spec.volumes[0].projected.sources[1]: Forbidden: may not specify more than 1 volume type per source',
    ],
  },

  // volume mounts
  {
    name: 'volume mounts',
    spec: nginx,
    tweak: (s) => {
      setVolumes(s, [{ name: 'data', emptyDir: {} }]);
      c0(s).volumeMounts = [
        { name: 'missing', mountPath: '/data' },
        { mountPath: '/data' },
        { name: 'data', subPath: '../x', subPathExpr: '$(POD)' },
      ];
    },
    want: [
      'spec.containers[0].volumeMounts[0].name: Not found: "missing"',
      'spec.containers[0].volumeMounts[1].name: Required value',
      'spec.containers[0].volumeMounts[1].name: Not found: ""',
      'spec.containers[0].volumeMounts[1].mountPath: Invalid value: "/data": must be unique',
      'spec.containers[0].volumeMounts[2].mountPath: Required value',
      "spec.containers[0].volumeMounts.subPath: Invalid value: \"../x\": must not contain '..'",
      'spec.containers[0].volumeMounts[2].subPathExpr: Invalid value: "$(POD)": subPathExpr and subPath are mutually exclusive',
    ],
  },
  {
    name: 'an invalid volume cannot be mounted',
    spec: nginx,
    tweak: (s) => {
      setVolumes(s, [{ name: 'data', persistentVolumeClaim: { claimName: '' } }]);
      c0(s).volumeMounts = [{ name: 'data', mountPath: '/data' }];
    },
    want: ['spec.volumes[0].persistentVolumeClaim.claimName: Required value', 'spec.containers[0].volumeMounts[0].name: Not found: "data"'],
  },
  {
    name: 'mount propagation and recursive read-only',
    spec: nginx,
    tweak: (s) => {
      setVolumes(s, [{ name: 'data', emptyDir: {} }]);
      c0(s).volumeMounts = [
        { name: 'data', mountPath: '/a', mountPropagation: 'Bidirectional' },
        { name: 'data', mountPath: '/b', mountPropagation: 'Sideways' },
        { name: 'data', mountPath: '/c', recursiveReadOnly: 'Enabled', mountPropagation: 'HostToContainer' },
        { name: 'data', mountPath: '/d', recursiveReadOnly: 'Always' },
      ];
    },
    want: [
      'spec.containers[0].volumeMounts.mountPropagation: Forbidden: Bidirectional mount propagation is available only to privileged containers',
      'spec.containers[0].volumeMounts.mountPropagation: Unsupported value: "Sideways": supported values: "Bidirectional", "HostToContainer", "None"',
      'spec.containers[0].volumeMounts.recursiveReadOnly: Forbidden: may only be specified when readOnly is true',
      'spec.containers[0].volumeMounts.recursiveReadOnly: Forbidden: may only be specified when mountPropagation is None or not specified',
      'spec.containers[0].volumeMounts.recursiveReadOnly: Unsupported value: "Always": supported values: "Disabled", "Enabled", "IfPossible"',
    ],
  },

  // resources, with quantities printed as Quantity.String() prints them
  {
    name: 'requests above limits',
    spec: nginx,
    tweak: (s) => setResources(s, { cpu: '0.5', memory: '0.5Gi', 'ephemeral-storage': 2 }, { cpu: '250m', memory: '256Mi', 'ephemeral-storage': 1 }),
    want: [
      'spec.containers[0].resources.requests: Invalid value: "500m": must be less than or equal to cpu limit of 250m',
      'spec.containers[0].resources.requests: Invalid value: "2": must be less than or equal to ephemeral-storage limit of 1',
      'spec.containers[0].resources.requests: Invalid value: "512Mi": must be less than or equal to memory limit of 256Mi',
    ],
  },
  {
    name: 'canonical and kept quantity texts',
    spec: nginx,
    tweak: (s) =>
      setResources(s, { cpu: '1.5e3', memory: '1.5Gi', 'ephemeral-storage': '2000m' }, { cpu: '1E0', memory: '2048Ki', 'ephemeral-storage': '1.0' }),
    want: [
      'spec.containers[0].resources.requests: Invalid value: "1500": must be less than or equal to cpu limit of 1E0',
      'spec.containers[0].resources.requests: Invalid value: "2": must be less than or equal to ephemeral-storage limit of 1',
      'spec.containers[0].resources.requests: Invalid value: "1536Mi": must be less than or equal to memory limit of 2Mi',
    ],
  },
  {
    name: 'negative quantities',
    spec: nginx,
    tweak: (s) => setResources(s, { cpu: '-100m' }, { memory: '-1' }),
    want: [
      'spec.containers[0].resources.limits[memory]: Invalid value: "-1": must be greater than or equal to 0',
      'spec.containers[0].resources.requests[cpu]: Invalid value: "-100m": must be greater than or equal to 0',
    ],
  },
  {
    name: 'extended and hugepage resources cannot be overcommitted',
    spec: nginx,
    tweak: (s) => setResources(s, { 'example.com/fpga': 1, 'nvidia.com/gpu': '1', 'hugepages-2Mi': '4Mi' }, { 'nvidia.com/gpu': 2, 'hugepages-2Mi': '4Mi' }),
    want: [
      'spec.containers[0].resources.limits: Required value: Limit must be set for non overcommitable resources',
      'spec.containers[0].resources.requests: Invalid value: "1": must be equal to nvidia.com/gpu limit of 2',
      'spec.containers[0].resources: Forbidden: HugePages require cpu or memory',
    ],
  },

  // probes
  {
    name: 'probe handlers',
    spec: nginx,
    tweak: (s) => {
      probe(s, 'livenessProbe', {});
      probe(s, 'readinessProbe', { exec: { command: [] }, httpGet: { path: '/', port: 80, scheme: 'HTTP' } });
      probe(s, 'startupProbe', { httpGet: { path: '', port: 0, scheme: 'FTP', httpHeaders: [{ name: 'X Bad', value: '' }] } });
    },
    want: [
      'spec.containers[0].livenessProbe: Required value: must specify a handler type',
      'spec.containers[0].readinessProbe.exec.command: Required value',
      'spec.containers[0].readinessProbe.httpGet: Forbidden: may not specify more than 1 handler type',
      'spec.containers[0].startupProbe.httpGet.path: Required value',
      `spec.containers[0].startupProbe.httpGet.port: Invalid value: 0: ${PORT_RANGE}`,
      'spec.containers[0].startupProbe.httpGet.scheme: Unsupported value: "FTP": supported values: "HTTP", "HTTPS"',
      "spec.containers[0].startupProbe.httpGet.httpHeaders: Invalid value: \"X Bad\": a valid HTTP header must consist of alphanumeric characters or '-' (e.g. 'X-Header-Name', regex used for validation is '[-A-Za-z0-9]+')",
    ],
  },
  {
    name: 'probe ports by number or name',
    spec: nginx,
    tweak: (s) => {
      probe(s, 'livenessProbe', { tcpSocket: { port: 'web--port' } });
      probe(s, 'readinessProbe', { grpc: { port: 70000 } });
      probe(s, 'startupProbe', { tcpSocket: { port: '8080' } });
    },
    want: [
      'spec.containers[0].livenessProbe.tcpSocket.port: Invalid value: "web--port": must not contain consecutive hyphens',
      `spec.containers[0].readinessProbe.grpc.port: Invalid value: 70000: ${PORT_RANGE}`,
      'spec.containers[0].startupProbe.tcpSocket.port: Invalid value: "8080": must contain at least one letter (a-z)',
    ],
  },
  {
    name: 'probe timings and thresholds',
    spec: nginx,
    tweak: (s) => {
      probe(s, 'livenessProbe', { tcpSocket: { port: 80 }, periodSeconds: -1, successThreshold: 2, terminationGracePeriodSeconds: 0 });
      probe(s, 'readinessProbe', { tcpSocket: { port: 80 }, successThreshold: 3, terminationGracePeriodSeconds: 10 });
      probe(s, 'startupProbe', { tcpSocket: { port: 80 }, initialDelaySeconds: -5, successThreshold: 0 });
    },
    want: [
      'spec.containers[0].livenessProbe.periodSeconds: Invalid value: -1: must be greater than or equal to 0',
      'spec.containers[0].livenessProbe.terminationGracePeriodSeconds: Invalid value: 0: must be greater than 0',
      'spec.containers[0].livenessProbe.successThreshold: Invalid value: 2: must be 1',
      'spec.containers[0].readinessProbe.terminationGracePeriodSeconds: Invalid value: 10: must not be set for readinessProbes',
      'spec.containers[0].startupProbe.initialDelaySeconds: Invalid value: -5: must be greater than or equal to 0',
      'spec.containers[0].startupProbe.successThreshold: Invalid value: 0: must be 1',
    ],
  },
  {
    name: 'probes and lifecycle on plain init containers',
    spec: nginx,
    tweak: (s) => {
      addInit(s, { name: 'init', lifecycle: { preStop: { exec: { command: ['x'] } } }, livenessProbe: { exec: { command: ['x'] } }, startupProbe: {} });
      addInit(s, { name: 'bad-policy', restartPolicy: 'OnFailure', readinessProbe: { tcpSocket: { port: 80 } } });
    },
    want: [
      `spec.initContainers[0].lifecycle: Forbidden: ${NOT_SIDECAR}`,
      `spec.initContainers[0].livenessProbe: Forbidden: ${NOT_SIDECAR}`,
      `spec.initContainers[0].startupProbe: Forbidden: ${NOT_SIDECAR}`,
      'spec.initContainers[1].restartPolicy: Unsupported value: "OnFailure": supported values: "Always"',
      `spec.initContainers[1].readinessProbe: Forbidden: ${NOT_SIDECAR}`,
    ],
  },
  {
    name: 'sidecar probes are validated',
    spec: nginx,
    tweak: (s) => { addInit(s, { name: 'proxy', restartPolicy: 'Always', livenessProbe: { tcpSocket: { port: 9901 }, successThreshold: 1 }, startupProbe: { successThreshold: 1 } }); },
    want: ['spec.initContainers[0].startupProbe: Required value: must specify a handler type'],
  },

  // Go's append order across the whole spec
  {
    name: 'several errors in the apiserver order',
    spec: nginx,
    tweak: (s) => {
      s.tolerations = [{ key: 'k', operator: 'Exists', value: 'v' }];
      s.dnsPolicy = 'Cluster';
      s.restartPolicy = 'Sometimes';
      addInit(s, { name: 'nginx', image: '' });
      c0(s).name = 'Bad_Name';
      c0(s).image = '';
      c0(s).ports = [{ containerPort: 0, protocol: 'TCP' }];
      c0(s).volumeMounts = [{ name: 'gone', mountPath: '/x' }];
      setVolumes(s, [{ name: 'v' }]);
      delete s.terminationGracePeriodSeconds;
      s.hostname = 'Host';
      s.activeDeadlineSeconds = -1;
    },
    want: [
      'spec.terminationGracePeriodSeconds: Required value',
      'spec.volumes[0]: Required value: must specify a volume type',
      `spec.containers[0].name: Invalid value: "Bad_Name": ${LABEL_MSG}`,
      'spec.containers[0].image: Required value',
      'spec.containers[0].ports[0].containerPort: Required value',
      'spec.containers[0].volumeMounts[0].name: Not found: "gone"',
      'spec.initContainers[0].image: Required value',
      'spec.restartPolicy: Unsupported value: "Sometimes": supported values: "Always", "OnFailure", "Never"',
      'spec.dnsPolicy: Unsupported value: "Cluster": supported values: "ClusterFirstWithHostNet", "ClusterFirst", "Default", "None"',
      'spec.activeDeadlineSeconds: Invalid value: -1: must be between 1 and 2147483647, inclusive',
      `spec.hostname: Invalid value: "Host": ${LABEL_MSG}`,
      "spec.tolerations[0].operator: Invalid value: \"v\": value must be empty when `operator` is 'Exists'",
    ],
  },
];

const render = (errs: ReturnType<typeof validatePodSpec>): string[] => errs.map(fieldErrorString);

describe('validatePodSpec', () => {
  it.each(cases)('$name', ({ spec, tweak, want }) => {
    const s = spec();
    tweak?.(s);
    expect(render(validatePodSpec(s, FieldPath.root('spec')))).toEqual(want);
  });
});

/** A Deployment's template after defaulting. */
function template(): Obj {
  const t = {
    metadata: { labels: { app: 'web' } },
    spec: { containers: [{ name: 'web', image: 'nginx:1.27' }] },
  } as unknown as PodTemplateSpec;
  defaultPodTemplateSpec(t);
  return t as unknown as Obj;
}

const tmplPath = FieldPath.root('spec').child('template');
const tmplCases: { name: string; tweak: (t: Obj) => void; want: string[] }[] = [
  { name: 'valid template', tweak: () => {}, want: [] },
  {
    name: 'template metadata errors are named without `metadata`, spec errors under spec',
    tweak: (t) => {
      t.metadata = { labels: { app: 'bad value!' }, annotations: { 'bad key': 'x' } };
      ((t.spec as Obj).containers as Obj[])[0].image = '';
    },
    want: [
      `spec.template.labels: Invalid value: "bad value!": ${LABEL_VALUE_MSG}`,
      `spec.template.annotations: Invalid value: "bad key": ${NAME_PART_MSG}`,
      'spec.template.spec.containers[0].image: Required value',
    ],
  },
];

describe('validatePodTemplateSpec', () => {
  it.each(tmplCases)('$name', ({ tweak, want }) => {
    const t = template();
    tweak(t);
    expect(render(validatePodTemplateSpec(t, tmplPath))).toEqual(want);
  });
});
