/**
 * The authentication seam every frontend calls. A frontend never checks a password itself: it
 * asks the configured {@link io.queryflux.auth.AuthProvider}, either to verify a cleartext
 * password, or (for challenge-response methods such as PostgreSQL SCRAM-SHA-256 and MD5 and
 * MySQL's native and caching_sha2 plugins) for the secret it needs to compute the expected
 * response.
 */
package io.queryflux.auth;
