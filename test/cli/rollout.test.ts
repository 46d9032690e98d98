// `svcctl rollout status|history|undo|restart` over what the Deployment and StatefulSet
// controllers keep, with kubectl's texts.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Sandbox } from '../helpers/run-cli.js';

const deployment = (image: string, delay = 0) => `apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  replicas: 2
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers:
      - name: web
        image: ${image}
        readinessProbe: {tcpSocket: {port: 80}, initialDelaySeconds: ${delay}}
`;

const statefulSet = `apiVersion: apps/v1
kind: StatefulSet
metadata: {name: db}
spec:
  serviceName: db
  replicas: 3
  selector: {matchLabels: {app: db}}
  template:
    metadata: {labels: {app: db}}
    spec: {containers: [{name: db, image: postgres}]}
`;

let sb: Sandbox;
beforeEach(() => {
  sb = new Sandbox();
});
afterEach(() => sb.dispose());

describe('rollout status', () => {
  it.each([
    { name: 'a deployment rolled out', manifest: deployment('nginx'), args: ['deployment/web'], stdout: 'deployment "web" successfully rolled out\n' },
    { name: 'a statefulset (partition 0 by default)', manifest: statefulSet, args: ['sts', 'db'], stdout: 'partitioned roll out complete: 3 new pods have been updated...\n' },
    {
      name: 'pods not ready yet, without watching',
      manifest: deployment('nginx', 30),
      args: ['deployment/web', '--watch=false'],
      stdout: 'Waiting for deployment "web" rollout to finish: 0 of 2 updated replicas are available...\n',
    },
  ])('$name', async ({ manifest, args, stdout }) => {
    await sb.run(['apply', '-f', '-'], { stdin: manifest });
    expect(await sb.run(['rollout', 'status', ...args])).toEqual({ exitCode: 0, stdout, stderr: '' });
  });

  it('gives up after --timeout, the waiting line printed', async () => {
    await sb.run(['apply', '-f', '-'], { stdin: deployment('nginx', 30) });
    const r = await sb.run(['rollout', 'status', 'deployment/web', '--timeout=1s']);
    expect(r).toEqual({ exitCode: 1, stdout: 'Waiting for deployment "web" rollout to finish: 0 of 2 updated replicas are available...\n', stderr: 'error: timed out waiting for the condition\n' });
  });

  it('waits while real time passes the readiness delay, the clock running from the command on', async () => {
    await sb.run(['apply', '-f', '-'], { stdin: deployment('nginx', 2) });
    const r = await sb.run(['rollout', 'status', 'deployment/web', '--timeout=10s']);
    expect(r).toEqual({
      exitCode: 0,
      stdout: 'Waiting for deployment "web" rollout to finish: 0 of 2 updated replicas are available...\ndeployment "web" successfully rolled out\n',
      stderr: '',
    });
  });

  it('refuses kinds without a status viewer', async () => {
    expect((await sb.run(['rollout', 'status', 'svc/kubernetes'])).stderr).toBe('error: no status viewer has been implemented for Service\n');
  });
});

