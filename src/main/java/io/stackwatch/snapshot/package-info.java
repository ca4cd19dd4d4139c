/**
 * The read model: one {@code StackSnapshot} of every environment, published once per poll (and
 * after a cost refresh, a sign-off, an acknowledgement or a reload) and held in one volatile
 * reference. Pages, the JSON API, the Prometheus export and the digest read only this, and the
 * stored history for charts; also the render cache they share.
 */
package io.stackwatch.snapshot;
