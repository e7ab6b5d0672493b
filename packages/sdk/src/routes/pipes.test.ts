/** PipesClient drives every Pipes action through the REST-JSON route; a pipe moves SQS messages through a filter and a Lambda enrichment to a queue. */
import * as PI from "@aws-sdk/client-pipes";
import { createSimContext, type SimContext } from "@simcloud/core";
import { createPipesService, type PipesService } from "@simcloud/event-bus";
import { createFunctionService, type FunctionService } from "@simcloud/function";
import { createQueueService, type QueueService } from "@simcloud/queue";
import { beforeEach, describe, expect, expectTypeOf, it } from "vitest";
import { createClientConfig } from "../client-config";

let context: SimContext;
let pipes: PipesService;
let sqs: QueueService;
let lambda: FunctionService;
let client: PI.PipesClient;

beforeEach(() => {
  context = createSimContext();
  pipes = createPipesService(context);
  sqs = createQueueService(context);
  lambda = createFunctionService(context);
  client = new PI.PipesClient(createClientConfig({ pipes, sqs }, context));
});

const arn = (name: string) => `arn:aws:sqs:us-east-1:000000000000:${name}`;

describe("PipesClient", () => {
  it("SQS → FilterCriteria → Lambda enrichment with InputTemplate → SQS target with InputTemplate, in batches", async () => {
    const source = (await sqs.createQueue({ QueueName: "orders" })).QueueUrl as string;
    const target = (await sqs.createQueue({ QueueName: "enriched" })).QueueUrl as string;
    const batches: unknown[] = [];
    await lambda.createFunction({
      FunctionName: "enrich",
      handler: async (events: { id: number }[]) => {
        batches.push(events);
        return events.map((event) => ({ ...event, vip: event.id % 2 === 1 }));
      },
    });
    const created = await client.send(
      new PI.CreatePipeCommand({
        Name: "orders-pipe",
        RoleArn: "arn:aws:iam::000000000000:role/pipes",
        Source: arn("orders"),
        SourceParameters: { FilterCriteria: { Filters: [{ Pattern: JSON.stringify({ body: { kind: ["order"] } }) }] }, SqsQueueParameters: { BatchSize: 5, MaximumBatchingWindowInSeconds: 2 } },
        Enrichment: "arn:aws:lambda:us-east-1:000000000000:function:enrich",
        EnrichmentParameters: { InputTemplate: '{"id": <$.body.id>}' },
        Target: arn("enriched"),
        TargetParameters: { InputTemplate: '{"order": <$.id>, "vip": <$.vip>, "pipe": "<aws.pipes.pipe-name>"}' },
        Tags: { team: "a" },
      }),
    );
    expect(created).toMatchObject({ Arn: "arn:aws:pipes:us-east-1:000000000000:pipe/orders-pipe", CurrentState: "RUNNING", DesiredState: "RUNNING" });
    for (const id of [1, 2, 3]) await sqs.sendMessage({ QueueUrl: source, MessageBody: JSON.stringify({ kind: "order", id }) });
    await sqs.sendMessage({ QueueUrl: source, MessageBody: JSON.stringify({ kind: "refund", id: 9 }) });
    await context.scheduler.advance(5_000);
    expect(batches).toEqual([[{ id: 1 }, { id: 2 }, { id: 3 }]]);
    const out = await sqs.receiveMessage({ QueueUrl: target, MaxNumberOfMessages: 10 });
    expect(out.Messages?.map((message) => JSON.parse(message.Body as string) as unknown)).toEqual([
      { order: 1, vip: true, pipe: "orders-pipe" },
      { order: 2, vip: false, pipe: "orders-pipe" },
      { order: 3, vip: true, pipe: "orders-pipe" },
    ]);
    // Delivered and filtered-out messages are deleted from the source.
    await context.scheduler.advance(60_000);
    expect((await sqs.getQueueAttributes({ QueueUrl: source, AttributeNames: ["All"] })).Attributes).toMatchObject({ ApproximateNumberOfMessages: "0", ApproximateNumberOfMessagesNotVisible: "0" });

    expect((await client.send(new PI.DescribePipeCommand({ Name: "orders-pipe" }))).Tags).toEqual({ team: "a" });
    expect((await client.send(new PI.ListPipesCommand({ NamePrefix: "orders" }))).Pipes?.map((pipe) => pipe.Name)).toEqual(["orders-pipe"]);
    expect((await client.send(new PI.StopPipeCommand({ Name: "orders-pipe" }))).CurrentState).toBe("STOPPED");
    await sqs.sendMessage({ QueueUrl: source, MessageBody: JSON.stringify({ kind: "order", id: 4 }) });
    await context.scheduler.advance(60_000);
    expect(batches).toHaveLength(1);
    expect((await client.send(new PI.StartPipeCommand({ Name: "orders-pipe" }))).CurrentState).toBe("RUNNING");
    await context.scheduler.advance(60_000);
    expect(batches).toHaveLength(2);
    await client.send(new PI.UpdatePipeCommand({ Name: "orders-pipe", RoleArn: "arn:aws:iam::000000000000:role/pipes", Description: "updated" }));
    expect((await client.send(new PI.DescribePipeCommand({ Name: "orders-pipe" }))).Description).toBe("updated");
    await client.send(new PI.TagResourceCommand({ resourceArn: created.Arn, tags: { k: "v" } }));
    await client.send(new PI.UntagResourceCommand({ resourceArn: created.Arn, tagKeys: ["team"] }));
    expect((await client.send(new PI.ListTagsForResourceCommand({ resourceArn: created.Arn }))).tags).toEqual({ k: "v" });
    expect((await client.send(new PI.DeletePipeCommand({ Name: "orders-pipe" }))).CurrentState).toBe("DELETING");
    await expect(client.send(new PI.DescribePipeCommand({ Name: "orders-pipe" }))).rejects.toBeInstanceOf(PI.NotFoundException);
  });

  it("rejects what it cannot run, with AWS's exception classes", async () => {
    const base = { RoleArn: "arn:aws:iam::000000000000:role/pipes", Target: arn("t") };
    await expect(client.send(new PI.CreatePipeCommand({ Name: "k", Source: "arn:aws:kinesis:us-east-1:000000000000:stream/s", ...base }))).rejects.toBeInstanceOf(PI.ValidationException);
    await expect(client.send(new PI.CreatePipeCommand({ Name: "b", Source: arn("s"), SourceParameters: { SqsQueueParameters: { BatchSize: 50 } }, ...base }))).rejects.toBeInstanceOf(PI.ValidationException);
    await client.send(new PI.CreatePipeCommand({ Name: "p", Source: arn("s"), DesiredState: "STOPPED", ...base }));
    await expect(client.send(new PI.CreatePipeCommand({ Name: "p", Source: arn("s"), ...base }))).rejects.toBeInstanceOf(PI.ConflictException);
  });

  it("types: SDK inputs fit the native API", () => {
    expectTypeOf<PI.CreatePipeCommandInput>().toExtend<Parameters<PipesService["createPipe"]>[0]>();
    expectTypeOf<PI.ListPipesCommandInput>().toExtend<NonNullable<Parameters<PipesService["listPipes"]>[0]>>();
  });
});
