import * as fs from 'node:fs';
import * as path from 'node:path';
import { AclOperationTypes, AclResourceTypes, ResourcePatternTypes } from 'kafkajs';
import { PARTNER_REGISTRY_USERNAME, SERVICE_KAFKA_ACCESS, type ServicePrincipal } from '@valley/contracts';
import { aclBindings, clusterAdminBindings, contractTopicConfigs } from '@valley/messaging';
import { APPS, entryOf, parseYaml, parseYamlAll, ROOT, variablesToSet } from './deploy-files';

interface EnvVar { name: string; value?: string; valueFrom?: { secretKeyRef?: { name: string; key: string }; configMapKeyRef?: { name: string; key: string } } }
interface Probe { httpGet?: { path: string; port: string | number } }
interface Container {
  name: string; image: string; command?: string[]; env?: EnvVar[];
  envFrom?: Array<{ configMapRef?: { name: string }; secretRef?: { name: string } }>;
  ports?: Array<{ name?: string; containerPort: number }>;
  livenessProbe?: Probe; readinessProbe?: Probe; startupProbe?: Probe;
  resources?: { requests?: Record<string, string>; limits?: Record<string, string> };
  securityContext?: { runAsNonRoot?: boolean; allowPrivilegeEscalation?: boolean };
}
interface Resource {
  apiVersion: string; kind: string; metadata: { name: string; labels?: Record<string, string> };
  data?: Record<string, string>;
  spec?: {
    template?: { spec: { containers: Container[]; initContainers?: Container[] } };
    scaleTargetRef?: { name: string }; minReplicas?: number; maxReplicas?: number;
    topicName?: string; partitions?: number; config?: Record<string, string | number>;
    podSelector?: { matchLabels?: Record<string, string> }; ingress?: Array<{ from?: unknown[] }>;
    authentication?: { type: string; password?: { valueFrom: { secretKeyRef: { name: string; key: string } } } };
    authorization?: { type: string; acls: Array<{ resource: { type: string; name?: string; patternType?: string }; operations: string[] }> };
  };
}

const K8S = path.join(ROOT, 'infra', 'k8s');
const KNOWN_KINDS: Record<string, string> = {
  Deployment: 'apps/v1', Service: 'v1', ConfigMap: 'v1', Namespace: 'v1', Job: 'batch/v1',
  HorizontalPodAutoscaler: 'autoscaling/v2', PodDisruptionBudget: 'policy/v1',
  NetworkPolicy: 'networking.k8s.io/v1', Ingress: 'networking.k8s.io/v1',
  KafkaTopic: 'kafka.strimzi.io/v1beta2', KafkaUser: 'kafka.strimzi.io/v1beta2',
};

/** Every resource a kustomization lists, following its resources into directories. */
function kustomize(dir: string): Resource[] {
  const k = parseYaml(path.relative(ROOT, path.join(dir, 'kustomization.yaml'))) as { resources?: string[] };
  return (k.resources ?? []).flatMap((r) => {
    const target = path.join(dir, r);
    return fs.statSync(target).isDirectory() ? kustomize(target) : (parseYamlAll(path.relative(ROOT, target)) as Resource[]);
  });
}

