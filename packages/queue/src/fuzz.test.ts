/**
 * Wrong-typed values in every member of every SQS action's input: each call either succeeds or fails with an
 * AwsError (never a TypeError or another plain error), and a call that fails changes nothing (no trace event, the
 * same queue attributes, tags and messages).
 */
import { createSimContext } from "@simcloud/core";
import { describeInputFuzz } from "@simcloud/core/testing";
import { SQS_INPUTS } from "./input-shapes";
import { createQueueService, type QueueService } from "./sqs";

const ARN = (name: string): string => `arn:aws:sqs:us-east-1:000000000000:${name}`;
const URL = (name: string): string => `https://sqs.us-east-1.amazonaws.com/000000000000/${name}`;

interface World {
  sqs: QueueService;
  events: () => number;
  handle: string;
  fifoHandle: string;
  taskHandle: string;
  snapshot: () => Promise<string>;
}

async function world(): Promise<World> {
  const ctx = createSimContext({ seed: 7 });
  const sqs = createQueueService(ctx);
  await sqs.createQueue({ QueueName: "dlq" });
  await sqs.createQueue({ QueueName: "q", Attributes: { RedrivePolicy: JSON.stringify({ deadLetterTargetArn: ARN("dlq"), maxReceiveCount: 1 }) } });
  await sqs.createQueue({ QueueName: "q.fifo", Attributes: { FifoQueue: "true" } });
  // A second DLQ with a running move task, for CancelMessageMoveTask.
  await sqs.createQueue({ QueueName: "dlq2" });
  await sqs.createQueue({ QueueName: "q2", Attributes: { RedrivePolicy: JSON.stringify({ deadLetterTargetArn: ARN("dlq2"), maxReceiveCount: 1 }) } });
  const { TaskHandle: taskHandle } = await sqs.startMessageMoveTask({ SourceArn: ARN("dlq2") });
  for (const body of ["a", "b", "c"]) await sqs.sendMessage({ QueueUrl: URL("q"), MessageBody: body });
  await sqs.sendMessage({ QueueUrl: URL("q.fifo"), MessageBody: "f", MessageGroupId: "g", MessageDeduplicationId: "d" });
  await sqs.addPermission({ QueueUrl: URL("q"), Label: "p", AWSAccountIds: ["111122223333"], Actions: ["SendMessage"] });
  const handle = (await sqs.receiveMessage({ QueueUrl: URL("q") })).Messages![0]!.ReceiptHandle!;
  const fifoHandle = (await sqs.receiveMessage({ QueueUrl: URL("q.fifo") })).Messages![0]!.ReceiptHandle!;
  // Two moved to the DLQ, so a move task has something to do.
  await sqs.receiveMessage({ QueueUrl: URL("q"), MaxNumberOfMessages: 10, VisibilityTimeout: 0 });
  await sqs.receiveMessage({ QueueUrl: URL("q"), MaxNumberOfMessages: 10, VisibilityTimeout: 0 });
  const snapshot = async (): Promise<string> => {
    const parts: unknown[] = [];
    for (const name of ["dlq", "q", "q.fifo"]) {
      const attributes = await sqs.getQueueAttributes({ QueueUrl: URL(name), AttributeNames: ["All"] }).catch(() => "gone");
      parts.push(attributes, await sqs.listQueueTags({ QueueUrl: URL(name) }).catch(() => "gone"));
    }
    for (const source of ["dlq", "dlq2"]) parts.push(await sqs.listMessageMoveTasks({ SourceArn: ARN(source), MaxResults: 10 }).catch(() => "gone"));
    return JSON.stringify(parts);
  };
  return { sqs, events: () => ctx.trace.events.length, handle, fifoHandle, taskHandle: taskHandle!, snapshot };
}

/** A valid input per action: the fuzz changes one member at a time from here. */
function baselines(w: World): { [K in keyof typeof SQS_INPUTS]: Record<string, unknown> } {
  const q = URL("q");
  const attribute = { color: { DataType: "String", StringValue: "red" }, blob: { DataType: "Binary", BinaryValue: Buffer.from("b") } };
  return {
    createQueue: { QueueName: "new", Attributes: { VisibilityTimeout: "10" }, tags: { team: "a" } },
    deleteQueue: { QueueUrl: q },
    getQueueUrl: { QueueName: "q", QueueOwnerAWSAccountId: "000000000000" },
    listQueues: { QueueNamePrefix: "q", MaxResults: 5 },
    getQueueAttributes: { QueueUrl: q, AttributeNames: ["All"] },
    setQueueAttributes: { QueueUrl: q, Attributes: { DelaySeconds: "1", Policy: JSON.stringify({ Statement: [{ Sid: "s" }] }) } },
    tagQueue: { QueueUrl: q, Tags: { k: "v" } },
    untagQueue: { QueueUrl: q, TagKeys: ["k"] },
    listQueueTags: { QueueUrl: q },
    purgeQueue: { QueueUrl: q },
    sendMessage: { QueueUrl: q, MessageBody: "m", DelaySeconds: 0, MessageAttributes: attribute, MessageSystemAttributes: { AWSTraceHeader: { DataType: "String", StringValue: "Root=1" } } },
    sendMessageBatch: {
      QueueUrl: q,
      Entries: [
        { Id: "a", MessageBody: "1", MessageAttributes: attribute },
        { Id: "b", MessageBody: "2", DelaySeconds: 1 },
        { Id: "c", MessageBody: "3" },
      ],
    },
    receiveMessage: {
      QueueUrl: q,
      AttributeNames: ["All"],
      MessageSystemAttributeNames: ["SenderId"],
      MessageAttributeNames: ["All"],
      MaxNumberOfMessages: 2,
      VisibilityTimeout: 5,
      WaitTimeSeconds: 0,
    },
    deleteMessage: { QueueUrl: q, ReceiptHandle: w.handle },
    deleteMessageBatch: { QueueUrl: URL("q.fifo"), Entries: [{ Id: "a", ReceiptHandle: w.fifoHandle }] },
    changeMessageVisibility: { QueueUrl: q, ReceiptHandle: w.handle, VisibilityTimeout: 10 },
    changeMessageVisibilityBatch: { QueueUrl: URL("q.fifo"), Entries: [{ Id: "a", ReceiptHandle: w.fifoHandle, VisibilityTimeout: 0 }] },
    listDeadLetterSourceQueues: { QueueUrl: URL("dlq"), MaxResults: 5 },
    startMessageMoveTask: { SourceArn: ARN("dlq"), DestinationArn: ARN("q"), MaxNumberOfMessagesPerSecond: 1 },
    cancelMessageMoveTask: { TaskHandle: w.taskHandle },
    listMessageMoveTasks: { SourceArn: ARN("dlq"), MaxResults: 10 },
    addPermission: { QueueUrl: q, Label: "l", AWSAccountIds: ["111122223333"], Actions: ["SendMessage"] },
    removePermission: { QueueUrl: q, Label: "p" },
  };
}

describeInputFuzz("SQS native inputs: wrong types are AWS errors and change nothing", {
  shapes: SQS_INPUTS,
  world,
  baselines,
  action: (w, name) => (w.sqs[name] as (input: unknown) => Promise<unknown>).bind(w.sqs),
});
