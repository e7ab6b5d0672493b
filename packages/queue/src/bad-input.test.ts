/**
 * Native inputs that used to escape as TypeErrors, or be accepted though AWS refuses them. Each gets AWS's error
 * and changes nothing.
 */
import { createSimContext } from "@simcloud/core";
import { awsError } from "@simcloud/core/testing";
import { describe, expect, it } from "vitest";
import { createQueueService } from "./sqs";

async function setup() {
  const ctx = createSimContext();
  const sqs = createQueueService(ctx);
  const url = (await sqs.createQueue({ QueueName: "q" })).QueueUrl!;
  await sqs.createQueue({ QueueName: "dlq" });
  return { ctx, sqs, url };
}

describe("SQS bad native input", () => {
  it("MessageAttributeNames: [123] is InvalidParameterValue, not a TypeError", async () => {
    const { sqs, url } = await setup();
    await sqs.sendMessage({ QueueUrl: url, MessageBody: "x" });
    const bad = { QueueUrl: url, MessageAttributeNames: [123] } as unknown as Parameters<typeof sqs.receiveMessage>[0];
    expect(await awsError(sqs.receiveMessage(bad))).toMatchObject({
      code: "InvalidParameterValue",
      message: "Value 123 for parameter MessageAttributeNames.1 is invalid. Reason: must be a string.",
    });
    // Nothing was received.
    expect((await sqs.receiveMessage({ QueueUrl: url })).Messages).toHaveLength(1);
  });

  it("a null batch entry rejects the whole batch before anything is stored", async () => {
    const { sqs, url, ctx } = await setup();
    const entries = [{ Id: "a", MessageBody: "1" }, { Id: "b", MessageBody: "2" }, null] as unknown as { Id: string; MessageBody: string }[];
    expect((await awsError(sqs.sendMessageBatch({ QueueUrl: url, Entries: entries }))).code).toBe("InvalidParameterValue");
    expect(ctx.trace.of("sqs.message.sent")).toHaveLength(0);
  });

  it("an array as MessageAttributes is refused", async () => {
    const { sqs, url } = await setup();
    const attributes = [{ DataType: "String", StringValue: "v" }] as unknown as Record<string, { DataType: string }>;
    expect((await awsError(sqs.sendMessage({ QueueUrl: url, MessageBody: "x", MessageAttributes: attributes }))).code).toBe("InvalidParameterValue");
  });

  it("AddPermission on a queue whose Policy is {\"Statement\":[null]}: the policy is refused when set, so nothing reaches a 500", async () => {
    const { sqs, url } = await setup();
    for (const policy of ['{"Statement":[null]}', '{"Statement":[1]}', '{"Statement":"x"}', '{"Statement":null}']) {
      expect(await awsError(sqs.setQueueAttributes({ QueueUrl: url, Attributes: { Policy: policy } })), policy).toMatchObject({
        code: "InvalidAttributeValue",
        message: "Invalid value for the parameter Policy.",
      });
    }
    await sqs.addPermission({ QueueUrl: url, Label: "ok", AWSAccountIds: ["111122223333"], Actions: ["SendMessage"] });
  });

  it("RedrivePolicy maxReceiveCount takes integer text only: \"0x10\", \" 5 \", \"5.0\", \"1e1\" are refused", async () => {
    const { sqs, url } = await setup();
    for (const count of ["0x10", " 5 ", "5.0", "1e1", "", "+5", 5.5, true]) {
      const value = JSON.stringify({ deadLetterTargetArn: "arn:aws:sqs:us-east-1:000000000000:dlq", maxReceiveCount: count });
      expect(await awsError(sqs.setQueueAttributes({ QueueUrl: url, Attributes: { RedrivePolicy: value } })), String(count)).toMatchObject({
        code: "InvalidParameterValue",
        message: `Value ${value} for parameter RedrivePolicy is invalid. Reason: Invalid value for maxReceiveCount: ${String(count)}, valid values are from 1 to 1000 both inclusive.`,
      });
    }
    for (const count of ["5", 5, "1000"]) {
      const value = JSON.stringify({ deadLetterTargetArn: "arn:aws:sqs:us-east-1:000000000000:dlq", maxReceiveCount: count });
      await sqs.setQueueAttributes({ QueueUrl: url, Attributes: { RedrivePolicy: value } });
    }
    const read = await sqs.getQueueAttributes({ QueueUrl: url, AttributeNames: ["RedrivePolicy"] });
    expect(JSON.parse(read.Attributes!.RedrivePolicy!)).toEqual({ deadLetterTargetArn: "arn:aws:sqs:us-east-1:000000000000:dlq", maxReceiveCount: 1000 });
  });
});
