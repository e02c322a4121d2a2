/**
 * The deployment files of infra/compose and infra/k8s (issue 16 §4), checked by maintained parsers and schema
 * validators — they are validated here, not run (no Docker engine or Kubernetes on these machines):
 *  - compose.yaml against the Compose Specification's JSON schema (vendored in infra/schemas/) with ajv;
 *  - the Kubernetes built-in kinds with kubernetes-models (the API's generated schemas), the operator's
 *    ClickHouseInstallation and ClickHouseKeeperInstallation against its CRDs' openAPIV3Schema (vendored) with ajv;
 *  - the ClickHouse and Keeper XML with fast-xml-parser's validator, nginx.conf with nginx-linter's parser and every
 *    directive against NGINX's own directive reference (@nginx/reference-lib: known, allowed in its block), the
 *    Dockerfile with dockerfile-ast;
 * and cross-checked: the compose services and the remote_servers / Keeper configuration name the same nodes, shards
 * and replicas; the api and loader environments pass the api's own configuration parser (loadConfig) and point at
 * services that exist; nginx's upstreams are the api services.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import Ajv from 'ajv';
import draft07 from 'ajv/dist/refs/json-schema-draft-07.json';
import addFormats from 'ajv-formats';
import { DockerfileParser } from 'dockerfile-ast';
import { validate as validateDockerfile } from 'dockerfile-utils';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { Deployment } from 'kubernetes-models/apps/v1/Deployment';
import { Job } from 'kubernetes-models/batch/v1/Job';
import { Service } from 'kubernetes-models/v1/Service';
import { parseAllDocuments, parse as parseYaml } from 'yaml';
import { loadConfig } from './config';

const INFRA = path.resolve(__dirname, '../../../infra');
const COMPOSE = path.join(INFRA, 'compose');
const read = (...p: string[]) => fs.readFileSync(path.join(INFRA, ...p), 'utf8');

// biome-ignore lint/suspicious/noExplicitAny: parsed YAML and XML documents are untyped trees
type Tree = any;

const ajv = new Ajv({ allErrors: true, strict: false });
addFormats(ajv);
// The Compose schema names draft-07 by its https address.
ajv.addMetaSchema({ ...draft07, $id: 'https://json-schema.org/draft-07/schema' });

function schemaErrors(schema: object, value: unknown): string[] {
  const validate = ajv.compile(schema);
  return validate(value) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message}`);
}

const compose: Tree = parseYaml(read('compose', 'compose.yaml'), { merge: true });
const services: Record<string, Tree> = compose.services;
const xml = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  isArray: (name) => ['shard', 'replica', 'node', 'server'].includes(name),
});

/** Compose's interpolation of `${VAR}`, `${VAR:-default}`, `${VAR:?message}` with the given variables. */
function interpolate(value: string, vars: Record<string, string>): string {
  return value.replace(/\$\{(\w+)(?::([-?])([^}]*))?\}/g, (_m, name: string, op?: string, arg?: string) => {
    const v = vars[name];
    if (v !== undefined && v !== '') return v;
    if (op === '?') throw new Error(`${name} is required: ${arg}`);
    return op === '-' ? (arg ?? '') : '';
  });
}

const SECRETS = {
  AUTH_SECRET: 'test-auth-secret',
  POSTGRES_PASSWORD: 'pg-pass',
  CLICKHOUSE_PASSWORD: 'ch-pass',
  CLICKHOUSE_CLUSTER_SECRET: 'cluster-secret',
};

function environmentOf(service: string): Record<string, string> {
  const env: Record<string, string | number> = services[service]?.environment ?? {};
  return Object.fromEntries(Object.entries(env).map(([k, v]) => [k, interpolate(String(v), SECRETS)]));
}

const clickhouseServices = () =>
  Object.keys(services).filter((s) => String(services[s].image).startsWith('clickhouse/clickhouse-server:'));
const keeperServices = () =>
  Object.keys(services).filter((s) => String(services[s].image).startsWith('clickhouse/clickhouse-keeper:'));

