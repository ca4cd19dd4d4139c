/**
 * Charts: the server-drawn SVG (the fallback without JavaScript and the text alternative, with
 * round ticks in the unit, dates past midnight and the zone named), the windows a chart shows
 * ({@code Range}, {@code TimeWindow}), and the one colour meaning every panel shares ({@code
 * Palette}); how values and ages read. Plain functions, no state. The interactive charts are
 * uPlot's, drawn in the browser by {@code /charts.js} from the JSON API.
 */
package io.stackwatch.web.chart;
