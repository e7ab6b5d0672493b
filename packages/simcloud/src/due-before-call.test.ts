/**
 * Issue #12's porting note: under autoAdvance a call is served only after the work already due at the current instant
 * has run (time does not move), so a receive right after a publish sees the message, through the native API and
 * through real SDK clients alike. Virtual mode (explicit advance/settle) and `clock: "system"` are unchanged.
 */
import { EventBridgeClient, PutEventsCommand, PutRuleCommand, PutTargetsCommand } from "@aws-sdk/client-eventbridge";
import { CreateFunctionCommand, InvokeCommand, LambdaClient } from "@aws-sdk/client-lambda";
import { CreateTopicCommand, PublishCommand, SNSClient, SubscribeCommand } from "@aws-sdk/client-sns";
import { CreateQueueCommand, ReceiveMessageCommand, SQSClient } from "@aws-sdk/client-sqs";
import { inEveryClockMode } from "@simcloud/core/testing";
import { describe, expect, it } from "vitest";
import { createCloud, type Cloud } from "./index";

async function fanOut(cloud: Cloud): Promise<{ topicArn: string; urls: string[] }> {
  const { TopicArn } = await cloud.sns.createTopic({ Name: "orders" });
  const urls: string[] = [];
  for (const name of ["a", "b"]) {
    urls.push((await cloud.sqs.createQueue({ QueueName: name })).QueueUrl!);
    await cloud.sns.subscribe({ TopicArn: TopicArn!, Protocol: "sqs", Endpoint: cloud.sqs.arn(name), Attributes: { RawMessageDelivery: "true" } });
  }
  return { topicArn: TopicArn!, urls };
}

async function bodies(cloud: Cloud, url: string): Promise<string[]> {
  const { Messages } = await cloud.sqs.receiveMessage({ QueueUrl: url, MaxNumberOfMessages: 10 });
  return (Messages ?? []).map((message) => message.Body!);
}

