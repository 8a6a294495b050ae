/** The PostgreSQL wire protocol frontend (issue 2). */
package io.queryflux.protocol.pg;
