import { AwsError } from "@simcloud/core";
import { describe, expect, it } from "vitest";
import type { JsonRpcRoutes } from "../routes/types";
import { blob, list, structure, timestamp } from "../shapes";
import { text } from "../wire";
import { jsonRpc } from "./json-rpc";
import { wireRequest } from "./test-support";

/** Shaped like Kinesis (`Kinesis_20131202.*`, JSON 1.1, base64 Data, epoch-second timestamps) so its issue only adds routes. */
const kinesisLike: JsonRpcRoutes = {
  service: "kinesis",
  protocol: "json",
  version: "1.1",
  targetPrefix: "Kinesis_20131202",
  internalError: { code: "InternalFailure", statusCode: 500 },
  operations: {
    PutRecords: { input: structure({ Records: list(structure({ Data: blob })) }) },
    GetShardIterator: { input: structure({ Timestamp: timestamp }) },
    GetRecords: {},
  },
};

const eventBridgeLike: JsonRpcRoutes = { ...kinesisLike, service: "events", targetPrefix: "AWSEvents", operations: { PutEvents: { input: structure({ Entries: list(structure({ Time: timestamp })) }) } } };

const sqsLike: JsonRpcRoutes = {
  ...kinesisLike,
  service: "sqs",
  version: "1.0",
  targetPrefix: "AmazonSQS",
  errorNamespace: "com.amazonaws.sqs",
  queryCompatible: true,
  operations: { SendMessage: {} },
};

const target = (value: string) => ({ "x-amz-target": value, "content-type": "application/x-amz-json-1.1" });

describe("AWS JSON codec", () => {
  it("recognises its service by the x-amz-target prefix only", () => {
    expect(jsonRpc.recognises(wireRequest({ headers: target("Kinesis_20131202.GetRecords") }), kinesisLike)).toBe(true);
    expect(jsonRpc.recognises(wireRequest({ headers: target("AWSEvents.PutEvents") }), kinesisLike)).toBe(false);
    expect(jsonRpc.recognises(wireRequest({ headers: {} }), kinesisLike)).toBe(false);
  });

  it("decodes base64 blobs inside lists of structures into bytes (Kinesis PutRecords)", () => {
    const body = JSON.stringify({ StreamName: "s", Records: [{ Data: Buffer.from("hello").toString("base64"), PartitionKey: "p" }] });
    const call = jsonRpc.decode(wireRequest({ headers: target("Kinesis_20131202.PutRecords"), body }), kinesisLike);
    expect(call.operation).toBe("PutRecords");
    const records = call.input.Records as { Data: Uint8Array; PartitionKey: string }[];
    expect(records[0]?.Data).toBeInstanceOf(Uint8Array);
    expect(Buffer.from(records[0]!.Data).toString()).toBe("hello");
    expect(records[0]?.PartitionKey).toBe("p");
  });

  it("decodes epoch-second timestamps, fractional ones included, into Dates", () => {
    const kinesis = jsonRpc.decode(wireRequest({ headers: target("Kinesis_20131202.GetShardIterator"), body: '{"Timestamp":1735689600.5}' }), kinesisLike);
    expect(kinesis.input.Timestamp).toEqual(new Date("2025-01-01T00:00:00.500Z"));
    const events = jsonRpc.decode(wireRequest({ headers: target("AWSEvents.PutEvents"), body: '{"Entries":[{"Time":1735689600}]}' }), eventBridgeLike);
    expect((events.input.Entries as { Time: Date }[])[0]?.Time).toEqual(new Date("2025-01-01T00:00:00Z"));
  });

  it("encodes outputs with blobs as base64 and Dates as epoch seconds, with the 1.1 content type", () => {
    const call = jsonRpc.decode(wireRequest({ headers: target("Kinesis_20131202.GetRecords"), body: "{}" }), kinesisLike);
    const response = jsonRpc.encodeOutput(
      call,
      { Records: [{ Data: new Uint8Array([1, 2, 255]), ApproximateArrivalTimestamp: new Date("2025-01-01T00:00:01.250Z") }] },
      kinesisLike,
      "req-1",
    );
    expect(response.statusCode).toBe(200);
    expect(response.headers).toMatchObject({ "content-type": "application/x-amz-json-1.1", "x-amzn-requestid": "req-1" });
    expect(JSON.parse(text(response.body))).toEqual({ Records: [{ Data: "AQL/", ApproximateArrivalTimestamp: 1735689601.25 }] });
  });

  it("answers an empty output with {}", () => {
    const call = jsonRpc.decode(wireRequest({ headers: target("Kinesis_20131202.GetRecords") }), kinesisLike);
    expect(text(jsonRpc.encodeOutput(call, undefined, kinesisLike, "r").body)).toBe("{}");
  });

  it("throws UnknownOperationException for an operation the table lacks, and SerializationException for a body that is not an object", () => {
    expect(() => jsonRpc.decode(wireRequest({ headers: target("Kinesis_20131202.Explode") }), kinesisLike)).toThrow(
      expect.objectContaining({ code: "UnknownOperationException", statusCode: 400 }),
    );
    for (const body of ["{not json", "[1]", '"text"']) {
      expect(() => jsonRpc.decode(wireRequest({ headers: target("Kinesis_20131202.GetRecords"), body }), kinesisLike)).toThrow(
        expect.objectContaining({ code: "SerializationException", statusCode: 400 }),
      );
    }
  });

  it("encodes errors as __type and message with the error's status; plain JSON services send no query header", () => {
    const error = new AwsError("ResourceNotFoundException", "Stream s under account 000000000000 not found.", { statusCode: 400 });
    const response = jsonRpc.encodeError(error, kinesisLike, "req-2");
    expect(response.statusCode).toBe(400);
    expect(response.headers["x-amzn-query-error"]).toBeUndefined();
    expect(JSON.parse(text(response.body))).toEqual({ __type: "ResourceNotFoundException", message: "Stream s under account 000000000000 not found." });
  });

  it("adds the namespace and x-amzn-query-error (query code, Sender/Receiver) for query-compatible services, plus modelled fields", () => {
    const missing = new AwsError("QueueDoesNotExist", "The specified queue does not exist.", { queryCode: "AWS.SimpleQueueService.NonExistentQueue" });
    const response = jsonRpc.encodeError(missing, sqsLike, "r");
    expect(response.headers["x-amzn-query-error"]).toBe("AWS.SimpleQueueService.NonExistentQueue;Sender");
    expect(JSON.parse(text(response.body))).toEqual({ __type: "com.amazonaws.sqs#QueueDoesNotExist", message: "The specified queue does not exist." });
    const internal = new AwsError("InternalFailure", "boom", { statusCode: 500, fields: { Detail: "x" } });
    const failed = jsonRpc.encodeError(internal, sqsLike, "r");
    expect(failed.headers["x-amzn-query-error"]).toBe("InternalFailure;Receiver");
    expect(JSON.parse(text(failed.body))).toMatchObject({ Detail: "x", message: "boom" });
  });
});
