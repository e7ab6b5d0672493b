import { createSimContext, type SimContextOptions } from "@simcloud/core";
import { awsError, inEveryClockMode } from "@simcloud/core/testing";
import { expect, it } from "vitest";
import { createQueueService } from "./sqs";

/** What each test works on: a SimContext and the queue service on it (the scheduler is what inEveryClockMode drives). */
const world = (options: SimContextOptions) => {
  const ctx = createSimContext(options);
  return { ctx, scheduler: ctx.scheduler, sqs: createQueueService(ctx) };
};

inEveryClockMode("SQS FIFO, dead-letter queues and queue management", world, (setup) => {
  it("Exactly-once processing in Amazon SQS: 5-minute deduplication window, increasing SequenceNumber, group order", async () => {
    const h = setup();
    const url = (await h.subject.sqs.createQueue({ QueueName: "orders.fifo", Attributes: { FifoQueue: "true", ContentBasedDeduplication: "true" } })).QueueUrl!;
    const a = await h.subject.sqs.sendMessage({ QueueUrl: url, MessageBody: "a", MessageGroupId: "g" });
    const dup = await h.subject.sqs.sendMessage({ QueueUrl: url, MessageBody: "a", MessageGroupId: "g" });
    expect(dup.MessageId).toBe(a.MessageId);
    const b = await h.subject.sqs.sendMessage({ QueueUrl: url, MessageBody: "b", MessageGroupId: "g", MessageDeduplicationId: "explicit" });
    expect(BigInt(b.SequenceNumber!)).toBeGreaterThan(BigInt(a.SequenceNumber!));
    await h.advance(300_000);
    const again = await h.subject.sqs.sendMessage({ QueueUrl: url, MessageBody: "a", MessageGroupId: "g" });
    expect(again.MessageId).not.toBe(a.MessageId);
    const got = await h.subject.sqs.receiveMessage({ QueueUrl: url, MaxNumberOfMessages: 10, MessageSystemAttributeNames: ["MessageGroupId", "SequenceNumber", "MessageDeduplicationId"] });
    expect(got.Messages!.map((m) => m.Body)).toEqual(["a", "b", "a"]);
    expect(got.Messages![1]!.Attributes).toEqual({ MessageGroupId: "g", SequenceNumber: b.SequenceNumber, MessageDeduplicationId: "explicit" });
    expect(h.subject.ctx.trace.of("sqs.message.deduplicated")).toHaveLength(1);
  });

  it("a group stays blocked while in flight and resumes in order after visibility expiry; other groups flow", async () => {
    const h = setup();
    const url = (await h.subject.sqs.createQueue({ QueueName: "groups.fifo", Attributes: { FifoQueue: "true", VisibilityTimeout: "10" } })).QueueUrl!;
    await h.subject.sqs.sendMessageBatch({
      QueueUrl: url,
      Entries: ["a1", "a2", "b1"].map((body) => ({ Id: body, MessageBody: body, MessageGroupId: body[0]!, MessageDeduplicationId: body })),
    });
    const first = await h.subject.sqs.receiveMessage({ QueueUrl: url });
    expect(first.Messages!.map((m) => m.Body)).toEqual(["a1"]);
    const b = await h.subject.sqs.receiveMessage({ QueueUrl: url, MaxNumberOfMessages: 10 });
    expect(b.Messages!.map((m) => m.Body)).toEqual(["b1"]);
    await h.subject.sqs.deleteMessage({ QueueUrl: url, ReceiptHandle: b.Messages![0]!.ReceiptHandle! });
    await h.advance(9_999);
    expect((await h.subject.sqs.receiveMessage({ QueueUrl: url, MaxNumberOfMessages: 10 })).Messages).toBeUndefined();
    await h.advance(1);
    expect((await h.subject.sqs.receiveMessage({ QueueUrl: url, MaxNumberOfMessages: 10 })).Messages!.map((m) => m.Body)).toEqual(["a1", "a2"]);
  });

  it("ReceiveRequestAttemptId returns the same batch and receipt handles within the window", async () => {
    const h = setup();
    const url = (await h.subject.sqs.createQueue({ QueueName: "attempt.fifo", Attributes: { FifoQueue: "true" } })).QueueUrl!;
    await h.subject.sqs.sendMessage({ QueueUrl: url, MessageBody: "x", MessageGroupId: "g", MessageDeduplicationId: "x" });
    const one = await h.subject.sqs.receiveMessage({ QueueUrl: url, ReceiveRequestAttemptId: "try-1" });
    const two = await h.subject.sqs.receiveMessage({ QueueUrl: url, ReceiveRequestAttemptId: "try-1" });
    expect(two).toEqual(one);
    expect((await h.subject.sqs.receiveMessage({ QueueUrl: url, ReceiveRequestAttemptId: "try-2" })).Messages).toBeUndefined();
  });

  it("FIFO validation: MessageGroupId required, per-message delay and missing dedup id rejected, .fifo naming", async () => {
    const h = setup();
    const url = (await h.subject.sqs.createQueue({ QueueName: "strict.fifo", Attributes: { FifoQueue: "true", DeduplicationScope: "messageGroup", FifoThroughputLimit: "perMessageGroupId" } })).QueueUrl!;
    expect((await awsError(h.subject.sqs.sendMessage({ QueueUrl: url, MessageBody: "x", MessageDeduplicationId: "d" }))).code).toBe("MissingParameter");
    expect((await awsError(h.subject.sqs.sendMessage({ QueueUrl: url, MessageBody: "x", MessageGroupId: "g" }))).code).toBe("InvalidParameterValue");
    expect((await awsError(h.subject.sqs.sendMessage({ QueueUrl: url, MessageBody: "x", MessageGroupId: "g", MessageDeduplicationId: "d", DelaySeconds: 1 }))).code).toBe(
      "InvalidParameterValue",
    );
    expect((await awsError(h.subject.sqs.createQueue({ QueueName: "nofifo", Attributes: { FifoQueue: "true" } }))).code).toBe("InvalidParameterValue");
    expect((await awsError(h.subject.sqs.createQueue({ QueueName: "std.fifo" }))).code).toBe("InvalidParameterValue");
    expect((await awsError(h.subject.sqs.createQueue({ QueueName: "x.fifo", Attributes: { FifoQueue: "true", FifoThroughputLimit: "perMessageGroupId" } }))).code).toBe(
      "InvalidAttributeValue",
    );
    const std = (await h.subject.sqs.createQueue({ QueueName: "std" })).QueueUrl!;
    expect((await awsError(h.subject.sqs.sendMessage({ QueueUrl: std, MessageBody: "x", MessageDeduplicationId: "d" }))).code).toBe("InvalidParameterValue");
    expect((await awsError(h.subject.sqs.setQueueAttributes({ QueueUrl: std, Attributes: { ContentBasedDeduplication: "true" } }))).code).toBe("InvalidAttributeName");
  });

  it("Amazon SQS dead-letter queues: moved on the receive that exceeds maxReceiveCount, keeping MessageId and enqueue time; redrive back", async () => {
    const h = setup();
    const dlq = await h.subject.sqs.createQueue({ QueueName: "dlq", Attributes: { MessageRetentionPeriod: "120" } });
    const dlqArn = "arn:aws:sqs:us-east-1:000000000000:dlq";
    const src = (
      await h.subject.sqs.createQueue({ QueueName: "src", Attributes: { RedrivePolicy: JSON.stringify({ deadLetterTargetArn: dlqArn, maxReceiveCount: "1" }) } })
    ).QueueUrl!;
    const sent = await h.subject.sqs.sendMessage({ QueueUrl: src, MessageBody: "poison" });
    await h.advance(100_000);
    await h.subject.sqs.receiveMessage({ QueueUrl: src, VisibilityTimeout: 0 });
    expect((await h.subject.sqs.receiveMessage({ QueueUrl: src })).Messages).toBeUndefined();
    const moved = await h.subject.sqs.receiveMessage({ QueueUrl: dlq.QueueUrl!, VisibilityTimeout: 0, MessageSystemAttributeNames: ["DeadLetterQueueSourceArn", "ApproximateReceiveCount"] });
    // The DLQ copy keeps its receive count: one receive in the source, one here (AWS's recorded test_dead_letter_queue_message_attributes).
    expect(moved.Messages![0]).toMatchObject({ MessageId: sent.MessageId, Attributes: { DeadLetterQueueSourceArn: "arn:aws:sqs:us-east-1:000000000000:src", ApproximateReceiveCount: "2" } });
    expect(h.subject.ctx.trace.of("sqs.message.moved-to-dlq")).toEqual([expect.objectContaining({ messageId: sent.MessageId, receiveCount: 1 })]);
    expect((await h.subject.sqs.getQueueAttributes({ QueueUrl: src, AttributeNames: ["RedrivePolicy"] })).Attributes).toEqual({
      RedrivePolicy: `{"deadLetterTargetArn":"${dlqArn}","maxReceiveCount":1}`,
    });
    expect(await h.subject.sqs.listDeadLetterSourceQueues({ QueueUrl: dlq.QueueUrl! })).toEqual({ queueUrls: [src] });
    const task = await h.subject.sqs.startMessageMoveTask({ SourceArn: dlqArn });
    await h.settle();
    expect((await h.subject.sqs.listMessageMoveTasks({ SourceArn: dlqArn })).Results).toEqual([
      expect.objectContaining({ Status: "COMPLETED", ApproximateNumberOfMessagesMoved: 1, ApproximateNumberOfMessagesToMove: 1 }),
    ]);
    expect((await awsError(h.subject.sqs.cancelMessageMoveTask({ TaskHandle: task.TaskHandle! }))).code).toBe("ResourceNotFoundException");
    const back = await h.subject.sqs.receiveMessage({ QueueUrl: src });
    expect(back.Messages![0]!.MessageId).toBe(sent.MessageId);
    expect((await awsError(h.subject.sqs.startMessageMoveTask({ SourceArn: "arn:aws:sqs:us-east-1:000000000000:src" }))).code).toBe("InvalidParameterValue");
    // The DLQ's retention counts from the original enqueue (100 s earlier): 120 s retention ends 20 s after the move.
    const second = (await h.subject.sqs.createQueue({ QueueName: "src2", Attributes: { RedrivePolicy: JSON.stringify({ deadLetterTargetArn: dlqArn, maxReceiveCount: 1 }) } })).QueueUrl!;
    await h.subject.sqs.sendMessage({ QueueUrl: second, MessageBody: "old" });
    await h.advance(100_000);
    await h.subject.sqs.receiveMessage({ QueueUrl: second, VisibilityTimeout: 0 });
    await h.subject.sqs.receiveMessage({ QueueUrl: second });
    await h.advance(20_000);
    expect(h.subject.ctx.trace.of("sqs.message.expired").map((e) => e.queueUrl)).toEqual([dlq.QueueUrl]);
  });

  it("RedrivePolicy checks: target exists, same type, RedriveAllowPolicy respected", async () => {
    const h = setup();
    await h.subject.sqs.createQueue({ QueueName: "closed", Attributes: { RedriveAllowPolicy: JSON.stringify({ redrivePermission: "denyAll" }) } });
    await h.subject.sqs.createQueue({ QueueName: "fifo-dlq.fifo", Attributes: { FifoQueue: "true" } });
    const policy = (name: string) => ({ RedrivePolicy: JSON.stringify({ deadLetterTargetArn: `arn:aws:sqs:us-east-1:000000000000:${name}`, maxReceiveCount: 3 }) });
    expect((await awsError(h.subject.sqs.createQueue({ QueueName: "a", Attributes: policy("missing") }))).code).toBe("InvalidParameterValue");
    expect((await awsError(h.subject.sqs.createQueue({ QueueName: "b", Attributes: policy("fifo-dlq.fifo") }))).code).toBe("InvalidParameterValue");
    expect((await awsError(h.subject.sqs.createQueue({ QueueName: "c", Attributes: policy("closed") }))).code).toBe("InvalidParameterValue");
    expect((await h.subject.sqs.listQueues({})).QueueUrls).toHaveLength(2);
  });

  it("queue management: URLs and ARNs in AWS format, idempotent CreateQueue, ListQueues paging, attributes, tags, permissions, purge, delete", async () => {
    const h = setup();
    const created = await h.subject.sqs.createQueue({ QueueName: "alpha", Attributes: { VisibilityTimeout: "40" }, tags: { team: "a" } });
    expect(created.QueueUrl).toBe("https://sqs.us-east-1.amazonaws.com/000000000000/alpha");
    expect(await h.subject.sqs.createQueue({ QueueName: "alpha", Attributes: { VisibilityTimeout: "40" } })).toEqual(created);
    expect((await awsError(h.subject.sqs.createQueue({ QueueName: "alpha", Attributes: { VisibilityTimeout: "41" } }))).code).toBe("QueueNameExists");
    expect((await awsError(h.subject.sqs.createQueue({ QueueName: "bad name" }))).code).toBe("InvalidParameterValue");
    expect((await awsError(h.subject.sqs.createQueue({ QueueName: "x", Attributes: { Bogus: "1" } as never }))).code).toBe("InvalidAttributeName");
    for (const name of ["alpha-2", "alpha-3", "beta"]) await h.subject.sqs.createQueue({ QueueName: name });
    const page1 = await h.subject.sqs.listQueues({ QueueNamePrefix: "alpha", MaxResults: 2 });
    expect(page1.QueueUrls!.map((u) => u.split("/").pop())).toEqual(["alpha", "alpha-2"]);
    const page2 = await h.subject.sqs.listQueues({ QueueNamePrefix: "alpha", MaxResults: 2, NextToken: page1.NextToken! });
    expect(page2).toEqual({ QueueUrls: ["https://sqs.us-east-1.amazonaws.com/000000000000/alpha-3"] });
    // The token is the kit's (paginate): one from another prefix, or an edited one, is SQS's invalid-token error.
    for (const NextToken of [page1.NextToken!, `${page1.NextToken!}x`, "garbage"]) {
      const error = await awsError(h.subject.sqs.listQueues({ QueueNamePrefix: "alph", MaxResults: 2, NextToken }));
      expect([error.code, error.message]).toEqual(["InvalidParameterValue", "Invalid NextToken value."]);
    }
    await h.advance(5_000);
    await h.subject.sqs.setQueueAttributes({ QueueUrl: created.QueueUrl!, Attributes: { DelaySeconds: "3" } });
    const all = (await h.subject.sqs.getQueueAttributes({ QueueUrl: created.QueueUrl!, AttributeNames: ["All"] })).Attributes!;
    expect(all).toMatchObject({
      QueueArn: "arn:aws:sqs:us-east-1:000000000000:alpha",
      VisibilityTimeout: "40",
      DelaySeconds: "3",
      MaximumMessageSize: "1048576",
      MessageRetentionPeriod: "345600",
      ReceiveMessageWaitTimeSeconds: "0",
      CreatedTimestamp: "1735689600",
      LastModifiedTimestamp: "1735689605",
    });
    expect((await awsError(h.subject.sqs.getQueueAttributes({ QueueUrl: created.QueueUrl!, AttributeNames: ["Nope" as "All"] }))).code).toBe("InvalidAttributeName");
    await h.subject.sqs.tagQueue({ QueueUrl: created.QueueUrl!, Tags: { env: "test" } });
    await h.subject.sqs.untagQueue({ QueueUrl: created.QueueUrl!, TagKeys: ["team"] });
    expect(await h.subject.sqs.listQueueTags({ QueueUrl: created.QueueUrl! })).toEqual({ Tags: { env: "test" } });
    // The kit's TagSet with SQS's error: lengths, the aws: prefix and the 50-tag quota; a rejected call changes nothing.
    const many = Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`k${i}`, "v"]));
    for (const Tags of [{ "": "v" }, { k: "v".repeat(257) }, { "AWS:x": "v" }, many]) {
      expect((await awsError(h.subject.sqs.tagQueue({ QueueUrl: created.QueueUrl!, Tags }))).code).toBe("InvalidParameterValue");
    }
    expect((await awsError(h.subject.sqs.tagQueue({ QueueUrl: created.QueueUrl!, Tags: many }))).message).toBe("Too many tags added for queue. A queue can have at most 50 tags.");
    expect((await awsError(h.subject.sqs.createQueue({ QueueName: "over", tags: { ...many, extra: "v" } }))).code).toBe("InvalidParameterValue");
    expect(await h.subject.sqs.listQueueTags({ QueueUrl: created.QueueUrl! })).toEqual({ Tags: { env: "test" } });
    await h.subject.sqs.addPermission({ QueueUrl: created.QueueUrl!, Label: "p1", AWSAccountIds: ["111122223333"], Actions: ["SendMessage"] });
    expect((await awsError(h.subject.sqs.addPermission({ QueueUrl: created.QueueUrl!, Label: "p1", AWSAccountIds: ["111122223333"], Actions: ["SendMessage"] }))).code).toBe(
      "InvalidParameterValue",
    );
    const policy = JSON.parse((await h.subject.sqs.getQueueAttributes({ QueueUrl: created.QueueUrl!, AttributeNames: ["Policy"] })).Attributes!.Policy!);
    expect(policy.Statement).toEqual([
      // One principal and one action are strings, as AWS answered (recorded test_sqs_permission_lifecycle).
      { Sid: "p1", Effect: "Allow", Principal: { AWS: "arn:aws:iam::111122223333:root" }, Action: "SQS:SendMessage", Resource: "arn:aws:sqs:us-east-1:000000000000:alpha" },
    ]);
    await h.subject.sqs.removePermission({ QueueUrl: created.QueueUrl!, Label: "p1" });
    expect((await h.subject.sqs.getQueueAttributes({ QueueUrl: created.QueueUrl!, AttributeNames: ["Policy"] })).Attributes).toEqual({});
    expect((await awsError(h.subject.sqs.removePermission({ QueueUrl: created.QueueUrl!, Label: "p1" }))).code).toBe("InvalidParameterValue");
    expect(h.subject.ctx.registry.resolve("queue", "arn:aws:sqs:us-east-1:000000000000:alpha")?.port.url).toBe(created.QueueUrl);
    await h.subject.sqs.deleteQueue({ QueueUrl: created.QueueUrl! });
    expect(h.subject.ctx.registry.has("arn:aws:sqs:us-east-1:000000000000:alpha")).toBe(false);
    expect((await awsError(h.subject.sqs.getQueueUrl({ QueueName: "alpha" }))).code).toBe("QueueDoesNotExist");
    expect((await awsError(h.subject.sqs.createQueue({ QueueName: "alpha" }))).code).toBe("QueueDeletedRecently");
    await h.advance(60_000);
    await h.subject.sqs.createQueue({ QueueName: "alpha" });
    expect((await awsError(h.subject.sqs.sendMessage({ QueueUrl: "not a url", MessageBody: "x" }))).code).toBe("InvalidAddress");
  });

  it("QueuePort: other services send, receive (long poll), delete and change visibility through the registry", async () => {
    const h = setup();
    const url = (await h.subject.sqs.createQueue({ QueueName: "port", Attributes: { VisibilityTimeout: "5" } })).QueueUrl!;
    const port = h.subject.ctx.registry.resolve("queue", "arn:aws:sqs:us-east-1:000000000000:port")!.port;
    expect(port.attributes()).toEqual({ fifo: false, visibilityTimeoutSeconds: 5 });
    const waiting = port.receive({ WaitTimeSeconds: 20, MessageSystemAttributeNames: ["SenderId"] });
    await h.advance(1_000);
    port.send({ MessageBody: "from sns" }, { principal: "sns.amazonaws.com" });
    const [message] = await waiting;
    expect(message).toMatchObject({ Body: "from sns", Attributes: { SenderId: "sns.amazonaws.com" } });
    port.changeVisibility(message!.ReceiptHandle, 0);
    const [again] = await port.receive({});
    port.deleteMessage(again!.ReceiptHandle);
    expect((await h.subject.sqs.getQueueAttributes({ QueueUrl: url, AttributeNames: ["ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible"] })).Attributes).toEqual({
      ApproximateNumberOfMessages: "0",
      ApproximateNumberOfMessagesNotVisible: "0",
    });
    await h.subject.sqs.deleteQueue({ QueueUrl: url });
    expect(() => port.send({ MessageBody: "late" })).toThrow(expect.objectContaining({ code: "QueueDoesNotExist" }));
  });
});
