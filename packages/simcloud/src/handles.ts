import { buildArn, dnsSuffixOf, type SimContext } from "@simcloud/core";

/**
 * Handles name one resource of one cloud, without any call: `cloud.sqs.queue("orders")` is what the vitest
 * matchers take (`expect(queue).toHaveMessages(2)`), and its `url` / `arn` are what AWS would return for that
 * name in this cloud's account and region, so examples never hard-code an account id.
 */
export interface QueueHandleOf<C> {
  readonly kind: "sqs.queue";
  readonly cloud: C;
  readonly name: string;
  readonly url: string;
  readonly arn: string;
}

export interface FunctionHandleOf<C> {
  readonly kind: "lambda.function";
  readonly cloud: C;
  readonly name: string;
  readonly arn: string;
}

export interface TopicHandleOf<C> {
  readonly kind: "sns.topic";
  readonly cloud: C;
  readonly name: string;
  readonly arn: string;
}

export type ResourceHandleOf<C> = QueueHandleOf<C> | FunctionHandleOf<C> | TopicHandleOf<C>;

export interface SqsHelpersOf<C> {
  /** A handle on the queue of that name (created or not yet). */
  queue(name: string): QueueHandleOf<C>;
  /** `https://sqs.<region>.amazonaws.com/<account>/<name>`. */
  url(name: string): string;
  /** `arn:aws:sqs:<region>:<account>:<name>`. */
  arn(name: string): string;
}

export interface LambdaHelpersOf<C> {
  /** A handle on the function of that name (created or not yet). */
  fn(name: string): FunctionHandleOf<C>;
  /** `arn:aws:lambda:<region>:<account>:function:<name>`. */
  arn(name: string): string;
}

export interface SnsHelpersOf<C> {
  /** A handle on the topic of that name (created or not yet). */
  topic(name: string): TopicHandleOf<C>;
  /** `arn:aws:sns:<region>:<account>:<name>`. */
  arn(name: string): string;
}

/** Generic in the cloud type, so this module does not import cloud.ts. */
export function createHelpers<C>(context: SimContext, cloud: () => C): { sqs: SqsHelpersOf<C>; lambda: LambdaHelpersOf<C>; sns: SnsHelpersOf<C> } {
  const sqsUrl = (name: string): string => `https://sqs.${context.region}.${dnsSuffixOf(context.region)}/${context.accountId}/${name}`;
  const sqsArn = (name: string): string => buildArn("sqs", name, context);
  const lambdaArn = (name: string): string => buildArn("lambda", `function:${name}`, context);
  const snsArn = (name: string): string => buildArn("sns", name, context);
  return {
    sqs: {
      queue: (name) => ({ kind: "sqs.queue", cloud: cloud(), name, url: sqsUrl(name), arn: sqsArn(name) }),
      url: sqsUrl,
      arn: sqsArn,
    },
    lambda: {
      fn: (name) => ({ kind: "lambda.function", cloud: cloud(), name, arn: lambdaArn(name) }),
      arn: lambdaArn,
    },
    sns: {
      topic: (name) => ({ kind: "sns.topic", cloud: cloud(), name, arn: snsArn(name) }),
      arn: snsArn,
    },
  };
}
