/** SQL dialect translation between clients and engines (issue 7). */
package io.queryflux.sql;
