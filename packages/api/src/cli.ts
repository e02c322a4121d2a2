#!/usr/bin/env node
/**
 * `pnpm api users add|list|disable|reset-password …` — user management on the metadata DB (SQLite in DATA_DIR or
 * PostgreSQL), which a running server shares, so it works whether or not the server runs.
 */
import 'reflect-metadata';
import { ConfigError, loadConfig, openMetadataStore } from '@c12315/store';
import { runUsersCommand } from './users/users.command';

async function main(): Promise<number> {
  const [command, ...rest] = process.argv.slice(2);
  if (command !== 'users') {
    process.stderr.write('usage: pnpm api users add|list|disable|reset-password …\n');
    return 64;
  }
  const orm = await openMetadataStore(loadConfig());
  try {
    return await runUsersCommand(rest, { orm });
  } finally {
    await orm.close();
  }
}

main()
  .then((code) => {
    process.exitCode = code;
  })
  .catch((error: unknown) => {
    process.stderr.write(
      `${error instanceof ConfigError ? 'configuration error: ' : 'error: '}${error instanceof Error ? error.message : String(error)}\n`,
    );
    process.exitCode = error instanceof ConfigError ? 78 : 1;
  });
