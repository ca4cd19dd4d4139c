/**
 * Reading the data files (alarm rules, dashboards, the maintenance checklist, the series catalog):
 * the files in force, shipped in the jar and laid over by the configuration directory ({@code
 * DataFiles}); YAML nodes with their lines; and problems reported by file, line, item and field,
 * all at once. Depends on nothing of stackwatch.
 */
package io.stackwatch.datafile;
