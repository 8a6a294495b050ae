/**
 * The {@code starRocks} engine: StarRocks over the MySQL protocol (Connector/J and HikariCP).
 * Tested against MariaDB, the MySQL-protocol server that can run in this project's build.
 */
package io.queryflux.engine.starrocks;
