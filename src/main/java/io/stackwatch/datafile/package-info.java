/**
 * Reading the data files (alarm rules, dashboards, the maintenance checklist): YAML nodes with
 * their lines, and problems reported by file, line, item and field, all at once. Depends on nothing
 * of stackwatch.
 */
package io.stackwatch.datafile;
