/**
 * The environments watched and their resources, from configuration. A vocabulary every step uses;
 * it depends on nothing of stackwatch.
 */
package io.stackwatch.catalog;
