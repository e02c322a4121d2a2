/**
 * GraphQL codegen (client preset) from the committed api schema (DASHBOARD-SPEC "GraphQL"): typed documents in
 * src/gql, regenerated before every `vite build` (vite.config.ts).
 */
import path from 'node:path';
import type { CodegenConfig } from '@graphql-codegen/cli';

const config: CodegenConfig = {
  schema: path.resolve(__dirname, '../api/schema.graphql'),
  documents: ['src/**/*.ts', 'src/**/*.tsx', '!src/gql/**/*', '!src/**/*.test.tsx', '!src/**/*.test.ts'],
  ignoreNoDocuments: true,
  generates: {
    'src/gql/': {
      preset: 'client',
      presetConfig: { fragmentMasking: false },
      config: { useTypeImports: true, enumsAsTypes: true, scalars: { Date: 'string' } },
    },
  },
};

export default config;
