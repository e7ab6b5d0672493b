/**
 * EventBridge wired to the real Step Functions and Kinesis simulators: a rule starting a state machine execution,
 * a state machine's `events:putEvents` task reaching a bus, and a Kinesis target keyed by PartitionKeyPath.
 */
import { createCloud } from "simcloud";
import { expect, it } from "vitest";

const ROLE = "arn:aws:iam::000000000000:role/r";

it("a rule starts a real state machine execution with the rule's input", async () => {
  await using cloud = createCloud();
  const { stateMachineArn } = await cloud.sfn.createStateMachine({
    name: "fulfil",
    roleArn: ROLE,
    definition: JSON.stringify({ StartAt: "Done", States: { Done: { Type: "Pass", End: true } } }),
  });
  await cloud.events.putRule({ Name: "orders", EventPattern: JSON.stringify({ source: ["shop"] }) });
  await cloud.events.putTargets({ Rule: "orders", Targets: [{ Id: "sfn", Arn: stateMachineArn!, RoleArn: ROLE, InputPath: "$.detail" }] });
  await cloud.events.putEvents({ Entries: [{ Source: "shop", DetailType: "x", Detail: JSON.stringify({ id: 7 }) }] });
  await cloud.advance(1_000);
  const { executions } = await cloud.sfn.listExecutions({ stateMachineArn: stateMachineArn! });
  expect(executions).toHaveLength(1);
  const described = await cloud.sfn.describeExecution({ executionArn: executions![0]!.executionArn! });
  expect(described.status).toBe("SUCCEEDED");
  expect(JSON.parse(described.input!)).toEqual({ id: 7 });
  expect(JSON.parse(described.output!)).toEqual({ id: 7 });
});

it("a state machine's events:putEvents task reaches a real bus and its rules", async () => {
  await using cloud = createCloud();
  const sink = (await cloud.sqs.createQueue({ QueueName: "sink" })).QueueUrl!;
  await cloud.events.createEventBus({ Name: "app" });
  await cloud.events.putRule({ Name: "all", EventBusName: "app", EventPattern: JSON.stringify({ source: ["workflow"] }) });
  await cloud.events.putTargets({ Rule: "all", EventBusName: "app", Targets: [{ Id: "q", Arn: "arn:aws:sqs:us-east-1:000000000000:sink" }] });
  const { stateMachineArn } = await cloud.sfn.createStateMachine({
    name: "emit",
    roleArn: ROLE,
    definition: JSON.stringify({
      StartAt: "Emit",
      States: {
        Emit: {
          Type: "Task",
          Resource: "arn:aws:states:::events:putEvents",
          Parameters: { Entries: [{ EventBusName: "app", Source: "workflow", DetailType: "Step", "Detail.$": "$" }] },
          End: true,
        },
      },
    }),
  });
  const { executionArn } = await cloud.sfn.startExecution({ stateMachineArn: stateMachineArn!, input: JSON.stringify({ n: 1 }) });
  await cloud.advance(1_000);
  const described = await cloud.sfn.describeExecution({ executionArn: executionArn! });
  expect(described.status).toBe("SUCCEEDED");
  const output = JSON.parse(described.output!) as { FailedEntryCount: number; Entries: { EventId: string }[] };
  expect(output.FailedEntryCount).toBe(0);
  const received = await cloud.sqs.receiveMessage({ QueueUrl: sink });
  const event = JSON.parse(received.Messages![0]!.Body!) as { id: string; source: string; detail: unknown };
  expect(event).toMatchObject({ source: "workflow", "detail-type": "Step", detail: { n: 1 } });
  expect(event.id).toBe(output.Entries[0]!.EventId);
});

it("a Kinesis target keyed by PartitionKeyPath puts the event into a real stream", async () => {
  await using cloud = createCloud();
  await cloud.kinesis.createStream({ StreamName: "clicks", ShardCount: 1 });
  await cloud.advance(1_000);
  const streamArn = "arn:aws:kinesis:us-east-1:000000000000:stream/clicks";
  await cloud.events.putRule({ Name: "clicks", EventPattern: JSON.stringify({ source: ["web"] }) });
  await cloud.events.putTargets({ Rule: "clicks", Targets: [{ Id: "k", Arn: streamArn, RoleArn: ROLE, KinesisParameters: { PartitionKeyPath: "$.detail.user" } }] });
  await cloud.events.putEvents({ Entries: [{ Source: "web", DetailType: "click", Detail: JSON.stringify({ user: "ana" }) }] });
  await cloud.advance(1_000);
  const shardId = (await cloud.kinesis.listShards({ StreamName: "clicks" })).Shards![0]!.ShardId!;
  const { ShardIterator } = await cloud.kinesis.getShardIterator({ StreamName: "clicks", ShardId: shardId, ShardIteratorType: "TRIM_HORIZON" });
  const { Records } = await cloud.kinesis.getRecords({ ShardIterator: ShardIterator! });
  expect(Records).toHaveLength(1);
  expect(Records![0]!.PartitionKey).toBe("ana");
  expect(JSON.parse(new TextDecoder().decode(Records![0]!.Data))).toMatchObject({ source: "web", detail: { user: "ana" } });
});
