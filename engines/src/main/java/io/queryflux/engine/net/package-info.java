/** Socket helpers shared by the engines' own protocol clients and the frontends. */
package io.queryflux.engine.net;
