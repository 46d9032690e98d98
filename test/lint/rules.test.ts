// Each cross-object rule against its good and bad fixture: exact rule ids, positions and messages.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lintPaths } from '../../src/lint/run.js';
import { RULES } from '../../src/lint/rules/index.js';

const dir = join(import.meta.dirname, '../fixtures/lint/rules');

interface Case {
  name: string;
  findings: [ruleId: string, at: string, message: string][];
}

const cases: Case[] = [
  { name: "database-port-exposed.bad.yaml", findings: [["database-port-exposed","10:5","LoadBalancer Service exposes port 5432 (PostgreSQL) outside the cluster"]] },
  { name: "database-port-exposed.good.yaml", findings: [] },
  { name: "deployment-selector-mismatch.bad.yaml", findings: [["deployment-selector-mismatch","11:7","The Deployment \"web\" is invalid: spec.template.metadata.labels: Invalid value: map[string]string{\"app\":\"web\"}: `selector` does not match template `labels`"]] },
  { name: "deployment-selector-mismatch.good.yaml", findings: [] },
  { name: "duplicate-object.bad.yaml", findings: [["duplicate-object","4:3","ConfigMap/a/settings is also defined at duplicate-object.bad.yaml:10"],["duplicate-object","10:3","ConfigMap/a/settings is also defined at duplicate-object.bad.yaml:4"]] },
  { name: "duplicate-object.good.yaml", findings: [] },
  { name: "external-without-source-ranges.bad.yaml", findings: [["external-without-source-ranges","6:3","LoadBalancer Service has no loadBalancerSourceRanges: reachable from any address"]] },
  { name: "external-without-source-ranges.good.yaml", findings: [] },
  { name: "externalname-is-ip.bad.yaml", findings: [["externalname-is-ip","7:3","externalName \"10.0.0.7\" is an IP address; use a Service without a selector and an EndpointSlice instead"]] },
  { name: "externalname-is-ip.good.yaml", findings: [] },
  { name: "ingress-backend-missing.bad.yaml", findings: [["ingress-backend-missing","47:15","backend Service \"web\" has no port 8080"],["ingress-backend-missing","61:13","backend Service \"api\" is not defined in namespace \"default\""]] },
  { name: "ingress-backend-missing.good.yaml", findings: [] },
  { name: "networkpolicy-selects-nothing.bad.yaml", findings: [["networkpolicy-selects-nothing","26:3","podSelector app=db matches no pod template in namespace \"default\""]] },
  { name: "networkpolicy-selects-nothing.good.yaml", findings: [] },
  { name: "node-port-collision.bad.yaml", findings: [["node-port-collision","11:5","nodePort 30080 is also requested by Service/default/b (node-port-collision.bad.yaml:23)"],["node-port-collision","23:5","nodePort 30080 is also requested by Service/default/a (node-port-collision.bad.yaml:11)"]] },
  { name: "node-port-collision.good.yaml", findings: [] },
  { name: "service-selector-no-match.bad.yaml", findings: [["service-selector-no-match","27:3","selector app=wbe matches no Pod/Deployment/ReplicaSet/StatefulSet/DaemonSet/Job/ReplicationController/CronJob pod template in namespace \"default\""]] },
  { name: "service-selector-no-match.good.yaml", findings: [] },
  { name: "service-target-port-name-missing.bad.yaml", findings: [["service-target-port-name-missing","51:5","targetPort \"http\" is not declared by any container of Deployment/default/web-canary"]] },
  { name: "service-target-port-name-missing.good.yaml", findings: [] },
  { name: "service-target-port-number-unexposed.bad.yaml", findings: [["service-target-port-number-unexposed","31:5","targetPort 9090 is not a containerPort of any selected container (Deployment/default/web)"]] },
  { name: "service-target-port-number-unexposed.good.yaml", findings: [] },
];

describe('lint rules', () => {
  it.each(cases)('$name', async ({ name, findings }) => {
    const r = await lintPaths([name], { cwd: dir });
    expect(r.findings.map((f) => [f.ruleId, `${f.line}:${f.column}`, f.message])).toEqual(findings);
  });

  it('has a good and a bad fixture for every rule, and each bad one fires its rule', () => {
    const names = new Set(cases.map((c) => c.name));
    for (const rule of RULES) {
      expect(names.has(`${rule.id}.good.yaml`), rule.id).toBe(true);
      const bad = cases.find((c) => c.name === `${rule.id}.bad.yaml`);
      expect(bad?.findings.some(([id]) => id === rule.id), rule.id).toBe(true);
    }
  });
});
