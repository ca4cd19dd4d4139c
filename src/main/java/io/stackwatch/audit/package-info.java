/**
 * The insert-only trail of changes people make (sign-offs, acknowledgements, reloads), in the
 * store.
 */
package io.stackwatch.audit;
