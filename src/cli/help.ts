// kubectl-style examples for each command's --help, kept as data.
import type { Command } from 'commander';

const EXAMPLES: Record<string, string> = {
  apply: `  # Apply the configuration in mariadb-service.yaml
  svcctl apply -f mariadb-service.yaml

  # Apply every manifest in a directory, recursively
  svcctl apply -f k8s/ -R

  # Apply from standard input, without storing anything
  cat svc.yaml | svcctl apply -f - --dry-run=server -o yaml`,
  get: `  # List all services in the current namespace, with selectors
  svcctl get svc -o wide

  # List services and endpoints with a label, in every namespace
  svcctl get svc,ep -l app=web -A

  # Print one field of every service
  svcctl get svc -o jsonpath='{range .items[*]}{.metadata.name}{"\\t"}{.spec.clusterIP}{"\\n"}{end}'

  # Custom columns, sorted
  svcctl get svc -o custom-columns=NAME:.metadata.name,IP:.spec.clusterIP --sort-by=.metadata.name

  # Print the objects of local files without a store (for CI)
  svcctl get -f k8s/ --local -o wide

  # Every DNS name the cluster serves
  svcctl get dns -A`,
  delete: `  # Delete a service
  svcctl delete svc mariadb-service

  # Delete what a file describes
  svcctl delete -f mariadb-service.yaml

  # Delete services with a label
  svcctl delete svc -l app=web`,
  'api-resources': `  # Every resource the cluster serves: names, short names, API versions, kinds
  svcctl api-resources

  # With verbs and categories, sorted by kind
  svcctl api-resources -o wide --sort-by=kind

  # Only the cluster-scoped resources of one API group, by name
  svcctl api-resources --namespaced=false --api-group=storage.k8s.io -o name`,
  describe: `  # Describe a service: ports, endpoints, traffic policies
  svcctl describe svc mariadb-service

  # Describe a pod
  svcctl describe pod/mariadb-deployment-68b7fcd4cd-7sc5l

  # Describe a secret: its keys and their sizes, never the values
  svcctl describe secret mariadb-secret`,
  expose: `  # Expose a pod on a NodePort
  svcctl expose pod hello-pod --name=hello-svc --target-port=8080 --type=NodePort

  # Expose a deployment behind a LoadBalancer, printing the Service instead of creating it
  svcctl expose deployment mariadb-deployment --port=3306 --type=LoadBalancer --dry-run=client -o yaml`,
  run: `  # Start a nginx pod
  svcctl run nginx --image=nginx

  # Start a pod and a ClusterIP Service in front of it
  svcctl run web --image=nginx --port=80 --expose

  # A pod that runs a command once, never restarted, printed instead of created
  svcctl run job --image=busybox --restart=Never --dry-run=client -o yaml --command -- sleep 3600`,
  label: `  # Label a pod: Services selecting tier=front now send traffic to it
  svcctl label pod hello-pod tier=front

  # Change a label (--overwrite), or remove one (key-)
  svcctl label pod hello-pod app=other --overwrite
  svcctl label pod hello-pod tier-`,
  scale: `  # Scale a deployment to 3 replicas; its endpoints follow
  svcctl scale deployment mariadb-deployment --replicas=3`,
  resolve: `  # Resolve a short name as a pod in "default" would (search path, ndots:5)
  svcctl resolve mariadb-service -n default

  # An SRV record, as JSON
  svcctl resolve _mysql._tcp.mariadb-service.default.svc.cluster.local --type SRV -o json

  # Reverse lookup
  svcctl resolve 10.96.0.1 --type PTR`,
  'dns serve': `  # Serve cluster DNS, then ask it with dig
  svcctl dns serve --listen 127.0.0.1:5353 &
  dig @127.0.0.1 -p 5353 mariadb-service.default.svc.cluster.local`,
  'create configmap': `  # A config map from literal values
  svcctl create configmap app-config --from-literal=LOG_LEVEL=info --from-literal=MODE=prod

  # From a file (its name is the key), or every file of a directory
  svcctl create configmap app-config --from-file=app.properties
  svcctl create configmap app-config --from-file=config/`,
  'create secret generic': `  # A secret from literal values (describe shows their sizes, never the values)
  svcctl create secret generic mariadb-secret --from-literal=root-password=s3cr3t

  # From files, printed instead of created
  svcctl create secret generic tls-files --from-file=tls.crt --from-file=tls.key --dry-run=client -o yaml`,
  'create deployment': `  # A deployment running the agnhost image (the hello-node tutorial), then a Service in front of it
  svcctl create deployment hello-node --image=registry.k8s.io/e2e-test-images/agnhost:2.39 -- /agnhost netexec --http-port=8080
  svcctl expose deployment hello-node --type=LoadBalancer --port=8080

  # Three replicas of nginx exposing port 80
  svcctl create deployment web --image=nginx --replicas=3 --port=80`,
  'create service clusterip': `  # Create a ClusterIP service named my-cs
  svcctl create service clusterip my-cs --tcp=5678:8080

  # Create a headless service
  svcctl create service clusterip my-cs --clusterip="None"`,
  'create service nodeport': `  # Create a NodePort service named my-ns
  svcctl create service nodeport my-ns --tcp=5678:8080`,
  'create service loadbalancer': `  # Create a LoadBalancer service named my-lbs
  svcctl create service loadbalancer my-lbs --tcp=5678:8080`,
  'create service externalname': `  # Create an ExternalName service named my-ns
  svcctl create service externalname my-ns --external-name bar.com`,
  create: `  # Create the objects of a manifest (an existing one is an error; see apply)
  svcctl create -f mariadb-service.yaml

  # Create a Service or a Namespace from flags
  svcctl create service nodeport web --tcp=80:8080
  svcctl create namespace shop`,
  'create namespace': `  # Create a new namespace named shop
  svcctl create namespace shop`,
  'cluster info': `  # Print the cluster's settings (domain, CIDRs, node count, LoadBalancer pool, admission plugins)
  svcctl cluster info`,
  'cluster reset': `  # Throw everything away and start a fresh default cluster
  svcctl cluster reset`,
  version: `  # Print the client version
  svcctl version`,
  'cluster init': `  # A five-node cluster with no LoadBalancer pool (Services stay <pending>, as on bare metal)
  svcctl cluster init --nodes 5 --lb-pool none

  # Refuse objects whose namespace does not exist, as a kubeadm cluster does
  svcctl cluster init --disable-admission-plugins=NamespaceAutoProvision`,
  'set image': `  # Roll a deployment to a new image: a new ReplicaSet, new pods, the Service's endpoints follow
  svcctl set image deployment/mariadb-deployment mariadb=mariadb:11.4

  # Every container of a pod template at once
  svcctl set image deployment/mariadb-deployment '*=mariadb:11.4'`,
  annotate: `  # Annotate a Service (the LoadBalancer annotations cloud controllers read, say)
  svcctl annotate svc mariadb-service example.com/owner=db-team

  # Change one (--overwrite), or remove one (key-)
  svcctl annotate svc mariadb-service example.com/owner=dba --overwrite
  svcctl annotate svc mariadb-service example.com/owner-`,
  patch: `  # Turn a ClusterIP Service into a NodePort one (strategic merge patch)
  svcctl patch svc mariadb-service -p '{"spec":{"type":"NodePort"}}'

  # Replace a field with a JSON merge patch, or edit by path with a JSON patch
  svcctl patch svc mariadb-service --type merge -p '{"spec":{"selector":{"app":"mariadb","tier":"db"}}}'
  svcctl patch svc mariadb-service --type json -p '[{"op":"replace","path":"/spec/ports/0/port","value":3307}]'`,
  wait: `  # Wait for a deployment's pods to be ready enough (condition Available)
  svcctl wait --for=condition=Available deployment/mariadb-deployment

  # Wait for every pod labelled app=web to be Ready, at most a minute
  svcctl wait --for=condition=Ready pod -l app=web --timeout=60s

  # Wait for a LoadBalancer address
  svcctl wait --for=jsonpath='{.status.loadBalancer.ingress[0].ip}' svc/svc-mariadb-loadbalancer`,
  'rollout status': `  # Wait for a deployment's rollout to finish (pods made ready as the cluster's time passes)
  svcctl rollout status deployment/mariadb-deployment

  # Print where a statefulset's rollout stands, without waiting
  svcctl rollout status sts/web --watch=false`,
  'rollout history': `  # The revisions of a deployment
  svcctl rollout history deployment/mariadb-deployment

  # The pod template of one revision
  svcctl rollout history deployment/mariadb-deployment --revision=2`,
  'rollout undo': `  # Back to the previous revision
  svcctl rollout undo deployment/mariadb-deployment

  # Back to revision 1
  svcctl rollout undo deployment/mariadb-deployment --to-revision=1`,
  'rollout restart': `  # New pods for every replica, one revision further
  svcctl rollout restart deployment/mariadb-deployment`,
  'sim ready': `  # Make a pod not ready: it leaves its Services' endpoints
  svcctl sim ready pod/web-7d4b9c8f6d-x2x7q=false`,
  'sim kill': `  # Crash a pod: its ReplicaSet replaces it with a new name and IP
  svcctl sim kill pod/web-7d4b9c8f6d-x2x7q`,
  'sim advance': `  # Let 30 seconds of simulated time pass (readiness probe delays)
  svcctl sim advance 30s`,
  lint: `  # Check a directory of manifests; exit 1 on any error
  svcctl lint -f k8s/ -R

  # For GitHub code scanning
  svcctl lint -f k8s/ -R -o sarif > lint.sarif`,
};

/** The command's path below the program: `create service nodeport`. */
function pathOf(cmd: Command): string {
  const names: string[] = [];
  for (let c: Command | null = cmd; c?.parent; c = c.parent) names.unshift(c.name());
  return names.join(' ');
}

/** Adds an Examples section to the help of every command that has some. */
export function addExamples(program: Command): void {
  const visit = (cmd: Command) => {
    const ex = EXAMPLES[pathOf(cmd)];
    if (ex) cmd.addHelpText('after', `\nExamples:\n${ex}\n`);
    cmd.commands.forEach(visit);
  };
  visit(program);
}
