"""Drives the proxy with a real Python PostgreSQL driver and prints what it saw, one fact per line.

    python3 psycopg_client.py psycopg|psycopg2|sqlalchemy|asyncpg   (connection from PGHOST, PGPORT, PGUSER,
                                                                 PGPASSWORD, PGDATABASE)

psycopg 3 binds parameters server-side (Parse/Bind with $n, the extended protocol) and can ask for
binary results; psycopg2 interpolates them client-side and sends simple queries. Both open
transactions implicitly and use DECLARE/FETCH for named cursors. SQLAlchemy (on psycopg2) reflects
the database through pg_catalog, as Superset does.
"""
import datetime
import decimal
import sys
import uuid


def psycopg3():
    import psycopg
    from psycopg import errors

    with psycopg.connect() as conn:
        cur = conn.cursor()
        cur.execute("SELECT %s::int + 1 AS n, %s::text AS t, %s::numeric(10, 2) AS d", (41, "it's", decimal.Decimal("2.50")))
        print("params", cur.fetchone(), [c.name for c in cur.description])
        for binary in (False, True):
            cur.execute("SELECT %s::bool AS b, %s::int8 AS i, %s::float8 AS f, %s::date AS d,"
                        " %s::timestamp AS ts, %s::uuid AS u, %s::bytea AS by",
                        (True, 2 ** 40, 1.5, datetime.date(2024, 2, 29), datetime.datetime(2024, 2, 29, 13, 14, 15),
                         uuid.UUID("0e2b0c5d-1f3a-4b6c-9d8e-7f6a5b4c3d2e"), b"\x00\xff"), binary=binary)
            print("binary" if binary else "text", cur.fetchone())
        cur.executemany("INSERT INTO py_items VALUES (%s, %s)", [(1, "one"), (2, "two"), (3, None)])
        conn.commit()
        cur.execute("SELECT id, name FROM py_items WHERE id BETWEEN %s AND 3 ORDER BY id", (2,))
        print("rows", cur.fetchall())
        with conn.cursor(name="py_named") as named:
            named.itersize = 2
            named.execute("SELECT id FROM py_items WHERE id <= 3 ORDER BY id")
            print("named", [row[0] for row in named])
        conn.commit()
        try:
            cur.execute("SELECT * FROM py_missing")
        except errors.UndefinedTable as e:
            print("error", e.sqlstate)
        conn.rollback()
        with cur.copy("COPY (SELECT id, name FROM py_items WHERE id <= 3 ORDER BY id) TO STDOUT") as copy:
            print("copy", list(copy.rows()))
        cur.execute("SELECT count(*) FROM py_items WHERE id <= 3")
        print("after", cur.fetchone())


def psycopg2():
    import psycopg2
    import psycopg2.errors

    conn = psycopg2.connect("")
    cur = conn.cursor()
    cur.execute("SELECT %s::int + 1 AS n, %s::text AS t, %s::numeric(10, 2) AS d", (41, "it's", decimal.Decimal("2.50")))
    print("params", cur.fetchone(), [c.name for c in cur.description])
    cur.execute("SELECT %s::bool AS b, %s::int8 AS i, %s::float8 AS f, %s::date AS d, %s::timestamp AS ts",
                (True, 2 ** 40, 1.5, datetime.date(2024, 2, 29), datetime.datetime(2024, 2, 29, 13, 14, 15)))
    print("text", cur.fetchone())
    cur.executemany("INSERT INTO py_items VALUES (%s, %s)", [(4, "four"), (5, None)])
    conn.commit()
    cur.execute("SELECT id, name FROM py_items WHERE id >= %s ORDER BY id", (4,))
    print("rows", cur.fetchall())
    named = conn.cursor("py2_named")
    named.itersize = 1
    named.execute("SELECT id FROM py_items WHERE id >= 4 ORDER BY id")
    print("named", [row[0] for row in named])
    named.close()
    conn.commit()
    try:
        cur.execute("SELECT * FROM py_missing")
    except psycopg2.errors.UndefinedTable as e:
        print("error", e.pgcode)
    conn.rollback()
    cur.execute("SELECT count(*) FROM py_items WHERE id >= 4")
    print("after", cur.fetchone())
    # psycopg2 runs every statement in a transaction: a rollback undoes, a temporary table lasts for it.
    cur.execute("INSERT INTO py_items VALUES (6, 'rolled back')")
    conn.rollback()
    cur.execute("CREATE TEMP TABLE py_staged AS SELECT 7 AS id, 'staged' AS name")
    cur.execute("INSERT INTO py_items SELECT id, name FROM py_staged")
    conn.commit()
    cur.execute("SELECT id FROM py_items WHERE id >= 6 ORDER BY id")
    print("transactions", cur.fetchall())
    conn.close()