describe('Kubernetes manifests (infra/k8s)', () => {
  const sut = kustomize(path.join(K8S, 'overlays', 'production'));
  const jobs = kustomize(path.join(K8S, 'overlays', 'production', 'migrate'));
  const kafka = kustomize(path.join(K8S, 'kafka'));
  const all = [...sut, ...jobs, ...kafka];
  const overlay = parseYaml('infra/k8s/overlays/production/kustomization.yaml') as { secretGenerator: Array<{ name: string; envs: string[] }> };
  const configMaps = new Map(sut.filter((r) => r.kind === 'ConfigMap').map((r) => [r.metadata.name, r.data ?? {}]));
  const secretKeys = new Map(overlay.secretGenerator.map((g) => [g.name, g.envs.flatMap((f) => fs.readFileSync(path.join(K8S, 'overlays', 'production', `${f}.example`), 'utf8').split('\n').filter((l) => /^[A-Z_]+=/.test(l)).map((l) => l.split('=')[0]!))]));
  const deployment = (name: string): Resource => sut.find((r) => r.kind === 'Deployment' && r.metadata.name === name)!;

  it('has a known apiVersion and kind, a name and, for workloads, a pod template on every resource', () => {
    for (const r of all) {
      expect([r.kind, r.apiVersion]).toEqual([r.kind, KNOWN_KINDS[r.kind]]);
      expect(r.metadata.name).toMatch(/^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/);
      if (r.kind === 'Deployment' || r.kind === 'Job') expect(r.spec?.template?.spec.containers.length).toBeGreaterThan(0);
    }
  });

  it.each(APPS.map((a) => [a.name, a] as const))('%s: its Deployment sets every variable its configuration requires (env, ConfigMaps, Secrets)', (name, app) => {
    const container = deployment(name).spec!.template!.spec.containers[0]!;
    expect(container.command).toEqual(['node', entryOf(name)]);
    const set = new Map<string, string>();
    for (const from of container.envFrom ?? []) {
      const data = configMaps.get(from.configMapRef?.name ?? '');
      expect(data).toBeDefined();
      for (const [k, v] of Object.entries(data!)) set.set(k, v);
    }
    for (const e of container.env ?? []) {
      const ref = e.valueFrom?.secretKeyRef;
      if (ref) expect([e.name, secretKeys.get(ref.name) ?? []]).toEqual([e.name, expect.arrayContaining([ref.key])]);
      set.set(e.name, e.value ?? `secret:${ref?.name}/${ref?.key}`);
    }
    for (const key of variablesToSet(app)) expect([key, set.has(key)]).toEqual([key, true]);
    const known = Object.keys(app.schema.properties);
    expect([...set.keys()].filter((k) => !known.includes(k))).toEqual([]);
    expect(set.get('PORT')).toBe(String(app.port));
    expect(set.get('HOST')).toBe('0.0.0.0');
    if (name === 'gateway') expect(set.has('GATEWAY_JWT_SECRET') || set.has('GATEWAY_JWKS_URL')).toBe(true);
  });

  it.each(APPS.map((a) => [a.name, a] as const))('%s: probes /health/live and /health/ready on the port the app listens on (PORT)', (name, app) => {
    const container = deployment(name).spec!.template!.spec.containers[0]!;
    const portOf = (p: Probe): number | undefined => {
      const port = p.httpGet?.port;
      return typeof port === 'number' ? port : container.ports?.find((cp) => cp.name === port)?.containerPort;
    };
    expect(container.livenessProbe?.httpGet?.path).toBe('/health/live');
    expect(container.readinessProbe?.httpGet?.path).toBe('/health/ready');
    expect(portOf(container.livenessProbe!)).toBe(app.port);
    expect(portOf(container.readinessProbe!)).toBe(app.port);
    expect(container.resources?.requests?.['cpu']).toBeDefined();
    expect(container.resources?.limits?.['memory']).toBeDefined();
    expect(container.securityContext?.runAsNonRoot).toBe(true);
  });

  it('scales every app with a HorizontalPodAutoscaler, services no further than the partitions they consume', () => {
    const maxPartitions = Math.max(...contractTopicConfigs().map((t) => t.numPartitions ?? 0));
    for (const app of APPS) {
      const hpa = sut.find((r) => r.kind === 'HorizontalPodAutoscaler' && r.spec?.scaleTargetRef?.name === app.name);
      expect(hpa?.spec?.minReplicas).toBeGreaterThanOrEqual(2);
      if (app.name !== 'gateway') expect(hpa?.spec?.maxReplicas).toBeLessThanOrEqual(maxPartitions);
    }
  });

  it('migrates each service database with a Job and an init container running the same command', () => {
    for (const app of APPS.filter((a) => a.name !== 'gateway')) {
      const job = jobs.find((r) => r.kind === 'Job' && r.metadata.name === `migrate-${app.name}`);
      const command = ['node', 'bin/valley-migrate.js', app.name];
      expect(job?.spec?.template?.spec.containers[0]?.command).toEqual(command);
      expect(deployment(app.name).spec!.template!.spec.initContainers?.[0]?.command).toEqual(command);
    }
  });

  it('exposes only the gateway: default-deny ingress, services reachable from the gateway alone', () => {
    const policies = sut.filter((r) => r.kind === 'NetworkPolicy');
    expect(policies.find((p) => p.metadata.name === 'default-deny-ingress')?.spec?.ingress).toBeUndefined();
    const open = policies.filter((p) => (p.spec?.ingress ?? []).some((rule) => rule.from === undefined));
    expect(open.map((p) => p.spec?.podSelector?.matchLabels)).toEqual([{ 'app.kubernetes.io/name': 'gateway' }]);
    expect(sut.filter((r) => r.kind === 'Ingress').map((r) => r.metadata.name)).toEqual(['gateway']);
  });

  it('declares the contract topics and their .dlq as Strimzi KafkaTopics with the same partitions and retention', () => {
    const topics = kafka.filter((r) => r.kind === 'KafkaTopic').map((t) => ({ topic: t.spec!.topicName, partitions: t.spec!.partitions, retentionMs: String(t.spec!.config!['retention.ms']) }));
    const contract = contractTopicConfigs().map((c) => ({ topic: c.topic, partitions: c.numPartitions, retentionMs: c.configEntries!.find((e) => e.name === 'retention.ms')!.value }));
    expect(topics.sort((a, b) => a.topic!.localeCompare(b.topic!))).toEqual(contract.sort((a, b) => a.topic.localeCompare(b.topic)));
  });

  it('gives each app its own KafkaUser with exactly the ACLs of the access table, and the app logs in as it', () => {
    const users = new Map(kafka.filter((r) => r.kind === 'KafkaUser').map((u) => [u.metadata.name, u]));
    // Strimzi says `prefix` where Kafka says PREFIXED.
    const name = (v: number, types: object): string => Object.entries(types).find(([, n]) => n === v)![0].toLowerCase().replace(/^prefixed$/, 'prefix');
    // kafkajs's ACL entries in Strimzi's spelling: one line per (resource, operation).
    const expected = (bindings: ReturnType<typeof aclBindings>): string[] =>
      bindings.map((b) => `${name(b.resourceType, AclResourceTypes)} ${b.resourceType === AclResourceTypes.CLUSTER ? '' : `${b.resourceName} ${name(b.resourcePatternType, ResourcePatternTypes)}`} ${name(b.operation, AclOperationTypes)}`).sort();
    const declared = (user: Resource | undefined): string[] =>
      (user?.spec?.authorization?.acls ?? []).flatMap((a) => a.operations.map((op) => `${a.resource.type} ${a.resource.type === 'cluster' ? '' : `${a.resource.name} ${a.resource.patternType}`} ${op.toLowerCase()}`)).sort();
    const env = (app: string, key: string): EnvVar | undefined => deployment(app).spec!.template!.spec.containers[0]!.env?.find((e) => e.name === key);
    for (const [service, access] of Object.entries(SERVICE_KAFKA_ACCESS) as Array<[ServicePrincipal, (typeof SERVICE_KAFKA_ACCESS)[ServicePrincipal]]>) {
      const user = users.get(access.username);
      expect([service, declared(user)]).toEqual([service, expected(aclBindings(access))]);
      expect(user?.spec?.authentication?.type).toBe('scram-sha-512');
      expect(env(service, 'KAFKA_USERNAME')?.value).toBe(access.username);
      expect(env(service, 'KAFKA_PASSWORD')?.valueFrom?.secretKeyRef).toEqual(user?.spec?.authentication?.password?.valueFrom.secretKeyRef);
    }
    const registry = users.get(PARTNER_REGISTRY_USERNAME);
    expect(declared(registry)).toEqual(expected(clusterAdminBindings(PARTNER_REGISTRY_USERNAME)));
    expect(env('enterprise', 'PARTNER_REGISTRY_KAFKA_USERNAME')?.value).toBe(PARTNER_REGISTRY_USERNAME);
    expect(env('enterprise', 'PARTNER_REGISTRY_KAFKA_PASSWORD')?.valueFrom?.secretKeyRef).toEqual(registry?.spec?.authentication?.password?.valueFrom.secretKeyRef);
    expect([...users.keys()].sort()).toEqual([...Object.values(SERVICE_KAFKA_ACCESS).map((a) => a.username), PARTNER_REGISTRY_USERNAME].sort());
  });
});
