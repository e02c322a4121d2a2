const { Session } = require('chdb');
const s = new Session('/tmp/bkt/A/clickhouse');
for (const q of [
  'SELECT count() FROM read_model_state',
  "SELECT name, rows, active FROM system.parts WHERE table='read_model_state'",
  'SHOW CREATE TABLE read_model_state',
])
  console.log(s.query(q, 'TSV'));
s.close();
