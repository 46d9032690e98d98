// Fills a state directory with N Services through the real engine, in one transaction (the
// benchmark measures commands against a large store, not the time to build it).
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const dist = join(fileURLToPath(import.meta.url), '..', '..', 'dist');

export async function seedServices(stateDir, count, namespace = 'default') {
  const { SqliteStore } = await import(join(dist, 'store', 'sqlite.js'));
  const { openEngine, write } = await import(join(dist, 'engine.js'));
  const { resourceByKind } = await import(join(dist, 'api', 'scheme.js'));
  const store = new SqliteStore(stateDir);
  const engine = await openEngine(store, () => new Date(), Math.random);
  const type = resourceByKind('Service');
  const nsType = resourceByKind('Namespace');
  await write(engine, async (reg) => {
    if (!(await reg.get(nsType, undefined, namespace))) {
      await reg.create(nsType, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: namespace } });
    }
    for (let i = 0; i < count; i++) {
      await reg.create(type, {
        apiVersion: 'v1',
        kind: 'Service',
        metadata: { name: `svc-${i}`, namespace, labels: { app: `app-${i % 50}` } },
        spec: { selector: { app: `app-${i % 50}` }, ports: [{ port: 80, targetPort: 8080 }] },
      });
    }
  });
  await store.close();
}
