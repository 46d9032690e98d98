// `svcctl annotate` (and label's unlabeled), with kubectl's texts.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Sandbox } from '../helpers/run-cli.js';

let sb: Sandbox;
beforeEach(async () => {
  sb = new Sandbox();
  await sb.run(['create', 'service', 'clusterip', 'web', '--tcp=80']);
});
afterEach(() => sb.dispose());

const annotations = async () => (await sb.run(['get', 'svc', 'web', '-o', 'jsonpath={.metadata.annotations}'])).stdout;

describe('svcctl annotate', () => {
  it('sets, overwrites with --overwrite, and removes', async () => {
    expect((await sb.run(['annotate', 'svc', 'web', 'a=1', 'b=2'])).stdout).toBe('service/web annotated\n');
    expect(await annotations()).toBe('{"a":"1","b":"2"}');
    expect((await sb.run(['annotate', 'svc/web', 'a=3', '--overwrite'])).stdout).toBe('service/web annotated\n');
    expect((await sb.run(['annotate', 'svc', 'web', 'a-', 'b-'])).stdout).toBe('service/web annotated\n');
    expect(await annotations()).toBe('{}');
  });

  it.each([
    { args: ['a=2'], setup: ['a=1'], err: "error: --overwrite is false but found the following declared annotation(s): 'a' already has a value (1)\n" },
    { args: [], err: 'error: at least one annotation update is required\n' },
    { args: ['x=1', 'x-'], err: 'error: can not both modify and remove the following annotation(s) in the same command: x\n' },
    { args: ['bad key=1'], err: /^The Service "web" is invalid: metadata\.annotations: Invalid value: "bad key": name part must consist of alphanumeric characters/ },
  ])('refuses $args', async ({ args, setup, err }) => {
    if (setup) await sb.run(['annotate', 'svc', 'web', ...setup]);
    const r = await sb.run(['annotate', 'svc', 'web', ...args]);
    expect(r.exitCode).toBe(1);
    if (typeof err === 'string') expect(r.stderr).toBe(err);
    else expect(r.stderr).toMatch(err);
  });
});

describe('svcctl label: labeled, unlabeled, not labeled (updateDataChangeMsg)', () => {
  it.each([
    { args: ['tier=web'], out: 'labeled' },
    { args: ['app-'], out: 'unlabeled' },
    { args: ['app-', '--overwrite'], out: 'labeled' },
    { args: ['app=web', '--overwrite'], out: 'not labeled' },
  ])('$args -> $out', async ({ args, out }) => {
    expect((await sb.run(['label', 'svc', 'web', ...args])).stdout).toBe(`service/web ${out}\n`);
  });
});
