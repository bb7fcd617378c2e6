/**
 * The platform's error codes ({@link dev.wireless.server.errors.ErrorCode}), the exception that
 * carries one ({@link dev.wireless.server.errors.ApiException}), the OAuth refusal shapes and the
 * error dictionary behind every {@code more_info} link. Every layer may use this package and it
 * uses none of theirs, so a domain rule can refuse with a code without knowing about HTTP; the
 * HTTP layer's {@code ErrorMapper} is still the only place an error body is written.
 */
package dev.wireless.server.errors;