describe('rollout history, restart, undo', () => {
  it('restarts into a new revision, lists the revisions, and rolls back to the previous one', async () => {
    await sb.run(['apply', '-f', '-'], { stdin: deployment('nginx:1.26') });
    expect((await sb.run(['rollout', 'history', 'deployment/web'])).stdout).toBe('deployment.apps/web \nREVISION  CHANGE-CAUSE\n1         <none>\n\n');
    expect((await sb.run(['rollout', 'restart', 'deployment/web'])).stdout).toBe('deployment.apps/web restarted\n');
    const stamp = (await sb.run(['get', 'deploy', 'web', '-o', "jsonpath={.spec.template.metadata.annotations['kubectl\\.kubernetes\\.io/restartedAt']}"])).stdout;
    expect(stamp).toMatch(/^2025-01-01T\d\d:00:00(Z|[+-]\d\d:\d\d)$/);
    // The same second again: nothing would change.
    expect((await sb.run(['rollout', 'restart', 'deployment/web'])).stderr).toBe(
      'error: failed to create patch for web: if restart has already been triggered within the past second, please wait before attempting to trigger another\n',
    );
    expect((await sb.run(['rollout', 'history', 'deployment/web'])).stdout).toBe('deployment.apps/web \nREVISION  CHANGE-CAUSE\n1         <none>\n2         <none>\n\n');
    expect((await sb.run(['rollout', 'history', 'deployment/web', '--revision=2'])).stdout).toMatch(
      /^deployment\.apps\/web with revision #2\nPod Template:\n  Labels:\tapp=web\n\tpod-template-hash=\w+\n  Annotations:\tkubectl\.kubernetes\.io\/restartedAt: /,
    );
    expect((await sb.run(['rollout', 'undo', 'deployment/web'])).stdout).toBe('deployment.apps/web rolled back\n');
    // Back on the first template, which now is revision 3.
    expect((await sb.run(['get', 'deploy', 'web', '-o', "jsonpath={.metadata.annotations['deployment\\.kubernetes\\.io/revision']}"])).stdout).toBe('3');
    expect((await sb.run(['get', 'deploy', 'web', '-o', 'jsonpath={.spec.template.metadata.annotations}'])).stdout).toBe('');
    expect((await sb.run(['rollout', 'undo', 'deployment/web', '--to-revision=3'])).stdout).toBe('deployment.apps/web skipped rollback (current template already matches revision 3)\n');
    expect((await sb.run(['rollout', 'undo', 'deployment/web', '--to-revision=7'])).stderr).toBe('error: unable to find specified revision 7 in history\n');
  });

  it.each([
    { args: ['undo', 'deployment/web'], err: 'error: no rollout history found for deployment "web"\n' },
    { args: ['undo', 'svc/kubernetes'], err: 'error: no rollbacker has been implemented for "Service"\n' },
    { args: ['history', 'svc/kubernetes'], err: 'error: no history viewer has been implemented for "Service"\n' },
    { args: ['restart', 'svc/kubernetes'], err: 'error: services "kubernetes" restarting is not supported\n' },
    { args: ['restart', 'deployment/nope'], err: 'Error from server (NotFound): deployments.apps "nope" not found\n' },
  ])('rollout $args', async ({ args, err }) => {
    await sb.run(['apply', '-f', '-'], { stdin: deployment('nginx') });
    expect(await sb.run(['rollout', ...args])).toEqual({ exitCode: 1, stdout: '', stderr: err });
  });

  it('a statefulset rolls back through its ControllerRevisions', async () => {
    await sb.run(['apply', '-f', '-'], { stdin: statefulSet });
    await sb.run(['apply', '-f', '-'], { stdin: statefulSet.replace('image: postgres', 'image: postgres:17') });
    expect((await sb.run(['rollout', 'history', 'sts/db'])).stdout).toBe('statefulset.apps/db \nREVISION  CHANGE-CAUSE\n1         <none>\n2         <none>\n\n');
    expect((await sb.run(['rollout', 'undo', 'sts/db'])).stdout).toBe('statefulset.apps/db rolled back\n');
    expect((await sb.run(['get', 'pods', '-o', 'jsonpath={.items[*].spec.containers[0].image}'])).stdout).toBe('postgres postgres postgres');
    // The first template's revision is the newest again.
    expect((await sb.run(['rollout', 'history', 'sts/db'])).stdout).toBe('statefulset.apps/db \nREVISION  CHANGE-CAUSE\n2         <none>\n3         <none>\n\n');
  });
});

