/**
 * Where alert summaries go, as Alertmanager's routing tree: {@code alarms/routes.yaml} read with
 * file, line and field for every problem ({@link RouteLoader}), matched against an alarm's
 * environment, severity, category and id ({@link Routes#match}); each route names its topic, format
 * and group timings. Plain Java; depends on nothing of notify but the vocabulary of its stages
 * (topic purposes, formats, timings).
 */
package io.stackwatch.notify.routing;
