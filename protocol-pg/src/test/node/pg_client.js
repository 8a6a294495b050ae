// node-postgres against the PostgreSQL frontend (DuckDB behind it), as PgNodeDriversTest runs it.
// Connection settings come from PGHOST, PGPORT, PGUSER, PGPASSWORD and PGDATABASE. Each line printed
// is compared with what the test expects.
const { Client } = require('pg');
const Cursor = require('pg-cursor');

async function main() {
  const client = new Client(); // SCRAM-SHA-256, as the test server asks
  await client.connect();
  const print = (label, value) => console.log(label, JSON.stringify(value));
  const rows = async (sql, values) => (await client.query(sql, values)).rows;
  const failure = async (sql, values) => {
    try {
      await client.query(sql, values);
      return 'no error';
    } catch (e) {
      return e.code + ' ' + e.message.split('\n')[0];
    }
  };

  // Text results, parsed by node-postgres by their type OIDs.
  print('types', (await rows("SELECT 1::SMALLINT AS i2, 9007199254740993::BIGINT AS i8, 12.50::DECIMAL(10, 2) AS n,"
      + " true AS b, DATE '2024-02-29' AS d, TIMESTAMPTZ '2024-02-29 12:00:00+00' AS tz, '{\"a\": [1]}'::JSON AS j,"
      + " '\\x00ff'::BYTEA AS by, [1, NULL, 3] AS ints"))[0]);

  // Parameters: cast or not, and a Buffer, which node-postgres sends in binary with no type.
  print('params', (await rows('SELECT $1::INTEGER + 1 AS n, $2 AS s, $3::TIMESTAMPTZ AS t',
      [41, "it's", new Date('2024-02-29T12:00:00Z')]))[0]);
  await client.query('CREATE TABLE node_items (id INTEGER, name VARCHAR, data BLOB)');
  await client.query('INSERT INTO node_items VALUES ($1, $2, $3), ($4, $5, $6)',
      [1, 'one', Buffer.from([0, 1, 255]), 2, null, null]);
  await client.query("INSERT INTO node_items VALUES (3, 'three', decode('0a0b', 'hex')), (4, 'four', '\\x0c0d'::bytea)");
  print('rows', (await rows('SELECT id, name, data FROM node_items ORDER BY id')).map(r => [r.id, r.name, r.data && r.data.toString('hex')]));
  print('any', (await rows('SELECT id FROM node_items WHERE id = ANY($1::INTEGER[]) ORDER BY id', [[1, 3]])).map(r => r.id));
  // Without a cast DuckDB cannot type $1; Bind has it described as the array of what it is compared with.
  print('any uncast', (await rows('SELECT id FROM node_items WHERE id = ANY($1) ORDER BY id', [[1, 3]])).map(r => r.id));
  print('array param', (await rows('SELECT $1::VARCHAR[] AS a', [['a', 'b,c', null]]))[0].a);

  // A named statement, prepared once and run twice; rows as arrays.
  const named = { name: 'by_id', text: 'SELECT name FROM node_items WHERE id = $1', rowMode: 'array' };
  print('named', [(await client.query({ ...named, values: [1] })).rows, (await client.query({ ...named, values: [3] })).rows]);

  // Errors keep the connection: a syntax error, a missing table, a bad cast found while rows stream.
  print('syntax', await failure('SELEC 1'));
  print('missing', await failure('SELECT * FROM node_missing'));
  await client.query("CREATE TABLE node_mixed AS SELECT CASE WHEN i = 5000 THEN 'x' ELSE i::VARCHAR END AS v FROM range(10000) r(i)");
  print('bad cast', await failure('SELECT v::INTEGER AS v FROM node_mixed ORDER BY 1'));

  // A transaction rolled back leaves nothing; a committed one stays.
  await client.query('BEGIN');
  await client.query("INSERT INTO node_items (id) VALUES (10)");
  await client.query('ROLLBACK');
  await client.query('BEGIN');
  await client.query("INSERT INTO node_items (id) VALUES (11)");
  await client.query('COMMIT');
  print('transactions', (await rows('SELECT id FROM node_items WHERE id >= 10')).map(r => r.id));

  // CommandComplete tags as PostgreSQL's: a write that returns rows, or is led by WITH, is that write.
  const tag = async sql => { const r = await client.query(sql); return r.command + ' ' + r.rowCount; };
  print('tags', [await tag('INSERT INTO node_items (id) VALUES (20) RETURNING id'),
    await tag('WITH n AS (SELECT 21 AS id) INSERT INTO node_items (id) SELECT id FROM n'),
    await tag("UPDATE node_items SET name = 'u' WHERE id >= 20 RETURNING id"),
    await tag('DELETE FROM node_items WHERE id >= 20')]);

  // pg-cursor: Execute with a row limit, PortalSuspended, then more.
  const cursor = client.query(new Cursor('SELECT range AS n FROM range(10)'));
  const batches = [];
  for (let batch = await cursor.read(4); batch.length > 0; batch = await cursor.read(4)) {
    batches.push(batch.map(r => Number(r.n)));
  }
  await cursor.close();
  print('cursor', batches);
  print('after', (await rows('SELECT count(*)::INTEGER AS c FROM node_items'))[0].c);
  await client.end();
}

main().catch(e => {
  console.error('FAILED', e);
  process.exit(1);
});
