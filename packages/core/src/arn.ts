import { AwsError } from "./errors";

/** The six simulated services, by the name AWS uses in their ARNs. */
export type ArnService = "sqs" | "sns" | "lambda" | "states" | "kinesis" | "events";

export interface Arn {
  partition: string;
  service: string;
  region: string;
  accountId: string;
  /** Everything after the account, e.g. `my-queue`, `function:name:alias`, `stream/orders`. */
  resource: string;
}

export interface AccountScope {
  region: string;
  accountId: string;
}

export function formatArn(arn: Arn): string {
  return `arn:${arn.partition}:${arn.service}:${arn.region}:${arn.accountId}:${arn.resource}`;
}

/** ARN of a resource in this cloud's partition, region and account. */
export function buildArn(service: ArnService, resource: string, scope: AccountScope): string {
  return formatArn({ partition: partitionOf(scope.region), service, region: scope.region, accountId: scope.accountId, resource });
}

export function parseArn(text: string): Arn | undefined {
  if (typeof text !== "string") return undefined;
  const parts = text.split(":");
  if (parts.length < 6 || parts[0] !== "arn") return undefined;
  const [, partition, service, region, accountId] = parts as [string, string, string, string, string];
  if (!partition || !service) return undefined;
  return { partition, service, region, accountId, resource: parts.slice(5).join(":") };
}

/** Parses or throws the AwsError the calling service uses for a malformed ARN. */
export function requireArn(text: string, error: (message: string) => AwsError): Arn {
  const arn = parseArn(text);
  if (arn === undefined) throw error(`Invalid ARN: ${String(text)}`);
  return arn;
}

export function partitionOf(region: string): string {
  if (region.startsWith("cn-")) return "aws-cn";
  if (region.startsWith("us-gov-")) return "aws-us-gov";
  return "aws";
}

/** The DNS suffix for endpoint URLs in a region's partition. */
export function dnsSuffixOf(region: string): string {
  return region.startsWith("cn-") ? "amazonaws.com.cn" : "amazonaws.com";
}
