/** The JSON API and the health checks, from the snapshot. */
package io.stackwatch.web.api;
