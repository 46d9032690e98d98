// `svcctl patch`: the three patch types through the apiserver's update path, with the controllers
// following (a type change allocates a node port; a selector change moves the endpoints).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Sandbox } from '../helpers/run-cli.js';

let sb: Sandbox;
beforeEach(async () => {
  sb = new Sandbox();
  await sb.run(['create', 'service', 'clusterip', 'web', '--tcp=80:8080']);
});
afterEach(() => sb.dispose());

const field = async (path: string) => (await sb.run(['get', 'svc', 'web', '-o', `jsonpath={${path}}`])).stdout;

describe('svcctl patch', () => {
  it.each([
    { name: 'strategic (default): a NodePort gets a node port', args: ['-p', '{"spec":{"type":"NodePort"}}'], path: '.spec.ports[0].nodePort', want: /^3\d{4}$/ },
    { name: 'strategic: ports merge by port', args: ['-p', '{"spec":{"ports":[{"port":80,"targetPort":9000}]}}'], path: '.spec.ports[*].targetPort', want: /^9000$/ },
    { name: 'merge: a map merges, null removes', args: ['--type', 'merge', '-p', '{"metadata":{"labels":{"tier":"front","app":null}}}'], path: '.metadata.labels', want: /^\{"tier":"front"\}$/ },
    { name: 'json: by path', args: ['--type=json', '-p', '[{"op":"add","path":"/spec/externalIPs","value":["1.2.3.4"]}]'], path: '.spec.externalIPs[0]', want: /^1\.2\.3\.4$/ },
    { name: 'YAML is read as JSON', args: ['-p', 'spec: {sessionAffinity: ClientIP}'], path: '.spec.sessionAffinity', want: /^ClientIP$/ },
  ])('$name', async ({ args, path, want }) => {
    const r = await sb.run(['patch', 'svc', 'web', ...args]);
    expect(r).toEqual({ exitCode: 0, stdout: 'service/web patched\n', stderr: '' });
    expect(await field(path)).toMatch(want);
  });

  it('says when nothing changed, and keeps the version', async () => {
    const before = await field('.metadata.resourceVersion');
    expect((await sb.run(['patch', 'svc', 'web', '-p', '{"spec":{"type":"ClusterIP"}}'])).stdout).toBe('service/web patched (no change)\n');
    expect(await field('.metadata.resourceVersion')).toBe(before);
  });

  it('a client dry run prints the result and stores nothing', async () => {
    const r = await sb.run(['patch', 'svc/web', '-p', '{"spec":{"type":"NodePort"}}', '--dry-run=client', '-o', 'jsonpath={.spec.type}']);
    expect(r.stdout).toBe('NodePort');
    expect(await field('.spec.type')).toBe('ClusterIP');
  });

  it.each([
    { args: ['svc', 'web', '-p', '{"spec":{"ports":[{"port":70000}]}}'], err: /^The Service "web" is invalid: \n\* spec\.ports\[1\]\.name: Required value\n\* spec\.ports\[1\]\.port: Invalid value: 70000: must be between 1 and 65535, inclusive\n/ },
    { args: ['svc', 'nope', '-p', '{}'], err: /^Error from server \(NotFound\): services "nope" not found\n$/ },
    { args: ['svc', 'web', '--type', 'json', '-p', '[{"op":"remove","path":"/spec/nope"}]'], err: /^error: unable to remove nonexistent key: nope: missing value\n$/ },
    { args: ['svc', 'web', '--type', 'xml', '-p', '{}'], err: /^error: --type must be one of \[json merge strategic\], not "xml"\n$/ },
    { args: ['svc', 'web'], err: /^error: must specify --patch or --patch-file containing the contents of the patch\n$/ },
  ])('refuses: $err', async ({ args, err }) => {
    const r = await sb.run(['patch', ...args]);
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toMatch(err);
  });
});
