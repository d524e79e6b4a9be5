import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { type ConfigSpec, loadConfig } from '@reintegra/platform-config';
import { findWorkspaceRoot } from '@reintegra/testing';

/**
 * The production chart (infra/helm/reintegra) as Kubernetes would receive it: `helm template`
 * with the default values and the production example, parsed, then checked for what an operator
 * relies on — every service deployed with probes on its real health routes, migrations run once
 * as Jobs, disruption budgets and autoscalers, non-root read-only containers with resources, and
 * an environment each service's own config validation accepts with NODE_ENV=production.
 * `npm test` installs Helm first (infra/lib/helm.sh); without the binary this file is skipped.
 */
const root = findWorkspaceRoot();
const chart = join(root, 'infra/helm/reintegra');
const helmVersion = /HELM_VERSION:-([\d.]+)/.exec(
  readFileSync(join(root, 'infra/lib/helm.sh'), 'utf8'),
)?.[1];
const cacheDir = process.env['REINTEGRA_CACHE_DIR'] ?? join(homedir(), '.cache/reintegra');
const helm = process.env['HELM_PATH'] ?? join(cacheDir, `helm-${helmVersion}/bin/helm`);
const haveHelm = existsSync(helm);
if (!haveHelm)
  console.warn(`[helm-chart] ${helm} is not installed (bash infra/lib/helm.sh install): skipped`);

/** Every app with a `migrate` entry point is a service with a database: the chart must run it. */
const services = readdirSync(join(root, 'apps'))
  .filter((app) => existsSync(join(root, 'apps', app, 'src/migrate.ts')))
  .sort();

type Manifest = {
  kind: string;
  metadata: { name: string; annotations?: Record<string, string>; labels?: Record<string, string> };
  spec?: Record<string, unknown>;
  data?: Record<string, string>;
};
interface Container {
  name: string;
  command?: string[];
  ports?: { name: string; containerPort: number }[];
  env?: {
    name: string;
    value?: string;
    valueFrom?: { secretKeyRef: { name: string; key: string } };
  }[];
  envFrom?: { configMapRef: { name: string } }[];
  livenessProbe?: { httpGet: { path: string; port: string } };
  readinessProbe?: { httpGet: { path: string; port: string } };
  startupProbe?: { httpGet: { path: string; port: string } };
  resources?: { requests?: Record<string, string>; limits?: Record<string, string> };
  securityContext?: { readOnlyRootFilesystem?: boolean; allowPrivilegeEscalation?: boolean };
}
interface PodSpec {
  securityContext?: { runAsNonRoot?: boolean };
  containers: Container[];
  initContainers?: Container[];
}

function render(...valuesFiles: string[]): Manifest[] {
  const args = ['template', 'reintegra', chart, '--namespace', 'reintegra'];
  for (const file of valuesFiles) args.push('--values', join(root, file));
  const output = execFileSync(helm, args, { encoding: 'utf8' });
  return parseAllDocuments(output)
    .map((document) => document.toJS() as Manifest | null)
    .filter((m): m is Manifest => m !== null);
}

const find = (manifests: Manifest[], kind: string, name: string) =>
  manifests.find((m) => m.kind === kind && m.metadata.name === name);

function podSpec(manifest: Manifest | undefined): PodSpec {
  const spec = manifest?.spec as { template: { spec: PodSpec } } | undefined;
  if (!spec) throw new Error('no pod template');
  return spec.template.spec;
}

/** Kubernetes' $(VAR) expansion of env values, for the database URL built from its role Secret. */
const expand = (value: string, env: Record<string, string>) =>
  value.replace(/\$\(([A-Z_]+)\)/g, (whole, name: string) => env[name] ?? whole);

/** What the Secrets would hold, by key: well-formed stand-ins (real ones never enter a test). */
function secretStandIn(key: string): string {
  if (key === 'partner-gateway-key') return Buffer.alloc(32, 7).toString('base64');
  if (key === 'username') return 'role_user';
  return 'secret-stand-in-0123456789abcdef';
}

/** The environment a service's container would see: its ConfigMap, then its env in order. */
function containerEnvironment(manifests: Manifest[], container: Container): Record<string, string> {
  const env: Record<string, string> = {};
  for (const source of container.envFrom ?? []) {
    Object.assign(env, find(manifests, 'ConfigMap', source.configMapRef.name)?.data ?? {});
  }
  for (const variable of container.env ?? []) {
    env[variable.name] =
      variable.value !== undefined
        ? expand(variable.value, env)
        : secretStandIn(variable.valueFrom?.secretKeyRef.key ?? '');
  }
  return env;
}

