-- pgAdmin 4, connection set-up (web/pgadmin/utils/driver/psycopg3/connection.py, _initialize)
SET DateStyle=ISO; SET client_min_messages=notice; SELECT set_config('bytea_output','hex',false) FROM pg_settings WHERE name = 'bytea_output'; SET client_encoding='UTF8';
