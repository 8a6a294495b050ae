package io.queryflux.protocol.pg.catalog;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * What the mirror's pg_catalog is made of: PostgreSQL's catalog tables (columns as PostgreSQL 15
 * has them, DuckDB types) and its functions as DuckDB macros. {@link SystemCatalogSchema} creates
 * and fills them.
 */
final class SystemCatalogDefinitions {
    /** Catalog tables, as {@code name (column TYPE, ...)}. */
    static final List<String> TABLES = List.of(
            "pg_namespace (oid BIGINT, nspname VARCHAR, nspowner BIGINT, nspacl VARCHAR)",
            "pg_class (oid BIGINT, relname VARCHAR, relnamespace BIGINT, reltype BIGINT, reloftype BIGINT,"
                    + " relowner BIGINT, relam BIGINT, relfilenode BIGINT, reltablespace BIGINT, relpages INTEGER,"
                    + " reltuples REAL, relallvisible INTEGER, reltoastrelid BIGINT, relhasindex BOOLEAN,"
                    + " relisshared BOOLEAN, relpersistence VARCHAR, relkind VARCHAR, relnatts SMALLINT,"
                    + " relchecks SMALLINT, relhasrules BOOLEAN, relhastriggers BOOLEAN, relhassubclass BOOLEAN,"
                    + " relrowsecurity BOOLEAN, relforcerowsecurity BOOLEAN, relispopulated BOOLEAN,"
                    + " relreplident VARCHAR, relispartition BOOLEAN, relrewrite BIGINT, relfrozenxid BIGINT,"
                    + " relminmxid BIGINT, relacl VARCHAR, reloptions VARCHAR[], relpartbound VARCHAR, relhasoids BOOLEAN)",
            "pg_attribute (attrelid BIGINT, attname VARCHAR, atttypid BIGINT, attstattarget INTEGER, attlen SMALLINT,"
                    + " attnum SMALLINT, attndims INTEGER, attcacheoff INTEGER, atttypmod INTEGER, attbyval BOOLEAN,"
                    + " attalign VARCHAR, attstorage VARCHAR, attcompression VARCHAR, attnotnull BOOLEAN,"
                    + " atthasdef BOOLEAN, atthasmissing BOOLEAN, attidentity VARCHAR, attgenerated VARCHAR,"
                    + " attisdropped BOOLEAN, attislocal BOOLEAN, attinhcount INTEGER, attcollation BIGINT,"
                    + " attacl VARCHAR, attoptions VARCHAR[], attfdwoptions VARCHAR[], attmissingval VARCHAR)",
            "pg_type (oid BIGINT, typname VARCHAR, typnamespace BIGINT, typowner BIGINT, typlen SMALLINT,"
                    + " typbyval BOOLEAN, typtype VARCHAR, typcategory VARCHAR, typispreferred BOOLEAN,"
                    + " typisdefined BOOLEAN, typdelim VARCHAR, typrelid BIGINT, typsubscript BIGINT, typelem BIGINT,"
                    + " typarray BIGINT, typinput VARCHAR, typoutput VARCHAR, typreceive BIGINT, typsend VARCHAR,"
                    + " typmodin VARCHAR, typmodout VARCHAR, typanalyze VARCHAR, typalign VARCHAR, typstorage VARCHAR,"
                    + " typnotnull BOOLEAN, typbasetype BIGINT, typtypmod INTEGER, typndims INTEGER,"
                    + " typcollation BIGINT, typdefaultbin VARCHAR, typdefault VARCHAR, typacl VARCHAR)",
            "pg_database (oid BIGINT, datname VARCHAR, datdba BIGINT, encoding INTEGER, datlocprovider VARCHAR,"
                    + " datistemplate BOOLEAN, datallowconn BOOLEAN, datconnlimit INTEGER, datfrozenxid BIGINT,"
                    + " datminmxid BIGINT, dattablespace BIGINT, datcollate VARCHAR, datctype VARCHAR,"
                    + " daticulocale VARCHAR, datcollversion VARCHAR, datacl VARCHAR)",
            "pg_settings (name VARCHAR, setting VARCHAR, unit VARCHAR, category VARCHAR, short_desc VARCHAR,"
                    + " extra_desc VARCHAR, context VARCHAR, vartype VARCHAR, source VARCHAR, min_val VARCHAR,"
                    + " max_val VARCHAR, enumvals VARCHAR[], boot_val VARCHAR, reset_val VARCHAR, sourcefile VARCHAR,"
                    + " sourceline INTEGER, pending_restart BOOLEAN)",
            "pg_roles (oid BIGINT, rolname VARCHAR, rolsuper BOOLEAN, rolinherit BOOLEAN, rolcreaterole BOOLEAN,"
                    + " rolcreatedb BOOLEAN, rolcanlogin BOOLEAN, rolreplication BOOLEAN, rolconnlimit INTEGER,"
                    + " rolpassword VARCHAR, rolvaliduntil TIMESTAMPTZ, rolbypassrls BOOLEAN, rolconfig VARCHAR[])",
            "pg_user (usename VARCHAR, usesysid BIGINT, usecreatedb BOOLEAN, usesuper BOOLEAN, userepl BOOLEAN,"
                    + " usebypassrls BOOLEAN, passwd VARCHAR, valuntil TIMESTAMPTZ, useconfig VARCHAR[])",
            "pg_am (oid BIGINT, amname VARCHAR, amhandler VARCHAR, amtype VARCHAR)",
            "pg_tablespace (oid BIGINT, spcname VARCHAR, spcowner BIGINT, spcacl VARCHAR, spcoptions VARCHAR[])",
            "pg_proc (oid BIGINT, proname VARCHAR, pronamespace BIGINT, proowner BIGINT, prolang BIGINT,"
                    + " procost REAL, prorows REAL, provariadic BIGINT, prosupport VARCHAR, prokind VARCHAR,"
                    + " prosecdef BOOLEAN, proleakproof BOOLEAN, proisstrict BOOLEAN, proretset BOOLEAN,"
                    + " provolatile VARCHAR, proparallel VARCHAR, pronargs SMALLINT, pronargdefaults SMALLINT,"
                    + " prorettype BIGINT, proargtypes VARCHAR, proallargtypes BIGINT[], proargmodes VARCHAR[],"
                    + " proargnames VARCHAR[], proargdefaults VARCHAR, protrftypes BIGINT[], prosrc VARCHAR,"
                    + " probin VARCHAR, prosqlbody VARCHAR, proconfig VARCHAR[], proacl VARCHAR)",
            "pg_description (objoid BIGINT, classoid BIGINT, objsubid INTEGER, description VARCHAR)",
            "pg_shdescription (objoid BIGINT, classoid BIGINT, description VARCHAR)",
            "pg_attrdef (oid BIGINT, adrelid BIGINT, adnum SMALLINT, adbin VARCHAR)",
            "pg_index (indexrelid BIGINT, indrelid BIGINT, indnatts SMALLINT, indnkeyatts SMALLINT,"
                    + " indisunique BOOLEAN, indnullsnotdistinct BOOLEAN, indisprimary BOOLEAN,"
                    + " indisexclusion BOOLEAN, indimmediate BOOLEAN, indisclustered BOOLEAN, indisvalid BOOLEAN,"
                    + " indcheckxmin BOOLEAN, indisready BOOLEAN, indislive BOOLEAN, indisreplident BOOLEAN,"
                    + " indkey SMALLINT[], indcollation BIGINT[], indclass BIGINT[], indoption SMALLINT[],"
                    + " indexprs VARCHAR, indpred VARCHAR)",
            "pg_constraint (oid BIGINT, conname VARCHAR, connamespace BIGINT, contype VARCHAR,"
                    + " condeferrable BOOLEAN, condeferred BOOLEAN, convalidated BOOLEAN, conrelid BIGINT,"
                    + " contypid BIGINT, conindid BIGINT, conparentid BIGINT, confrelid BIGINT, confupdtype VARCHAR,"
                    + " confdeltype VARCHAR, confmatchtype VARCHAR, conislocal BOOLEAN, coninhcount INTEGER,"
                    + " connoinherit BOOLEAN, conkey SMALLINT[], confkey SMALLINT[], conpfeqop BIGINT[],"
                    + " conppeqop BIGINT[], conffeqop BIGINT[], confdelsetcols SMALLINT[], conexclop BIGINT[],"
                    + " conbin VARCHAR)",
            "pg_inherits (inhrelid BIGINT, inhparent BIGINT, inhseqno INTEGER, inhdetachpending BOOLEAN)",
            "pg_policy (oid BIGINT, polname VARCHAR, polrelid BIGINT, polcmd VARCHAR, polpermissive BOOLEAN,"
                    + " polroles BIGINT[], polqual VARCHAR, polwithcheck VARCHAR)",
            "pg_statistic_ext (oid BIGINT, stxrelid BIGINT, stxname VARCHAR, stxnamespace BIGINT, stxowner BIGINT,"
                    + " stxstattarget INTEGER, stxkeys SMALLINT[], stxkind VARCHAR[], stxexprs VARCHAR)",
            "pg_publication (oid BIGINT, pubname VARCHAR, pubowner BIGINT, puballtables BOOLEAN, pubinsert BOOLEAN,"
                    + " pubupdate BOOLEAN, pubdelete BOOLEAN, pubtruncate BOOLEAN, pubviaroot BOOLEAN)",
            "pg_publication_namespace (oid BIGINT, pnpubid BIGINT, pnnspid BIGINT)",
            "pg_publication_rel (oid BIGINT, prpubid BIGINT, prrelid BIGINT, prqual VARCHAR, prattrs SMALLINT[])",
            "pg_trigger (oid BIGINT, tgrelid BIGINT, tgparentid BIGINT, tgname VARCHAR, tgfoid BIGINT,"
                    + " tgtype SMALLINT, tgenabled VARCHAR, tgisinternal BOOLEAN, tgconstrrelid BIGINT,"
                    + " tgconstrindid BIGINT, tgconstraint BIGINT, tgdeferrable BOOLEAN, tginitdeferred BOOLEAN,"
                    + " tgnargs SMALLINT, tgattr SMALLINT[], tgargs VARCHAR, tgqual VARCHAR, tgoldtable VARCHAR,"
                    + " tgnewtable VARCHAR)",
            "pg_rewrite (oid BIGINT, rulename VARCHAR, ev_class BIGINT, ev_type VARCHAR, ev_enabled VARCHAR,"
                    + " is_instead BOOLEAN, ev_qual VARCHAR, ev_action VARCHAR)",
            "pg_extension (oid BIGINT, extname VARCHAR, extowner BIGINT, extnamespace BIGINT,"
                    + " extrelocatable BOOLEAN, extversion VARCHAR, extconfig BIGINT[], extcondition VARCHAR[])",
            "pg_collation (oid BIGINT, collname VARCHAR, collnamespace BIGINT, collowner BIGINT,"
                    + " collprovider VARCHAR, collisdeterministic BOOLEAN, collencoding INTEGER, collcollate VARCHAR,"
                    + " collctype VARCHAR, colliculocale VARCHAR, collversion VARCHAR)",
            "pg_foreign_table (ftrelid BIGINT, ftserver BIGINT, ftoptions VARCHAR[])",
            "pg_partitioned_table (partrelid BIGINT, partstrat VARCHAR, partnatts SMALLINT,"
                    + " partdefid BIGINT, partattrs SMALLINT[], partclass BIGINT[], partcollation BIGINT[],"
                    + " partexprs VARCHAR)",
            "pg_enum (oid BIGINT, enumtypid BIGINT, enumsortorder REAL, enumlabel VARCHAR)",
            "pg_range (rngtypid BIGINT, rngsubtype BIGINT, rngmultitypid BIGINT, rngcollation BIGINT,"
                    + " rngsubopc BIGINT, rngcanonical VARCHAR, rngsubdiff VARCHAR)",
            "pg_depend (classid BIGINT, objid BIGINT, objsubid INTEGER, refclassid BIGINT, refobjid BIGINT,"
                    + " refobjsubid INTEGER, deptype VARCHAR)",
            "pg_language (oid BIGINT, lanname VARCHAR, lanowner BIGINT, lanispl BOOLEAN, lanpltrusted BOOLEAN,"
                    + " lanplcallfoid BIGINT, laninline BIGINT, lanvalidator BIGINT, lanacl VARCHAR[])",
            "pg_auth_members (oid BIGINT, roleid BIGINT, member BIGINT, grantor BIGINT, admin_option BOOLEAN)",
            "pg_sequence (seqrelid BIGINT, seqtypid BIGINT, seqstart BIGINT, seqincrement BIGINT, seqmax BIGINT,"
                    + " seqmin BIGINT, seqcache BIGINT, seqcycle BOOLEAN)",
            "pg_event_trigger (oid BIGINT, evtname VARCHAR, evtevent VARCHAR, evtowner BIGINT, evtfoid BIGINT,"
                    + " evtenabled VARCHAR, evttags VARCHAR[])",
            "pg_matviews (schemaname VARCHAR, matviewname VARCHAR, matviewowner VARCHAR, tablespace VARCHAR,"
                    + " hasindexes BOOLEAN, ispopulated BOOLEAN, definition VARCHAR)",
            "pg_stat_activity (datid BIGINT, datname VARCHAR, pid INTEGER, usename VARCHAR,"
                    + " application_name VARCHAR, client_addr VARCHAR, state VARCHAR, query VARCHAR)",
            "pg_operator (oid BIGINT, oprname VARCHAR, oprnamespace BIGINT, oprowner BIGINT, oprkind VARCHAR,"
                    + " oprcanmerge BOOLEAN, oprcanhash BOOLEAN, oprleft BIGINT, oprright BIGINT, oprresult BIGINT,"
                    + " oprcom BIGINT, oprnegate BIGINT, oprcode VARCHAR, oprrest VARCHAR, oprjoin VARCHAR)",
            "pg_cast (oid BIGINT, castsource BIGINT, casttarget BIGINT, castfunc BIGINT, castcontext VARCHAR,"
                    + " castmethod VARCHAR)",
            "pg_conversion (oid BIGINT, conname VARCHAR, connamespace BIGINT, conowner BIGINT,"
                    + " conforencoding INTEGER, contoencoding INTEGER, conproc VARCHAR, condefault BOOLEAN)",
            "pg_opclass (oid BIGINT, opcmethod BIGINT, opcname VARCHAR, opcnamespace BIGINT, opcowner BIGINT,"
                    + " opcfamily BIGINT, opcintype BIGINT, opcdefault BOOLEAN, opckeytype BIGINT)",
            "pg_opfamily (oid BIGINT, opfmethod BIGINT, opfname VARCHAR, opfnamespace BIGINT, opfowner BIGINT)",
            "pg_amop (oid BIGINT, amopfamily BIGINT, amoplefttype BIGINT, amoprighttype BIGINT,"
                    + " amopstrategy SMALLINT, amoppurpose VARCHAR, amopopr BIGINT, amopmethod BIGINT,"
                    + " amopsortfamily BIGINT)",
            "pg_amproc (oid BIGINT, amprocfamily BIGINT, amproclefttype BIGINT, amprocrighttype BIGINT,"
                    + " amprocnum SMALLINT, amproc BIGINT)",
            "pg_ts_config (oid BIGINT, cfgname VARCHAR, cfgnamespace BIGINT, cfgowner BIGINT, cfgparser BIGINT)",
            "pg_ts_dict (oid BIGINT, dictname VARCHAR, dictnamespace BIGINT, dictowner BIGINT, dicttemplate BIGINT,"
                    + " dictinitoption VARCHAR)",
            "pg_ts_parser (oid BIGINT, prsname VARCHAR, prsnamespace BIGINT, prsstart VARCHAR, prstoken VARCHAR,"
                    + " prsend VARCHAR, prsheadline VARCHAR, prslextype VARCHAR)",
            "pg_ts_template (oid BIGINT, tmplname VARCHAR, tmplnamespace BIGINT, tmplinit VARCHAR,"
                    + " tmpllexize VARCHAR)",
            "pg_foreign_data_wrapper (oid BIGINT, fdwname VARCHAR, fdwowner BIGINT, fdwhandler BIGINT,"
                    + " fdwvalidator BIGINT, fdwacl VARCHAR[], fdwoptions VARCHAR[])",
            "pg_foreign_server (oid BIGINT, srvname VARCHAR, srvowner BIGINT, srvfdw BIGINT, srvtype VARCHAR,"
                    + " srvversion VARCHAR, srvacl VARCHAR[], srvoptions VARCHAR[])",
            "pg_user_mappings (umid BIGINT, srvid BIGINT, srvname VARCHAR, umuser BIGINT, usename VARCHAR,"
                    + " umoptions VARCHAR[])",
            "pg_largeobject_metadata (oid BIGINT, lomowner BIGINT, lomacl VARCHAR[])",
            "pg_db_role_setting (setdatabase BIGINT, setrole BIGINT, setconfig VARCHAR[])",
            "pg_subscription (oid BIGINT, subdbid BIGINT, subskiplsn VARCHAR, subname VARCHAR, subowner BIGINT,"
                    + " subenabled BOOLEAN, subbinary BOOLEAN, substream VARCHAR, subtwophasestate VARCHAR,"
                    + " subdisableonerr BOOLEAN, subconninfo VARCHAR, subslotname VARCHAR, subsynccommit VARCHAR,"
                    + " subpublications VARCHAR[])",
            "pg_default_acl (oid BIGINT, defaclrole BIGINT, defaclnamespace BIGINT, defaclobjtype VARCHAR,"
                    + " defaclacl VARCHAR[])",
            "pg_parameter_acl (oid BIGINT, parname VARCHAR, paracl VARCHAR[])",
            "pg_seclabels (objoid BIGINT, classoid BIGINT, objsubid INTEGER, objtype VARCHAR, objnamespace BIGINT,"
                    + " objname VARCHAR, provider VARCHAR, label VARCHAR)",
            "pg_locks (locktype VARCHAR, database BIGINT, relation BIGINT, page INTEGER, tuple SMALLINT,"
                    + " virtualxid VARCHAR, transactionid BIGINT, classid BIGINT, objid BIGINT, objsubid SMALLINT,"
                    + " virtualtransaction VARCHAR, pid INTEGER, mode VARCHAR, granted BOOLEAN, fastpath BOOLEAN,"
                    + " waitstart TIMESTAMPTZ)",
            "pg_stat_gssapi (pid INTEGER, gss_authenticated BOOLEAN, principal VARCHAR, encrypted BOOLEAN)",
            "pg_timezone_names (name VARCHAR, abbrev VARCHAR, utc_offset INTERVAL, is_dst BOOLEAN)",
            "pg_stat_database (datid BIGINT, datname VARCHAR, numbackends INTEGER, xact_commit BIGINT,"
                    + " xact_rollback BIGINT, blks_read BIGINT, blks_hit BIGINT, tup_returned BIGINT,"
                    + " tup_fetched BIGINT, tup_inserted BIGINT, tup_updated BIGINT, tup_deleted BIGINT,"
                    + " conflicts BIGINT, temp_files BIGINT, temp_bytes BIGINT, deadlocks BIGINT,"
                    + " stats_reset TIMESTAMPTZ)");

