import { describe, expect, it } from "vitest";
import { CloudDisposedError, createCloud } from "./index";

describe("dispose() while calls are pending", () => {
  it("a pending long poll and a pending sync invoke reject with CloudDisposedError", async () => {
    const cloud = createCloud();
    const { QueueUrl } = await cloud.sqs.createQueue({ QueueName: "q" });
    await cloud.lambda.createFunction({ FunctionName: "slow", Timeout: 60, handler: () => cloud.scheduler.sleep(30_000) });
    const poll = cloud.sqs.receiveMessage({ QueueUrl: QueueUrl!, WaitTimeSeconds: 20 });
    const invoke = cloud.lambda.invoke({ FunctionName: "slow" });
    await cloud.dispose();
    await expect(poll).rejects.toBeInstanceOf(CloudDisposedError);
    await expect(invoke).rejects.toBeInstanceOf(CloudDisposedError);
  });
});
