// The real-world corpus (../shared/corpus/real), each directory linted as `svcctl lint -f DIR`
// would lint it: every error reported is listed here with the real problem it names. Anything new
// (a false positive, or a parser edge case failing) breaks this test.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { lintPaths } from '../../src/lint/run.js';
import { shared } from '../helpers/shared.js';

const root = shared('corpus', 'real');

const KNOWN_ERRORS = [
  // wordpress-ingress.yaml keeps the placeholder namespace "<your-namespace>", which cannot exist.
  'wordpress-example-app-uu/wordpress-ingress.yaml:6:3 apiserver-error',
  // istio dual-stack samples ask for IPv6 / RequireDualStack: refused on the single-stack IPv4 reference cluster.
  'istio/samples/bookinfo/platform/kube/bookinfo-details-dualstack.yaml:26:3 apiserver-validation',
  'istio/samples/bookinfo/platform/kube/bookinfo-details-dualstack.yaml:27:16 apiserver-validation',
  'istio/samples/bookinfo/platform/kube/bookinfo-dualstack.yaml:146:3 apiserver-validation',
  'istio/samples/bookinfo/platform/kube/bookinfo-dualstack.yaml:147:22 apiserver-validation',
  'istio/samples/bookinfo/platform/kube/bookinfo-dualstack.yaml:292:3 apiserver-validation',
  'istio/samples/bookinfo/platform/kube/bookinfo-dualstack.yaml:293:22 apiserver-validation',
  'istio/samples/bookinfo/platform/kube/bookinfo-dualstack.yaml:93:3 apiserver-validation',
  'istio/samples/bookinfo/platform/kube/bookinfo-dualstack.yaml:94:16 apiserver-validation',
  'istio/samples/helloworld/helloworld-dual-stack.yaml:11:5 apiserver-validation',
  'istio/samples/helloworld/helloworld-dual-stack.yaml:9:3 apiserver-validation',
  'istio/samples/tcp-echo/tcp-echo-dual-stack.yaml:26:3 apiserver-validation',
  'istio/samples/tcp-echo/tcp-echo-dual-stack.yaml:28:5 apiserver-validation',
  // mtls-echo mounts a volume "ca-certs" its pod template names "ca": volumeMounts[1].name Not found.
  'istio/samples/mtls-echo/mtls-echo.yaml:93:13 apiserver-validation',
  // openshift-origin controllers repeat `selector:` in one map: strict decoding refuses them (kubectl: key "selector" already set in map).
  'kubernetes-examples/_archived/openshift-origin/etcd-controller.yaml:12:3 duplicate-key',
  'kubernetes-examples/_archived/openshift-origin/etcd-discovery-controller.yaml:12:3 duplicate-key',
  'kubernetes-examples/_archived/openshift-origin/openshift-controller.yaml:12:3 duplicate-key',
  // Alternative variants of one example in one directory (tcp-echo ipv4/ipv6/dual-stack, minio standalone/distributed, guestbook all-in-one beside its parts, podsecuritypolicy pod/pod_priv, web-controller/-demo, my-nginx twice): `apply -f dir` would overwrite one with the other.
  'istio/samples/addons/extras/skywalking.yaml:36:3 duplicate-object',
  'istio/samples/addons/extras/zipkin.yaml:34:3 duplicate-object',
  'istio/samples/bookinfo/platform/kube/bookinfo-details-dualstack.yaml:21:3 duplicate-object',
  'istio/samples/bookinfo/platform/kube/bookinfo-details-dualstack.yaml:37:3 duplicate-object',
  'istio/samples/bookinfo/platform/kube/bookinfo-details.yaml:21:3 duplicate-object',
  'istio/samples/bookinfo/platform/kube/bookinfo-details.yaml:35:3 duplicate-object',
  'istio/samples/bookinfo/platform/kube/bookinfo-dualstack.yaml:104:3 duplicate-object',
  'istio/samples/bookinfo/platform/kube/bookinfo-dualstack.yaml:111:3 duplicate-object',
  'istio/samples/bookinfo/platform/kube/bookinfo-dualstack.yaml:141:3 duplicate-object',
  'istio/samples/bookinfo/platform/kube/bookinfo-dualstack.yaml:157:3 duplicate-object',
  'istio/samples/bookinfo/platform/kube/bookinfo-dualstack.yaml:164:3 duplicate-object',
  'istio/samples/bookinfo/platform/kube/bookinfo-dualstack.yaml:204:3 duplicate-object',
  'istio/samples/bookinfo/platform/kube/bookinfo-dualstack.yaml:244:3 duplicate-object',
  'istio/samples/bookinfo/platform/kube/bookinfo-dualstack.yaml:287:3 duplicate-object',
  'istio/samples/bookinfo/platform/kube/bookinfo-dualstack.yaml:303:3 duplicate-object',
  'istio/samples/bookinfo/platform/kube/bookinfo-dualstack.yaml:310:3 duplicate-object',
  'istio/samples/bookinfo/platform/kube/bookinfo-dualstack.yaml:35:3 duplicate-object',
  'istio/samples/bookinfo/platform/kube/bookinfo-dualstack.yaml:51:3 duplicate-object',
  'istio/samples/bookinfo/platform/kube/bookinfo-dualstack.yaml:58:3 duplicate-object',
  'istio/samples/bookinfo/platform/kube/bookinfo-dualstack.yaml:88:3 duplicate-object',
  'istio/samples/bookinfo/platform/kube/bookinfo-psa.yaml:105:3 duplicate-object',
  'istio/samples/bookinfo/platform/kube/bookinfo-psa.yaml:141:3 duplicate-object',
  'istio/samples/bookinfo/platform/kube/bookinfo-psa.yaml:155:3 duplicate-object',
  'istio/samples/bookinfo/platform/kube/bookinfo-psa.yaml:162:3 duplicate-object',
  'istio/samples/bookinfo/platform/kube/bookinfo-psa.yaml:208:3 duplicate-object',
  'istio/samples/bookinfo/platform/kube/bookinfo-psa.yaml:254:3 duplicate-object',
  'istio/samples/bookinfo/platform/kube/bookinfo-psa.yaml:27:3 duplicate-object',
  'istio/samples/bookinfo/platform/kube/bookinfo-psa.yaml:303:3 duplicate-object',
  'istio/samples/bookinfo/platform/kube/bookinfo-psa.yaml:317:3 duplicate-object',
  'istio/samples/bookinfo/platform/kube/bookinfo-psa.yaml:324:3 duplicate-object',
  'istio/samples/bookinfo/platform/kube/bookinfo-psa.yaml:41:3 duplicate-object',
  'istio/samples/bookinfo/platform/kube/bookinfo-psa.yaml:48:3 duplicate-object',
  'istio/samples/bookinfo/platform/kube/bookinfo-psa.yaml:84:3 duplicate-object',
  'istio/samples/bookinfo/platform/kube/bookinfo-psa.yaml:98:3 duplicate-object',
  'istio/samples/bookinfo/platform/kube/bookinfo-ratings-discovery-dualstack.yaml:21:3 duplicate-object',
  'istio/samples/bookinfo/platform/kube/bookinfo-ratings-discovery.yaml:21:3 duplicate-object',
  'istio/samples/bookinfo/platform/kube/bookinfo-ratings-dualstack.yaml:21:3 duplicate-object',
  'istio/samples/bookinfo/platform/kube/bookinfo-ratings-dualstack.yaml:37:3 duplicate-object',
  'istio/samples/bookinfo/platform/kube/bookinfo-ratings.yaml:21:3 duplicate-object',
  'istio/samples/bookinfo/platform/kube/bookinfo-ratings.yaml:35:3 duplicate-object',
  'istio/samples/bookinfo/platform/kube/bookinfo-reviews-v2.yaml:21:3 duplicate-object',
  'istio/samples/bookinfo/platform/kube/bookinfo.yaml:100:3 duplicate-object',
  'istio/samples/bookinfo/platform/kube/bookinfo.yaml:107:3 duplicate-object',
  'istio/samples/bookinfo/platform/kube/bookinfo.yaml:137:3 duplicate-object',
  'istio/samples/bookinfo/platform/kube/bookinfo.yaml:151:3 duplicate-object',
  'istio/samples/bookinfo/platform/kube/bookinfo.yaml:158:3 duplicate-object',
  'istio/samples/bookinfo/platform/kube/bookinfo.yaml:198:3 duplicate-object',
  'istio/samples/bookinfo/platform/kube/bookinfo.yaml:238:3 duplicate-object',
  'istio/samples/bookinfo/platform/kube/bookinfo.yaml:281:3 duplicate-object',
  'istio/samples/bookinfo/platform/kube/bookinfo.yaml:295:3 duplicate-object',
  'istio/samples/bookinfo/platform/kube/bookinfo.yaml:302:3 duplicate-object',
  'istio/samples/bookinfo/platform/kube/bookinfo.yaml:35:3 duplicate-object',
  'istio/samples/bookinfo/platform/kube/bookinfo.yaml:49:3 duplicate-object',
  'istio/samples/bookinfo/platform/kube/bookinfo.yaml:56:3 duplicate-object',
  'istio/samples/bookinfo/platform/kube/bookinfo.yaml:86:3 duplicate-object',
  'istio/samples/bookinfo/platform/kube/productpage-nodeport.yaml:21:3 duplicate-object',
  'istio/samples/helloworld/helloworld-dual-stack.yaml:22:3 duplicate-object',
  'istio/samples/helloworld/helloworld-dual-stack.yaml:4:3 duplicate-object',
  'istio/samples/helloworld/helloworld-dual-stack.yaml:51:3 duplicate-object',
  'istio/samples/helloworld/helloworld.yaml:18:3 duplicate-object',
  'istio/samples/helloworld/helloworld.yaml:47:3 duplicate-object',
  'istio/samples/helloworld/helloworld.yaml:4:3 duplicate-object',
  'istio/samples/httpbin/httpbin-nodeport.yaml:21:3 duplicate-object',
  'istio/samples/httpbin/httpbin-nodeport.yaml:37:3 duplicate-object',
  'istio/samples/httpbin/httpbin.yaml:26:3 duplicate-object',
  'istio/samples/httpbin/httpbin.yaml:41:3 duplicate-object',
  'istio/samples/tcp-echo/tcp-echo-dual-stack.yaml:21:3 duplicate-object',
  'istio/samples/tcp-echo/tcp-echo-dual-stack.yaml:42:3 duplicate-object',
  'istio/samples/tcp-echo/tcp-echo-ipv4.yaml:21:3 duplicate-object',
  'istio/samples/tcp-echo/tcp-echo-ipv4.yaml:41:3 duplicate-object',
  'istio/samples/tcp-echo/tcp-echo-ipv6.yaml:21:3 duplicate-object',
  'istio/samples/tcp-echo/tcp-echo-ipv6.yaml:41:3 duplicate-object',
  'istio/samples/tcp-echo/tcp-echo-services.yaml:18:3 duplicate-object',
  'istio/samples/tcp-echo/tcp-echo.yaml:21:3 duplicate-object',
  'istio/samples/tcp-echo/tcp-echo.yaml:38:3 duplicate-object',
  'kubernetes-examples/_archived/nodesjs-mongodb/web-controller-demo.yaml:6:3 duplicate-object',
  'kubernetes-examples/_archived/nodesjs-mongodb/web-controller.yaml:6:3 duplicate-object',
  'kubernetes-examples/_archived/podsecuritypolicy/rbac/pod.yaml:4:3 duplicate-object',
  'kubernetes-examples/_archived/podsecuritypolicy/rbac/pod_priv.yaml:4:3 duplicate-object',
  'kubernetes-examples/_archived/storage/minio/minio-distributed-service.yaml:4:3 duplicate-object',
  'kubernetes-examples/_archived/storage/minio/minio-standalone-service.yaml:4:3 duplicate-object',
  'kubernetes-examples/web/guestbook/all-in-one/frontend.yaml:23:3 duplicate-object',
  'kubernetes-examples/web/guestbook/all-in-one/frontend.yaml:4:3 duplicate-object',
  'kubernetes-examples/web/guestbook/all-in-one/guestbook-all-in-one.yaml:101:3 duplicate-object',
  'kubernetes-examples/web/guestbook/all-in-one/guestbook-all-in-one.yaml:120:3 duplicate-object',
  'kubernetes-examples/web/guestbook/all-in-one/guestbook-all-in-one.yaml:49:3 duplicate-object',
  'kubernetes-examples/web/guestbook/all-in-one/guestbook-all-in-one.yaml:65:3 duplicate-object',
  'kubernetes-examples/web/guestbook/all-in-one/redis-replica.yaml:20:3 duplicate-object',
  'kubernetes-examples/web/guestbook/all-in-one/redis-replica.yaml:4:3 duplicate-object',
  'kubernetes-website/content/en/examples/service/networking/nginx-secure-app.yaml:33:5 duplicate-object',
  'kubernetes-website/content/en/examples/service/networking/run-my-nginx.yaml:6:5 duplicate-object',
  // kubernetes.io Ingress snippets route to Services (test, service1, service2, wordpress in a placeholder namespace) the input does not define.
  'kubernetes-website/content/en/examples/service/networking/minimal-ingress.yaml:14:13 ingress-backend-missing',
  'kubernetes-website/content/en/examples/service/networking/simple-fanout-example.yaml:17:15 ingress-backend-missing',
  'kubernetes-website/content/en/examples/service/networking/simple-fanout-example.yaml:28:15 ingress-backend-missing',
  'kubernetes-website/content/en/examples/service/networking/tls-example-ingress.yaml:23:15 ingress-backend-missing',
  'wordpress-example-app-uu/wordpress-ingress.yaml:23:17 ingress-backend-missing',
  // microservices-demo network-policies kustomize component and kubernetes.io policy snippets: the pods they select are defined in other directories.
  'kubernetes-website/content/en/examples/service/networking/networkpolicy.yaml:7:3 networkpolicy-selects-nothing',
  'kubernetes-website/content/en/examples/service/networking/nginx-policy.yaml:6:3 networkpolicy-selects-nothing',
  'microservices-demo/kustomize/components/network-policies/network-policy-adservice.yaml:20:3 networkpolicy-selects-nothing',
  'microservices-demo/kustomize/components/network-policies/network-policy-cartservice.yaml:20:3 networkpolicy-selects-nothing',
  'microservices-demo/kustomize/components/network-policies/network-policy-checkoutservice.yaml:20:3 networkpolicy-selects-nothing',
  'microservices-demo/kustomize/components/network-policies/network-policy-currencyservice.yaml:20:3 networkpolicy-selects-nothing',
  'microservices-demo/kustomize/components/network-policies/network-policy-emailservice.yaml:20:3 networkpolicy-selects-nothing',
  'microservices-demo/kustomize/components/network-policies/network-policy-frontend.yaml:20:3 networkpolicy-selects-nothing',
  'microservices-demo/kustomize/components/network-policies/network-policy-loadgenerator.yaml:20:3 networkpolicy-selects-nothing',
  'microservices-demo/kustomize/components/network-policies/network-policy-paymentservice.yaml:20:3 networkpolicy-selects-nothing',
  'microservices-demo/kustomize/components/network-policies/network-policy-productcatalogservice.yaml:20:3 networkpolicy-selects-nothing',
  'microservices-demo/kustomize/components/network-policies/network-policy-recommendationservice.yaml:20:3 networkpolicy-selects-nothing',
  'microservices-demo/kustomize/components/network-policies/network-policy-redis.yaml:20:3 networkpolicy-selects-nothing',
  'microservices-demo/kustomize/components/network-policies/network-policy-shippingservice.yaml:20:3 networkpolicy-selects-nothing',
  // Services whose pods are defined outside their directory or not at all (gateway-api version Services, dcgm exporters installed by GPU operators, openshift-origin/vitess archived examples without their controllers in the corpus, mysql Services whose StatefulSet is not in the corpus): no endpoints from this input.
  'istio/samples/helloworld/gateway-api/helloworld-versions.yaml:21:3 service-selector-no-match',
  'istio/samples/helloworld/gateway-api/helloworld-versions.yaml:9:3 service-selector-no-match',
  'istio/samples/tcp-echo/gateway-api/tcp-echo-all-v1.yaml:23:3 service-selector-no-match',
  'istio/samples/tcp-echo/gateway-api/tcp-echo-all-v1.yaml:35:3 service-selector-no-match',
  'kubernetes-examples/AI/vllm-deployment/hpa/gpu-dcgm-exporter-service-generic.yaml:17:3 service-selector-no-match',
  'kubernetes-examples/AI/vllm-deployment/hpa/gpu-dcgm-exporter-service-gke.yaml:27:3 service-selector-no-match',
  'kubernetes-examples/_archived/openshift-origin/etcd-discovery-service.yaml:13:3 service-selector-no-match',
  'kubernetes-examples/_archived/openshift-origin/etcd-service.yaml:19:3 service-selector-no-match',
  'kubernetes-examples/_archived/openshift-origin/openshift-service.yaml:10:3 service-selector-no-match',
  'kubernetes-examples/_archived/storage/vitess/vtctld-service.yaml:18:3 service-selector-no-match',
  'kubernetes-examples/_archived/storage/vitess/vtgate-service.yaml:11:3 service-selector-no-match',
  'kubernetes-website/content/en/examples/application/mysql/mysql-services.yaml:14:3 service-selector-no-match',
  'kubernetes-website/content/en/examples/application/mysql/mysql-services.yaml:31:3 service-selector-no-match',
];

describe.skipIf(!existsSync(root))('lint over the real corpus', () => {
  it('reports exactly the known real problems, directory by directory', async () => {
    const dirs = execFileSync('find', ['.', '(', '-name', '*.yaml', '-o', '-name', '*.yml', '-o', '-name', '*.json', ')'], { cwd: root })
      .toString()
      .trim()
      .split('\n')
      .map((f) => f.slice(0, f.lastIndexOf('/')))
      .filter((d, i, all) => all.indexOf(d) === i)
      .sort();
    const errors: string[] = [];
    let docs = 0;
    for (const d of dirs) {
      const r = await lintPaths([d], { cwd: root });
      docs += r.resources;
      for (const f of r.findings) if (f.severity === 'error') errors.push(`${f.file}:${f.line}:${f.column} ${f.ruleId}`);
    }
    expect(docs).toBeGreaterThan(500);
    expect([...new Set(errors)].sort()).toEqual([...KNOWN_ERRORS].sort());
  }, 120_000);
});