    /**
     * PostgreSQL's system views over those tables, as {@code name AS query}. The statistics views
     * have no figures: the engines' are not PostgreSQL's.
     */
    static final List<String> VIEWS = List.of(
            "pg_tables AS SELECT n.nspname AS schemaname, c.relname AS tablename, pg_get_userbyid(c.relowner)"
                    + " AS tableowner, NULL::VARCHAR AS tablespace, c.relhasindex AS hasindexes, c.relhasrules AS"
                    + " hasrules, c.relhastriggers AS hastriggers, c.relrowsecurity AS rowsecurity FROM pgc.pg_class c"
                    + " JOIN pgc.pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind IN ('r', 'p')",
            "pg_views AS SELECT n.nspname AS schemaname, c.relname AS viewname, pg_get_userbyid(c.relowner) AS"
                    + " viewowner, pg_get_viewdef(c.oid) AS definition FROM pgc.pg_class c JOIN pgc.pg_namespace n"
                    + " ON n.oid = c.relnamespace WHERE c.relkind = 'v'",
            "pg_indexes AS SELECT n.nspname AS schemaname, c.relname AS tablename, i.relname AS indexname,"
                    + " NULL::VARCHAR AS tablespace, pg_get_indexdef(i.oid) AS indexdef FROM pgc.pg_index x"
                    + " JOIN pgc.pg_class c ON c.oid = x.indrelid JOIN pgc.pg_class i ON i.oid = x.indexrelid"
                    + " JOIN pgc.pg_namespace n ON n.oid = c.relnamespace",
            "pg_stat_all_tables AS SELECT c.oid AS relid, n.nspname AS schemaname, c.relname, NULL::BIGINT AS"
                    + " seq_scan, NULL::TIMESTAMPTZ AS last_seq_scan, NULL::BIGINT AS seq_tup_read, NULL::BIGINT AS"
                    + " idx_scan, NULL::BIGINT AS idx_tup_fetch, NULL::BIGINT AS n_tup_ins, NULL::BIGINT AS n_tup_upd,"
                    + " NULL::BIGINT AS n_tup_del, NULL::BIGINT AS n_tup_hot_upd, NULL::BIGINT AS n_live_tup,"
                    + " NULL::BIGINT AS n_dead_tup, NULL::BIGINT AS n_mod_since_analyze, NULL::BIGINT AS"
                    + " n_ins_since_vacuum, NULL::TIMESTAMPTZ AS last_vacuum, NULL::TIMESTAMPTZ AS last_autovacuum,"
                    + " NULL::TIMESTAMPTZ AS last_analyze, NULL::TIMESTAMPTZ AS last_autoanalyze, 0::BIGINT AS"
                    + " vacuum_count, 0::BIGINT AS autovacuum_count, 0::BIGINT AS analyze_count, 0::BIGINT AS"
                    + " autoanalyze_count FROM pgc.pg_class c JOIN pgc.pg_namespace n ON n.oid = c.relnamespace"
                    + " WHERE c.relkind IN ('r', 'p', 'm')",
            "pg_stat_user_tables AS SELECT * FROM pgc.pg_stat_all_tables"
                    + " WHERE schemaname NOT IN ('pg_catalog', 'information_schema')");

