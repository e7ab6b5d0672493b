import { buildArn, dnsSuffixOf, type SimContext } from "@simcloud/core";
import type { Cloud } from "./cloud";

/**
 * Handles name one resource of one cloud, without any call: `cloud.sqs.queue("orders")` is what the vitest
 * matchers take (`expect(queue).toHaveMessages(2)`), and its `url` / `arn` are what AWS would return for that
 * name in this cloud's account and region, so examples never hard-code an account id.
 */
export interface QueueHandle {
  readonly kind: "sqs.queue";
  readonly cloud: Cloud;
  readonly name: string;
  readonly url: string;
  readonly arn: string;
}

export interface FunctionHandle {
  readonly kind: "lambda.function";
  readonly cloud: Cloud;
  readonly name: string;
  readonly arn: string;
}

export interface TopicHandle {
  readonly kind: "sns.topic";
  readonly cloud: Cloud;
  readonly name: string;
  readonly arn: string;
}

export type ResourceHandle = QueueHandle | FunctionHandle | TopicHandle;

export interface SqsHelpers {
  /** A handle on the queue of that name (created or not yet). */
  queue(name: string): QueueHandle;
  /** `https://sqs.<region>.amazonaws.com/<account>/<name>`. */
  url(name: string): string;
  /** `arn:aws:sqs:<region>:<account>:<name>`. */
  arn(name: string): string;
}

export interface LambdaHelpers {
  /** A handle on the function of that name (created or not yet). */
  fn(name: string): FunctionHandle;
  /** `arn:aws:lambda:<region>:<account>:function:<name>`. */
  arn(name: string): string;
}

export interface SnsHelpers {
  /** A handle on the topic of that name (created or not yet). */
  topic(name: string): TopicHandle;
  /** `arn:aws:sns:<region>:<account>:<name>`. */
  arn(name: string): string;
}

export function createHelpers(context: SimContext, cloud: () => Cloud): { sqs: SqsHelpers; lambda: LambdaHelpers; sns: SnsHelpers } {
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
