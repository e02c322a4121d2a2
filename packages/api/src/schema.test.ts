/**
 * The emitted schema is committed (packages/api/schema.graphql) and must (1) be what the code builds today and
 * (2) contain every type, field, argument and enum value of the contract with compatible types
 * (graphql-js findBreakingChanges from the contract to ours; default-value changes count too).
 */
import fs from 'node:fs';
import path from 'node:path';
import {
  buildSchema as buildSdl,
  DangerousChangeType,
  findBreakingChanges,
  findDangerousChanges,
  lexicographicSortSchema,
  printSchema,
} from 'graphql';
import { buildAppSchema, EMITTED_SCHEMA_PATH } from './schema';

const ROOT = path.resolve(__dirname, '../../..');
const VENDORED = path.join(ROOT, 'contract/schema.graphql');
const SHARED = path.resolve(ROOT, '../shared/contract/schema.graphql');

test('the vendored contract is the shared one (when shared/ is beside the repo)', () => {
  if (fs.existsSync(SHARED)) expect(fs.readFileSync(VENDORED, 'utf8')).toBe(fs.readFileSync(SHARED, 'utf8'));
  else expect(fs.existsSync(VENDORED)).toBe(true);
});

test('the committed schema.graphql is up to date (run `pnpm --filter @c12315/api emit-schema`)', async () => {
  const built = printSchema(lexicographicSortSchema(await buildAppSchema()));
  const committed = printSchema(lexicographicSortSchema(buildSdl(fs.readFileSync(EMITTED_SCHEMA_PATH, 'utf8'))));
  expect(committed).toBe(built);
});

test('every type, field, argument and enum value of the contract is there, compatible', async () => {
  const contract = buildSdl(fs.readFileSync(VENDORED, 'utf8'));
  const ours = await buildAppSchema();
  expect(findBreakingChanges(contract, ours).map((c) => `${c.type}: ${c.description}`)).toEqual([]);
  const defaults = findDangerousChanges(contract, ours).filter((c) => c.type === DangerousChangeType.ARG_DEFAULT_VALUE_CHANGE);
  expect(defaults.map((c) => c.description)).toEqual([]);
});
