import { buildArn, dnsSuffixOf, type SimContext } from "@simcloud/core";

/** `https://sqs.<region>.amazonaws.com/<account>/<name>`: AWS's own format, so code that parses it works. */
export function queueUrl(ctx: SimContext, name: string): string {
  return `https://sqs.${ctx.region}.${dnsSuffixOf(ctx.region)}/${ctx.accountId}/${name}`;
}

export function queueArn(ctx: SimContext, name: string): string {
  return buildArn("sqs", name, ctx);
}

/**
 * The account and name in a queue URL. Any host is accepted (the SDK rewrites endpoints, and legacy
 * `queue.amazonaws.com` URLs exist); the path must be `/<12-digit account>/<name>`.
 */
export function parseQueueUrl(url: string): { accountId: string; name: string } | undefined {
  const match = /^https?:\/\/[^/]+\/(\d{12})\/([^/?#]+)\/?$/.exec(url);
  if (match === null) return undefined;
  return { accountId: match[1] as string, name: match[2] as string };
}
