#!/usr/bin/env node
/**
 * `pnpm api users add|list|disable|reset-password …` — user management on the metadata DB (SQLite in DATA_DIR or
 * PostgreSQL), which a running server shares, so it works whether or not the server runs.
 * `pnpm api notice-config --region CODE [--prefix P] [--first-number N]` — the 通报's 发文字号 (notices/).
 * `pnpm api verify [--questions N] [--seed N]` — the read model reconciled with the case table on this store
 * (indicators/reconcile.ts): exits 1 naming the first question whose answers differ.
 */
import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { openStores } from '@c12315/etl';
import { ConfigError, loadConfig, openMetadataStore } from '@c12315/store';
import { reconcileReadModel } from './indicators/reconcile';
import { runNoticeConfigCommand } from './notices/notice-config.command';
import { runUsersCommand } from './users/users.command';

async function verify(argv: string[]): Promise<number> {
  const { values } = parseArgs({ args: argv, options: { questions: { type: 'string' }, seed: { type: 'string' } } });
  const questions = Number(values.questions ?? 500);
  const seed = Number(values.seed ?? Date.now() % 1_000_000);
  if (!Number.isSafeInteger(questions) || questions < 1) throw new Error('--questions must be a whole number ≥ 1');
  const stores = await openStores(loadConfig());
  try {
    process.stderr.write(`verify: ${questions} random questions (--seed ${seed}), read model vs case table\n`);
    const result = await reconcileReadModel(stores.ch, {
      questions,
      seed,
      onProgress: (n) => {
        if (n % 50 === 0) process.stderr.write(`verify: ${n}/${questions} agree\n`);
      },
    });
    if (!result.difference) {
      process.stdout.write(
        `verify: ${result.checked} questions (${result.profiles} of them also from their asOf profile, ` +
          `${result.pageProfiles} overdue first pages from their month's), ` +
          "every answer of the read model equals the case table's\n",
      );
      return 0;
    }
    const d = result.difference;
    process.stdout.write(
      `verify: DIFFERENCE at question ${result.checked}: ${d.question}\n  read model: ${d.readModel.slice(0, 2000)}\n` +
        `  case table: ${d.reference.slice(0, 2000)}\n`,
    );
    return 1;
  } finally {
    await stores.close();
  }
}

async function main(): Promise<number> {
  const [command, ...rest] = process.argv.slice(2);
  if (command === 'verify') return verify(rest);
  if (command !== 'users' && command !== 'notice-config') {
    process.stderr.write(
      'usage: pnpm api users add|list|disable|reset-password … | pnpm api verify [--questions N] [--seed N] | ' +
        'pnpm api notice-config --region CODE [--prefix P] [--first-number N]\n',
    );
    return 64;
  }
  const orm = await openMetadataStore(loadConfig());
  try {
    return command === 'users' ? await runUsersCommand(rest, { orm }) : await runNoticeConfigCommand(rest, { orm });
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
