// `svcctl get -w`: the list, then each change as another command makes it, each event's row
// aligned on its own as kubectl's tabwriter flushes it; ended by --request-timeout.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Sandbox } from '../helpers/run-cli.js';

const pod = (name: string) => `apiVersion: v1\nkind: Pod\nmetadata: {name: ${name}, labels: {app: web}}\nspec:\n  containers: [{name: web, image: nginx}]\n`;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

let sb: Sandbox;
beforeEach(() => {
  sb = new Sandbox();
});
afterEach(() => sb.dispose());

describe('get --watch', () => {
  it('prints the list, then the objects other commands create, change and delete', async () => {
    await sb.run(['apply', '-f', '-'], { stdin: pod('web-1') });
    const watching = sb.run(['get', 'pods', '-w', '--request-timeout=3s']);
    await sleep(1200);
    await sb.run(['apply', '-f', '-'], { stdin: pod('a-second-pod') });
    await sb.run(['delete', 'pod', 'web-1']);
    const r = await watching;
    expect(r.exitCode).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines.slice(0, 2)).toEqual(['NAME    READY   STATUS    RESTARTS   AGE', 'web-1   1/1     Running   0          0s']);
    // Each later row is a flush of its own: its columns are as wide as its own cells.
    expect(lines.slice(2)).toEqual([expect.stringMatching(/^a-second-pod {3}1\/1 {3}Running {3}0 {5}\d+s$/), expect.stringMatching(/^web-1 {3}1\/1 {3}Running {3}0 {5}\d+s$/), '']);
  });

  it('--watch-only prints the header with the first change; other formats print each object', async () => {
    // The cluster made first: two commands in one process must not both make it.
    await sb.run(['cluster', 'info']);
    const table = sb.run(['get', 'pods', '--watch-only', '--request-timeout=2']);
    const names = sb.run(['get', 'pods', '--watch-only', '--request-timeout=2', '-o', 'name']);
    await sleep(500);
    await sb.run(['apply', '-f', '-'], { stdin: pod('web-1') });
    expect((await table).stdout).toMatch(/^NAME {4}READY {3}STATUS {4}RESTARTS {3}AGE\nweb-1 {3}1\/1 {5}Running {3}0 {10}\ds\n$/);
    expect((await names).stdout).toBe('pod/web-1\n');
  });

  it('follows one resource type only', async () => {
    expect((await sb.run(['get', 'pods,svc', '-w'])).stderr).toBe('error: you may only specify a single resource type\n');
  });
});