describe('set image', () => {
  it('rolls a deployment to a new image, and does nothing when it already runs it', async () => {
    await sb.run(['apply', '-f', '-'], { stdin: deployment('nginx:1.26') });
    expect(await sb.run(['set', 'image', 'deployment/web', 'web=nginx:1.27'])).toEqual({ exitCode: 0, stdout: 'deployment.apps/web image updated\n', stderr: '' });
    expect((await sb.run(['get', 'pods', '-o', 'jsonpath={.items[*].spec.containers[0].image}'])).stdout).toBe('nginx:1.27 nginx:1.27');
    expect((await sb.run(['rollout', 'history', 'deployment/web'])).stdout).toBe('deployment.apps/web \nREVISION  CHANGE-CAUSE\n1         <none>\n2         <none>\n\n');
    expect(await sb.run(['set', 'image', 'deployment/web', '*=nginx:1.27'])).toEqual({ exitCode: 0, stdout: '', stderr: '' });
  });

  it.each([
    { args: ['deployment/web', 'nope=x'], err: 'error: unable to find container named "nope"\n' },
    { args: ['svc/kubernetes', 'a=b'], err: 'error: services/kubernetes the object is not a pod or does not have a pod template: *v1.Service\n' },
    { args: ['deployment/web'], err: 'error: at least one image update is required\n' },
    { args: ['deployment/web', '*=a', 'web=b'], err: 'error: all containers are already specified by *, but saw more than one container_name=container_image pairs\n' },
  ])('refuses $args', async ({ args, err }) => {
    await sb.run(['apply', '-f', '-'], { stdin: deployment('nginx') });
    expect(await sb.run(['set', 'image', ...args])).toEqual({ exitCode: 1, stdout: '', stderr: err });
  });
});

describe('wait', () => {
  it.each([
    { name: 'a condition, by name', args: ['--for=condition=Available', 'deployment/web'], stdout: 'deployment.apps/web condition met\n' },
    { name: 'a condition, case-folded, on pods by label', args: ['--for=condition=ready', 'pod', '-l', 'app=web'], lines: 2 },
    { name: 'a jsonpath value', args: ['--for=jsonpath={.status.phase}=Running', 'pods', '--all'], lines: 2 },
    { name: 'a jsonpath that only has to exist', args: ["--for=jsonpath='{.status.readyReplicas}'", 'deploy/web'], stdout: 'deployment.apps/web condition met\n' },
    { name: 'deletion of what is already gone', args: ['--for=delete', 'pod/nope'], stdout: '' },
  ])('$name', async ({ args, stdout, lines }) => {
    await sb.run(['apply', '-f', '-'], { stdin: deployment('nginx') });
    const r = await sb.run(['wait', ...args.map((a) => a.replace(/'/g, ''))]);
    expect(r.stderr).toBe('');
    expect(r.exitCode).toBe(0);
    if (stdout !== undefined) expect(r.stdout).toBe(stdout);
    else expect(r.stdout).toMatch(new RegExp(`^(pod/web-\\w+-\\w+ condition met\\n){${lines}}$`));
  });

  it.each([
    { args: ['--for=condition=Ready', 'pod', '-l', 'app=web', '--timeout=0'], err: /^(error: condition not met for pods\/web-\w+-\w+\n){2}$/ },
    { args: ['--for=condition=Ready', 'pod', '-l', 'app=web', '--timeout=1s'], err: /^(error: timed out waiting for the condition on pods\/web-\w+-\w+\n){2}$/ },
    { args: ['--for=condition=Ready', 'pod', '-l', 'app=none'], err: /^error: no matching resources found\n$/ },
    { args: ['--for=condition=Ready', 'pod/nope'], err: /^Error from server \(NotFound\): pods "nope" not found\n$/ },
    { args: ['--for=bogus', 'pod/nope'], err: /^error: unrecognized condition: "bogus"\n$/ },
  ])('fails: $args', async ({ args, err }) => {
    // Readiness 30 s away on the cluster's clock, which these runs never reach.
    await sb.run(['apply', '-f', '-'], { stdin: deployment('nginx', 30) });
    const r = await sb.run(['wait', ...args]);
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toMatch(err);
  });

  it('is met once simulated time passes the readiness delay', async () => {
    await sb.run(['apply', '-f', '-'], { stdin: deployment('nginx', 30) });
    await sb.run(['sim', 'advance', '31s']);
    expect((await sb.run(['wait', '--for=condition=Available', 'deploy/web', '--timeout=0'])).stdout).toBe('deployment.apps/web condition met\n');
  });
});
