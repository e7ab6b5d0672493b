/** EventBridgeClient drives every EventBridge action through the AWS JSON 1.1 route; types prove SDK inputs fit. */
import * as EB from "@aws-sdk/client-eventbridge";
import { createSimContext, type SimContext } from "@simcloud/core";
import { createEventBridgeService, type EventBridgeService } from "@simcloud/event-bus";
import { createQueueService, type QueueService } from "@simcloud/queue";
import { beforeEach, describe, expect, expectTypeOf, it } from "vitest";
import { createClientConfig } from "../client-config";

let context: SimContext;
let events: EventBridgeService;
let sqs: QueueService;
let client: EB.EventBridgeClient;

beforeEach(() => {
  context = createSimContext({ seed: 3 });
  events = createEventBridgeService(context);
  sqs = createQueueService(context);
  client = new EB.EventBridgeClient(createClientConfig({ events, sqs }, context));
});

describe("EventBridgeClient", () => {
  it("buses, rules, targets, PutEvents to a queue, TestEventPattern, permissions and tags", async () => {
    const { QueueUrl } = await sqs.createQueue({ QueueName: "q" });
    const bus = await client.send(new EB.CreateEventBusCommand({ Name: "orders", Tags: [{ Key: "a", Value: "b" }] }));
    expect(bus.EventBusArn).toBe("arn:aws:events:us-east-1:000000000000:event-bus/orders");
    const described = await client.send(new EB.DescribeEventBusCommand({ Name: "orders" }));
    expect(described.CreationTime).toEqual(new Date(Date.UTC(2025, 0, 1)));
    expect((await client.send(new EB.ListEventBusesCommand({}))).EventBuses?.map((item) => item.Name)).toEqual(["default", "orders"]);
    await client.send(new EB.UpdateEventBusCommand({ Name: "orders", Description: "d" }));
    const { RuleArn } = await client.send(new EB.PutRuleCommand({ Name: "r", EventBusName: "orders", EventPattern: JSON.stringify({ source: ["app"] }) }));
    expect(RuleArn).toBe("arn:aws:events:us-east-1:000000000000:rule/orders/r");
    await client.send(new EB.PutTargetsCommand({ Rule: "r", EventBusName: "orders", Targets: [{ Id: "q", Arn: "arn:aws:sqs:us-east-1:000000000000:q" }] }));
    expect((await client.send(new EB.ListTargetsByRuleCommand({ Rule: "r", EventBusName: "orders" }))).Targets).toEqual([{ Id: "q", Arn: "arn:aws:sqs:us-east-1:000000000000:q" }]);
    expect((await client.send(new EB.ListRuleNamesByTargetCommand({ TargetArn: "arn:aws:sqs:us-east-1:000000000000:q", EventBusName: "orders" }))).RuleNames).toEqual(["r"]);
    expect((await client.send(new EB.DescribeRuleCommand({ Name: "r", EventBusName: "orders" }))).State).toBe("ENABLED");
    await client.send(new EB.DisableRuleCommand({ Name: "r", EventBusName: "orders" }));
    await client.send(new EB.EnableRuleCommand({ Name: "r", EventBusName: "orders" }));
    expect((await client.send(new EB.ListRulesCommand({ EventBusName: "orders" }))).Rules?.map((rule) => rule.Name)).toEqual(["r"]);
    const put = await client.send(
      new EB.PutEventsCommand({ Entries: [{ Source: "app", DetailType: "t", Detail: '{"n":1}', EventBusName: "orders", Time: new Date("2024-12-31T23:59:59Z") }, { Source: "app", DetailType: "t" }] }),
    );
    expect(put.FailedEntryCount).toBe(1);
    expect(put.Entries?.[1]).toEqual({ ErrorCode: "InvalidArgument", ErrorMessage: "Parameter Detail is not valid. Reason: Detail is a required argument." });
    await context.scheduler.settle();
    const received = await sqs.receiveMessage({ QueueUrl: QueueUrl as string });
    expect(JSON.parse(received.Messages?.[0]?.Body as string)).toMatchObject({ id: put.Entries?.[0]?.EventId, time: "2024-12-31T23:59:59Z", detail: { n: 1 } });
    const event = JSON.stringify({ id: "1", account: "1", source: "app", time: "t", region: "r", "detail-type": "t", resources: [], detail: {} });
    expect((await client.send(new EB.TestEventPatternCommand({ EventPattern: '{"source":["app"]}', Event: event }))).Result).toBe(true);
    await client.send(new EB.PutPermissionCommand({ EventBusName: "orders", Action: "events:PutEvents", Principal: "111122223333", StatementId: "s" }));
    await client.send(new EB.RemovePermissionCommand({ EventBusName: "orders", StatementId: "s" }));
    await client.send(new EB.TagResourceCommand({ ResourceARN: RuleArn, Tags: [{ Key: "k", Value: "v" }] }));
    await client.send(new EB.UntagResourceCommand({ ResourceARN: RuleArn, TagKeys: ["k"] }));
    expect((await client.send(new EB.ListTagsForResourceCommand({ ResourceARN: bus.EventBusArn }))).Tags).toEqual([{ Key: "a", Value: "b" }]);
    await client.send(new EB.RemoveTargetsCommand({ Rule: "r", EventBusName: "orders", Ids: ["q"] }));
    await client.send(new EB.DeleteRuleCommand({ Name: "r", EventBusName: "orders" }));
    await client.send(new EB.DeleteEventBusCommand({ Name: "orders" }));
  });

  it("archives and replays, with timestamps as epoch seconds both ways", async () => {
    const bus = (await client.send(new EB.DescribeEventBusCommand({}))).Arn as string;
    const { ArchiveArn } = await client.send(new EB.CreateArchiveCommand({ ArchiveName: "a", EventSourceArn: bus }));
    await client.send(new EB.PutEventsCommand({ Entries: [{ Source: "app", DetailType: "t", Detail: "{}" }] }));
    expect((await client.send(new EB.DescribeArchiveCommand({ ArchiveName: "a" }))).EventCount).toBe(1);
    await client.send(new EB.UpdateArchiveCommand({ ArchiveName: "a", RetentionDays: 3 }));
    expect((await client.send(new EB.ListArchivesCommand({}))).Archives?.[0]?.RetentionDays).toBe(3);
    const start = new Date(Date.UTC(2025, 0, 1));
    await client.send(new EB.StartReplayCommand({ ReplayName: "x", EventSourceArn: ArchiveArn, EventStartTime: start, EventEndTime: new Date(start.getTime() + 1000), Destination: { Arn: bus } }));
    await context.scheduler.settle();
    const replay = await client.send(new EB.DescribeReplayCommand({ ReplayName: "x" }));
    expect(replay).toMatchObject({ State: "COMPLETED", EventStartTime: start });
    expect((await client.send(new EB.ListReplaysCommand({}))).Replays?.map((item) => item.ReplayName)).toEqual(["x"]);
    await expect(client.send(new EB.CancelReplayCommand({ ReplayName: "x" }))).rejects.toBeInstanceOf(EB.IllegalStatusException);
    await client.send(new EB.DeleteArchiveCommand({ ArchiveName: "a" }));
  });

  it("errors arrive as the SDK's exception classes with AWS's messages", async () => {
    const error = await client.send(new EB.DescribeRuleCommand({ Name: "nope" })).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(EB.ResourceNotFoundException);
    expect((error as Error).message).toBe("Rule nope does not exist on EventBus default.");
    await expect(client.send(new EB.PutRuleCommand({ Name: "r", EventPattern: '{"source":"x"}' }))).rejects.toBeInstanceOf(EB.InvalidEventPatternException);
    const validation = await client.send(new EB.DeleteEventBusCommand({ Name: "default" })).catch((caught: unknown) => caught);
    expect((validation as Error).name).toBe("ValidationException");
    expect((validation as Error).message).toBe("Cannot delete event bus default.");
  });
});

