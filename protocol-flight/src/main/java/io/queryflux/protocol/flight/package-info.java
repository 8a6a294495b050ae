/** The Arrow Flight SQL frontend (issue 5). */
package io.queryflux.protocol.flight;
