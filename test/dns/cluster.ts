// The small cluster the DNS CLI and server tests apply: Services of every type over one Deployment,
// a headless Service whose pods have hostname/subdomain, and an ExternalName. IPs are pinned where
// the manifest can pin them; the Deployment's pod IP is read back from the store.

/** A Service YAML document (no leading `---`). */
export function serviceYaml(name: string, namespace: string, spec: string): string {
  return `apiVersion: v1
kind: Service
metadata:
  name: ${name}
  namespace: ${namespace}
spec:
${spec}`;
}

export const CLUSTER_YAML = `apiVersion: v1
kind: Namespace
metadata:
  name: shop
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: default
spec:
  replicas: 1
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
      - name: nginx
        image: nginx:1.27
        ports:
        - {name: http, containerPort: 8080}
---
${serviceYaml('web', 'default', `  clusterIP: 10.96.10.10
  selector: {app: web}
  ports:
  - {name: http, port: 80, targetPort: http}
`)}---
${serviceYaml('web-np', 'default', `  type: NodePort
  clusterIP: 10.96.10.11
  selector: {app: web}
  ports:
  - {name: http, port: 80, targetPort: 8080, nodePort: 30080}
`)}---
${serviceYaml('web-lb', 'default', `  type: LoadBalancer
  clusterIP: 10.96.10.12
  selector: {app: web}
  ports:
  - {port: 443, targetPort: 8080}
`)}---
${serviceYaml('db', 'shop', `  clusterIP: None
  selector: {app: db}
  ports:
  - {name: mysql, port: 3306}
`)}---
apiVersion: v1
kind: Pod
metadata:
  name: db-0
  namespace: shop
  labels: {app: db}
spec:
  hostname: db-0
  subdomain: db
  containers: [{name: db, image: "mariadb:11"}]
status:
  podIP: 10.244.1.20
---
apiVersion: v1
kind: Pod
metadata:
  name: db-1
  namespace: shop
  labels: {app: db}
spec:
  hostname: db-1
  subdomain: db
  containers: [{name: db, image: "mariadb:11"}]
status:
  podIP: 10.244.2.21
---
${serviceYaml('ext', 'shop', `  type: ExternalName
  externalName: db.example.com
`)}`;