def sqlalchemy():
    """What Superset and other SQLAlchemy tools do with a new database: reflect, then query."""
    import sqlalchemy as sa

    engine = sa.create_engine("postgresql+psycopg2://")
    with engine.begin() as conn:
        conn.execute(sa.text("CREATE SCHEMA sa_sales"))
        conn.execute(sa.text("CREATE TABLE sa_orders (id BIGINT PRIMARY KEY, customer VARCHAR, amount DECIMAL(10, 2))"))
        conn.execute(sa.text("CREATE TABLE sa_sales.regions (code VARCHAR)"))
        conn.execute(sa.text("CREATE TABLE sa_codes (id BIGINT PRIMARY KEY, code VARCHAR UNIQUE)"))
        conn.execute(sa.text("CREATE VIEW sa_big AS SELECT * FROM sa_orders WHERE amount > 10"))
        conn.execute(sa.text("INSERT INTO sa_orders VALUES (1, 'acme', 12.50), (2, 'initech', 3.00)"))
    inspector = sa.inspect(engine)
    print("default schema", inspector.default_schema_name)
    print("schemas", [s for s in inspector.get_schema_names() if s.startswith("sa_") or s == "main"])
    print("tables", sorted(t for t in inspector.get_table_names() if t.startswith("sa_")))
    print("tables in sa_sales", inspector.get_table_names(schema="sa_sales"))
    print("views", [v for v in inspector.get_view_names() if v.startswith("sa_")])
    print("columns", [(c["name"], str(c["type"]), c["nullable"]) for c in inspector.get_columns("sa_orders")])
    print("has table", inspector.has_table("sa_orders"), inspector.has_table("sa_missing"))
    print("primary key", inspector.get_pk_constraint("sa_orders"))
    print("unique", inspector.get_unique_constraints("sa_codes"))
    print("indexes", [(i["name"], i["unique"], i["column_names"]) for i in inspector.get_indexes("sa_codes")])
    orders = sa.Table("sa_orders", sa.MetaData(), autoload_with=engine)
    with engine.connect() as conn:
        rows = conn.execute(sa.select(orders.c.customer, orders.c.amount).where(orders.c.amount > 5)).fetchall()
        print("select", [(r.customer, r.amount) for r in rows])
        print("count", conn.execute(sa.select(sa.func.count()).select_from(orders)).scalar())


def asyncpg_client():
    """asyncpg leaves parameter types to the server and encodes values in binary by them."""
    import asyncio
    import asyncpg
    import os

    async def main():
        conn = await asyncpg.connect(host=os.environ["PGHOST"], port=int(os.environ["PGPORT"]),
                                     user=os.environ["PGUSER"], password=os.environ["PGPASSWORD"],
                                     database=os.environ["PGDATABASE"], ssl=False)
        row = await conn.fetchrow("SELECT $1::int + 1 AS n, $2::numeric(10, 2) AS d, $3::date AS day, $4::timestamptz AS ts,"
                                  " $5::bool AS b, $6::bytea AS by, $7::uuid AS u, CAST($8 AS double precision) AS f",
                                  41, decimal.Decimal("2.50"), datetime.date(2024, 2, 29),
                                  datetime.datetime(2024, 2, 29, 13, 14, 15, tzinfo=datetime.timezone.utc), True, b"\x00\xff",
                                  uuid.UUID("0e2b0c5d-1f3a-4b6c-9d8e-7f6a5b4c3d2e"), 1.5)
        print("params", tuple(row.values()))
        await conn.execute("CREATE TABLE ap_items (id INTEGER, name VARCHAR)")
        await conn.executemany("INSERT INTO ap_items VALUES ($1::int, $2::text)", [(1, "one"), (2, None)])
        print("rows", [tuple(r) for r in await conn.fetch("SELECT id, name FROM ap_items WHERE id >= $1::int ORDER BY id", 1)])
        try:
            # Parse, Describe and Flush: the error must come before Sync, or asyncpg waits for ever.
            await asyncio.wait_for(conn.fetch("SELECT * FROM ap_missing"), 10)
        except asyncpg.PostgresError as e:
            print("error", e.sqlstate)
        print("after", await conn.fetchval("SELECT count(*) FROM ap_items"))
        # No casts: the parameters take the types the engine infers, as on PostgreSQL, and asyncpg
        # encodes its values by them (with text it refuses an int: "expected str, got int").
        await conn.execute("CREATE TABLE ap_sales (id INTEGER, region VARCHAR, amount DECIMAL(10, 2), sold DATE,"
                           " paid TIMESTAMPTZ)")
        utc = datetime.timezone.utc
        await conn.executemany("INSERT INTO ap_sales VALUES ($1, $2, $3, $4, $5)", [
            (1, "eu", decimal.Decimal("2.50"), datetime.date(2024, 1, 1), datetime.datetime(2024, 1, 1, 12, tzinfo=utc)),
            (2, "us", decimal.Decimal("3.50"), datetime.date(2024, 2, 1), datetime.datetime(2024, 2, 1, 12, tzinfo=utc))])
        async with conn.transaction():
            await conn.execute("CREATE TEMP TABLE ap_tmp (id INTEGER, amount DECIMAL(10, 2))")
            # Described on the block's own connection, the only one that has the temporary table.
            await conn.execute("INSERT INTO ap_tmp VALUES ($1, $2)", 3, decimal.Decimal("9.99"))
            await conn.execute("INSERT INTO ap_sales (id, region, amount) SELECT id, $1, amount FROM ap_tmp", "ap")
        rows = await conn.fetch("SELECT id, amount FROM ap_sales WHERE sold < $1 OR paid IS NULL AND region <> $2 ORDER BY id",
                                datetime.date(2024, 2, 1), "eu")
        print("inferred", [tuple(r) for r in rows])
        prepared = await conn.prepare("SELECT count(*) AS n FROM ap_sales WHERE id <= $1 AND paid < $2")
        print("types", [t.name for t in prepared.get_parameters()], [a.name for a in prepared.get_attributes()],
              await prepared.fetchval(3, datetime.datetime(2024, 6, 1, tzinfo=utc)))
        # Lists and array columns: asyncpg learns array types from its type introspection, which the
        # proxy answers itself (the catalog mirror cannot).
        print("array", [r["id"] for r in await conn.fetch("SELECT id FROM ap_sales WHERE id = ANY($1::int[]) ORDER BY id",
                                                          [1, 3])])
        print("any uncast", [r["id"] for r in await conn.fetch("SELECT id FROM ap_sales WHERE id <> ALL($1) ORDER BY id",
                                                               [1, 3])])
        await conn.execute("CREATE TABLE ap_tags (id INTEGER, tags VARCHAR[], scores DOUBLE[])")
        await conn.execute("INSERT INTO ap_tags VALUES ($1, $2, $3)", 1, ["a", "b,c", None], [1.5])
        print("array columns", tuple(await conn.fetchrow("SELECT tags, scores, [1, 2]::BIGINT[] AS ids FROM ap_tags")))
        await conn.close()

    asyncio.run(main())


