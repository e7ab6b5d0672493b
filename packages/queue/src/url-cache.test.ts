import { createSimContext } from "@simcloud/core";
import { describe, expect, it } from "vitest";
import { createQueueService } from "./sqs";
import { parseQueueUrl } from "./naming";
import type { Queue } from "./queue";
import { UrlCache } from "./url-cache";

describe("QueueUrl cache", () => {
  it("does not grow with host spellings: 10,000 spellings of one queue's URL resolve, and the cache holds at most one entry per queue", () => {
    const queue = { url: "https://sqs.us-east-1.amazonaws.com/000000000000/q" } as Queue;
    const cache = new UrlCache((url) => (parseQueueUrl(url)?.name === "q" ? queue : undefined));
    let resolved = 0;
    for (let i = 0; i < 10_000; i++) if (cache.get(`http://host-${i}.example/000000000000/q`) === queue) resolved++;
    expect(resolved).toBe(10_000);
    expect(cache.get(queue.url)).toBe(queue);
    expect(cache.size).toBeLessThanOrEqual(1);
    cache.forget(queue);
    expect(cache.size).toBe(0);
  });

  it("the service still takes any host spelling (the SDK rewrites endpoints)", async () => {
    const sqs = createQueueService(createSimContext());
    await sqs.createQueue({ QueueName: "q" });
    for (const url of ["http://localhost:4566/000000000000/q", "https://queue.amazonaws.com/000000000000/q", "https://sqs.us-east-1.amazonaws.com/000000000000/q"]) {
      await sqs.sendMessage({ QueueUrl: url, MessageBody: url });
    }
    const got = await sqs.receiveMessage({ QueueUrl: "http://elsewhere/000000000000/q", MaxNumberOfMessages: 10 });
    expect(got.Messages).toHaveLength(3);
  });
});
