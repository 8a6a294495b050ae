/** The MySQL wire protocol frontend (issue 3). */
package io.queryflux.protocol.mysql;
