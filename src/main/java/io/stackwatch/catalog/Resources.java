package io.stackwatch.catalog;

import java.util.List;
import java.util.Optional;

/**
 * The resources of one environment as configuration names them, and where it names none, as the
 * seed's naming convention does (see {@link ResourceNames}).
 *
 * @param rdsInstance RDS instance identifier
 * @param cacheReplicationGroup ElastiCache replication group id
 * @param cacheNodes cache cluster ids of the group's nodes
 * @param ecsCluster ECS cluster name
 * @param ecsService ECS service name
 * @param lambdaFunctions Lambda function names
 * @param httpApiId API Gateway HTTP API id
 * @param httpApiStage its stage
 * @param loadBalancer ALB dimension value ({@code app/name/id})
 * @param targetGroups target group dimension values ({@code targetgroup/name/id})
 * @param cloudfrontDistribution CloudFront distribution id, empty where there is none
 * @param queues SQS queues
 * @param deadLetterQueues SQS dead-letter queues
 * @param natGateways NAT gateway ids
 * @param configured the kinds configuration names; the others follow the convention
 */
public record Resources(
    String rdsInstance,
    String cacheReplicationGroup,
    List<String> cacheNodes,
    String ecsCluster,
    String ecsService,
    List<String> lambdaFunctions,
    String httpApiId,
    String httpApiStage,
    String loadBalancer,
    List<String> targetGroups,
    Optional<String> cloudfrontDistribution,
    List<String> queues,
    List<String> deadLetterQueues,
    List<String> natGateways,
    List<ResourceKind> configured) {

  public Resources {
    cacheNodes = List.copyOf(cacheNodes);
    lambdaFunctions = List.copyOf(lambdaFunctions);
    targetGroups = List.copyOf(targetGroups);
    queues = List.copyOf(queues);
    deadLetterQueues = List.copyOf(deadLetterQueues);
    natGateways = List.copyOf(natGateways);
    configured = List.copyOf(configured);
  }

  /** Whether configuration names the resources of this kind, or the convention does. */
  public Resource.Origin origin(ResourceKind kind) {
    return configured.contains(kind) ? Resource.Origin.CONFIGURATION : Resource.Origin.CONVENTION;
  }

  /** These resources as an inventory, before anything is found by tag. */
  public Inventory inventory(String environment) {
    return new Inventory(
        environment,
        ResourceNames.resources(environment, this),
        Optional.empty(),
        Optional.empty());
  }
}
