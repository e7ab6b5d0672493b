/**
 * A stored message owns its attributes: a sender reusing its Buffer or its attribute objects, or a consumer editing
 * the MessageAttributes it received, changes neither the stored message nor what the next receiver gets (whose
 * MD5OfMessageAttributes must still match).
 */
import { createSimContext, type MessageAttributeMap } from "@simcloud/core";
import { describe, expect, it } from "vitest";
import { md5OfAttributes } from "./md5";
import { createQueueService } from "./sqs";

async function setup() {
  const sqs = createQueueService(createSimContext());
  const url = (await sqs.createQueue({ QueueName: "q" })).QueueUrl!;
  return { sqs, url };
}

const bytes = (value: Uint8Array | undefined): number[] => [...(value ?? [])];

describe("message attributes are copied in and out", () => {
  it("a sender that reuses its Buffer and attribute objects after SendMessage does not change the stored message", async () => {
    const { sqs, url } = await setup();
    const buffer = Buffer.from([1, 2, 3]);
    const attributes: MessageAttributeMap = { blob: { DataType: "Binary", BinaryValue: buffer }, color: { DataType: "String", StringValue: "red" } };
    const sent = await sqs.sendMessage({ QueueUrl: url, MessageBody: "m", MessageAttributes: attributes });
    buffer.fill(9);
    attributes["color"]!.StringValue = "blue";
    delete attributes["blob"];
    const got = (await sqs.receiveMessage({ QueueUrl: url, MessageAttributeNames: ["All"] })).Messages![0]!;
    expect(bytes(got.MessageAttributes!["blob"]!.BinaryValue)).toEqual([1, 2, 3]);
    expect(got.MessageAttributes!["color"]!.StringValue).toBe("red");
    expect(got.MD5OfMessageAttributes).toBe(sent.MD5OfMessageAttributes);
    expect(md5OfAttributes(got.MessageAttributes)).toBe(got.MD5OfMessageAttributes);
  });

  it("the same for SendMessageBatch", async () => {
    const { sqs, url } = await setup();
    const buffer = Buffer.from([4, 5]);
    await sqs.sendMessageBatch({ QueueUrl: url, Entries: [{ Id: "a", MessageBody: "m", MessageAttributes: { blob: { DataType: "Binary", BinaryValue: buffer } } }] });
    buffer[0] = 0;
    const got = (await sqs.receiveMessage({ QueueUrl: url, MessageAttributeNames: ["blob"] })).Messages![0]!;
    expect(bytes(got.MessageAttributes!["blob"]!.BinaryValue)).toEqual([4, 5]);
  });

  for (const names of [["All"], ["app.color", "app.blob"], ["app.*"]]) {
    it(`a consumer that edits what it received (MessageAttributeNames ${JSON.stringify(names)}) does not change the message the next receiver gets`, async () => {
      const { sqs, url } = await setup();
      await sqs.sendMessage({
        QueueUrl: url,
        MessageBody: "m",
        MessageAttributes: { "app.blob": { DataType: "Binary", BinaryValue: Buffer.from([7, 7]) }, "app.color": { DataType: "String", StringValue: "red" } },
      });
      const first = (await sqs.receiveMessage({ QueueUrl: url, MessageAttributeNames: names, VisibilityTimeout: 0 })).Messages![0]!;
      first.MessageAttributes!["app.color"]!.StringValue = "blue";
      first.MessageAttributes!["app.blob"]!.BinaryValue![0] = 0;
      delete first.MessageAttributes!["app.color"];
      const second = (await sqs.receiveMessage({ QueueUrl: url, MessageAttributeNames: ["All"] })).Messages![0]!;
      expect(second.MessageAttributes!["app.color"]!.StringValue).toBe("red");
      expect(bytes(second.MessageAttributes!["app.blob"]!.BinaryValue)).toEqual([7, 7]);
      expect(md5OfAttributes(second.MessageAttributes)).toBe(second.MD5OfMessageAttributes);
    });
  }

  it("AWSTraceHeader (a system attribute) is copied too", async () => {
    const { sqs, url } = await setup();
    const system: MessageAttributeMap = { AWSTraceHeader: { DataType: "String", StringValue: "Root=1" } };
    await sqs.sendMessage({ QueueUrl: url, MessageBody: "m", MessageSystemAttributes: system });
    system["AWSTraceHeader"]!.StringValue = "Root=2";
    const got = (await sqs.receiveMessage({ QueueUrl: url, MessageSystemAttributeNames: ["AWSTraceHeader"] })).Messages![0]!;
    expect(got.Attributes).toEqual({ AWSTraceHeader: "Root=1" });
  });
});
