// postgres.js (the npm package postgres) against the PostgreSQL frontend (DuckDB behind it), as
// PgNodeDriversTest runs it. It prepares each statement (Parse, Describe) and encodes parameters by
// the types the proxy describes. Connection settings come from PGHOST, PGPORT, PGUSER, PGPASSWORD
// and PGDATABASE.
const postgres = require('postgres');

async function main() {
  const sql = postgres({ max: 1, onnotice: () => {} });
  const print = (label, rows) => console.log(label, JSON.stringify([...rows]));
  print('typed', await sql`SELECT ${41}::INTEGER + 1 AS n, ${'it\'s'} AS s, ${new Date('2024-02-29T12:00:00Z')}::TIMESTAMPTZ AS t`);
  await sql`CREATE TABLE pjs_items (id INTEGER, name VARCHAR, data BLOB, paid TIMESTAMPTZ)`;
  // Uncast: the types DuckDB infers from the table, which postgres.js encodes by.
  await sql`INSERT INTO pjs_items VALUES (${1}, ${'one'}, ${Buffer.from([0, 1, 255])}, ${new Date('2024-02-29T12:00:00Z')})`;
  await sql`INSERT INTO pjs_items ${sql([{ id: 2, name: 'two', data: null, paid: null }])}`;
  print('rows', (await sql`SELECT id, name, data, paid FROM pjs_items ORDER BY id`)
      .map(r => [r.id, r.name, r.data && r.data.toString('hex'), r.paid && r.paid.toISOString()]));
  print('where', await sql`SELECT id FROM pjs_items WHERE id = ${2}`);
  print('in', await sql`SELECT id FROM pjs_items WHERE id IN ${sql([1, 2])} ORDER BY id`);
  // An array parameter is described as its array type, which postgres.js encodes a JS array by.
  print('any', await sql`SELECT id FROM pjs_items WHERE id = ANY(${[1, 2]}::INTEGER[]) ORDER BY id`);
  print('any uncast', await sql`SELECT id FROM pjs_items WHERE id = ANY(${[1, 2]}) ORDER BY id`);
  try {
    await sql`SELECT * FROM pjs_missing`;
  } catch (e) {
    console.log('error', e.code);
  }
  print('transaction', await sql.begin(async tx => {
    await tx`INSERT INTO pjs_items (id) VALUES (3)`;
    return tx`SELECT count(*)::INTEGER AS c FROM pjs_items`;
  }));
  const batches = [];
  for await (const rows of sql`SELECT range AS n FROM range(7)`.cursor(3)) {
    batches.push(rows.map(r => Number(r.n)));
  }
  console.log('cursor', JSON.stringify(batches));
  await sql.end();
}

main().catch(e => {
  console.error('FAILED', e);
  process.exit(1);
});
