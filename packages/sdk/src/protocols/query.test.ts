import { AwsError } from "@simcloud/core";
import { describe, expect, it } from "vitest";
import { snsRoutes } from "../routes/sns";
import { text } from "../wire";
import { parseForm } from "./form";
import { query } from "./query";
import { wireRequest } from "./test-support";

const form = (body: string) => wireRequest({ headers: { "content-type": "application/x-www-form-urlencoded; charset=utf-8" }, body });

describe("AWS Query codec", () => {
  it("recognises its service by the form's Version", () => {
    expect(query.recognises(form("Action=ListTopics&Version=2010-03-31"), snsRoutes)).toBe(true);
    expect(query.recognises(form("Action=ListQueues&Version=2012-11-05"), snsRoutes)).toBe(false);
    expect(query.recognises(wireRequest({ body: "Action=ListTopics&Version=2010-03-31" }), snsRoutes)).toBe(false);
  });

  it("reads lists (.member.N, in index order), maps (.entry.N.key/value), Name/Value message attributes, booleans and blobs", () => {
    const body = [
      "Action=Subscribe",
      "Version=2010-03-31",
      "TopicArn=arn%3Aaws%3Asns%3Aus-east-1%3A000000000000%3At",
      "Attributes.entry.1.key=RawMessageDelivery",
      "Attributes.entry.1.value=true",
      "Attributes.entry.2.key=FilterPolicy",
      "Attributes.entry.2.value=%7B%22a%22%3A%5B1%5D%7D",
      "ReturnSubscriptionArn=true",
    ].join("&");
    expect(query.decode(form(body), snsRoutes).input).toEqual({
      TopicArn: "arn:aws:sns:us-east-1:000000000000:t",
      Attributes: { RawMessageDelivery: "true", FilterPolicy: '{"a":[1]}' },
      ReturnSubscriptionArn: true,
    });
    const publish = [
      "Action=PublishBatch",
      "Version=2010-03-31",
      "PublishBatchRequestEntries.member.2.Id=b",
      "PublishBatchRequestEntries.member.2.Message=two+words",
      "PublishBatchRequestEntries.member.10.Id=c",
      "PublishBatchRequestEntries.member.10.Message=x",
      "PublishBatchRequestEntries.member.1.Id=a",
      "PublishBatchRequestEntries.member.1.Message=one",
      "PublishBatchRequestEntries.member.1.MessageAttributes.entry.1.Name=bin",
      "PublishBatchRequestEntries.member.1.MessageAttributes.entry.1.Value.DataType=Binary",
      "PublishBatchRequestEntries.member.1.MessageAttributes.entry.1.Value.BinaryValue=AAH%2F",
    ].join("&");
    const entries = query.decode(form(publish), snsRoutes).input.PublishBatchRequestEntries as Record<string, unknown>[];
    expect(entries.map((entry) => entry.Id)).toEqual(["a", "b", "c"]);
    expect(entries[1]?.Message).toBe("two words");
    expect(entries[0]?.MessageAttributes).toEqual({ bin: { DataType: "Binary", BinaryValue: new Uint8Array([0, 1, 255]) } });
  });

  it("reads a list sent empty (`TagKeys=`) as []", () => {
    expect(query.decode(form("Action=UntagResource&Version=2010-03-31&ResourceArn=r&TagKeys="), snsRoutes).input).toEqual({ ResourceArn: "r", TagKeys: [] });
  });

  it("keeps user keys such as __proto__ as plain map data", () => {
    const input = query.decode(form("Action=CreateTopic&Version=2010-03-31&Name=t&Attributes.entry.1.key=__proto__&Attributes.entry.1.value=x"), snsRoutes).input;
    expect(Object.keys(input.Attributes as object)).toEqual(["__proto__"]);
  });

  it("rejects a missing or unknown Action and a malformed form the way AWS does", () => {
    expect(() => query.decode(form("Version=2010-03-31"), snsRoutes)).toThrow(expect.objectContaining({ code: "MissingAction" }));
    expect(() => query.decode(form("Action=Explode&Version=2010-03-31"), snsRoutes)).toThrow(expect.objectContaining({ code: "InvalidAction", statusCode: 400 }));
    expect(() => parseForm("Action=%E0%A4%A")).toThrow(expect.objectContaining({ code: "MalformedQueryString", statusCode: 404 }));
  });

  it("writes <OpResponse><OpResult> with lists of member, maps of entry, escaped text, and the request id", () => {
    const call = query.decode(form("Action=GetTopicAttributes&Version=2010-03-31&TopicArn=t"), snsRoutes);
    const response = query.encodeOutput(call, { Attributes: { Policy: `{"a":"<&>'\r\n"}` } }, snsRoutes, "rid");
    expect(response.headers["content-type"]).toBe("text/xml");
    expect(text(response.body)).toBe(
      '<GetTopicAttributesResponse xmlns="http://sns.amazonaws.com/doc/2010-03-31/"><GetTopicAttributesResult>' +
        "<Attributes><entry><key>Policy</key><value>{&quot;a&quot;:&quot;&lt;&amp;&gt;&apos;&#xD;&#xA;&quot;}</value></entry></Attributes>" +
        "</GetTopicAttributesResult><ResponseMetadata><RequestId>rid</RequestId></ResponseMetadata></GetTopicAttributesResponse>",
    );
    const list = query.decode(form("Action=ListTopics&Version=2010-03-31"), snsRoutes);
    expect(text(query.encodeOutput(list, { Topics: [{ TopicArn: "a" }, { TopicArn: "b" }] }, snsRoutes, "r").body)).toContain(
      "<ListTopicsResult><Topics><member><TopicArn>a</TopicArn></member><member><TopicArn>b</TopicArn></member></Topics></ListTopicsResult>",
    );
    const empty = query.decode(form("Action=DeleteTopic&Version=2010-03-31&TopicArn=t"), snsRoutes);
    expect(text(query.encodeOutput(empty, {}, snsRoutes, "r").body)).not.toContain("DeleteTopicResult");
  });

  it("writes errors as ErrorResponse with the query code, Sender/Receiver and the status", () => {
    const response = query.encodeError(new AwsError("NotFound", "Topic does not exist", { statusCode: 404, queryCode: "NotFound" }), snsRoutes, "rid");
    expect(response.statusCode).toBe(404);
    expect(text(response.body)).toBe(
      '<ErrorResponse xmlns="http://sns.amazonaws.com/doc/2010-03-31/"><Error><Type>Sender</Type><Code>NotFound</Code>' +
        "<Message>Topic does not exist</Message></Error><RequestId>rid</RequestId></ErrorResponse>",
    );
    const internal = query.encodeError(new AwsError("InternalError", "x", { statusCode: 500 }), snsRoutes, "r");
    expect(text(internal.body)).toContain("<Type>Receiver</Type><Code>InternalError</Code>");
  });
});
