// Well-known database ports on a Service reachable from outside the cluster.
import type { Rule } from '../types.js';
import { isExternal, serviceSpec, servicePorts } from '../services.js';

/** Default ports of common databases and caches. */
export const DATABASE_PORTS: Record<number, string> = {
  1433: 'SQL Server',
  1521: 'Oracle',
  3306: 'MySQL',
  5432: 'PostgreSQL',
  5984: 'CouchDB',
  6379: 'Redis',
  7000: 'Cassandra',
  9042: 'Cassandra',
  9200: 'Elasticsearch',
  11211: 'Memcached',
  26257: 'CockroachDB',
  27017: 'MongoDB',
};

export const rule: Rule = {
  id: 'database-port-exposed',
  severity: 'warning',
  description: 'NodePort or LoadBalancer Service exposes a well-known database port.',
  check(ctx) {
    for (const svc of ctx.byKind('Service')) {
      const spec = serviceSpec(svc);
      if (!spec || !isExternal(spec)) continue;
      for (const [port, i] of servicePorts(spec)) {
        const db = DATABASE_PORTS[port.port] ?? (typeof port.targetPort === 'number' ? DATABASE_PORTS[port.targetPort] : undefined);
        if (!db) continue;
        const which = DATABASE_PORTS[port.port] ? port.port : port.targetPort;
        const field = DATABASE_PORTS[port.port] ? 'port' : 'targetPort';
        ctx.report(svc, ['spec', 'ports', i, field], `${spec.type} Service exposes port ${which} (${db}) outside the cluster`);
      }
    }
  },
};
