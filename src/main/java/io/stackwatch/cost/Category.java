package io.stackwatch.cost;

/**
 * The seed's cost categories, from Cost Explorer's SERVICE dimension. That dimension bills NAT
 * gateway hours and bytes and EC2 data transfer out together as "EC2 - Other", so the two share a
 * category; telling them apart takes the USAGE_TYPE dimension, another request per refresh.
 */
public enum Category {
  NAT_GATEWAYS("NAT gateways and data transfer (EC2 - Other)"),
  RDS("RDS"),
  ELASTICACHE("ElastiCache"),
  CLOUDFRONT("CloudFront"),
  DATA_TRANSFER("Data transfer (other)"),
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
