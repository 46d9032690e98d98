// `svcctl edit`: the object in an editor under kubectl's header; the change patched in through the
// apiserver's checks; a refused change reopened with the reasons; nothing changed, nothing written.
import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Sandbox } from '../helpers/run-cli.js';

const svc = `apiVersion: v1\nkind: Service\nmetadata: {name: web}\nspec:\n  selector: {app: web}\n  ports: [{port: 80}]\n`;

let sb: Sandbox;
beforeEach(() => {
  sb = new Sandbox();
});
afterEach(() => sb.dispose());

/** An editor that logs each file it is given, then runs `sed` on it (or nothing). */
function editor(sedScript?: string): { env: Record<string, string>; seen: () => string[] } {
  const log = join(sb.state, 'seen.log');
  const script = join(sb.state, 'editor.sh');
  writeFileSync(log, '');
  writeFileSync(script, `#!/bin/sh\ncat "$1" >> ${log}\necho '<<EOF>>' >> ${log}\n${sedScript ? `sed -i '${sedScript}' "$1"\n` : ''}`);
  chmodSync(script, 0o755);
  return { env: { EDITOR: script }, seen: () => readFileSync(log, 'utf8').split('<<EOF>>\n').slice(0, -1) };
}

describe('edit', () => {
  it('opens the object under the header and patches the change in', async () => {
    await sb.run(['apply', '-f', '-'], { stdin: svc });
    const ed = editor('s/type: ClusterIP/type: NodePort/');
    expect(await sb.run(['edit', 'svc', 'web'], { env: ed.env })).toEqual({ exitCode: 0, stdout: 'service/web edited\n', stderr: '' });
    const [shown] = ed.seen();
    expect(shown.startsWith("# Please edit the object below. Lines beginning with a '#' will be ignored,\n# and an empty file will abort the edit. If an error occurs while saving this file will be\n# reopened with the relevant failures.\n#\napiVersion: v1\nkind: Service\n")).toBe(true);
    expect((await sb.run(['get', 'svc', 'web', '-o', 'jsonpath={.spec.type} {.spec.ports[0].nodePort}'])).stdout).toMatch(/^NodePort 3\d{4}$/);
  });

  it('says so when nothing changed, or the file was emptied', async () => {
    await sb.run(['apply', '-f', '-'], { stdin: svc });
    expect(await sb.run(['edit', 'svc/web'], { env: editor().env })).toEqual({ exitCode: 0, stdout: '', stderr: 'Edit cancelled, no changes made.\n' });
    expect(await sb.run(['edit', 'svc/web'], { env: editor('d').env })).toEqual({ exitCode: 0, stdout: '', stderr: 'Edit cancelled, saved file was empty.\n' });
  });

  it('reopens a refused change with the reasons, and gives up when it comes back unchanged', async () => {
    await sb.run(['apply', '-f', '-'], { stdin: svc });
    const ed = editor('s/port: 80$/port: 0/');
    const r = await sb.run(['edit', 'svc', 'web'], { env: ed.env });
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toMatch(/^error: services "web" is invalid\nA copy of your changes has been stored to "[^"]+"\nerror: Edit cancelled, no valid changes were saved.\n$/);
    const [, reopened] = ed.seen();
    expect(reopened).toContain(
      '#\n# services "web" was not valid:\n# * spec.ports[0].port: Invalid value: 0: must be between 1 and 65535, inclusive\n#\napiVersion: v1\n',
    );
    expect((await sb.run(['get', 'svc', 'web', '-o', 'jsonpath={.spec.ports[0].port}'])).stdout).toBe('80');
  });

  it('edits several objects as one List, and names what it cannot find', async () => {
    await sb.run(['apply', '-f', '-'], { stdin: `${svc}---\n${svc.replace(/web/g, 'api')}` });
    const ed = editor('s/app: web/app: web2/');
    expect((await sb.run(['edit', 'svc', 'web', 'api'], { env: ed.env })).stdout).toBe('service/web edited\nservice/api skipped\n');
    expect(ed.seen()[0]).toContain('\napiVersion: v1\nitems:\n- apiVersion: v1\n');
    expect((await sb.run(['edit', 'svc', 'nope'], { env: ed.env })).stderr).toBe('Error from server (NotFound): services "nope" not found\n');
  });
});
