/** Subscribe is idempotent for the same protocol and endpoint ("Subscribe" API reference); finding the existing one must not scan the topic. */
import { afterEach, describe, expect, it, vi } from "vitest";
import { setup } from "./test-helpers";

/** Counts the map entries iterated through Map#values while `body` runs: the subscriptions a call visits. */
async function mapValuesVisited(body: () => Promise<unknown>): Promise<number> {
  const values = Map.prototype.values;
  let visited = 0;
  const spy = vi.spyOn(Map.prototype, "values").mockImplementation(function (this: Map<unknown, unknown>) {
    const inner = values.call(this);
    const counting = {
      next: () => {
        const step = inner.next();
        if (step.done !== true) visited++;
        return step;
      },
      [Symbol.iterator]: () => counting,
    };
    return counting as unknown as MapIterator<unknown>;
  });
  try {
    await body();
  } finally {
    spy.mockRestore();
  }
  return visited;
}

describe("idempotent Subscribe", () => {
  afterEach(() => vi.restoreAllMocks());

  it("finds the existing subscription of a 5,000-subscription topic without visiting the others", async () => {
    const { sns } = setup();
    const { TopicArn } = await sns.createTopic({ Name: "t" });
    const endpoint = (i: number): string => `arn:aws:sqs:us-east-1:000000000000:q${i}`;
    const arns: string[] = [];
    for (let i = 0; i < 5_000; i++) arns.push((await sns.subscribe({ TopicArn, Protocol: "sqs", Endpoint: endpoint(i), ReturnSubscriptionArn: true })).SubscriptionArn!);
    let again: string | undefined;
    const visited = await mapValuesVisited(async () => {
      again = (await sns.subscribe({ TopicArn, Protocol: "sqs", Endpoint: endpoint(4_999), ReturnSubscriptionArn: true })).SubscriptionArn;
    });
    expect(again).toBe(arns[4_999]);
    expect(visited).toBeLessThan(10);
    // The index follows unsubscribes and deleted topics: the endpoint subscribes anew afterwards.
    await sns.unsubscribe({ SubscriptionArn: arns[4_999]! });
    const fresh = (await sns.subscribe({ TopicArn, Protocol: "sqs", Endpoint: endpoint(4_999), ReturnSubscriptionArn: true })).SubscriptionArn!;
    expect(fresh).not.toBe(arns[4_999]);
    await sns.deleteTopic({ TopicArn });
    const { TopicArn: again2 } = await sns.createTopic({ Name: "t" });
    const third = (await sns.subscribe({ TopicArn: again2, Protocol: "sqs", Endpoint: endpoint(4_999), ReturnSubscriptionArn: true })).SubscriptionArn!;
    expect(third).not.toBe(fresh);
    expect((await sns.listSubscriptionsByTopic({ TopicArn: again2 })).Subscriptions).toHaveLength(1);
  });

  it("protocol and endpoint both key it: the same endpoint text under another protocol is another subscription", async () => {
    const { sns } = setup();
    const { TopicArn } = await sns.createTopic({ Name: "t" });
    const a = await sns.subscribe({ TopicArn, Protocol: "http", Endpoint: "http://x.example/", ReturnSubscriptionArn: true });
    const b = await sns.subscribe({ TopicArn, Protocol: "HTTP", Endpoint: "http://x.example/", ReturnSubscriptionArn: true });
    expect(b.SubscriptionArn).toBe(a.SubscriptionArn);
    const c = await sns.subscribe({ TopicArn, Protocol: "https", Endpoint: "https://x.example/", ReturnSubscriptionArn: true });
    expect(c.SubscriptionArn).not.toBe(a.SubscriptionArn);
  });
});
