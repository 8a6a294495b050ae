package io.queryflux.protocol.pg.catalog;

import java.util.List;

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
                    + " typarray BIGINT, typinput VARCHAR, typoutput VARCHAR, typreceive VARCHAR, typsend VARCHAR,"
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
            "pg_parameter_acl (oid BIGINT, parname VARCHAR, paracl VARCHAR[])");

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
            "format_type(t, m) AS (SELECT CASE"
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
            "pg_get_viewdef(o) AS NULL::VARCHAR",
            "pg_get_viewdef(o, p) AS NULL::VARCHAR",
            "pg_get_statisticsobjdef_columns(o) AS NULL::VARCHAR",
            "pg_get_partkeydef(o) AS NULL::VARCHAR",
            "pg_relation_is_publishable(o) AS false",
            "pg_partition_ancestors(o) AS o",
            "pg_total_relation_size(o) AS 0::BIGINT",
            "pg_relation_size(o) AS 0::BIGINT",
            "pg_table_size(o) AS 0::BIGINT",
            "pg_database_size(d) AS NULL::BIGINT", // not known: psql's \l+ shows no size
            "pg_size_pretty(s) AS s || ' bytes'",
            "pg_get_function_result(o) AS NULL::VARCHAR",
            "pg_get_serial_sequence(t, c) AS NULL::VARCHAR", // no sequences are mirrored
            "pg_get_function_sqlbody(o) AS NULL::VARCHAR",
            "pg_tablespace_location(o) AS ''",
            // DuckDB's own current_setting takes only constants; psql's \dconfig passes a column.
            "current_setting(n) AS (SELECT setting FROM pgc.pg_settings WHERE name = n)",
            "pg_get_function_arguments(o) AS NULL::VARCHAR",
            "pg_get_function_identity_arguments(o) AS NULL::VARCHAR",
            "has_table_privilege(t, p) AS true",
            "has_schema_privilege(s, p) AS true",
            "has_database_privilege(d, p) AS true",
            // pgjdbc's information_schema._pg_expandarray(indkey): each element with its position.
            "_pg_expandarray(a) AS unnest(list_transform(a, lambda v, i: {'x': v, 'n': i}))",
            "array_upper(a, d) AS len(a)",
            "array_lower(a, d) AS 1",
            "quote_ident(s) AS '\"' || replace(s, '\"', '\"\"') || '\"'");

    private SystemCatalogDefinitions() {}
}
