/**
 * Issue 13 §3: concurrent clients mixing every query and export while a load is handed to the server — no error, and
 * every answer equal to the answer before the load or to the answer after it, never a mix (common/load-gate.ts).
 * The long run (200 clients, 60 s) is bench/clients-under-load.ts; this one is short. UNDER_LOAD_CLIENTS,
 * UNDER_LOAD_SECONDS and UNDER_LOAD_ROWS change its size.
 */
import { clientsUnderLoad, describeUnderLoad, underLoadSize } from '../../test-support/clients-under-load';

jest.setTimeout(600_000);

const SIZE = underLoadSize(
  { clients: process.env.UNDER_LOAD_CLIENTS, seconds: process.env.UNDER_LOAD_SECONDS, rows: process.env.UNDER_LOAD_ROWS },
  { clients: 6, seconds: 6, rows: 1000 },
  (key) => `UNDER_LOAD_${key.toUpperCase()}`,
);

it('answers every request during a handed-over load, each wholly before or wholly after it', async () => {
  const result = await clientsUnderLoad(SIZE, { loadAfterMs: 2000 });
  process.stdout.write(`${describeUnderLoad(result, SIZE.clients, SIZE.seconds * 1000)}\n`);
  expect(result.loadOk).toBe(true);
  expect(result.errors).toEqual([]);
  expect(result.mixed).toEqual([]);
  // The comparison means something: the load changed most answers, and clients saw both sides of it.
  // (read-model questions, case-table questions and the CSV among them).
  expect(result.changedByLoad).toEqual(
    expect.arrayContaining(['ranking of cities', 'metrics by city × month', 'metrics by station (cases)', 'overdue CSV']),
  );
  expect(result.equalBefore).toBeGreaterThan(0);
  expect(result.equalAfter).toBeGreaterThan(0);
});

it('a size that is not a positive whole number is refused, naming its variable', () => {
  expect(() => underLoadSize({ clients: '0' }, SIZE, (key) => `UNDER_LOAD_${key.toUpperCase()}`)).toThrow(
    'UNDER_LOAD_CLIENTS: a positive whole number, not "0"',
  );
  expect(() => underLoadSize({ rows: '1e3x' }, SIZE)).toThrow('--rows: a positive whole number, not "1e3x"');
  expect(underLoadSize({ seconds: '2' }, SIZE)).toEqual({ ...SIZE, seconds: 2 });
});