describe('infra/compose', () => {
  test('compose.yaml is valid against the Compose Specification schema', () => {
    const schema = JSON.parse(read('schemas', 'compose-spec.json'));
    expect(schemaErrors(schema, compose)).toEqual([]);
    // The validator catches what it should: a service with an unknown key is refused.
    expect(schemaErrors(schema, { services: { x: { image: 'a', imagee: 'b' } } })).not.toEqual([]);
  });

  test('every XML file is well-formed (fast-xml-parser)', () => {
    for (const file of ['clickhouse/cluster.xml', 'clickhouse/users.xml', 'keeper/keeper.xml']) {
      expect([file, XMLValidator.validate(read('compose', file))]).toEqual([file, true]);
    }
    expect(XMLValidator.validate('<clickhouse><a></clickhouse>')).not.toBe(true);
  });

  test('ClickHouse Keeper ×3: services, server ids and the raft configuration agree; the servers list all three', () => {
    const keeper: Tree = xml.parse(read('compose', 'keeper', 'keeper.xml')).clickhouse.keeper_server;
    const raft = keeper.raft_configuration.server.map((s: Tree) => ({ id: String(s.id), host: s.hostname }));
    const ids = keeperServices().map((s) => ({ id: environmentOf(s).KEEPER_SERVER_ID, host: s }));
    expect(ids).toHaveLength(3);
    expect(raft).toEqual(ids);
    expect(keeper.server_id['@from_env']).toBe('KEEPER_SERVER_ID');
    const zookeeper: Tree = xml.parse(read('compose', 'clickhouse', 'cluster.xml')).clickhouse.zookeeper;
    expect(zookeeper.node.map((n: Tree) => `${n.host}:${n.port}`)).toEqual(
      keeperServices().map((s) => `${s}:${keeper.tcp_port}`),
    );
  });

  test('2 shards × 2 replicas: remote_servers names the compose services with their CH_SHARD and CH_REPLICA', () => {
    const config: Tree = xml.parse(read('compose', 'clickhouse', 'cluster.xml')).clickhouse;
    const cluster = config.remote_servers.c12315;
    expect(cluster.shard).toHaveLength(2);
    const placed = cluster.shard.flatMap((shard: Tree, i: number) => {
      expect(shard.internal_replication).toBe(true);
      expect(shard.replica).toHaveLength(2);
      return shard.replica.map((r: Tree) => ({ service: r.host, shard: String(i + 1), replica: r.host }));
    });
    const fromServices = clickhouseServices().map((s) => ({
      service: s,
      shard: environmentOf(s).CH_SHARD,
      replica: environmentOf(s).CH_REPLICA,
    }));
    expect(fromServices).toEqual(placed);
    expect(config.macros.shard[0]['@from_env']).toBe('CH_SHARD');
    expect(config.macros.replica[0]['@from_env']).toBe('CH_REPLICA');
    expect(cluster.secret['@from_env']).toBe('CLICKHOUSE_CLUSTER_SECRET');
    const users: Tree = xml.parse(read('compose', 'clickhouse', 'users.xml')).clickhouse.users;
    for (const s of clickhouseServices()) {
      const env = environmentOf(s);
      expect(env[users.c12315.password['@from_env']]).toBe(SECRETS.CLICKHOUSE_PASSWORD);
      expect(env.CLICKHOUSE_CLUSTER_SECRET).toBe(SECRETS.CLICKHOUSE_CLUSTER_SECRET);
      const mounts: string[] = services[s].volumes;
      expect(mounts).toContain('./clickhouse/cluster.xml:/etc/clickhouse-server/config.d/cluster.xml:ro');
    }
  });

  test('the api instances and the loader start with the api configuration parser and reach existing services', () => {
    const config: Tree = xml.parse(read('compose', 'clickhouse', 'cluster.xml')).clickhouse;
    const clusterName = Object.keys(config.remote_servers)[0];
    const postgres = environmentOf('postgres');
    const apps = ['api-1', 'api-2', 'loader'];
    const nodes = new Set<string>();
    for (const s of apps) {
      const c = loadConfig(environmentOf(s));
      expect(c).toMatchObject({ production: true, authSecret: SECRETS.AUTH_SECRET, clickhouseCluster: clusterName });
      const ch = new URL(c.clickhouseUrl as string);
      expect(clickhouseServices()).toContain(ch.hostname);
      expect([ch.username, ch.password]).toEqual(['c12315', SECRETS.CLICKHOUSE_PASSWORD]);
      nodes.add(ch.hostname);
      const db = new URL(c.databaseUrl as string);
      expect([db.hostname, db.username, db.password, db.pathname]).toEqual([
        'postgres',
        postgres.POSTGRES_USER,
        postgres.POSTGRES_PASSWORD,
        `/${postgres.POSTGRES_DB}`,
      ]);
    }
    expect(nodes.size).toBe(3); // each instance and the loader on a node of its own
    expect(services.loader.profiles).toEqual(['jobs']);
    expect(services.loader.restart).toBe('no');
    // Every file the services mount is in infra/compose.
    for (const s of Object.values(services)) {
      for (const m of (s.volumes ?? []) as string[]) {
        if (m.startsWith('./') && !m.startsWith('./inbox'))
          expect(fs.existsSync(path.join(COMPOSE, m.split(':')[0] as string))).toBe(true);
      }
    }
  });

  test('nginx.conf parses (nginx-linter) and every directive is NGINX’s, in a block that allows it; upstreams are the api services', () => {
    const { parse } = require('nginx-linter/lib/parser') as { parse(source: string): Tree[] };
    const tree = parse(read('compose', 'nginx', 'nginx.conf'));
    expect(() => parse('http { server { listen 80; }')).toThrow();
    const reference: { name: string; contexts: string[] }[] = JSON.parse(
      execFileSync(
        process.execPath,
        [
          '--input-type=module',
          '-e',
          "import('@nginx/reference-lib').then((m) => process.stdout.write(JSON.stringify(m.getDirectives().map((d) => ({ name: d.name, contexts: d.contexts })))))",
        ],
        { cwd: __dirname, encoding: 'utf8' },
      ),
    );
    const allowed = (name: string, context: string) =>
      reference.some((d) => d.name === name && (d.contexts.includes(context) || d.contexts.includes('any')));
    const upstreams: string[] = [];
    const headers: Record<string, string> = {};
    const walk = (nodes: Tree[], context: string) => {
      for (const n of nodes.filter((x) => x.type === 'directive')) {
        expect([n.name, context, allowed(n.name, context)]).toEqual([n.name, context, true]);
        const params = (n.parameters ?? []).filter((p: Tree) => p.type === 'parameter').map((p: Tree) => p.text);
        if (n.name === 'server' && context === 'upstream') upstreams.push(params[0]);
        if (n.name === 'proxy_set_header') headers[params[0].toLowerCase()] = params[1];
        if (n.body) walk(n.body, n.name);
      }
    };
    walk(tree, 'main');
    expect(allowed('proxy_pass', 'http')).toBe(false);
    expect(upstreams).toEqual(['api-1', 'api-2'].map((s) => `${s}:${environmentOf(s).PORT}`));
    // The edge proxy replaces a client's own X-Forwarded-For (the api trusts the proxy's private network, and intranet
    // clients are in private ranges too); the api instances trust it: nginx is a container of its own, not loopback.
    expect(headers['x-forwarded-for']).toBe('$remote_addr');
    for (const s of ['api-1', 'api-2']) expect(loadConfig(environmentOf(s)).trustProxy).toContain('uniquelocal');
    expect(services.proxy.volumes).toContain('./nginx/nginx.conf:/etc/nginx/nginx.conf:ro');
  });

  test('the Dockerfile has no problem dockerfile-utils reports (its linter), and exposes the api port', () => {
    const source = read('compose', 'Dockerfile');
    expect(validateDockerfile(source).map((d) => d.message)).toEqual([]);
    expect(validateDockerfile('FRMO node').length).toBeGreaterThan(0);
    const instructions = DockerfileParser.parse(source).getInstructions();
    const expose = instructions.find((i) => i.getKeyword() === 'EXPOSE');
    expect(expose?.getArgumentsContent()).toBe(environmentOf('api-1').PORT);
    expect(services['api-1'].build).toEqual({ context: '../..', dockerfile: 'infra/compose/Dockerfile' });
  });
});