    /** The mirror's schema for PostgreSQL's information_schema. */
    static final String INFORMATION_SCHEMA = "pgis";

    /**
     * PostgreSQL's information_schema views (the columns of PostgreSQL 15) over the mirror's
     * pg_catalog, so tools read PostgreSQL's spellings: data_type {@code integer}, udt_name
     * {@code int4}. Created after the session's macros (current_database()).
     */
    static final List<String> INFORMATION_SCHEMA_VIEWS = List.of(
            "schemata AS SELECT current_database() AS catalog_name, nspname AS schema_name,"
                    + " pg_get_userbyid(nspowner) AS schema_owner, NULL::VARCHAR AS default_character_set_catalog,"
                    + " NULL::VARCHAR AS default_character_set_schema, NULL::VARCHAR AS default_character_set_name,"
                    + " NULL::VARCHAR AS sql_path FROM pgc.pg_namespace",
            "tables AS SELECT current_database() AS table_catalog, n.nspname AS table_schema, c.relname AS"
                    + " table_name, CASE WHEN c.relkind IN ('r', 'p') THEN 'BASE TABLE' WHEN c.relkind = 'v' THEN"
                    + " 'VIEW' ELSE 'FOREIGN' END AS table_type, NULL::VARCHAR AS self_referencing_column_name,"
                    + " NULL::VARCHAR AS reference_generation, NULL::VARCHAR AS user_defined_type_catalog,"
                    + " NULL::VARCHAR AS user_defined_type_schema, NULL::VARCHAR AS user_defined_type_name,"
                    + " CASE WHEN c.relkind IN ('r', 'p') THEN 'YES' ELSE 'NO' END AS is_insertable_into,"
                    + " 'NO' AS is_typed, NULL::VARCHAR AS commit_action FROM pgc.pg_class c"
                    + " JOIN pgc.pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind IN ('r', 'v', 'f', 'p')",
            "views AS SELECT current_database() AS table_catalog, n.nspname AS table_schema, c.relname AS"
                    + " table_name, pg_get_viewdef(c.oid) AS view_definition, 'NONE' AS check_option, 'NO' AS is_updatable,"
                    + " 'NO' AS is_insertable_into, 'NO' AS is_trigger_updatable, 'NO' AS is_trigger_deletable,"
                    + " 'NO' AS is_trigger_insertable_into FROM pgc.pg_class c JOIN pgc.pg_namespace n"
                    + " ON n.oid = c.relnamespace WHERE c.relkind = 'v'",
            "columns AS SELECT current_database() AS table_catalog, n.nspname AS table_schema, c.relname AS"
                    + " table_name, a.attname AS column_name, a.attnum::INTEGER AS ordinal_position, d.adbin AS"
                    + " column_default, CASE WHEN a.attnotnull THEN 'NO' ELSE 'YES' END AS is_nullable,"
                    + " CASE WHEN t.typcategory = 'A' THEN 'ARRAY' ELSE coalesce(td.display, 'USER-DEFINED') END"
                    + " AS data_type, (CASE WHEN a.atttypid IN (1042, 1043) AND a.atttypmod > 4 THEN a.atttypmod - 4"
                    + " END)::INTEGER AS character_maximum_length, (CASE WHEN a.atttypid IN (25, 1042, 1043) THEN"
                    + " CASE WHEN a.atttypmod > 4 THEN 4 * (a.atttypmod - 4) ELSE 1073741824 END END)::INTEGER AS"
                    + " character_octet_length, (CASE a.atttypid WHEN 21 THEN 16 WHEN 23 THEN 32 WHEN 20 THEN 64"
                    + " WHEN 700 THEN 24 WHEN 701 THEN 53 WHEN 1700 THEN CASE WHEN a.atttypmod > 4 THEN"
                    + " (a.atttypmod - 4) >> 16 END END)::INTEGER AS numeric_precision, (CASE WHEN a.atttypid IN"
                    + " (21, 23, 20, 700, 701) THEN 2 WHEN a.atttypid = 1700 THEN 10 END)::INTEGER AS"
                    + " numeric_precision_radix, (CASE WHEN a.atttypid IN (21, 23, 20) THEN 0 WHEN a.atttypid = 1700"
                    + " AND a.atttypmod > 4 THEN (a.atttypmod - 4) & 65535 END)::INTEGER AS numeric_scale,"
                    + " (CASE WHEN a.atttypid = 1082 THEN 0 WHEN a.atttypid IN (1083, 1266, 1114, 1184, 1186) THEN 6"
                    + " END)::INTEGER AS datetime_precision, NULL::VARCHAR AS interval_type, NULL::INTEGER AS"
                    + " interval_precision, NULL::VARCHAR AS character_set_catalog, NULL::VARCHAR AS"
                    + " character_set_schema, NULL::VARCHAR AS character_set_name, NULL::VARCHAR AS"
                    + " collation_catalog, NULL::VARCHAR AS collation_schema, NULL::VARCHAR AS collation_name,"
                    + " NULL::VARCHAR AS domain_catalog, NULL::VARCHAR AS domain_schema, NULL::VARCHAR AS"
                    + " domain_name, current_database() AS udt_catalog, 'pg_catalog' AS udt_schema, t.typname AS"
                    + " udt_name, NULL::VARCHAR AS scope_catalog, NULL::VARCHAR AS scope_schema, NULL::VARCHAR AS"
                    + " scope_name, NULL::INTEGER AS maximum_cardinality, a.attnum::VARCHAR AS dtd_identifier,"
                    + " 'NO' AS is_self_referencing, 'NO' AS is_identity, NULL::VARCHAR AS identity_generation,"
                    + " NULL::VARCHAR AS identity_start, NULL::VARCHAR AS identity_increment, NULL::VARCHAR AS"
                    + " identity_maximum, NULL::VARCHAR AS identity_minimum, 'NO' AS identity_cycle, 'NEVER' AS"
                    + " is_generated, NULL::VARCHAR AS generation_expression, CASE WHEN c.relkind IN ('r', 'p')"
                    + " THEN 'YES' ELSE 'NO' END AS is_updatable FROM pgc.pg_attribute a"
                    + " JOIN pgc.pg_class c ON c.oid = a.attrelid JOIN pgc.pg_namespace n ON n.oid = c.relnamespace"
                    + " JOIN pgc.pg_type t ON t.oid = a.atttypid LEFT JOIN pgc.qf_type_display td ON td.oid ="
                    + " a.atttypid LEFT JOIN pgc.pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum"
                    + " WHERE a.attnum > 0 AND NOT a.attisdropped AND c.relkind IN ('r', 'v', 'f', 'p')"
                    // In table order, as PostgreSQL's scan gives them (Grafana's column list has no ORDER BY).
                    + " ORDER BY c.oid, a.attnum",
            "table_constraints AS SELECT current_database() AS constraint_catalog, n.nspname AS"
                    + " constraint_schema, k.conname AS constraint_name, current_database() AS table_catalog,"
                    + " n.nspname AS table_schema, c.relname AS table_name, CASE k.contype WHEN 'p' THEN"
                    + " 'PRIMARY KEY' WHEN 'u' THEN 'UNIQUE' WHEN 'f' THEN 'FOREIGN KEY' ELSE 'CHECK' END AS"
                    + " constraint_type, 'NO' AS is_deferrable, 'NO' AS initially_deferred, 'YES' AS enforced,"
                    + " CASE WHEN k.contype IN ('p', 'u') THEN 'YES' END AS nulls_distinct FROM pgc.pg_constraint k"
                    + " JOIN pgc.pg_class c ON c.oid = k.conrelid JOIN pgc.pg_namespace n ON n.oid = c.relnamespace",
            "key_column_usage AS SELECT current_database() AS constraint_catalog, n.nspname AS"
                    + " constraint_schema, k.conname AS constraint_name, current_database() AS table_catalog,"
                    + " n.nspname AS table_schema, c.relname AS table_name, a.attname AS column_name,"
                    + " u.position::INTEGER AS ordinal_position, (CASE WHEN k.contype = 'f' THEN"
                    + " list_position(r.conkey, k.confkey[u.position]) END)::INTEGER AS position_in_unique_constraint"
                    + " FROM pgc.pg_constraint k JOIN pgc.pg_class c ON c.oid = k.conrelid JOIN pgc.pg_namespace n"
                    + " ON n.oid = c.relnamespace, (SELECT unnest(k.conkey) AS attnum,"
                    + " generate_subscripts(k.conkey, 1) AS position) u JOIN pgc.pg_attribute a ON a.attrelid ="
                    + " k.conrelid AND a.attnum = u.attnum LEFT JOIN pgc.pg_constraint r ON k.contype = 'f'"
                    + " AND r.conindid = k.conindid AND r.contype IN ('p', 'u') WHERE k.contype IN ('p', 'u', 'f')",
            "constraint_column_usage AS SELECT table_catalog, table_schema, table_name, column_name,"
                    + " constraint_catalog, constraint_schema, constraint_name FROM pgis.key_column_usage",
            "referential_constraints AS SELECT current_database() AS constraint_catalog, n.nspname AS"
                    + " constraint_schema, k.conname AS constraint_name, current_database() AS"
                    + " unique_constraint_catalog, rn.nspname AS unique_constraint_schema, r.conname AS"
                    + " unique_constraint_name, 'NONE' AS match_option, 'NO ACTION' AS update_rule, 'NO ACTION' AS"
                    + " delete_rule FROM pgc.pg_constraint k JOIN pgc.pg_namespace n ON n.oid = k.connamespace"
                    + " LEFT JOIN pgc.pg_constraint r ON r.conindid = k.conindid AND r.contype IN ('p', 'u')"
                    + " LEFT JOIN pgc.pg_namespace rn ON rn.oid = r.connamespace WHERE k.contype = 'f'",
            "character_sets AS SELECT NULL::VARCHAR AS character_set_catalog, NULL::VARCHAR AS"
                    + " character_set_schema, 'UTF8' AS character_set_name, 'UCS' AS character_repertoire,"
                    + " 'UTF8' AS form_of_use, current_database() AS default_collate_catalog, 'pg_catalog' AS"
                    + " default_collate_schema, 'C' AS default_collate_name",
            "sequences AS SELECT NULL::VARCHAR AS sequence_catalog, NULL::VARCHAR AS sequence_schema,"
                    + " NULL::VARCHAR AS sequence_name, NULL::VARCHAR AS data_type, NULL::INTEGER AS"
                    + " numeric_precision, NULL::INTEGER AS numeric_precision_radix, NULL::INTEGER AS numeric_scale,"
                    + " NULL::VARCHAR AS start_value, NULL::VARCHAR AS minimum_value, NULL::VARCHAR AS"
                    + " maximum_value, NULL::VARCHAR AS increment, NULL::VARCHAR AS cycle_option WHERE false");

