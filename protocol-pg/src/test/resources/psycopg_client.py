"""Drives the proxy with a real Python PostgreSQL driver and prints what it saw, one fact per line.

    python3 psycopg_client.py psycopg|psycopg2   (connection from PGHOST, PGPORT, PGUSER, PGPASSWORD, PGDATABASE)

psycopg 3 binds parameters server-side (Parse/Bind with $n, the extended protocol) and can ask for
binary results; psycopg2 interpolates them client-side and sends simple queries. Both open
transactions implicitly and use DECLARE/FETCH for named cursors.
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
    conn.close()


{"psycopg": psycopg3, "psycopg2": psycopg2}[sys.argv[1]]()
