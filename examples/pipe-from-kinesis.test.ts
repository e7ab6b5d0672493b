/**
 * A pipe from a Kinesis stream ("Amazon Kinesis stream as a source" in the EventBridge Pipes guide): records are
 * read per shard from TRIM_HORIZON, filtered on their decoded JSON data, and each kept record reaches an SQS queue
 * through an input template; a failing target holds the shard's position and the batch is retried as itself.
 */
import { createCloud } from "simcloud";
import { expect, it } from "vitest";

const ROLE = "arn:aws:iam::000000000000:role/pipes";
const STREAM = "arn:aws:kinesis:us-east-1:000000000000:stream/orders";

it("Kinesis → filter → SQS, in order, with the data decoded for filters and templates", async () => {
  await using cloud = createCloud();
  await cloud.kinesis.createStream({ StreamName: "orders", ShardCount: 1 });
  await cloud.advance(1_000);
  const url = (await cloud.sqs.createQueue({ QueueName: "big" })).QueueUrl!;
  await cloud.pipes.createPipe({
    Name: "big-orders",
    RoleArn: ROLE,
    Source: STREAM,
    SourceParameters: { KinesisStreamParameters: { StartingPosition: "TRIM_HORIZON", BatchSize: 10 }, FilterCriteria: { Filters: [{ Pattern: JSON.stringify({ data: { total: [{ numeric: [">", 100] }] } }) }] } },
    Target: "arn:aws:sqs:us-east-1:000000000000:big",
    TargetParameters: { InputTemplate: '{"order": <$.data.id>, "key": "<$.partitionKey>"}' },
  });
  for (const [id, total] of [[1, 50], [2, 150], [3, 500]] as const) {
    await cloud.kinesis.putRecord({ StreamName: "orders", PartitionKey: `k${id}`, Data: new TextEncoder().encode(JSON.stringify({ id, total })) });
  }
  await cloud.advance(5_000);
  const { Messages } = await cloud.sqs.receiveMessage({ QueueUrl: url, MaxNumberOfMessages: 10 });
  expect(Messages!.map((message) => JSON.parse(message.Body!) as unknown)).toEqual([
    { order: 2, key: "k2" },
    { order: 3, key: "k3" },
  ]);
});

it("a failing target holds the shard: the batch is retried until it succeeds, nothing is skipped", async () => {
  await using cloud = createCloud();
  await cloud.kinesis.createStream({ StreamName: "orders", ShardCount: 1 });
  await cloud.advance(1_000);
  const seen: unknown[] = [];
  let failing = true;
  const webhook = "arn:aws:events:us-east-1:000000000000:api-destination/hook/1";
  cloud.pipes.registerTargetHandler(webhook, (input) => {
    if (failing) throw new Error("503");
    seen.push(JSON.parse(input));
  });
  await cloud.pipes.createPipe({ Name: "p", RoleArn: ROLE, Source: STREAM, SourceParameters: { KinesisStreamParameters: { StartingPosition: "TRIM_HORIZON" } }, Target: webhook, TargetParameters: { InputTemplate: "<$.data>" } });
  await cloud.kinesis.putRecord({ StreamName: "orders", PartitionKey: "a", Data: new TextEncoder().encode('{"n":1}') });
  await cloud.advance(30_000);
  expect(seen).toEqual([]);
  failing = false;
  await cloud.kinesis.putRecord({ StreamName: "orders", PartitionKey: "a", Data: new TextEncoder().encode('{"n":2}') });
  await cloud.advance(120_000);
  expect(seen).toEqual([{ n: 1 }, { n: 2 }]);
  await cloud.pipes.stopPipe({ Name: "p" });
  await cloud.runUntilIdle();
});

it("a Kinesis source needs a StartingPosition", async () => {
  await using cloud = createCloud();
  await expect(cloud.pipes.createPipe({ Name: "p", RoleArn: ROLE, Source: STREAM, Target: "arn:aws:sqs:us-east-1:000000000000:q" })).rejects.toMatchObject({ code: "ValidationException" });
});
