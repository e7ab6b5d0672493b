/**
 * Regressions: moves between queues must never strand the messages left behind ("Amazon SQS dead-letter
 * queues", "Amazon SQS dead-letter queue redrive").
 */
import { createSimContext, type SimContextOptions } from "@simcloud/core";
import { inEveryClockMode } from "@simcloud/core/testing";
import type { ModeHarness } from "@simcloud/core/testing";
import { expect, it } from "vitest";
import { createQueueService } from "./sqs";

/** What each test works on: a SimContext and the queue service on it (the scheduler is what inEveryClockMode drives). */
const world = (options: SimContextOptions) => {
  const ctx = createSimContext(options);
  return { ctx, scheduler: ctx.scheduler, sqs: createQueueService(ctx) };
};

const arn = (name: string): string => `arn:aws:sqs:us-east-1:000000000000:${name}`;

async function withDlq(h: ModeHarness<ReturnType<typeof world>>, fifo: boolean, maxReceiveCount = 1): Promise<{ url: string; dlqUrl: string }> {
  const suffix = fifo ? ".fifo" : "";
  const fifoAttributes = fifo ? { FifoQueue: "true", ContentBasedDeduplication: "true" } : {};
  const dlqUrl = (await h.subject.sqs.createQueue({ QueueName: `dlq${suffix}`, Attributes: fifoAttributes })).QueueUrl!;
  const url = (
    await h.subject.sqs.createQueue({
      QueueName: `jobs${suffix}`,
      Attributes: { ...fifoAttributes, VisibilityTimeout: "30", RedrivePolicy: JSON.stringify({ deadLetterTargetArn: arn(`dlq${suffix}`), maxReceiveCount }) },
    })
  ).QueueUrl!;
  return { url, dlqUrl };
}

inEveryClockMode("no stranded messages", world, (setup) => {
  it("a standard queue's DLQ move during ReceiveMessage leaves the other messages receivable", async () => {
    const h = setup();
    const { url, dlqUrl } = await withDlq(h, false);
    await h.subject.sqs.sendMessage({ QueueUrl: url, MessageBody: "poison" });
    expect((await h.subject.sqs.receiveMessage({ QueueUrl: url })).Messages!.map((m) => m.Body)).toEqual(["poison"]);
    await h.advance(30_000);
    await h.subject.sqs.sendMessage({ QueueUrl: url, MessageBody: "good-1" });
    await h.subject.sqs.sendMessage({ QueueUrl: url, MessageBody: "good-2" });
    const got = await h.subject.sqs.receiveMessage({ QueueUrl: url, MaxNumberOfMessages: 10 });
    expect(got.Messages!.map((m) => m.Body)).toEqual(["good-1", "good-2"]);
    expect((await h.subject.sqs.receiveMessage({ QueueUrl: dlqUrl })).Messages!.map((m) => m.Body)).toEqual(["poison"]);
    // Messages behind a moved one in the middle of the list, too.
    await h.subject.sqs.sendMessage({ QueueUrl: url, MessageBody: "good-3" });
    await h.advance(30_000);
    await h.subject.sqs.sendMessage({ QueueUrl: url, MessageBody: "good-4" });
    expect((await h.subject.sqs.receiveMessage({ QueueUrl: url, MaxNumberOfMessages: 1 })).Messages!.map((m) => m.Body)).toEqual(["good-3"]);
    expect((await h.subject.sqs.receiveMessage({ QueueUrl: url, MaxNumberOfMessages: 10 })).Messages!.map((m) => m.Body)).toEqual(["good-4"]);
  });
});

inEveryClockMode("message move tasks strand nothing", world, (setup) => {
  for (const fifo of [false, true]) {
    it(`${fifo ? "FIFO" : "standard"}: a task whose destination queue was deleted fails (AWS.SimpleQueueService.NonExistentQueue) and its messages stay receivable`, async () => {
      const h = setup();
      const { url, dlqUrl } = await withDlq(h, fifo);
      const suffix = fifo ? ".fifo" : "";
      const group = fifo ? { MessageGroupId: "g" } : {};
      const destinationUrl = (await h.subject.sqs.createQueue({ QueueName: `dest${suffix}`, Attributes: fifo ? { FifoQueue: "true" } : {} })).QueueUrl!;
      for (const body of ["m1", "m2"]) {
        await h.subject.sqs.sendMessage({ QueueUrl: url, MessageBody: body, ...group });
        await h.subject.sqs.receiveMessage({ QueueUrl: url, VisibilityTimeout: 0 });
        await h.subject.sqs.receiveMessage({ QueueUrl: url, VisibilityTimeout: 0 });
      }
      await h.settle();
      expect((await h.subject.sqs.getQueueAttributes({ QueueUrl: dlqUrl, AttributeNames: ["ApproximateNumberOfMessages"] })).Attributes).toEqual({ ApproximateNumberOfMessages: "2" });
      const { TaskHandle } = await h.subject.sqs.startMessageMoveTask({ SourceArn: arn(`dlq${suffix}`), DestinationArn: arn(`dest${suffix}`) });
      expect(TaskHandle).toBeDefined();
      await h.subject.sqs.deleteQueue({ QueueUrl: destinationUrl });
      await h.advance(5_000);
      const { Results } = await h.subject.sqs.listMessageMoveTasks({ SourceArn: arn(`dlq${suffix}`) });
      expect(Results).toMatchObject([{ Status: "FAILED", FailureReason: "AWS.SimpleQueueService.NonExistentQueue", ApproximateNumberOfMessagesMoved: 0 }]);
      expect(Results![0]!.TaskHandle).toBeUndefined();
      const got = await h.subject.sqs.receiveMessage({ QueueUrl: dlqUrl, MaxNumberOfMessages: 10 });
      expect(got.Messages!.map((m) => m.Body)).toEqual(["m1", "m2"]);
    });
  }
});
