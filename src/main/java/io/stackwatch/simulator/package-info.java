/**
 * The built-in AWS simulator: AWS's side of the wire (CloudWatch, Cost Explorer, SNS, STS, Logs,
 * EC2, RDS, Secrets Manager, the Resource Groups Tagging API over their real protocols), with
 * deterministic data, scenarios and faults. Written against the JDK and Jackson only, so it agrees
 * with stackwatch only where both follow AWS; {@code io.stackwatch.aws.SimulatorBridge} is the one
 * door in. Its tests run alone with {@code ./mvnw test -Dgroups=simulator}.
 *
 * <p>The stack is data ({@link io.stackwatch.simulator.SimulatedStack}): per environment, resources
 * with ARNs as AWS formats them and {@code Environment} tags, named by the seed convention (the
 * default) or by no convention at all ({@code naming(UNCONVENTIONAL)}), added and removed at run
 * time. GetResources lists them by tag and type, CloudWatch's ListMetrics lists what they publish,
 * SQS GetQueueAttributes tells a queue's dead-letter queue in its RedrivePolicy, and the metric
 * model reads a resource's environment from the stack, from its name only for resources the stack
 * does not hold. Some behaviours of endpoints we did not write can be played: a tagging API without
 * some services, short pages, GetMetricData answers slow in proportion to the datapoints asked or
 * refused for one statistic, SNS refusing to publish; STS GetCallerIdentity answers the calling
 * credentials' account and SNS GetTopicAttributes a topic's.
 */
package io.stackwatch.simulator;