interface Acl {
  resource: { type: string; name?: string; patternType?: string };
  operations: string[];
}
const binding = (...parts: string[]) => parts.join(' ');
/** The bindings the cluster profile creates (infra/kafka/service-acls.js, from the same values). */
const { serviceAcls } = createRequire(__filename)(join(root, 'infra/kafka/service-acls.js')) as {
  serviceAcls: () => {
    user: string;
    type: string;
    name: string;
    patternType: string;
    operation: string;
  }[];
};

const valuesFiles = {
  default: [] as string[],
  production: ['infra/helm/examples/values-production.yaml'],
};

(haveHelm ? describe : describe.skip).each(Object.entries(valuesFiles))(
  'helm template with the %s values',
  (_label, files) => {
    let manifests: Manifest[];
    beforeAll(() => {
      manifests = render(...files);
    });

    it('deploys every service with a migrate entry point, and the office app', () => {
      expect(services.length).toBeGreaterThanOrEqual(10);
      const deployed = manifests
        .filter((m) => m.kind === 'Deployment')
        .map((m) => m.metadata.name.replace(/^reintegra-/, ''))
        .sort();
      expect(deployed).toEqual([...services, 'office-web'].sort());
    });

    it.each(services)('%s: probes on its health routes, port, Service, PDB, HPA', (service) => {
      const name = `reintegra-${service}`;
      const container = podSpec(find(manifests, 'Deployment', name)).containers[0];
      expect(container?.command).toEqual(['node', `dist/apps/${service}/main.js`]);
      expect(container?.readinessProbe?.httpGet).toEqual({ path: '/health', port: 'http' });
      expect(container?.livenessProbe?.httpGet).toEqual({ path: '/health/live', port: 'http' });
      expect(container?.startupProbe?.httpGet.path).toBe('/health/live');
      const env = containerEnvironment(manifests, container as Container);
      expect(container?.ports?.[0]).toEqual(
        expect.objectContaining({ name: 'http', containerPort: Number(env['HTTP_PORT']) }),
      );
      expect(env['HTTP_HOST']).toBe('0.0.0.0');
      const svc = find(manifests, 'Service', name)?.spec as { ports: { port: number }[] };
      expect(svc.ports[0]?.port).toBe(Number(env['HTTP_PORT']));
      expect(find(manifests, 'PodDisruptionBudget', name)?.spec).toEqual(
        expect.objectContaining({ maxUnavailable: 1 }),
      );
      const hpa = find(manifests, 'HorizontalPodAutoscaler', name)?.spec as {
        minReplicas: number;
        metrics: { type: string; external?: { metric: { name: string } } }[];
      };
      expect(hpa.minReplicas).toBeGreaterThanOrEqual(2);
      expect(hpa.metrics.map((m) => m.type)).toContain('Resource');
    });

    it.each(services)('%s: migrations as a pre-install/pre-upgrade Job', (service) => {
      const job = find(manifests, 'Job', `reintegra-${service}-migrate`);
      expect(job?.metadata.annotations?.['helm.sh/hook']).toBe('pre-install,pre-upgrade');
      const container = podSpec(job).containers[0] as Container;
      expect(container.command).toEqual(['node', `dist/apps/${service}/migrate.js`]);
      const env = containerEnvironment(manifests, container);
      expect(env['DATABASE_MIGRATION_URL']).toMatch(
        /^postgres:\/\/role_user:secret-stand-in-[0-9a-f]+@[\w.-]+:5432\/\w+\?sslmode=/,
      );
    });

    it.each(services)(
      '%s: its config validation accepts the environment (production)',
      async (service) => {
        const container = podSpec(find(manifests, 'Deployment', `reintegra-${service}`))
          .containers[0] as Container;
        const env = containerEnvironment(manifests, container);
        expect(env['NODE_ENV']).toBe('production');
        // Loaded by path: the chart's test reads each app's declared spec, as `main` would.
        const module = (await import(join(root, 'apps', service, 'src/config'))) as Record<
          string,
          unknown
        >;
        const spec = Object.entries(module).find(([key]) => key.endsWith('ConfigSpec'))?.[1];
        expect(spec).toBeDefined();
        expect(() => loadConfig(spec as ConfigSpec, env)).not.toThrow();
      },
    );

    it('runs every container non-root, read-only, with requests and limits', () => {
      const workloads = manifests.filter((m) => m.kind === 'Deployment' || m.kind === 'Job');
      expect(workloads.length).toBeGreaterThan(20);
      for (const workload of workloads) {
        const pod = podSpec(workload);
        expect(pod.securityContext?.runAsNonRoot).toBe(true);
        for (const container of [...pod.containers, ...(pod.initContainers ?? [])]) {
          const where = `${workload.metadata.name}/${container.name}`;
          expect([where, container.securityContext?.readOnlyRootFilesystem]).toEqual([where, true]);
          expect([where, container.securityContext?.allowPrivilegeEscalation]).toEqual([
            where,
            false,
          ]);
          expect([where, Object.keys(container.resources?.requests ?? {})]).toEqual([
            where,
            ['cpu', 'memory'],
          ]);
          expect([where, container.resources?.limits?.['memory']]).toEqual([
            where,
            expect.any(String),
          ]);
        }
      }
    });

    it('gives the office app probes on /health and every upstream it proxies', () => {
      const container = podSpec(find(manifests, 'Deployment', 'reintegra-office-web'))
        .containers[0] as Container;
      expect(container.readinessProbe?.httpGet.path).toBe('/health');
      expect(container.livenessProbe?.httpGet.path).toBe('/health');
      const env = containerEnvironment(manifests, container);
      for (const variable of ['INTAKE_URL', 'EMPLOYMENT_URL', 'EDUCATION_URL', 'DIRECTORY_URL']) {
        expect(env[variable]).toMatch(/^http:\/\/reintegra-[a-z-]+:31\d\d$/);
      }
    });

    it('mounts the key-encryption keys of intake and victim support from the keys Secret', () => {
      for (const [service, variable] of [
        ['intake', 'INTAKE_KEK_FILE'],
        ['victim-support', 'VICTIM_SUPPORT_KEK_FILE'],
      ] as const) {
        const pod = podSpec(find(manifests, 'Deployment', `reintegra-${service}`));
        const env = containerEnvironment(manifests, pod.containers[0] as Container);
        expect(env[variable]).toMatch(/^\/var\/lib\/reintegra\/keys\/[a-z-]+\.b64$/);
        expect(pod.initContainers?.map((c) => c.name)).toEqual(['keys']);
      }
    });
  },
);

