/**
 * Dashboards as data ({@code dashboards/*.yaml}): sections, panels, metric math, levels; and what
 * panels read, so the poll fetches only that.
 */
package io.stackwatch.dashboard;
