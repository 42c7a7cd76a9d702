import { randomUUID } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { AclOperationTypes, AclResourceTypes, ResourcePatternTypes } from 'kafkajs';
import { PARTNER_REGISTRY_USERNAME, partnerUsername, SERVICE_KAFKA_ACCESS, type ServicePrincipal } from '@valley/contracts';
import { aclBindings, clusterAdminBindings, contractTopicConfigs } from '@valley/messaging';
// The published Kubernetes OpenAPI schemas, compiled to validators by kubernetes-models (dev dependency).
import { Deployment } from 'kubernetes-models/apps/v1';
import { HorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2';
import { Job } from 'kubernetes-models/batch/v1';
import { Ingress, NetworkPolicy } from 'kubernetes-models/networking.k8s.io/v1';
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1';
import { ConfigMap, Namespace, Secret, Service } from 'kubernetes-models/v1';
// Strimzi's CRD schemas (strimzi-crds-0.49.0), compiled the same way: ESM-only, loaded through jest.config.js's transform.
import { Kafka, KafkaNodePool, KafkaTopic, KafkaUser } from '@kubernetes-models/strimzi-kafka-operator/kafka.strimzi.io/v1beta2';
import { APPS, entryOf, parseYaml, parseYamlAll, ROOT, variablesToSet } from './deploy-files';
import { fieldErrors } from './known-fields';

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
interface LabelSelector { matchLabels?: Record<string, string>; matchExpressions?: Array<{ key: string; operator: string; values?: string[] }> }
interface PolicyPeer { podSelector?: LabelSelector; namespaceSelector?: LabelSelector; ipBlock?: { cidr: string; except?: string[] } }
interface PolicyPort { port?: number | string; endPort?: number; protocol?: string }
interface Resource {
  apiVersion: string; kind: string; metadata: { name: string; labels?: Record<string, string> };
  data?: Record<string, string>;
  spec?: {
    template?: { metadata?: { labels?: Record<string, string> }; spec: { containers: Container[]; initContainers?: Container[] } };
    scaleTargetRef?: { name: string }; minReplicas?: number; maxReplicas?: number;
    topicName?: string; partitions?: number; config?: Record<string, string | number>;
    podSelector?: LabelSelector; policyTypes?: string[];
    ingress?: Array<{ from?: PolicyPeer[]; ports?: PolicyPort[] }>; egress?: Array<{ to?: PolicyPeer[]; ports?: PolicyPort[] }>;
    authentication?: { type: string; password?: { valueFrom: { secretKeyRef: { name: string; key: string } } } };
    authorization?: { type: string; acls: Array<{ resource: { type: string; name?: string; patternType?: string }; operations: string[] }> };
    replicas?: number; roles?: string[];
    kafka?: {
      listeners: Array<{ name: string; port: number; type: string; tls: boolean; authentication?: { type: string } }>;
      authorization?: { type: string };
    };
    entityOperator?: { topicOperator?: object; userOperator?: object; template?: { userOperatorContainer?: { env?: Array<{ name: string; value?: string }> } } };
  };
}

const K8S = path.join(ROOT, 'infra', 'k8s');
const KNOWN_KINDS: Record<string, string> = {
  Deployment: 'apps/v1', Service: 'v1', ConfigMap: 'v1', Namespace: 'v1', Job: 'batch/v1',
  HorizontalPodAutoscaler: 'autoscaling/v2', PodDisruptionBudget: 'policy/v1',
  NetworkPolicy: 'networking.k8s.io/v1', Ingress: 'networking.k8s.io/v1',
  KafkaTopic: 'kafka.strimzi.io/v1beta2', KafkaUser: 'kafka.strimzi.io/v1beta2', Kafka: 'kafka.strimzi.io/v1beta2', KafkaNodePool: 'kafka.strimzi.io/v1beta2',
};

/**
 * The published schema of each kind the manifests use: the Kubernetes OpenAPI
 * definitions as kubernetes-models compiles them, and Strimzi's CRDs as
 * @kubernetes-models/strimzi-kafka-operator does (kind, apiVersion, types,
 * enums, required fields). Keyed by apiVersion and kind, so a wrong apiVersion
 * finds no schema.
 */
type Schema = new (data: never) => { validate(): void };
const SCHEMAS: Record<string, Schema> = {
  'apps/v1 Deployment': Deployment, 'v1 Service': Service, 'v1 ConfigMap': ConfigMap, 'v1 Namespace': Namespace,
  'v1 Secret': Secret, 'batch/v1 Job': Job, 'autoscaling/v2 HorizontalPodAutoscaler': HorizontalPodAutoscaler,
  'policy/v1 PodDisruptionBudget': PodDisruptionBudget, 'networking.k8s.io/v1 NetworkPolicy': NetworkPolicy,
  'networking.k8s.io/v1 Ingress': Ingress,
  'kafka.strimzi.io/v1beta2 KafkaTopic': KafkaTopic, 'kafka.strimzi.io/v1beta2 KafkaUser': KafkaUser,
  'kafka.strimzi.io/v1beta2 Kafka': Kafka, 'kafka.strimzi.io/v1beta2 KafkaNodePool': KafkaNodePool,
};

/** Why a resource does not validate against its published schema, or nothing. */
function schemaErrors(r: Resource): string[] {
  const Model = SCHEMAS[`${r.apiVersion} ${r.kind}`];
  if (!Model) return [`${r.kind} ${r.metadata.name}: no schema for ${r.apiVersion} ${r.kind}`];
  try {
    new Model(r as never).validate();
    return [];
  } catch (e) {
    return [`${r.kind} ${r.metadata.name}: ${(e as Error).message}`];
  }
}

/** Whether a label selector selects these labels (an empty selector selects all). */
function selects(selector: LabelSelector, labels: Record<string, string>): boolean {
  const matched = (e: NonNullable<LabelSelector['matchExpressions']>[number]): boolean => {
    switch (e.operator) {
      case 'In': return labels[e.key] !== undefined && (e.values ?? []).includes(labels[e.key]!);
      case 'NotIn': return labels[e.key] === undefined || !(e.values ?? []).includes(labels[e.key]!);
      case 'Exists': return labels[e.key] !== undefined;
      case 'DoesNotExist': return labels[e.key] === undefined;
      default: throw new Error(`unknown selector operator ${e.operator}`);
    }
  };
  return Object.entries(selector.matchLabels ?? {}).every(([k, v]) => labels[k] === v) && (selector.matchExpressions ?? []).every(matched);
}

const describeSelector = (s: LabelSelector): string =>
  [...Object.entries(s.matchLabels ?? {}).map(([k, v]) => `${k}=${v}`), ...(s.matchExpressions ?? []).map((e) => `${e.key} ${e.operator} (${(e.values ?? []).join(',')})`)].sort().join(',');

/**
 * Where the pods with these labels may send traffic, as "peer port/protocol" lines,
 * from the policies that select them for Egress. A rule without `to` reaches any
 * address ('*'), one without `ports` any port: both show as such and fail an exact comparison.
 */
function egressOf(policies: Resource[], labels: Record<string, string>): string[] {
  const peer = (p: PolicyPeer): string => {
    if (p.ipBlock) return `ip ${p.ipBlock.cidr}${p.ipBlock.except ? ` except ${p.ipBlock.except.join(',')}` : ''}`;
    const ns = p.namespaceSelector ? `ns{${describeSelector(p.namespaceSelector)}}` : 'own-ns';
    return `${ns} pods{${p.podSelector ? describeSelector(p.podSelector) : ''}}`;
  };
  const port = (p: PolicyPort): string => `${p.port ?? '*'}${p.endPort ? `-${p.endPort}` : ''}/${p.protocol ?? 'TCP'}`;
  return [...new Set(policies
    .filter((p) => (p.spec?.policyTypes ?? (p.spec?.egress ? ['Ingress', 'Egress'] : ['Ingress'])).includes('Egress') && selects(p.spec?.podSelector ?? {}, labels))
    .flatMap((p) => (p.spec?.egress ?? []).flatMap((rule) => {
      const to = rule.to?.length ? rule.to.map(peer) : ['*'];
      const ports = rule.ports?.length ? rule.ports.map(port) : ['*/*'];
      return to.flatMap((t) => ports.map((pt) => `${t} ${pt}`));
    })))].sort();
}

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
  // The reference Strimzi cluster (Kafka, KafkaNodePool): its own kustomization, not applied with kafka/.
  const cluster = kustomize(path.join(K8S, 'kafka', 'cluster'));
  // The opt-in identity provider component: its resources, and its patch of valley-gateway-config.
  const idpDir = path.join(K8S, 'components', 'identity-provider');
  const idp = kustomize(idpDir);
  const idpPatches = (parseYaml(path.relative(ROOT, path.join(idpDir, 'kustomization.yaml'))) as { patches: Array<{ path: string }> }).patches
    .flatMap((p) => parseYamlAll(path.relative(ROOT, path.join(idpDir, p.path))) as Resource[]);
  const all = [...sut, ...jobs, ...kafka, ...cluster, ...idp];
  const overlay = parseYaml('infra/k8s/overlays/production/kustomization.yaml') as { secretGenerator: Array<{ name: string; envs: string[] }> };
  const configMaps = new Map(sut.filter((r) => r.kind === 'ConfigMap').map((r) => [r.metadata.name, r.data ?? {}]));
  const envExample = (file: string): Array<[string, string]> => fs.readFileSync(path.join(K8S, 'overlays', 'production', `${file}.example`), 'utf8')
    .split('\n').filter((l) => /^[A-Z_]+=/.test(l)).map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]);
  const secretKeys = new Map(overlay.secretGenerator.map((g) => [g.name, g.envs.flatMap((f) => envExample(f).map(([k]) => k))]));
  // The Secrets the overlay's secretGenerator makes, as kustomize would (from the .example files).
  const generatedSecrets: Resource[] = overlay.secretGenerator.map((g) => ({
    apiVersion: 'v1', kind: 'Secret', metadata: { name: g.name }, type: 'Opaque',
    data: Object.fromEntries(g.envs.flatMap((f) => envExample(f)).map(([k, v]) => [k, Buffer.from(v).toString('base64')])),
  }) as Resource);
  const deployment = (name: string): Resource => sut.find((r) => r.kind === 'Deployment' && r.metadata.name === name)!;
  // Where the apps find Kafka: the Strimzi bootstrap service, <cluster>-kafka-bootstrap.<namespace>.svc:<port>.
  const bootstrap = /^([a-z0-9-]+)-kafka-bootstrap\.([a-z0-9-]+)\.svc(?:\.cluster\.local)?:(\d+)$/.exec(configMaps.get('valley-config')?.['KAFKA_BROKERS'] ?? '');
  const resources = [...all, ...idpPatches, ...generatedSecrets];
  /** A copy of a resource, edited (the spec's own types left aside: these break it on purpose). */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- a manifest broken on purpose
  const broken = (r: Resource, edit: (copy: any) => void): Resource => {
    const copy = JSON.parse(JSON.stringify(r)) as Resource;
    edit(copy);
    return copy;
  };

  it('validates every resource, the Strimzi ones too, against the published schema of its apiVersion and kind (kubernetes-models)', () => {
    expect(resources.flatMap(schemaErrors)).toEqual([]);
    // The Strimzi resources among them, each checked against Strimzi's schema of its kind.
    expect([...new Set(resources.filter((r) => r.apiVersion === 'kafka.strimzi.io/v1beta2').map((r) => r.kind))].sort()).toEqual(['Kafka', 'KafkaNodePool', 'KafkaTopic', 'KafkaUser']);
    expect(generatedSecrets.map((s) => s.metadata.name).sort()).toEqual(['valley-database', 'valley-kafka', 'valley-secrets']);
  });

  it('rejects a manifest with a wrong type, a missing required field or a wrong apiVersion (the schema check is live)', () => {
    const gateway = deployment('gateway');
    expect(schemaErrors(gateway)).toEqual([]);
    expect(schemaErrors(broken(gateway, (r) => { r.spec.replicas = 'two'; }))).toEqual([expect.stringContaining('/spec/replicas must be integer')]);
    expect(schemaErrors(broken(gateway, (r) => { delete r.spec.selector; }))).toEqual([expect.stringContaining('/spec must have required property selector')]);
    expect(schemaErrors(broken(gateway, (r) => { r.apiVersion = 'apps/v1beta1'; }))).toEqual([expect.stringContaining('no schema for apps/v1beta1 Deployment')]);
  });

  it("rejects a KafkaUser or KafkaTopic that Strimzi's CRD schema refuses (the Strimzi check is live)", () => {
    const user = kafka.find((r) => r.kind === 'KafkaUser')!;
    const topic = kafka.find((r) => r.kind === 'KafkaTopic')!;
    expect([schemaErrors(user), schemaErrors(topic)]).toEqual([[], []]);
    const refused = (r: Resource, at: string, message: string): string[] => [`${r.kind} ${r.metadata.name}: data${at} ${message}`];
    // An ACL operation Strimzi does not know (Kafka says READ; Strimzi's enum is Read, Write, …).
    expect(schemaErrors(broken(user, (u) => { u.spec.authorization.acls[0].operations = ['READ']; })))
      .toEqual(refused(user, '/spec/authorization/acls/0/operations/0', 'must be equal to one of the allowed values'));
    // SCRAM-SHA-256: Kafka has it, Strimzi's User Operator does not (scram-sha-512, tls, tls-external).
    expect(schemaErrors(broken(user, (u) => { u.spec.authentication.type = 'scram-sha-256'; })))
      .toEqual(refused(user, '/spec/authentication/type', 'must be equal to one of the allowed values'));
    expect(schemaErrors(broken(user, (u) => { delete u.spec.authorization.acls[0].resource.type; })))
      .toEqual(refused(user, '/spec/authorization/acls/0/resource', 'must have required property type'));
    expect(schemaErrors(broken(topic, (t) => { t.spec.partitions = String(t.spec.partitions); })))
      .toEqual(refused(topic, '/spec/partitions', 'must be integer'));
    expect(schemaErrors(broken(user, (u) => { u.apiVersion = 'kafka.strimzi.io/v1alpha1'; }))).toEqual([expect.stringContaining('no schema for kafka.strimzi.io/v1alpha1 KafkaUser')]);
  });

  it('sets no field that its kind does not have (as kubectl apply refuses one; the schemas themselves let any through)', () => {
    // With two misspelt on purpose, a built-in kind's and a Strimzi one's, which the schema validation lets through
    // (one TypeScript program for all: it takes seconds).
    const gateway = broken(deployment('gateway'), (d) => { d.spec.template.spec.terminationGracePeriodSecond = 30; });
    const user = broken(kafka.find((r) => r.kind === 'KafkaUser')!, (u) => { u.spec.authentication.pasword = u.spec.authentication.password; delete u.spec.authentication.password; });
    expect([...schemaErrors(gateway), ...schemaErrors(user)]).toEqual([]);
    expect(fieldErrors([...resources, gateway, user])).toEqual([
      'Deployment gateway: /spec/template/spec/terminationGracePeriodSecond unknown field',
      `KafkaUser ${user.metadata.name}: /spec/authentication/pasword unknown field`,
    ]);
  });

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

  it('exposes only the gateway: default-deny ingress, services reachable from the gateway alone; default-deny egress, each pod reaching only what it needs', () => {
    const policies = sut.filter((r) => r.kind === 'NetworkPolicy');
    expect(policies.find((p) => p.metadata.name === 'default-deny-ingress')?.spec?.ingress).toBeUndefined();
    const open = policies.filter((p) => (p.spec?.ingress ?? []).some((rule) => rule.from === undefined));
    expect(open.map((p) => p.spec?.podSelector?.matchLabels)).toEqual([{ 'app.kubernetes.io/name': 'gateway' }]);
    expect(sut.filter((r) => r.kind === 'Ingress').map((r) => r.metadata.name)).toEqual(['gateway']);

    // Egress: denied for every pod of the namespace (an empty selector), so nothing unlisted below is reachable.
    const denyEgress = policies.find((p) => p.metadata.name === 'default-deny-egress');
    expect([describeSelector(denyEgress?.spec?.podSelector ?? { matchLabels: { none: 'none' } }), denyEgress?.spec?.policyTypes, denyEgress?.spec?.egress]).toEqual(['', ['Egress'], undefined]);
    // What each needs, from the configuration it runs with: the Strimzi bootstrap (KAFKA_BROKERS),
    // the databases' port, the subgraphs' ports; DNS from kube-dns.
    expect(bootstrap).not.toBeNull();
    const [, kafkaCluster, kafkaNamespace, kafkaPort] = bootstrap!;
    const dbPorts = [...new Set(envExample('database.env').map(([, url]) => new URL(url).port || '5432'))];
    const subgraphPorts = Object.entries(configMaps.get('valley-gateway-config') ?? {}).filter(([k]) => /^SUBGRAPH_[A-Z]+_URL$/.test(k)).map(([, url]) => new URL(url).port);
    expect([dbPorts, subgraphPorts.sort()]).toEqual([['5432'], ['4001', '4002', '4003', '4004']]);
    const dns = ['53/TCP', '53/UDP'].map((p) => `ns{kubernetes.io/metadata.name=kube-system} pods{k8s-app=kube-dns} ${p}`);
    const toKafka = [`ns{kubernetes.io/metadata.name=${kafkaNamespace}} pods{strimzi.io/cluster=${kafkaCluster}} ${kafkaPort}/TCP`];
    // PostgreSQL by port only: where it lives is the park's (README: narrow it in the overlay).
    const toPostgres = dbPorts.map((p) => `* ${p}/TCP`);
    const toServices = subgraphPorts.map((p) => `own-ns pods{app.kubernetes.io/component=service} ${p}/TCP`);
    const workloads = [...sut, ...jobs].filter((r) => r.kind === 'Deployment' || r.kind === 'Job');
    expect(workloads.map((w) => w.metadata.name).sort()).toEqual([...APPS.map((a) => a.name), ...APPS.filter((a) => a.name !== 'gateway').map((a) => `migrate-${a.name}`)].sort());
    for (const w of workloads) {
      const expected = w.metadata.name === 'gateway' ? [...dns, ...toKafka, ...toServices]
        : w.kind === 'Job' ? [...dns, ...toPostgres]
        : [...dns, ...toKafka, ...toPostgres];
      expect([w.metadata.name, egressOf(policies, w.spec!.template!.metadata?.labels ?? {})]).toEqual([w.metadata.name, expected.sort()]);
    }
  });

  it('with the identity-provider component: the gateway alone may also reach HTTPS (GATEWAY_JWKS_URL), nothing else changes', () => {
    const base = sut.filter((r) => r.kind === 'NetworkPolicy');
    const withIdp = [...base, ...idp.filter((r) => r.kind === 'NetworkPolicy')];
    for (const w of [...sut, ...jobs].filter((r) => r.kind === 'Deployment' || r.kind === 'Job')) {
      const labels = w.spec!.template!.metadata?.labels ?? {};
      const added = egressOf(withIdp, labels).filter((line) => !egressOf(base, labels).includes(line));
      expect([w.metadata.name, added]).toEqual([w.metadata.name, w.metadata.name === 'gateway' ? ['* 443/TCP'] : []]);
    }
    const patch = idpPatches.find((r) => r.kind === 'ConfigMap' && r.metadata.name === 'valley-gateway-config');
    const jwks = new URL(patch?.data?.['GATEWAY_JWKS_URL'] ?? '');
    expect([jwks.protocol, jwks.port || '443']).toEqual(['https:', '443']);
    const known = Object.keys(APPS.find((a) => a.name === 'gateway')!.schema.properties);
    expect(Object.keys(patch?.data ?? {}).filter((k) => !known.includes(k))).toEqual([]);
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

  it("reference cluster (kafka/cluster): the listener the apps connect to, ACLs enforced, and a User Operator that leaves the registry's partner users alone", () => {
    const [, name, namespace, port] = bootstrap!;
    const kafkaCr = cluster.find((r) => r.kind === 'Kafka');
    expect(kafkaCr?.metadata.name).toBe(name);
    const namespaceOf = (dir: string): string | undefined => (parseYaml(path.relative(ROOT, path.join(K8S, dir, 'kustomization.yaml'))) as { namespace?: string }).namespace;
    expect([namespaceOf('kafka'), namespaceOf('kafka/cluster')]).toEqual([namespace, namespace]);
    // Every topic, user and node pool belongs to it.
    expect([...new Set([...kafka, ...cluster].filter((r) => r.kind !== 'Kafka').map((r) => r.metadata.labels?.['strimzi.io/cluster']))]).toEqual([name]);
    expect(kafkaCr?.spec?.kafka?.listeners.filter((l) => l.port === Number(port))).toEqual([
      expect.objectContaining({ type: 'internal', tls: false, authentication: { type: configMaps.get('valley-config')?.['KAFKA_SASL_MECHANISM'] } }),
    ]);
    expect(kafkaCr?.spec?.kafka?.authorization?.type).toBe('simple');
    expect([kafkaCr?.spec?.entityOperator?.topicOperator, kafkaCr?.spec?.entityOperator?.userOperator]).toEqual([{}, {}]);
    // Enough brokers for the topics' replicas.
    const brokers = cluster.filter((r) => r.kind === 'KafkaNodePool' && r.spec?.roles?.includes('broker')).reduce((n, p) => n + (p.spec?.replicas ?? 0), 0);
    expect(brokers).toBeGreaterThanOrEqual(Math.max(...kafka.filter((r) => r.kind === 'KafkaTopic').map((t) => t.spec?.replicas ?? 0)));

    // The User Operator deletes the SCRAM credentials and ACLs of every user it has no KafkaUser for, except
    // those its ignored-users pattern matches (Strimzi 0.48+; README, "What was not run here"): every partner's
    // username, and no KafkaUser's (Strimzi calls a KafkaUser the pattern matches a configuration error).
    const env = kafkaCr?.spec?.entityOperator?.template?.userOperatorContainer?.env ?? [];
    const pattern = env.find((e) => e.name === 'STRIMZI_IGNORED_USERS_PATTERN')?.value;
    expect(pattern).toBeDefined();
    const ignored = new RegExp(pattern!);
    const partners = ['00000000-0000-0000-0000-000000000000', 'FFFFFFFF-FFFF-4FFF-BFFF-FFFFFFFFFFFF', ...Array.from({ length: 20 }, () => randomUUID())].map(partnerUsername);
    expect(partners.filter((u) => !ignored.test(u))).toEqual([]);
    expect(kafka.filter((r) => r.kind === 'KafkaUser').map((u) => u.metadata.name).filter((u) => ignored.test(u))).toEqual([]);
    expect(['ANONYMOUS', '*', 'partner-', `${partners[2]}0`, `x${partners[2]}`].filter((u) => ignored.test(u))).toEqual([]);
  });
});