def asyncpg_postgres():
    """asyncpg on a postgres engine: the types PostgreSQL infers for uncast parameters, and arrays
    both ways, which asyncpg introspects through pg_catalog (then PostgreSQL's own)."""
    import asyncio
    import asyncpg
    import os

    async def main():
        conn = await asyncpg.connect(host=os.environ["PGHOST"], port=int(os.environ["PGPORT"]),
                                     user=os.environ["PGUSER"], password=os.environ["PGPASSWORD"],
                                     database=os.environ["PGDATABASE"], ssl=False)
        await conn.execute("CREATE TABLE apg_arrays (id int, tags text[], n bigint[], day date)")
        await conn.execute("INSERT INTO apg_arrays VALUES ($1, $2, $3, $4)", 1, ["a", "b'c", None], [1, 2 ** 40],
                           datetime.date(2024, 1, 1))
        await conn.execute("INSERT INTO apg_arrays VALUES ($1, $2, $3, $4)", 2, [], None, None)
        print("rows", [tuple(r) for r in await conn.fetch("SELECT id, tags, n, day FROM apg_arrays ORDER BY id")])
        print("any", await conn.fetchval("SELECT count(*) FROM apg_arrays WHERE id = any($1)", [2, 3]))
        print("returning", await conn.fetchval("UPDATE apg_arrays SET day = $1 WHERE id = $2 RETURNING day",
                                               datetime.date(2024, 2, 1), 2))
        print("matrix", await conn.fetchval("SELECT $1::int[][]", [[1, 2], [3, None]]))
        # RETURNING rows in binary, of types the proxy does not encode itself: forwarded as PostgreSQL's.
        await conn.execute("CREATE TABLE apg_docs (id int, doc jsonb, span interval)")
        print("returned", tuple(await conn.fetchrow("INSERT INTO apg_docs VALUES ($1, $2, $3::text::interval) RETURNING *", 1,
                                                    '{"a": [1, 2]}', "1 day 5 seconds")))
        # A writing statement's rows read in part (fetchrow: Execute for one row, then Sync): PostgreSQL
        # runs it to its end and commits it, more rows than socket buffers hold or not.
        await conn.execute("CREATE TABLE apg_many AS SELECT g AS id FROM generate_series(1, 200000) g")
        print("first deleted", await conn.fetchval("DELETE FROM apg_many RETURNING id") is not None,
              await conn.fetchval("SELECT count(*) FROM apg_many"))
        await conn.execute("DROP TABLE apg_arrays, apg_docs, apg_many")
        await conn.close()

    asyncio.run(main())


{"psycopg": psycopg3, "psycopg2": psycopg2, "sqlalchemy": sqlalchemy, "asyncpg": asyncpg_client,
 "asyncpg-postgres": asyncpg_postgres}[sys.argv[1]]()
