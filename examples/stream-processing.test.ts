/**
 * Clickstream processing on Kinesis (Lambda Developer Guide: "Using AWS Lambda with Amazon Kinesis", "Kinesis
 * error handling"; Kinesis Developer Guide: "Resharding a stream"). Clicks are keyed by user id, so each user's
 * clicks land on one shard in order. A Lambda mapping with BisectBatchOnFunctionError processes them; one click
 * is poison and is isolated by bisection, then discarded after its retries to an SQS on-failure queue. Half-way
 * through producing, the stream's shard is split: the mapping finishes the parent before reading its children,
 * so every user's clicks are still processed in the order they were made.
 */
import { createCloud, type KinesisEventRecord } from "simcloud";
import { expect, it } from "vitest";

interface Click {
  user: string;
  n: number;
  page: string;
}

it("a clickstream keeps per-user order through a split, and bisection isolates the poison click", async () => {
  await using cloud = createCloud({ seed: 3 });
  const streamArn = "arn:aws:kinesis:us-east-1:000000000000:stream/clicks";
  await cloud.kinesis.createStream({ StreamName: "clicks", ShardCount: 1 });
  await cloud.advance(1_000);
  await cloud.sqs.createQueue({ QueueName: "clicks-failed" });

  const processed = new Map<string, number[]>();
  await cloud.lambda.createFunction({
    FunctionName: "sessionize",
    handler: async (event: { Records: KinesisEventRecord[] }) => {
      const clicks = event.Records.map((record) => JSON.parse(Buffer.from(record.kinesis.data, "base64").toString("utf8")) as Click);
      // The whole batch fails when it holds the poison click: nothing of it counts as processed.
      if (clicks.some((click) => click.page === "/poison")) throw new Error("cannot parse page");
      for (const click of clicks) processed.set(click.user, [...(processed.get(click.user) ?? []), click.n]);
    },
  });
  await cloud.lambda.createEventSourceMapping({
    FunctionName: "sessionize",
    EventSourceArn: streamArn,
    StartingPosition: "TRIM_HORIZON",
    BatchSize: 50,
    BisectBatchOnFunctionError: true,
    MaximumRetryAttempts: 2,
    DestinationConfig: { OnFailure: { Destination: "arn:aws:sqs:us-east-1:000000000000:clicks-failed" } },
  });

  const users = ["ana", "bo", "cy", "di", "ed", "flo"];
  const sent = new Map<string, number[]>();
  const produce = async (round: number): Promise<void> => {
    const Records = users.map((user) => {
      const click: Click = { user, n: round, page: user === "cy" && round === 3 ? "/poison" : `/p${round}` };
      if (click.page !== "/poison") sent.set(user, [...(sent.get(user) ?? []), round]);
      return { Data: new TextEncoder().encode(JSON.stringify(click)), PartitionKey: user };
    });
    const out = await cloud.kinesis.putRecords({ StreamName: "clicks", Records });
    expect(out.FailedRecordCount).toBe(0);
  };

  for (let round = 0; round < 5; round++) {
    await produce(round);
    await cloud.advance(200);
  }
  // Split while producing: the parent closes, two children take its halves of the hash key space.
  await cloud.kinesis.splitShard({ StreamName: "clicks", ShardToSplit: "shardId-000000000000", NewStartingHashKey: (2n ** 127n).toString() });
  for (let round = 5; round < 10; round++) {
    await produce(round);
    await cloud.advance(200);
  }
  await cloud.advance(120_000);

  const shards = (await cloud.kinesis.listShards({ StreamName: "clicks" })).Shards;
  expect(shards.map((shard) => shard.ParentShardId)).toEqual([undefined, "shardId-000000000000", "shardId-000000000000"]);

  // Every good click was processed exactly once, in the order each user made them.
  for (const user of users) expect(processed.get(user)).toEqual(sent.get(user));

  // The poison click alone was discarded, after its retries, to the on-failure queue.
  const { Messages = [] } = await cloud.sqs.receiveMessage({ QueueUrl: "https://sqs.us-east-1.amazonaws.com/000000000000/clicks-failed", MaxNumberOfMessages: 10 });
  expect(Messages).toHaveLength(1);
  const failure = JSON.parse(Messages[0]?.Body as string) as { requestContext: { condition: string }; KinesisBatchInfo: { batchSize: number; shardId: string } };
  expect(failure.requestContext.condition).toBe("RetryAttemptsExhausted");
  expect(failure.KinesisBatchInfo).toMatchObject({ batchSize: 1, shardId: "shardId-000000000000" });
});