describe('infra/k8s', () => {
  const documents = (file: string): Tree[] =>
    parseAllDocuments(read('k8s', file)).map((d) => {
      expect(d.errors).toEqual([]);
      return d.toJS();
    });
  const crdSchema = (file: string) => parseYaml(read('schemas', file)).spec.versions[0].schema.openAPIV3Schema;
  const all = () =>
    fs
      .readdirSync(path.join(INFRA, 'k8s'))
      .filter((f) => f.endsWith('.yaml'))
      .flatMap(documents);
  const kind = (k: string) => all().filter((d) => d.kind === k);

  /** The value of a container's env var: literal, secret (sample value by key), `$(VAR)` expanded as Kubernetes does. */
  function containerEnv(container: Tree): Record<string, string> {
    const bySecretKey: Record<string, string> = {
      'auth-secret': SECRETS.AUTH_SECRET,
      'clickhouse-password': SECRETS.CLICKHOUSE_PASSWORD,
      'database-url': 'postgres://c12315:pg-pass@postgres:5432/c12315',
    };
    const env: Record<string, string> = {};
    for (const e of container.env as Tree[]) {
      const v = e.valueFrom ? bySecretKey[e.valueFrom.secretKeyRef.key] : (e.value as string);
      expect([e.name, v]).not.toEqual([e.name, undefined]);
      env[e.name] = String(v).replace(/\$\((\w+)\)/g, (_m, n: string) => env[n] ?? `$(${n})`);
    }
    return env;
  }

  test('every manifest is a valid object of its kind (kubernetes-models, the operator CRDs)', () => {
    const docs = all();
    expect(docs.map((d) => d.kind).sort()).toEqual([
      'ClickHouseInstallation',
      'ClickHouseKeeperInstallation',
      'Deployment',
      'Job',
      'Service',
    ]);
    for (const d of docs) {
      if (d.kind === 'Deployment') new Deployment(d).validate();
      else if (d.kind === 'Service') new Service(d).validate();
      else if (d.kind === 'Job') new Job(d).validate();
      else if (d.kind === 'ClickHouseInstallation') {
        expect(d.apiVersion).toBe('clickhouse.altinity.com/v1');
        expect(schemaErrors(crdSchema('altinity-clickhouseinstallations.crd.yaml'), d)).toEqual([]);
      } else {
        expect(d.apiVersion).toBe('clickhouse-keeper.altinity.com/v1');
        expect(schemaErrors(crdSchema('altinity-clickhousekeeperinstallations.crd.yaml'), d)).toEqual([]);
      }
    }
    // The validators refuse what they should.
    expect(() =>
      new Deployment({
        metadata: { name: 'x' },
        spec: { selector: {}, template: { spec: { containers: 'no' } } },
      } as never).validate(),
    ).toThrow();
    expect(
      schemaErrors(crdSchema('altinity-clickhouseinstallations.crd.yaml'), {
        spec: { configuration: { clusters: [{ name: 'c', layout: { shardsCount: 'two' } }] } },
      }),
    ).not.toEqual([]);
  });

  test('the cluster, Keeper, api and loader agree: names, layout, services, configuration', () => {
    const [chi] = kind('ClickHouseInstallation');
    const [chk] = kind('ClickHouseKeeperInstallation');
    const cluster = chi.spec.configuration.clusters[0];
    expect(cluster.layout).toEqual({ shardsCount: 2, replicasCount: 2 });
    expect(chk.spec.configuration.clusters[0].layout.replicasCount).toBe(3);
    expect(chi.spec.configuration.zookeeper.nodes).toEqual([{ host: `keeper-${chk.metadata.name}`, port: 2181 }]);
    const [deployment] = kind('Deployment');
    const [service] = kind('Service');
    const [job] = kind('Job');
    expect(deployment.spec.replicas).toBe(2);
    expect(service.spec.selector).toEqual(deployment.spec.template.metadata.labels);
    const api = deployment.spec.template.spec.containers[0];
    expect(api.ports.map((p: Tree) => p.name)).toContain(service.spec.ports[0].targetPort);
    for (const [container, host] of [
      [api, `clickhouse-${chi.metadata.name}`],
      [job.spec.template.spec.containers[0], `chi-${chi.metadata.name}-${cluster.name}-0-0`],
    ] as const) {
      const c = loadConfig(containerEnv(container));
      expect(c).toMatchObject({ production: true, clickhouseCluster: cluster.name });
      const url = new URL(c.clickhouseUrl as string);
      expect([url.hostname, url.username, url.password]).toEqual([host, 'c12315', SECRETS.CLICKHOUSE_PASSWORD]);
      expect(chi.spec.configuration.users['c12315/password'].valueFrom.secretKeyRef.key).toBe('clickhouse-password');
      expect(container.image).toBe(interpolate(services['api-1'].image, {}));
    }
    expect(job.spec.template.spec.restartPolicy).toBe('Never');
    // Behind the Ingress controller (pods in the cluster's private pod network), not a loopback proxy.
    expect(loadConfig(containerEnv(api)).trustProxy).toContain('uniquelocal');
  });
});
