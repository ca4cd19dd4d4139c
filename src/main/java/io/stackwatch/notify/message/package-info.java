/**
 * How summaries and digests are written: the text and chat formats, from Qute text templates, with
 * exact wording. Reads the grouping's output; knows nothing of delivery.
 */
package io.stackwatch.notify.message;