(haveHelm ? describe : describe.skip)('production example', () => {
  const manifests = haveHelm ? render(...valuesFiles.production) : [];

  it('connects every service to Kafka over TLS with its SCRAM user, and to Temporal with mTLS', () => {
    for (const service of services) {
      const pod = podSpec(find(manifests, 'Deployment', `reintegra-${service}`));
      const env = containerEnvironment(manifests, pod.containers[0] as Container);
      expect(env).toEqual(
        expect.objectContaining({
          KAFKA_SSL: 'true',
          KAFKA_SSL_CA_FILE: '/etc/reintegra/kafka-ca/ca.crt',
          KAFKA_SASL_MECHANISM: 'scram-sha-512',
          KAFKA_SASL_USERNAME: service,
        }),
      );
      expect(env['DATABASE_URL']).toContain('sslmode=verify-full');
      if (env['TEMPORAL_ADDRESS']) {
        expect(env['TEMPORAL_TLS_CERT_FILE']).toBe('/etc/reintegra/temporal-tls/tls.crt');
      }
      const user = find(manifests, 'KafkaUser', service)?.spec as {
        acls: { resource: { type: string; name?: string }; operations: string[] }[];
      } & { authentication: { type: string } };
      expect(user.authentication.type).toBe('scram-sha-512');
      expect(user).toBeDefined();
    }
  });

  it("gives each service's KafkaUser exactly the ACLs the cluster profile creates", () => {
    const rendered = manifests
      .filter((m) => m.kind === 'KafkaUser')
      .flatMap((m) => {
        const { acls } = (m.spec as { authorization: { acls: Acl[] } }).authorization;
        return acls.flatMap(({ resource, operations }) =>
          operations.map((operation) =>
            binding(
              m.metadata.name,
              resource.type,
              resource.name ?? 'kafka-cluster',
              resource.patternType ?? 'literal',
              operation,
            ),
          ),
        );
      });
    const created = serviceAcls().map((b) =>
      binding(b.user, b.type, b.name, b.patternType, b.operation),
    );
    expect(rendered.sort()).toEqual(created.sort());
    expect(created.length).toBeGreaterThan(services.length * 4);
  });

  it('scales the Kafka consumers on the consumer-lag metric', () => {
    const hpa = find(manifests, 'HorizontalPodAutoscaler', 'reintegra-orchestrator')?.spec as {
      maxReplicas: number;
      metrics: { type: string; external?: { metric: { name: string; selector: unknown } } }[];
    };
    expect(hpa.maxReplicas).toBeLessThanOrEqual(6); // the topics' partitions
    expect(hpa.metrics.find((m) => m.type === 'External')?.external?.metric).toEqual({
      name: 'reintegra_consumer_lag',
      selector: { matchLabels: { group: 'orchestrator' } },
    });
  });
});

