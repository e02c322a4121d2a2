/**
 * Issue 13 §3: operations generated from the schema with random and hostile arguments and bodies
 * (test-support/graphql-fuzz.ts), sent over HTTP to the real server as several users: no answer is a 5xx, and no
 * answer carries internal text (SQL, engine messages, stack traces, file paths). FUZZ_OPERATIONS sets the number
 * (CI: 2,000; the run: FUZZ_OPERATIONS=10000), FUZZ_SEED the first seed.
 */
import { signInUsers } from '../../test-support/clients-under-load';
import { loadGoldenFixture } from '../../test-support/golden-fixture';
import { loadSchema, runFuzz } from '../../test-support/graphql-fuzz';
import { startTestServer, type TestServer } from '../../test-support/http-test-server';

const COUNT = Number(process.env.FUZZ_OPERATIONS ?? 2000);
const FIRST_SEED = Number(process.env.FUZZ_SEED ?? 1);

jest.setTimeout(Math.max(180_000, COUNT * 60));

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer('graphql-fuzz-');
  await loadGoldenFixture(server.stores.ch);
});

afterAll(async () => {
  await server?.close();
});

it(`answers ${COUNT} generated hostile operations without a 5xx or internal text`, async () => {
  const tokens = await signInUsers(server);
  const result = await runFuzz({
    url: server.url,
    schema: loadSchema(),
    count: COUNT,
    firstSeed: FIRST_SEED,
    concurrency: 8,
    tokens: [tokens.admin ?? null, tokens.chief ?? null, tokens.analyst ?? null, null, 'not.a.token'],
  });
  process.stdout.write(
    `graphql fuzz: ${result.sent} operations (seeds ${FIRST_SEED}…${FIRST_SEED + COUNT - 1}), by status ${JSON.stringify(result.byStatus)}, ` +
      `${result.serverErrors.length} 5xx or internal errors, ${result.retried} retried after a connection reset, ${result.leaks.length} with internal text\n`,
  );
  expect(result.sent).toBe(COUNT);
  expect(result.serverErrors.slice(0, 5)).toEqual([]);
  expect(result.leaks.slice(0, 5)).toEqual([]);
  // Keep-alive races are rare; a server resetting connections wholesale is not that.
  expect(result.retried).toBeLessThan(COUNT / 100);
  // The generator reaches the resolvers, not only the parser: some operations answer with data.
  expect(result.byStatus[200]).toBeGreaterThan(COUNT / 10);
});
