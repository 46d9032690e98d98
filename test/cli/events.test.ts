// Events end to end: what the controllers record on apply/scale, as `get events` and `describe` show it.
import { describe, expect, it } from 'vitest';
import { Sandbox } from '../helpers/run-cli.js';

const deploy = `apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  replicas: 1
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec: {containers: [{name: nginx, image: "nginx:1.27"}]}
`;

/** Replaces generated names (hash, pod suffix) so the expected tables stay exact. */
const norm = (s: string) => s.replace(/web-[a-z0-9]{8,10}-[a-z0-9]{5}/g, 'web-POD').replace(/web-[a-z0-9]{8,10}\b/g, 'web-RS');

describe('svcctl get events / describe after controllers ran', () => {
  it('a Deployment apply and a scale', async () => {
    const sb = new Sandbox();
    try {
      expect((await sb.run(['apply', '-f', '-'], { stdin: deploy })).stderr).toBe('');
      sb.advance(90);
      expect((await sb.run(['scale', 'deploy', 'web', '--replicas=2'])).stderr).toBe('');
      sb.advance(30);
      const got = await sb.run(['get', 'events']);
      expect(got.stderr).toBe('');
      const lines = norm(got.stdout).split('\n');
      expect(lines[0].replace(/\s+/g, ' ')).toBe('LAST SEEN TYPE REASON OBJECT MESSAGE');
      const rows = lines.slice(1).filter(Boolean).map((l) => l.replace(/\s+/g, ' '));
      expect(rows.filter((r) => r.includes('ScalingReplicaSet'))).toEqual([
        '2m Normal ScalingReplicaSet deployment/web Scaled up replica set web-RS from 0 to 1',
        '30s Normal ScalingReplicaSet deployment/web Scaled up replica set web-RS from 1 to 2',
      ]);
      expect(rows.filter((r) => r.includes('replicaset/web-RS')).map((r) => r.replace(/^\S+ /, ''))).toEqual([
        'Normal SuccessfulCreate replicaset/web-RS Created pod: web-POD',
        'Normal SuccessfulCreate replicaset/web-RS Created pod: web-POD',
      ]);
      expect(rows.filter((r) => r.includes('pod/web-POD')).map((r) => r.split(' ')[2]).sort()).toEqual(
        ['Created', 'Created', 'Pulled', 'Pulled', 'Scheduled', 'Scheduled', 'Started', 'Started'],
      );
      const d = await sb.run(['describe', 'deploy', 'web']);
      expect(norm(d.stdout.slice(d.stdout.indexOf('Events:')))).toBe(
        'Events:\n' +
          '  Type    Reason             Age   From                   Message\n' +
          '  ----    ------             ----  ----                   -------\n' +
          '  Normal  ScalingReplicaSet  2m    deployment-controller  Scaled up replica set web-RS from 0 to 1\n' +
          '  Normal  ScalingReplicaSet  30s   deployment-controller  Scaled up replica set web-RS from 1 to 2\n',
      );
    } finally {
      sb.dispose();
    }
  });

  it('a LoadBalancer Service: Ensuring/Ensured in describe', async () => {
    const sb = new Sandbox();
    try {
      expect((await sb.run(['create', 'service', 'loadbalancer', 'lb', '--tcp=80:8080'])).stderr).toBe('');
      sb.advance(5);
      const d = await sb.run(['describe', 'svc', 'lb']);
      const events = d.stdout.slice(d.stdout.indexOf('Events:'));
      expect(events).toMatch(/^Events:\n {2}Type {4}Reason {16}Age {3}From {16}Message\n/);
      expect(events.split('\n').slice(3, 5).map((l) => l.replace(/\s+/g, ' '))).toEqual([
        ' Normal EnsuringLoadBalancer 5s service-controller Ensuring load balancer',
        ' Normal EnsuredLoadBalancer 5s service-controller Ensured load balancer',
      ]);
    } finally {
      sb.dispose();
    }
  });
});
