/** Writes packages/api/schema.graphql from the code-first schema (committed; schema.test.ts checks it). */
import 'reflect-metadata';
import { buildAppSchema, EMITTED_SCHEMA_PATH } from './schema';

buildAppSchema({ emit: true }).then(() => process.stdout.write(`wrote ${EMITTED_SCHEMA_PATH}\n`));
