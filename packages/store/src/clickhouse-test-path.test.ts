/** The ClickHouse path a test run names (test-support/clickhouse-test-path.ts): a typo must not test the embedded path. */
import { clickHouseTestPath } from '../test-support/clickhouse-test-path';

test('unset or "embedded" → embedded; "http" → the HTTP server; CLICKHOUSE_TEST_URL → a real server, whatever the path says', () => {
  expect(clickHouseTestPath({})).toBe('embedded');
  expect(clickHouseTestPath({ CLICKHOUSE_TEST_PATH: 'embedded' })).toBe('embedded');
  expect(clickHouseTestPath({ CLICKHOUSE_TEST_PATH: ' http ' })).toBe('http');
  expect(clickHouseTestPath({ CLICKHOUSE_TEST_PATH: 'http', CLICKHOUSE_TEST_URL: 'http://ch:8123' })).toBe('server');
  expect(clickHouseTestPath({ CLICKHOUSE_TEST_URL: '  ' })).toBe('embedded');
});

test('an unknown path is refused, naming the variable', () => {
  expect(() => clickHouseTestPath({ CLICKHOUSE_TEST_PATH: 'htp' })).toThrow(/CLICKHOUSE_TEST_PATH=htp/);
});
