import { describe, expect, it } from "vitest";
import { AwsError } from "./errors";
import { runBatch, type BatchRules } from "./batch";

interface Entry {
  Id?: unknown;
  Body?: string;
}

const rules: BatchRules<Entry> = {
  empty: () => new AwsError("EmptyBatchRequest", "There should be at least one SendMessageBatchRequestEntry in the request."),
  tooMany: (count) => new AwsError("TooManyEntriesInBatchRequest", `Maximum number of entries per request are 10. You have sent ${count}.`),
  invalidId: () => new AwsError("InvalidBatchEntryId", "A batch entry id can only contain alphanumeric characters, hyphens and underscores. It can be at most 80 letters long."),
  duplicateId: (id) => new AwsError("BatchEntryIdsNotDistinct", `Id ${id} repeated.`),
};

const codeOf = (fn: () => unknown): string => {
  try {
    fn();
  } catch (error) {
    if (error instanceof AwsError) return error.code;
    throw error;
  }
  return "ok";
};

describe("runBatch", () => {
  it("runs every entry; an AwsError fails that entry only, in SQS's failure shape", () => {
    const result = runBatch([{ Id: "a", Body: "x" }, { Id: "b" }, { Id: "c", Body: "z" }], rules, (entry) => {
      if (entry.Body === undefined) throw new AwsError("MissingParameter", "The request must contain the parameter MessageBody.");
      return { Id: entry.Id, Body: entry.Body };
    });
    expect(result).toEqual({
      Successful: [
        { Id: "a", Body: "x" },
        { Id: "c", Body: "z" },
      ],
      Failed: [{ Id: "b", SenderFault: true, Code: "MissingParameter", Message: "The request must contain the parameter MessageBody." }],
    });
  });

  it("rejects the whole request before any entry runs: empty, too many, malformed or repeated ids, precheck", () => {
    let ran = 0;
    const run = () => ran++;
    expect(codeOf(() => runBatch([], rules, run))).toBe("EmptyBatchRequest");
    expect(codeOf(() => runBatch(undefined, rules, run))).toBe("EmptyBatchRequest");
    expect(codeOf(() => runBatch(Array.from({ length: 11 }, (_, i) => ({ Id: `e${i}` })), rules, run))).toBe("TooManyEntriesInBatchRequest");
    expect(codeOf(() => runBatch([{ Id: "ok" }, { Id: "no spaces" }], rules, run))).toBe("InvalidBatchEntryId");
    expect(codeOf(() => runBatch([{ Id: "x".repeat(81) }], rules, run))).toBe("InvalidBatchEntryId");
    expect(codeOf(() => runBatch([{ Id: 7 }], rules, run))).toBe("InvalidBatchEntryId");
    expect(codeOf(() => runBatch([{ Id: "a" }, { Id: "a" }], rules, run))).toBe("BatchEntryIdsNotDistinct");
    const tooLong = { ...rules, precheck: () => { throw new AwsError("BatchRequestTooLong", "Batch requests cannot be longer than 1048576 bytes."); } };
    expect(codeOf(() => runBatch([{ Id: "a" }], tooLong, run))).toBe("BatchRequestTooLong");
    expect(ran).toBe(0);
    expect(codeOf(() => runBatch([{ Id: "x".repeat(80) }, { Id: "A-b_9" }], { ...rules, maxEntries: 2 }, run))).toBe("ok");
    expect(ran).toBe(2);
  });

  it("a custom failure shape (SNS sends the query code), and non-AWS errors propagate", () => {
    const sns = { ...rules, failure: (id: string, error: AwsError) => ({ Id: id, Code: error.queryCode ?? error.code, SenderFault: true }) };
    const result = runBatch([{ Id: "a" }], sns, () => {
      throw new AwsError("InvalidParameterException", "bad", { queryCode: "InvalidParameter" });
    });
    expect(result.Failed).toEqual([{ Id: "a", Code: "InvalidParameter", SenderFault: true }]);
    expect(() => runBatch([{ Id: "a" }], rules, () => {
      throw new TypeError("bug");
    })).toThrow(TypeError);
  });

  it("failsRequest: an entry error the service marks rejects the whole request; run sees each entry's index", () => {
    const strict = { ...rules, failsRequest: (error: AwsError) => error.code === "InvalidParameterValue" };
    const seen: number[] = [];
    const result = runBatch([{ Id: "a" }, { Id: "b" }], strict, (entry, index) => {
      seen.push(index);
      if (entry.Id === "a") throw new AwsError("InvalidParameter", "entry only");
      return entry.Id;
    });
    expect(result).toMatchObject({ Successful: ["b"], Failed: [{ Id: "a", Code: "InvalidParameter" }] });
    expect(seen).toEqual([0, 1]);
    expect(codeOf(() => runBatch([{ Id: "a" }, { Id: "b" }], strict, () => {
      throw new AwsError("InvalidParameterValue", "whole request");
    }))).toBe("InvalidParameterValue");
  });
});
