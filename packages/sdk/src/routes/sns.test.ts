/**
 * SNS wire translation through a real SNSClient. The service here is a recorder returning SDK-shaped outputs, so the
 * test pins exactly what input the service receives (booleans, binary values, renamed map parts) and what arbitrary
 * output survives the XML. Every action against the real topic service is in sns-service.test.ts.
 */
import {
  GetTopicAttributesCommand,
  PublishBatchCommand,
  PublishCommand,
  SNSClient,
  SubscribeCommand,
  TagResourceCommand,
} from "@aws-sdk/client-sns";
import { createSimContext } from "@simcloud/core";
import { describe, expect, it } from "vitest";
import { createClientConfig } from "../client-config";

function recordingSns(outputs: Record<string, (input: Record<string, unknown>) => unknown>) {
  const calls: [string, Record<string, unknown>][] = [];
  const service = new Proxy(
    {},
    {
      get: (_target, name: string) =>
        name in outputs
          ? async (input: Record<string, unknown>) => {
              calls.push([name, input]);
              return outputs[name]!(input);
            }
          : undefined,
    },
  );
  return { service, calls };
}

const context = () => createSimContext({ seed: 5 });

describe("SNS wire translation through SNSClient", () => {
  it("publishes with message attributes, binary ones included, and reads the MessageId back from XML", async () => {
    const { service, calls } = recordingSns({ publish: () => ({ MessageId: "m-1", SequenceNumber: undefined }) });
    const client = new SNSClient(createClientConfig({ sns: service }, context()));
    const output = await client.send(
      new PublishCommand({
        TopicArn: "arn:aws:sns:us-east-1:000000000000:t",
        Message: "line 1\r\nline <2> & 'three'",
        Subject: "s",
        MessageAttributes: { n: { DataType: "Number", StringValue: "5" }, b: { DataType: "Binary", BinaryValue: new Uint8Array([1, 2, 3]) } },
      }),
    );
    expect(output.MessageId).toBe("m-1");
    expect(output.$metadata.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(calls).toEqual([
      [
        "publish",
        {
          TopicArn: "arn:aws:sns:us-east-1:000000000000:t",
          Message: "line 1\r\nline <2> & 'three'",
          Subject: "s",
          MessageAttributes: { n: { DataType: "Number", StringValue: "5" }, b: { DataType: "Binary", BinaryValue: new Uint8Array([1, 2, 3]) } },
        },
      ],
    ]);
  });

  it("carries batch entries, attributes maps, booleans and tag lists both ways", async () => {
    const { service, calls } = recordingSns({
      publishBatch: () => ({ Successful: [{ Id: "a", MessageId: "m" }], Failed: [{ Id: "b", Code: "InvalidParameter", SenderFault: true, Message: "bad" }] }),
      subscribe: () => ({ SubscriptionArn: "arn:sub" }),
      tagResource: () => ({}),
      getTopicAttributes: () => ({ Attributes: { Policy: '{"Statement":[]}', DisplayName: "a\nb" } }),
    });
    const client = new SNSClient(createClientConfig({ sns: service }, context()));
    const batch = await client.send(new PublishBatchCommand({ TopicArn: "t", PublishBatchRequestEntries: [{ Id: "a", Message: "x" }, { Id: "b", Message: "y" }] }));
    expect(batch.Successful).toEqual([{ Id: "a", MessageId: "m" }]);
    expect(batch.Failed).toEqual([{ Id: "b", Code: "InvalidParameter", SenderFault: true, Message: "bad" }]);
    const subscribed = await client.send(new SubscribeCommand({ TopicArn: "t", Protocol: "sqs", Endpoint: "q", Attributes: { RawMessageDelivery: "true" }, ReturnSubscriptionArn: true }));
    expect(subscribed.SubscriptionArn).toBe("arn:sub");
    await client.send(new TagResourceCommand({ ResourceArn: "t", Tags: [{ Key: "k", Value: "v" }] }));
    const attributes = await client.send(new GetTopicAttributesCommand({ TopicArn: "t" }));
    expect(attributes.Attributes).toEqual({ Policy: '{"Statement":[]}', DisplayName: "a\nb" });
    expect(calls.map(([, input]) => input)).toEqual([
      { TopicArn: "t", PublishBatchRequestEntries: [{ Id: "a", Message: "x" }, { Id: "b", Message: "y" }] },
      { TopicArn: "t", Protocol: "sqs", Endpoint: "q", Attributes: { RawMessageDelivery: "true" }, ReturnSubscriptionArn: true },
      { ResourceArn: "t", Tags: [{ Key: "k", Value: "v" }] },
      { TopicArn: "t" },
    ]);
  });
});
