/**
 * The JSON API and the health checks, from the snapshot; a series' history ({@code
 * SeriesHistoryResource}) from the stored history at the tier its window calls for.
 */
package io.stackwatch.web.api;
