/**
 * The built-in AWS simulator: AWS's side of the wire (CloudWatch, Cost Explorer, SNS, STS, Logs,
 * EC2, RDS, Secrets Manager over their real protocols), with deterministic data, scenarios and
 * faults. Written against the JDK and Jackson only, so it agrees with stackwatch only where both
 * follow AWS; {@code io.stackwatch.aws.SimulatorBridge} is the one door in. Its tests run alone
 * with {@code ./mvnw test -Dgroups=simulator}.
 */
package io.stackwatch.simulator;