    /** A name as PostgreSQL splits it: quoted parts kept, others folded to lower case. */
    private static final String PARSE_IDENT = "list_transform(string_split(s, '.'), lambda x: CASE WHEN trim(x)"
            + " LIKE '\"%\"' THEN replace(trim(x)[2:-2], '\"\"', '\"') ELSE lower(trim(x)) END)";

    /**
     * A relation by name ('sales', 'main.sales', 'pg_class'), as ::regclass reads one; created
     * with the session's macros, since it calls pg_table_is_visible(). The rewriter has spelled
     * a pg_catalog in the name as pgc.
     */
    static final String TO_REGCLASS = "to_regclass(n) AS (SELECT c.oid FROM pgc.pg_class c"
            + " JOIN pgc.pg_namespace s ON s.oid = c.relnamespace WHERE c.relname = parse_ident(n)[-1] AND CASE WHEN"
            + " len(parse_ident(n)) > 1 THEN s.nspname = replace(parse_ident(n)[-2], 'pgc', 'pg_catalog')"
            + " ELSE pg_table_is_visible(c.oid)"
            + " END ORDER BY c.oid LIMIT 1)";

    /** Functions as {@code name(parameters) AS expression}; overloads share a name. */
    static final List<String> MACROS = List.of(
            "pg_get_userbyid(o) AS (SELECT rolname FROM pgc.pg_roles WHERE oid = o)",
            "pg_type_is_visible(o) AS true",
            "pg_function_is_visible(o) AS true",
            "pg_operator_is_visible(o) AS true",
            "pg_opclass_is_visible(o) AS true",
            "pg_opfamily_is_visible(o) AS true",
            "pg_collation_is_visible(o) AS true",
            "pg_conversion_is_visible(o) AS true",
            "pg_statistics_obj_is_visible(o) AS true",
            "pg_ts_config_is_visible(o) AS true",
            "pg_ts_dict_is_visible(o) AS true",
            "pg_ts_parser_is_visible(o) AS true",
            "pg_ts_template_is_visible(o) AS true",
            "pg_char_to_encoding(e) AS CASE WHEN upper(e) IN ('UTF8', 'UTF-8') THEN 6 ELSE -1 END",
            "getdatabaseencoding() AS 'UTF8'",
            // PostgreSQL's format() as psql uses it (%s, %I): DuckDB's own format() takes {}.
            "format(f, a) AS printf(replace(f, '%I', '%s'), a)",
            "format(f, a, b) AS printf(replace(f, '%I', '%s'), a, b)",
            "format_type(t, m) AS (SELECT CASE WHEN t IS NULL THEN NULL"
                    + " WHEN t = 1700 AND m > 4 THEN 'numeric(' || ((m - 4) >> 16) || ',' || ((m - 4) & 65535) || ')'"
                    + " WHEN t = 1043 AND m > 4 THEN 'character varying(' || (m - 4) || ')'"
                    + " WHEN t = 1042 AND m > 4 THEN 'character(' || (m - 4) || ')'"
                    + " ELSE coalesce((SELECT display FROM pgc.qf_type_display d WHERE d.oid = t), '???') END)",
            // The mirror keeps expressions (column defaults) as their text already.
            "pg_get_expr(e, r) AS e::VARCHAR",
            "pg_get_expr(e, r, p) AS e::VARCHAR",
            "obj_description(o) AS NULL::VARCHAR",
            "obj_description(o, c) AS NULL::VARCHAR",
            "col_description(o, n) AS NULL::VARCHAR",
            "shobj_description(o, c) AS NULL::VARCHAR",
            "pg_encoding_to_char(e) AS 'UTF8'",
            "pg_get_indexdef(o) AS (SELECT definition FROM pgc.qf_definition WHERE oid = o AND position = 0)",
            "pg_get_indexdef(o, c, p) AS (SELECT definition FROM pgc.qf_definition WHERE oid = o AND position = c)",
            "pg_get_constraintdef(o) AS (SELECT definition FROM pgc.qf_definition WHERE oid = o AND position = 0)",
            "pg_get_constraintdef(o, p) AS (SELECT definition FROM pgc.qf_definition WHERE oid = o AND position = 0)",
            "pg_get_viewdef(o) AS (SELECT definition FROM pgc.qf_definition WHERE oid = o AND position = 0)",
            "pg_get_viewdef(o, p) AS (SELECT definition FROM pgc.qf_definition WHERE oid = o AND position = 0)",
            "pg_get_statisticsobjdef_columns(o) AS NULL::VARCHAR",
            "pg_get_triggerdef(o) AS NULL::VARCHAR", // pg_trigger is empty
            "pg_get_triggerdef(o, p) AS NULL::VARCHAR",
            "pg_get_partkeydef(o) AS NULL::VARCHAR",
            "pg_relation_is_publishable(o) AS false",
            "pg_partition_ancestors(o) AS o::BIGINT",
            "pg_total_relation_size(o) AS 0::BIGINT",
            "pg_relation_size(o) AS 0::BIGINT",
            "pg_table_size(o) AS 0::BIGINT",
            "pg_database_size(d) AS NULL::BIGINT", // not known: psql's \l+ shows no size
            "pg_size_pretty(s) AS s || ' bytes'",
            "pg_get_function_result(o) AS NULL::VARCHAR",
            "pg_get_serial_sequence(t, c) AS NULL::VARCHAR", // no sequences are mirrored
            "pg_get_function_sqlbody(o) AS NULL::VARCHAR",
            "pg_tablespace_location(o) AS ''",
            "pg_get_function_arguments(o) AS NULL::VARCHAR",
            "pg_get_function_identity_arguments(o) AS NULL::VARCHAR",
            "has_table_privilege(t, p) AS true",
            "has_table_privilege(u, t, p) AS true",
            "has_schema_privilege(s, p) AS true",
            "has_schema_privilege(u, s, p) AS true",
            "has_database_privilege(d, p) AS true",
            "has_database_privilege(u, d, p) AS true",
            "has_any_column_privilege(t, p) AS true",
            "has_any_column_privilege(u, t, p) AS true",
            "has_column_privilege(t, c, p) AS true",
            "has_column_privilege(u, t, c, p) AS true",
            "has_function_privilege(f, p) AS true",
            "has_function_privilege(u, f, p) AS true",
            "pg_has_role(r, p) AS true",
            "pg_has_role(u, r, p) AS true",
            // pgAdmin's connection set-up: SELECT set_config('bytea_output', 'hex', false) FROM pg_settings.
            "set_config(n, v, l) AS v",
            "pg_is_in_recovery() AS false",
            "pg_show_all_settings() AS TABLE SELECT * FROM pgc.pg_settings",
            "pg_stat_get_numscans(o) AS 0::BIGINT",
            "pg_indexam_has_property(a, p) AS p IN ('can_order', 'can_unique', 'can_multi_col')",
            "pg_index_column_has_property(i, c, p) AS p IN ('orderable', 'asc', 'nulls_last', 'search_array')",
            "pg_index_has_property(i, p) AS p IN ('clusterable', 'index_scan', 'bitmap_scan', 'backward_scan')",
            "pg_stat_get_tuples_returned(o) AS 0::BIGINT",
            "pg_stat_get_tuples_fetched(o) AS 0::BIGINT",
            "parse_ident(s) AS " + PARSE_IDENT,
            "parse_ident(s, strict) AS " + PARSE_IDENT,
            // pgjdbc's information_schema._pg_expandarray(indkey): each element with its position.
            "_pg_expandarray(a) AS unnest(list_transform(a, lambda v, i: {'x': v, 'n': i}))",
            "array_upper(a, d) AS len(a)",
            "array_lower(a, d) AS 1",
            // Quoted only when it must be, as PostgreSQL does: Grafana compares quote_ident(table_schema) = 'main'.
            "quote_ident(s) AS CASE WHEN regexp_full_match(s, '[a-z_][a-z0-9_$]*') AND s NOT IN (SELECT"
                    + " keyword_name FROM duckdb_keywords() WHERE keyword_category <> 'unreserved') THEN s"
                    + " ELSE '\"' || replace(s, '\"', '\"\"') || '\"' END");

    /** The names of the information_schema views the mirror has. */
    static final Set<String> INFORMATION_SCHEMA_NAMES = INFORMATION_SCHEMA_VIEWS.stream()
            .map(view -> view.substring(0, view.indexOf(' '))).collect(Collectors.toUnmodifiableSet());

    /**
     * The functions the mirror defines, by name: a statement that reads no table and calls one
     * of these is answered by the mirror (SELECT format_type(23, -1)). Generic names DuckDB
     * has too are left out.
     */
    static final Set<String> FUNCTION_NAMES = Stream.concat(MACROS.stream().map(m -> m.substring(0, m.indexOf('('))),
                    Stream.of("current_schemas", "current_setting", "pg_table_is_visible", "pg_get_keywords",
                            "to_regclass"))
            .filter(name -> !Set.of("format", "array_upper", "array_lower").contains(name))
            .collect(Collectors.toUnmodifiableSet());

    private SystemCatalogDefinitions() {}
}
