/** Server-drawn SVG charts and how values and ages read: plain functions of points, no state. */
package io.stackwatch.web.chart;
