/**
 * Optional Arrow capabilities of engines' result cursors, kept apart from the JDK-only SPI in
 * {@code io.queryflux.engine} so that only code that asks for Arrow sees Arrow types.
 */
package io.queryflux.engine.arrow;