describe("types: SDK command inputs fit the native API", () => {
  it("every action", () => {
    expectTypeOf<EB.PutRuleCommandInput>().toExtend<Parameters<EventBridgeService["putRule"]>[0]>();
    expectTypeOf<EB.PutTargetsCommandInput>().toExtend<Parameters<EventBridgeService["putTargets"]>[0]>();
    expectTypeOf<EB.PutEventsCommandInput>().toExtend<Parameters<EventBridgeService["putEvents"]>[0]>();
    expectTypeOf<EB.CreateEventBusCommandInput>().toExtend<Parameters<EventBridgeService["createEventBus"]>[0]>();
    expectTypeOf<EB.RemoveTargetsCommandInput>().toExtend<Parameters<EventBridgeService["removeTargets"]>[0]>();
    expectTypeOf<EB.ListRulesCommandInput>().toExtend<NonNullable<Parameters<EventBridgeService["listRules"]>[0]>>();
    expectTypeOf<EB.TestEventPatternCommandInput>().toExtend<Parameters<EventBridgeService["testEventPattern"]>[0]>();
    expectTypeOf<EB.PutPermissionCommandInput>().toExtend<Parameters<EventBridgeService["putPermission"]>[0]>();
    expectTypeOf<EB.CreateArchiveCommandInput>().toExtend<Parameters<EventBridgeService["createArchive"]>[0]>();
    expectTypeOf<EB.StartReplayCommandInput>().toExtend<Parameters<EventBridgeService["startReplay"]>[0]>();
    expectTypeOf<EB.TagResourceCommandInput>().toExtend<Parameters<EventBridgeService["tagResource"]>[0]>();
  });
});
