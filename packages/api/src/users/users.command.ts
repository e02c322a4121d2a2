/**
 * `pnpm api users add|list|disable|reset-password` (issue "GraphQL API" §Auth). Works on the metadata DB directly
 * (SQLite in DATA_DIR, shared with a running server, or PostgreSQL), so it works whether or not the server runs.
 */
import os from 'node:os';
import { findRegion } from '@c12315/domain';
import { GraphQLError } from 'graphql';
import { createUserAccount, disableUserAccount, listUserAccounts, resetUserPassword } from '../auth/user-accounts.service';
import type { AppContext } from '../context';

export interface UsersCommandDeps {
  orm: AppContext['orm'];
  /** Output sinks (tests capture them); default: process stdout / stderr. */
  out?: (line: string) => void;
  err?: (line: string) => void;
}

const USAGE = [
  'usage: users add --username U --password P --role ROLE --region CODE [--email ADDRESS]',
  '       users list',
  '       users disable --username U',
  '       users reset-password --username U --password P',
  'roles: PROVINCE_ADMIN (bound to a province code), CITY_CHIEF, SUPERVISOR, FOOD_SAFETY, ANALYST, SCREEN (the read-only wall display of /screen)',
  'passwords: at least 10 characters, letters and digits',
].join('\n');

const FLAGS: Record<string, readonly string[]> = {
  add: ['username', 'password', 'role', 'region'],
  list: [],
  disable: ['username'],
  'reset-password': ['username', 'password'],
};

/** Flags a command takes but does not require. --email: the work address the monthly 通报 is mailed to. */
const OPTIONAL_FLAGS: Record<string, readonly string[]> = { add: ['email'] };

/** The service names arguments as the GraphQL API does; the CLI user typed flags. */
const FLAG_OF_ARGUMENT: Record<string, string> = { regionCode: '--region' };

class UsageError extends Error {}

function parseFlags(command: string, args: string[]): Record<string, string> {
  const required = FLAGS[command] ?? [];
  const allowed = [...required, ...(OPTIONAL_FLAGS[command] ?? [])];
  const values: Record<string, string> = {};
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    const m = /^--([a-z-]+)(?:=(.*))?$/s.exec(arg);
    if (!m) throw new UsageError(`unexpected argument "${arg}"`);
    const name = m[1] as string;
    if (!allowed.includes(name)) throw new UsageError(`--${name}: not an option of "users ${command}"`);
    let value = m[2];
    if (value === undefined) {
      value = args[i + 1];
      if (value === undefined || value.startsWith('--')) throw new UsageError(`--${name}: a value is required`);
      i++;
    }
    if (name in values) throw new UsageError(`--${name}: given twice`);
    values[name] = value;
  }
  for (const name of required) {
    if (!(name in values) || values[name]?.trim() === '') throw new UsageError(`--${name}: required`);
  }
  return values;
}

function actor(): string {
  try {
    return `cli:${os.userInfo().username}`;
  } catch {
    return 'cli';
  }
}

/** Runs one users command; returns the exit code (0 ok, 2 bad arguments, 1 failure). */
export async function runUsersCommand(argv: string[], deps: UsersCommandDeps): Promise<number> {
  const out = deps.out ?? ((line: string) => process.stdout.write(`${line}\n`));
  const err = deps.err ?? ((line: string) => process.stderr.write(`${line}\n`));
  const args = argv[0] === 'users' ? argv.slice(1) : argv;
  const command = args[0];
  if (command === undefined || command === 'help' || command === '--help' || !(command in FLAGS)) {
    (command === undefined || command === 'help' || command === '--help' ? out : err)(
      command && !['help', '--help'].includes(command) ? `unknown users command "${command}"\n${USAGE}` : USAGE,
    );
    return command === undefined || command === 'help' || command === '--help' ? 0 : 2;
  }
  try {
    const flags = parseFlags(command, args.slice(1));
    const who = { actor: actor() };
    switch (command) {
      case 'add': {
        const user = await createUserAccount(
          deps.orm,
          {
            username: flags.username!,
            password: flags.password!,
            role: flags.role!,
            regionCode: flags.region!,
            email: flags.email ?? null,
          },
          who,
        );
        out(`added ${user.username} (${user.role}, ${regionLabel(user.regionCode)})`);
        return 0;
      }
      case 'list':
        for (const line of formatTable(await listUserAccounts(deps.orm))) out(line);
        return 0;
      case 'disable': {
        const user = await disableUserAccount(deps.orm, flags.username!, who);
        out(`disabled ${user.username}`);
        return 0;
      }
      default: {
        const user = await resetUserPassword(deps.orm, flags.username!, flags.password!, who);
        out(`password reset for ${user.username}; its earlier sign-ins are signed out`);
        return 0;
      }
    }
  } catch (error) {
    if (error instanceof UsageError) {
      err(`users ${command}: ${error.message}\n${USAGE}`);
      return 2;
    }
    if (error instanceof GraphQLError) {
      const argument = error.extensions.argument;
      const message =
        typeof argument === 'string'
          ? error.message.replace(`${argument}:`, `${FLAG_OF_ARGUMENT[argument] ?? `--${argument}`}:`)
          : error.message;
      err(`users ${command}: ${message}`);
      return error.extensions.code === 'BAD_USER_INPUT' ? 2 : 1;
    }
    err(`users ${command}: failed: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
}

function regionLabel(code: string): string {
  const name = findRegion(code)?.name;
  return name ? `${name} ${code}` : code;
}

/** username, role, region (name + code), disabled — never a hash. */
function formatTable(users: { username: string; role: string; regionCode: string; disabled: boolean }[]): string[] {
  const rows = [
    ['USERNAME', 'ROLE', 'REGION', 'DISABLED'],
    ...users.map((u) => [u.username, u.role, regionLabel(u.regionCode), u.disabled ? 'yes' : 'no']),
  ];
  const widths = rows[0]!.map((_, col) => Math.max(...rows.map((r) => displayWidth(r[col] as string))));
  return rows.map((r) =>
    r
      .map((cell, col) => cell + ' '.repeat((widths[col] as number) - displayWidth(cell) + 2))
      .join('')
      .trimEnd(),
  );
}

/** CJK characters take two terminal columns. */
function displayWidth(text: string): number {
  let width = 0;
  for (const ch of text) width += /[\u1100-\uFFFF]/.test(ch) ? 2 : 1;
  return width;
}
