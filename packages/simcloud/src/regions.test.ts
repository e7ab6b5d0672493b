import { expect, it } from "vitest";
import { createCloud, isAwsError } from "./index";

async function failure(promise: Promise<unknown>): Promise<{ code: string; statusCode: number; message: string }> {
  try {
    await promise;
  } catch (error) {
    if (isAwsError(error)) return { code: error.code, statusCode: error.statusCode, message: error.message };
    throw error;
  }
  throw new Error("expected the call to fail");
}

it("a function ARN of another region, account or partition is not found; this cloud's own ARN is", async () => {
  await using cloud = createCloud({ region: "eu-west-1", accountId: "123456789012" });
  const { FunctionArn } = await cloud.lambda.createFunction({ FunctionName: "f", handler: async () => "ok" });
  expect(FunctionArn).toBe("arn:aws:lambda:eu-west-1:123456789012:function:f");
  expect((await cloud.lambda.invoke({ FunctionName: FunctionArn })).StatusCode).toBe(200);
  expect((await cloud.lambda.invoke({ FunctionName: "123456789012:function:f" })).StatusCode).toBe(200);

  // "Functions from '<wrong-region>' are not reachable in this region ('<region>')", 404 (AWS, recorded).
  expect(await failure(cloud.lambda.invoke({ FunctionName: "arn:aws:lambda:us-east-1:123456789012:function:f" }))).toEqual({
    code: "ResourceNotFoundException",
    statusCode: 404,
    message: "Functions from 'us-east-1' are not reachable in this region ('eu-west-1')",
  });
  expect(await failure(cloud.lambda.invoke({ FunctionName: "arn:aws:lambda:eu-west-1:999999999999:function:f" }))).toEqual({
    code: "ResourceNotFoundException",
    statusCode: 404,
    message: "Function not found: arn:aws:lambda:eu-west-1:999999999999:function:f",
  });
  expect((await failure(cloud.lambda.invoke({ FunctionName: "999999999999:function:f" }))).code).toBe("ResourceNotFoundException");
  expect((await failure(cloud.lambda.invoke({ FunctionName: "arn:aws-cn:lambda:eu-west-1:123456789012:function:f" }))).code).toBe("ResourceNotFoundException");
});

it("clientConfig keeps the cloud's region and refuses another one clearly", async () => {
  await using cloud = createCloud({ region: "eu-west-1" });
  expect(cloud.clientConfig().region).toBe("eu-west-1");
  expect(cloud.clientConfig({ region: "eu-west-1" }).region).toBe("eu-west-1");
  expect(() => cloud.clientConfig({ region: "us-east-1" })).toThrow(/simulates eu-west-1 only/);
});
