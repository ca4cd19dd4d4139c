/**
 * The SDK clients per account and region, with explicit timeouts and retries; the accounting of
 * every call and its list price; the list of calls the IAM policies grant; and the one bridge to
 * the built-in simulator. Adapters elsewhere ({@code CloudWatchMetricSource}, {@code
 * CostExplorerCostSource}, {@code SnsNotifier}, {@code AwsInventory}) take their clients from here.
 */
package io.stackwatch.aws;
