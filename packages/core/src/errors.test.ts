import { describe, expect, it } from "vitest";
import { AwsError, defineErrors } from "./errors";

describe("defineErrors defaults", () => {
  const errors = defineErrors(
    {
      ResourceNotFoundException: { statusCode: 404 },
      TooManyRequestsException: { statusCode: 429, fields: { retryAfterSeconds: "1" } },
      ServiceException: { statusCode: 500, fields: { Type: "Service" } },
    },
    { fields: { Type: "User" }, queryCode: "Shared" },
  );

  it("every entry carries the catalogue's default fields and options; an entry's own win", () => {
    const notFound = errors.ResourceNotFoundException("Function not found: f");
    expect(notFound).toBeInstanceOf(AwsError);
    expect(notFound).toMatchObject({ code: "ResourceNotFoundException", statusCode: 404, queryCode: "Shared", fields: { Type: "User" } });
    expect(errors.ServiceException("boom").fields).toEqual({ Type: "Service" });
    expect(errors.ServiceException("boom").fault).toBe("server");
  });

  it("a call's fields merge over the entry's and the defaults, without sharing objects between errors", () => {
    const limited = errors.TooManyRequestsException("Rate Exceeded.", { Reason: "ReservedFunctionConcurrentInvocationLimitExceeded" });
    expect(limited.fields).toEqual({ Type: "User", retryAfterSeconds: "1", Reason: "ReservedFunctionConcurrentInvocationLimitExceeded" });
    const a = errors.ResourceNotFoundException("a");
    const b = errors.ResourceNotFoundException("b");
    expect(a.fields).not.toBe(b.fields);
  });

  it("without defaults, an error has exactly the fields its call gave", () => {
    const plain = defineErrors({ QueueDoesNotExist: { queryCode: "AWS.SimpleQueueService.NonExistentQueue" } });
    expect(plain.QueueDoesNotExist("x").fields).toEqual({});
    expect(plain.QueueDoesNotExist("x", { QueueUrl: "u" }).fields).toEqual({ QueueUrl: "u" });
  });
});
