/**
 * A callback workflow: a Task with `.waitForTaskToken` puts an approval request (with its task token) on an SQS
 * queue. A worker Lambda, fed by an event source mapping, asks an approval desk that answers only after three hours;
 * until then the worker fails and the message comes back after its visibility timeout. Once approved, the worker
 * calls SendTaskSuccess through a real SFNClient from inside the handler, and the execution resumes — hours later in
 * virtual time, milliseconds in real time.
 */
import { ListStateMachinesCommand, SendTaskSuccessCommand, SFNClient } from "@aws-sdk/client-sfn";
import { createCloud, type SqsRecord } from "simcloud";
import { expect, it } from "vitest";

const HOUR_MS = 3_600_000;

it("an SQS worker Lambda answers a task token hours later through SendTaskSuccess", async () => {
  await using cloud = createCloud();
  const start = cloud.clock.now();
  const sfn = new SFNClient(cloud.clientConfig());
  // The client's first call loads parts of the SDK with real I/O, which the scheduler does not wait for while it moves
  // time: make it before the clock runs, as a deployed worker's cold start would.
  await sfn.send(new ListStateMachinesCommand({}));
  const { QueueUrl } = await cloud.sqs.createQueue({ QueueName: "approvals", Attributes: { VisibilityTimeout: "3600" } });
  const polls: number[] = [];
  await cloud.lambda.createFunction({
    FunctionName: "approval-worker",
    Timeout: 30,
    handler: async (event: { Records: SqsRecord[] }) => {
      for (const record of event.Records) {
        const request = JSON.parse(record.body) as { orderId: string; token: string };
        polls.push(cloud.clock.now() - start);
        // The approval desk decides three hours after the request.
        if (cloud.clock.now() - start < 3 * HOUR_MS) throw new Error(`order ${request.orderId} not reviewed yet`);
        await sfn.send(new SendTaskSuccessCommand({ taskToken: request.token, output: JSON.stringify({ approved: true, by: "desk" }) }));
      }
    },
  });
  await cloud.lambda.createEventSourceMapping({ FunctionName: "approval-worker", EventSourceArn: "arn:aws:sqs:us-east-1:000000000000:approvals", BatchSize: 1 });
  const { stateMachineArn } = await cloud.sfn.createStateMachine({
    name: "approval",
    roleArn: "arn:aws:iam::000000000000:role/approval",
    definition: JSON.stringify({
      StartAt: "RequestApproval",
      States: {
        RequestApproval: {
          Type: "Task",
          Resource: "arn:aws:states:::sqs:sendMessage.waitForTaskToken",
          Parameters: { QueueUrl, MessageBody: { "orderId.$": "$.orderId", "token.$": "$$.Task.Token" } },
          TimeoutSeconds: 86_400,
          ResultPath: "$.approval",
          Next: "Ship",
        },
        Ship: { Type: "Pass", Parameters: { "orderId.$": "$.orderId", "approvedBy.$": "$.approval.by" }, End: true },
      },
    }),
  });
  const { executionArn } = await cloud.sfn.startExecution({ stateMachineArn, input: JSON.stringify({ orderId: "o-7" }) });
  await cloud.advance(5 * HOUR_MS);
  const described = await cloud.sfn.describeExecution({ executionArn });
  expect(described.status).toBe("SUCCEEDED");
  expect(JSON.parse(described.output!)).toEqual({ orderId: "o-7", approvedBy: "desk" });
  // Received at once, then again after each one-hour visibility timeout until the desk had decided.
  expect(polls).toEqual([0, HOUR_MS, 2 * HOUR_MS, 3 * HOUR_MS]);
  expect(described.stopDate!.getTime() - described.startDate.getTime()).toBe(3 * HOUR_MS);
  const types = (await cloud.sfn.getExecutionHistory({ executionArn })).events.map((event) => event.type);
  expect(types).toEqual(["ExecutionStarted", "TaskStateEntered", "TaskScheduled", "TaskStarted", "TaskSubmitted", "TaskSucceeded", "TaskStateExited", "PassStateEntered", "PassStateExited", "ExecutionSucceeded"]);
});
