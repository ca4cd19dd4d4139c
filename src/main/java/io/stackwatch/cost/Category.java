package io.stackwatch.cost;

/**
 * The seed's cost categories. Cost Explorer's SERVICE dimension names NAT gateway charges "EC2 -
 * Other" (with EBS volumes and Elastic IPs, which this stack hardly uses), so that service counts
 * as NAT gateways.
 */
public enum Category {
  NAT_GATEWAYS("NAT gateways"),
  RDS("RDS"),
  ELASTICACHE("ElastiCache"),
  CLOUDFRONT("CloudFront"),
  DATA_TRANSFER("Data transfer"),
  OTHER("Other");

  private final String title;

  Category(String title) {
    this.title = title;
  }

  public String title() {
    return title;
  }

  /** The category of a Cost Explorer SERVICE value. */
  public static Category of(String service) {
    return switch (service) {
      case "EC2 - Other" -> NAT_GATEWAYS;
      case "Amazon Relational Database Service" -> RDS;
      case "Amazon ElastiCache" -> ELASTICACHE;
      case "Amazon CloudFront" -> CLOUDFRONT;
      case "AWS Data Transfer" -> DATA_TRANSFER;
      default -> OTHER;
    };
  }
}