describe("autoAdvance: a call is served after the work already due now", () => {
  it("native: SNS → two SQS queues, then an immediate receive (WaitTimeSeconds 0) sees the message; time has not moved", async () => {
    await using cloud = createCloud({ autoAdvance: true });
    const { topicArn, urls } = await fanOut(cloud);
    const before = cloud.clock.now();
    await cloud.sns.publish({ TopicArn: topicArn, Message: "m1" });
    expect(await bodies(cloud, urls[0]!)).toEqual(["m1"]);
    expect(await bodies(cloud, urls[1]!)).toEqual(["m1"]);
    expect(cloud.clock.now()).toBe(before);
  });

  it("native: a publish not awaited, then a receive, also sees it (the publish's fan-out is due when the receive arrives)", async () => {
    await using cloud = createCloud({ autoAdvance: true });
    const { topicArn, urls } = await fanOut(cloud);
    const published = cloud.sns.publish({ TopicArn: topicArn, Message: "m1" });
    await published;
    const [a, b] = await Promise.all([bodies(cloud, urls[0]!), bodies(cloud, urls[1]!)]);
    expect([a, b]).toEqual([["m1"], ["m1"]]);
  });

  it("native: work due later is not run early (a delayed message stays invisible; time stands still)", async () => {
    await using cloud = createCloud({ autoAdvance: true });
    const { QueueUrl } = await cloud.sqs.createQueue({ QueueName: "q" });
    await cloud.sqs.sendMessage({ QueueUrl: QueueUrl!, MessageBody: "later", DelaySeconds: 5 });
    const before = cloud.clock.now();
    expect(await bodies(cloud, QueueUrl!)).toEqual([]);
    expect(cloud.clock.now()).toBe(before);
  });

  it("native: PutEvents → rule → SQS target, then an immediate receive sees the event", async () => {
    await using cloud = createCloud({ autoAdvance: true });
    const { QueueUrl } = await cloud.sqs.createQueue({ QueueName: "events" });
    await cloud.events.putRule({ Name: "r", EventPattern: JSON.stringify({ source: ["shop"] }) });
    await cloud.events.putTargets({ Rule: "r", Targets: [{ Id: "q", Arn: cloud.sqs.arn("events") }] });
    await cloud.events.putEvents({ Entries: [{ Source: "shop", DetailType: "placed", Detail: JSON.stringify({ id: 1 }) }] });
    const [body] = await bodies(cloud, QueueUrl!);
    expect(JSON.parse(body!)).toMatchObject({ source: "shop", "detail-type": "placed", detail: { id: 1 } });
  });

  it("native: an async invoke whose handler sends to a queue, then an immediate receive sees what the handler sent", async () => {
    await using cloud = createCloud({ autoAdvance: true });
    const { QueueUrl } = await cloud.sqs.createQueue({ QueueName: "out" });
    await cloud.lambda.createFunction({
      FunctionName: "f",
      handler: async (event: { n: number }) => {
        await cloud.sqs.sendMessage({ QueueUrl: QueueUrl!, MessageBody: `handled ${event.n}` });
      },
    });
    await cloud.lambda.invoke({ FunctionName: "f", InvocationType: "Event", Payload: JSON.stringify({ n: 1 }) });
    expect(await bodies(cloud, QueueUrl!)).toEqual(["handled 1"]);
    expect((await cloud.lambda.getFunctionMetrics({ FunctionName: "f" })).Invocations).toBe(1);
  });

  it("SDK: SNSClient publish → SQSClient receive right after sees the fan-out in both queues", async () => {
    await using cloud = createCloud({ autoAdvance: true });
    const sns = new SNSClient(cloud.clientConfig());
    const sqs = new SQSClient(cloud.clientConfig());
    const { TopicArn } = await sns.send(new CreateTopicCommand({ Name: "orders" }));
    const urls: string[] = [];
    for (const name of ["a", "b"]) {
      urls.push((await sqs.send(new CreateQueueCommand({ QueueName: name }))).QueueUrl!);
      await sns.send(new SubscribeCommand({ TopicArn, Protocol: "sqs", Endpoint: cloud.sqs.arn(name), Attributes: { RawMessageDelivery: "true" } }));
    }
    await sns.send(new PublishCommand({ TopicArn, Message: "m1" }));
    for (const url of urls) {
      const { Messages } = await sqs.send(new ReceiveMessageCommand({ QueueUrl: url, WaitTimeSeconds: 0 }));
      expect(Messages?.map((message) => message.Body)).toEqual(["m1"]);
    }
  });

  it("SDK: EventBridgeClient PutEvents → SQS target, SQSClient receive right after sees the event", async () => {
    await using cloud = createCloud({ autoAdvance: true });
    const events = new EventBridgeClient(cloud.clientConfig());
    const sqs = new SQSClient(cloud.clientConfig());
    const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: "events" }));
    await events.send(new PutRuleCommand({ Name: "r", EventPattern: JSON.stringify({ source: ["shop"] }) }));
    await events.send(new PutTargetsCommand({ Rule: "r", Targets: [{ Id: "q", Arn: cloud.sqs.arn("events") }] }));
    await events.send(new PutEventsCommand({ Entries: [{ Source: "shop", DetailType: "placed", Detail: JSON.stringify({ id: 2 }) }] }));
    const { Messages } = await sqs.send(new ReceiveMessageCommand({ QueueUrl, WaitTimeSeconds: 0 }));
    expect(JSON.parse(Messages?.[0]?.Body ?? "null")).toMatchObject({ source: "shop", detail: { id: 2 } });
  });

  it("SDK: LambdaClient async invoke, then SQSClient receive sees what the handler sent", async () => {
    await using cloud = createCloud({ autoAdvance: true });
    const lambda = new LambdaClient(cloud.clientConfig());
    const sqs = new SQSClient(cloud.clientConfig());
    const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: "out" }));
    await cloud.lambda.createFunction({
      FunctionName: "f",
      handler: async (event: { n: number }) => {
        // An SDK call from inside the handler is part of the work being run: served at once.
        await sqs.send(new CreateQueueCommand({ QueueName: "out" }));
        await cloud.sqs.sendMessage({ QueueUrl: QueueUrl!, MessageBody: `handled ${event.n}` });
      },
    });
    const { StatusCode } = await lambda.send(new InvokeCommand({ FunctionName: "f", InvocationType: "Event", Payload: JSON.stringify({ n: 3 }) }));
    expect(StatusCode).toBe(202);
    const { Messages } = await sqs.send(new ReceiveMessageCommand({ QueueUrl, WaitTimeSeconds: 0 }));
    expect(Messages?.map((message) => message.Body)).toEqual(["handled 3"]);
  });

  it("calls from work the scheduler runs (an async invoke's handler) are served at once, in the order virtual mode serves them", async () => {
    const seen: Record<string, number> = {};
    for (const autoAdvance of [false, true]) {
      await using cloud = createCloud({ autoAdvance });
      const { topicArn, urls } = await fanOut(cloud);
      await cloud.lambda.createFunction({
        FunctionName: "f",
        handler: async () => {
          await cloud.sns.publish({ TopicArn: topicArn, Message: "from handler" });
          seen[String(autoAdvance)] = (await cloud.sqs.receiveMessage({ QueueUrl: urls[0]! })).Messages?.length ?? 0;
        },
      });
      await cloud.lambda.invoke({ FunctionName: "f", InvocationType: "Event" });
      if (!autoAdvance) await cloud.settle();
      // autoAdvance: this call runs the invoke, whose handler's publish and receive do not wait for each other.
      expect(await bodies(cloud, urls[1]!)).toEqual(["from handler"]);
    }
    expect(seen).toEqual({ false: 0, true: 0 });
  });

  it("a sync invoke's handler runs in the caller's turn, so its calls are served after the work due now, like the caller's", async () => {
    await using cloud = createCloud({ autoAdvance: true });
    const { topicArn, urls } = await fanOut(cloud);
    await cloud.lambda.createFunction({
      FunctionName: "f",
      handler: async () => {
        await cloud.sns.publish({ TopicArn: topicArn, Message: "from handler" });
        return (await cloud.sqs.receiveMessage({ QueueUrl: urls[0]! })).Messages?.length ?? 0;
      },
    });
    const { Payload } = await cloud.lambda.invoke({ FunctionName: "f" });
    expect(JSON.parse(new TextDecoder().decode(Payload))).toBe(1);
  });

  it("work due now that never ends fails the call with the loop-limit error instead of hanging", async () => {
    await using cloud = createCloud({ autoAdvance: true, loopLimit: 50 });
    const { QueueUrl } = await cloud.sqs.createQueue({ QueueName: "q" });
    const again = (): void => void cloud.scheduler.after(0, again, { label: "spin" });
    again();
    await expect(cloud.sqs.receiveMessage({ QueueUrl: QueueUrl! })).rejects.toThrow(/loop limit|spin/i);
  });

  it("a cloud disposed while a call waits for the work due now rejects that call with CloudDisposedError", async () => {
    const cloud = createCloud({ autoAdvance: true });
    const { urls } = await fanOut(cloud);
    await cloud.lambda.createFunction({ FunctionName: "f", handler: async () => void (await cloud.dispose()) });
    await cloud.lambda.invoke({ FunctionName: "f", InvocationType: "Event" });
    await expect(cloud.sqs.receiveMessage({ QueueUrl: urls[0]! })).rejects.toMatchObject({ name: "CloudDisposedError" });
  });
});

inEveryClockMode("a receive right after a publish", createCloud, (setup) => {
  it("sees the message under autoAdvance; in virtual and system modes once the clock runs the due work", async () => {
    const { subject: cloud, mode, settle } = setup();
    const { topicArn, urls } = await fanOut(cloud);
    await cloud.sns.publish({ TopicArn: topicArn, Message: "m1" });
    const auto = mode === "autoAdvance";
    expect(await bodies(cloud, urls[0]!)).toEqual(auto ? ["m1"] : []);
    await settle();
    // Under autoAdvance the message was received above and is in flight now.
    expect(await bodies(cloud, urls[0]!)).toEqual(auto ? [] : ["m1"]);
    expect(await bodies(cloud, urls[1]!)).toEqual(["m1"]);
  });
});
