/**
 * The HTML pages (server-rendered Qute, no inline script or style), their view records, and the
 * operator and admin actions. Reads the snapshot; charts also read the stored history.
 */
package io.stackwatch.web.page;
