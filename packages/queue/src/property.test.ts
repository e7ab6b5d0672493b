/**
 * Property: random sequences of send / receive / delete / change-visibility / advance on standard and FIFO
 * queues conserve messages — every sent message is, exactly once, queued, in flight, deleted, moved to the
 * DLQ or expired — and a FIFO group is delivered in send order, never while an earlier message is in flight.
 */
import { createSimContext } from "@simcloud/core";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createQueueService } from "./sqs";

type Op =
  | { kind: "send"; group: number; delay: number }
  | { kind: "receive"; max: number; visibility: number }
  | { kind: "delete"; pick: number }
  | { kind: "visibility"; pick: number; seconds: number }
  | { kind: "advance"; ms: number };

const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant("send" as const), group: fc.integer({ min: 0, max: 2 }), delay: fc.constantFrom(0, 0, 3) }),
  fc.record({ kind: fc.constant("receive" as const), max: fc.integer({ min: 1, max: 10 }), visibility: fc.constantFrom(0, 1, 5, 30) }),
  fc.record({ kind: fc.constant("delete" as const), pick: fc.nat() }),
  fc.record({ kind: fc.constant("visibility" as const), pick: fc.nat(), seconds: fc.constantFrom(0, 2, 10) }),
  fc.record({ kind: fc.constant("advance" as const), ms: fc.constantFrom(500, 1_000, 5_000, 31_000, 61_000) }),
);

async function check(fifo: boolean, ops: Op[]): Promise<void> {
  const ctx = createSimContext({ seed: 3 });
  const sqs = createQueueService(ctx);
  const suffix = fifo ? ".fifo" : "";
  const fifoAttributes = fifo ? { FifoQueue: "true" } : {};
  await sqs.createQueue({ QueueName: `dlq${suffix}`, Attributes: { ...fifoAttributes } });
  const url = (
    await sqs.createQueue({
      QueueName: `q${suffix}`,
      Attributes: {
        ...fifoAttributes,
        MessageRetentionPeriod: "120",
        RedrivePolicy: JSON.stringify({ deadLetterTargetArn: `arn:aws:sqs:us-east-1:000000000000:dlq${suffix}`, maxReceiveCount: 3 }),
      },
    })
  ).QueueUrl!;
  const sent: string[] = [];
  const inFlight = new Map<string, { handle: string; body: string }>();
  const sentBodies: { id: string; group: string; n: number }[] = [];
  let counter = 0;
  for (const step of ops) {
    switch (step.kind) {
      case "send": {
        const body = `g${step.group}:${counter++}`;
        const out = await sqs.sendMessage({
          QueueUrl: url,
          MessageBody: body,
          ...(fifo ? { MessageGroupId: `g${step.group}`, MessageDeduplicationId: body } : { DelaySeconds: step.delay }),
        });
        sent.push(out.MessageId!);
        sentBodies.push({ id: out.MessageId!, group: `g${step.group}`, n: counter - 1 });
        break;
      }
      case "receive": {
        const blocked = new Set([...inFlight.values()].map((entry) => entry.body.split(":")[0]));
        const gone = new Set(
          ctx.trace.events
            .filter((e) => (e.type === "sqs.message.deleted" || e.type === "sqs.message.moved-to-dlq" || e.type === "sqs.message.expired") && e.queueUrl === url)
            .map((e) => (e as { messageId: string }).messageId),
        );
        const got = (await sqs.receiveMessage({ QueueUrl: url, MaxNumberOfMessages: step.max, VisibilityTimeout: step.visibility })).Messages ?? [];
        if (fifo) {
          const byGroup = new Map<string, number[]>();
          for (const message of got) {
            const [group, n] = message.Body!.split(":") as [string, string];
            expect(blocked.has(group), `group ${group} delivered while in flight`).toBe(false);
            byGroup.set(group, [...(byGroup.get(group) ?? []), Number(n)]);
          }
          for (const [group, ns] of byGroup) {
            // In send order, starting at the oldest message of the group still in the queue (or moved on this receive).
            expect(ns).toEqual([...ns].sort((a, b) => a - b));
            const live = sentBodies.filter((entry) => entry.group === group && !gone.has(entry.id)).map((entry) => entry.n);
            // A message moved to the DLQ on this very receive is skipped; otherwise the oldest comes first.
            const movedNow = new Set(ctx.trace.of("sqs.message.moved-to-dlq").filter((e) => !gone.has(e.messageId) && e.queueUrl === url).map((e) => e.messageId));
            const oldest = Math.min(...sentBodies.filter((entry) => entry.group === group && !gone.has(entry.id) && !movedNow.has(entry.id)).map((entry) => entry.n));
            expect(ns[0]).toBe(oldest);
            expect(live.length).toBeGreaterThan(0);
          }
        }
        for (const message of got) {
          if (step.visibility > 0) inFlight.set(message.MessageId!, { handle: message.ReceiptHandle!, body: message.Body! });
          else inFlight.delete(message.MessageId!);
        }
        break;
      }
      case "delete":
      case "visibility": {
        const keys = [...inFlight.keys()];
        if (keys.length === 0) break;
        const id = keys[step.pick % keys.length] as string;
        const entry = inFlight.get(id)!;
        inFlight.delete(id);
        try {
          if (step.kind === "delete") await sqs.deleteMessage({ QueueUrl: url, ReceiptHandle: entry.handle });
          else {
            await sqs.changeMessageVisibility({ QueueUrl: url, ReceiptHandle: entry.handle, VisibilityTimeout: step.seconds });
            if (step.seconds > 0) inFlight.set(id, entry);
          }
        } catch (error) {
          // The message's visibility may have expired meanwhile: then it is no longer in flight.
          expect((error as { code?: string }).code).toBe("MessageNotInflight");
        }
        break;
      }
      case "advance":
        await ctx.scheduler.advance(step.ms);
        // Whatever expired meanwhile is no longer held by us.
        inFlight.clear();
        break;
    }
    const count = (type: "sqs.message.deleted" | "sqs.message.moved-to-dlq" | "sqs.message.expired", queue = url) =>
      ctx.trace.of(type).filter((e) => e.queueUrl === queue).length;
    const attributes = (await sqs.getQueueAttributes({ QueueUrl: url, AttributeNames: ["All"] })).Attributes!;
    const live = Number(attributes.ApproximateNumberOfMessages) + Number(attributes.ApproximateNumberOfMessagesNotVisible) + Number(attributes.ApproximateNumberOfMessagesDelayed);
    expect(live + count("sqs.message.deleted") + count("sqs.message.moved-to-dlq") + count("sqs.message.expired")).toBe(sent.length);
    // Each message leaves at most once.
    const left = ctx.trace.events.filter((e) => (e.type === "sqs.message.deleted" || e.type === "sqs.message.moved-to-dlq" || e.type === "sqs.message.expired") && e.queueUrl === url);
    expect(new Set(left.map((e) => (e as { messageId: string }).messageId)).size).toBe(left.length);
  }
}

describe("conservation and FIFO order (fast-check)", () => {
  it("standard queues never lose or duplicate a message", async () => {
    await fc.assert(fc.asyncProperty(fc.array(op, { maxLength: 60 }), (ops) => check(false, ops)), { numRuns: 120, seed: 42 });
  });

  it("FIFO queues conserve messages and keep group order", async () => {
    await fc.assert(fc.asyncProperty(fc.array(op, { maxLength: 60 }), (ops) => check(true, ops)), { numRuns: 120, seed: 42 });
  });
});