describe("the services' Kafka rights (services.<name>.kafka)", () => {
  const topicOf = new Map(
    [
      ...readFileSync(join(root, 'libs/contracts/events/src/topics.ts'), 'utf8').matchAll(
        /(\w+): topic\('([^']+)'\)/g,
      ),
    ].map(([, key, name]) => [key, name]),
  );
  const platformReferralConsumer = readFileSync(
    join(root, 'libs/platform/messaging/src/referral-consumer.ts'),
    'utf8',
  );
  /** The topics a service's Kafka entry points consume: @EventPattern(TOPICS.x), or a topic list. */
  function consumedBy(app: string): string[] {
    const consumed = new Set<string>();
    const walk = (dir: string): void => {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        const file = join(dir, entry.name);
        if (entry.isDirectory()) {
          if (entry.name !== 'testing') walk(file);
          continue;
        }
        if (!/\.ts$/.test(entry.name) || /spec\.ts$|test-bed\.ts$/.test(entry.name)) continue;
        const source = readFileSync(file, 'utf8');
        const entryPoints = [
          ...source.matchAll(/@EventPattern\(TOPICS\.(\w+)\)/g),
          ...[...source.matchAll(/_TOPICS = \[([^\]]*)\]/g)].flatMap(([, list]) => [
            ...(list ?? '').matchAll(/TOPICS\.(\w+)/g),
          ]),
        ];
        // The platform's ReferralConsumer subscribes its subclasses to referrals and path events.
        if (/extends ReferralConsumer\b/.test(source))
          entryPoints.push(...platformReferralConsumer.matchAll(/@EventPattern\(TOPICS\.(\w+)\)/g));
        for (const [, key] of entryPoints) consumed.add(topicOf.get(key ?? '') ?? `TOPICS.${key}`);
      }
    };
    walk(join(root, 'apps', app, 'src'));
    return [...consumed].sort();
  }
  const values = parseAllDocuments(readFileSync(join(chart, 'values.yaml'), 'utf8'))[0]?.toJS() as {
    services: Record<string, { kafka?: { reads?: string[] } }>;
  };

  it.each(services)('%s reads exactly the topics its consumers subscribe to', (service) => {
    expect([...(values.services[service]?.kafka?.reads ?? [])].sort()).toEqual(consumedBy(service));
  });
});

describe('Strimzi example', () => {
  it('declares exactly the topics of the one topic list, replicated 3 times', () => {
    const list = JSON.parse(
      readFileSync(join(root, 'libs/contracts/events/src/topic-list.json'), 'utf8'),
    ) as {
      topics: { name: string; partitions: number; deadLetterTopic: string }[];
      deadLetterDefaults: { partitions: number };
    };
    const expected = list.topics
      .flatMap((t) => [
        [t.name, t.partitions],
        [t.deadLetterTopic, list.deadLetterDefaults.partitions],
      ])
      .sort();
    const declared = parseAllDocuments(
      readFileSync(join(root, 'infra/helm/examples/strimzi-kafka.yaml'), 'utf8'),
    )
      .map((d) => d.toJS() as Manifest)
      .filter((m) => m.kind === 'KafkaTopic')
      .map((m) => {
        const spec = m.spec as { topicName: string; partitions: number; replicas: number };
        expect(spec.replicas).toBe(3);
        return [spec.topicName, spec.partitions];
      })
      .sort();
    expect(declared).toEqual(expected);
  });
});
