import { createSimContext } from "@simcloud/core";
import { awsError } from "@simcloud/core/testing";
import { describe, expect, it } from "vitest";
import { createFunctionService } from "./lambda";

const ARN = "arn:aws:lambda:us-east-1:000000000000:function:f";

function many(count: number, prefix = ""): Record<string, string> {
  return Object.fromEntries(Array.from({ length: count }, (_, i) => [`${prefix}${i}_key`, `${i}_value`]));
}

async function setup(tags?: Record<string, string>) {
  const lambda = createFunctionService(createSimContext());
  await lambda.createFunction({ FunctionName: "f", handler: () => 1, ...(tags === undefined ? {} : { Tags: tags }) });
  return lambda;
}

describe("Lambda tags on the shared TagSet", () => {
  it("refuses a 51st tag on TagResource and CreateFunction with AWS's recorded error (test_tag_limits), changing nothing", async () => {
    const lambda = await setup(many(50));
    const more = await awsError(lambda.tagResource({ Resource: ARN, Tags: { a_key: "a_value" } }));
    expect([more.code, more.statusCode, more.message, more.fields.Type]).toEqual(["InvalidParameterValueException", 400, "Number of tags exceeds resource tag limit.", "User"]);
    expect(Object.keys((await lambda.listTags({ Resource: ARN })).Tags)).toHaveLength(50);
    // Overwriting a held key does not count as a new tag.
    await lambda.tagResource({ Resource: ARN, Tags: { "0_key": "other" } });
    expect((await lambda.listTags({ Resource: ARN })).Tags["0_key"]).toBe("other");

    const create = await awsError(lambda.createFunction({ FunctionName: "g", handler: () => 1, Tags: many(51) }));
    expect(create.message).toBe("Number of tags exceeds resource tag limit.");
    expect((await awsError(lambda.getFunction({ FunctionName: "g" }))).code).toBe("ResourceNotFoundException");
  });

  it("reserves the aws: prefix in any case and checks key and value lengths ('Tag naming limits and requirements')", async () => {
    const lambda = await setup({ keep: "me" });
    const refused: Record<string, string>[] = [{ "aws:team": "x" }, { "AWS:team": "x" }, { ["k".repeat(129)]: "x" }, { "": "x" }, { ok: "v".repeat(257) }];
    for (const tags of refused) {
      const error = await awsError(lambda.tagResource({ Resource: ARN, Tags: { fine: "1", ...tags } }));
      expect([error.code, error.statusCode]).toEqual(["InvalidParameterValueException", 400]);
    }
    expect((await lambda.listTags({ Resource: ARN })).Tags).toEqual({ keep: "me" });
    await lambda.tagResource({ Resource: ARN, Tags: { ["k".repeat(128)]: "v".repeat(256), "with*stars": "" } });
    expect(Object.keys((await lambda.listTags({ Resource: ARN })).Tags)).toHaveLength(3);
    const created = await awsError(lambda.createFunction({ FunctionName: "g", handler: () => 1, Tags: { "aws:x": "1" } }));
    expect(created.code).toBe("InvalidParameterValueException");
  });

  it("untags by key (absent keys ignored) and keeps __proto__ as a tag", async () => {
    const lambda = await setup(JSON.parse('{"__proto__":"p","a":"1","b":"2"}') as Record<string, string>);
    await lambda.untagResource({ Resource: ARN, TagKeys: ["a", "missing"] });
    const { Tags } = await lambda.listTags({ Resource: ARN });
    expect(Object.keys(Tags).sort()).toEqual(["__proto__", "b"]);
    expect((await lambda.getFunction({ FunctionName: "f" })).Tags?.b).toBe("2");
  });
});
