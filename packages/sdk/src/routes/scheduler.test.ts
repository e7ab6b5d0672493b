/** SchedulerClient drives every Scheduler action through the REST-JSON route. */
import * as SC from "@aws-sdk/client-scheduler";
import { createSimContext, type SimContext } from "@simcloud/core";
import { createSchedulerService, type SchedulerService } from "@simcloud/event-bus";
import { createQueueService, type QueueService } from "@simcloud/queue";
import { beforeEach, describe, expect, expectTypeOf, it } from "vitest";
import { createClientConfig } from "../client-config";

let context: SimContext;
let schedules: SchedulerService;
let sqs: QueueService;
let client: SC.SchedulerClient;

beforeEach(() => {
  context = createSimContext();
  schedules = createSchedulerService(context);
  sqs = createQueueService(context);
  client = new SC.SchedulerClient(createClientConfig({ schedules, sqs }, context));
});

describe("SchedulerClient", () => {
  it("creates, reads, lists, updates and deletes schedules and groups; schedules fire into SQS", async () => {
    const { QueueUrl } = await sqs.createQueue({ QueueName: "q" });
    const { ScheduleGroupArn } = await client.send(new SC.CreateScheduleGroupCommand({ Name: "jobs", Tags: [{ Key: "k", Value: "v" }] }));
    expect(ScheduleGroupArn).toBe("arn:aws:scheduler:us-east-1:000000000000:schedule-group/jobs");
    const target = { Arn: "arn:aws:sqs:us-east-1:000000000000:q", RoleArn: "arn:aws:iam::000000000000:role/r", Input: '"tick"' };
    const { ScheduleArn } = await client.send(
      new SC.CreateScheduleCommand({ Name: "s", GroupName: "jobs", ScheduleExpression: "rate(10 minutes)", StartDate: new Date(Date.UTC(2025, 0, 1, 0, 10)), FlexibleTimeWindow: { Mode: "OFF" }, Target: target }),
    );
    expect(ScheduleArn).toBe("arn:aws:scheduler:us-east-1:000000000000:schedule/jobs/s");
    const got = await client.send(new SC.GetScheduleCommand({ Name: "s", GroupName: "jobs" }));
    expect(got).toMatchObject({ Name: "s", GroupName: "jobs", State: "ENABLED", StartDate: new Date(Date.UTC(2025, 0, 1, 0, 10)), CreationDate: new Date(Date.UTC(2025, 0, 1)), Target: target });
    await context.scheduler.advance(30 * 60_000);
    const received = await sqs.receiveMessage({ QueueUrl: QueueUrl as string, MaxNumberOfMessages: 10 });
    expect(received.Messages?.map((message) => message.Body)).toEqual(['"tick"', '"tick"', '"tick"']);
    expect((await client.send(new SC.ListSchedulesCommand({ GroupName: "jobs" }))).Schedules?.map((item) => item.Name)).toEqual(["s"]);
    expect((await client.send(new SC.ListScheduleGroupsCommand({}))).ScheduleGroups?.map((group) => group.Name)).toEqual(["default", "jobs"]);
    expect((await client.send(new SC.GetScheduleGroupCommand({ Name: "jobs" }))).State).toBe("ACTIVE");
    await client.send(new SC.UpdateScheduleCommand({ Name: "s", GroupName: "jobs", ScheduleExpression: "rate(1 hour)", FlexibleTimeWindow: { Mode: "OFF" }, Target: target, State: "DISABLED" }));
    expect((await client.send(new SC.GetScheduleCommand({ Name: "s", GroupName: "jobs" }))).State).toBe("DISABLED");
    await client.send(new SC.TagResourceCommand({ ResourceArn: ScheduleGroupArn, Tags: [{ Key: "k2", Value: "v2" }] }));
    await client.send(new SC.UntagResourceCommand({ ResourceArn: ScheduleGroupArn, TagKeys: ["k"] }));
    expect((await client.send(new SC.ListTagsForResourceCommand({ ResourceArn: ScheduleGroupArn }))).Tags).toEqual([{ Key: "k2", Value: "v2" }]);
    await client.send(new SC.DeleteScheduleCommand({ Name: "s", GroupName: "jobs" }));
    await client.send(new SC.DeleteScheduleGroupCommand({ Name: "jobs" }));
    const missing = await client.send(new SC.GetScheduleCommand({ Name: "s" })).catch((error: unknown) => error);
    expect(missing).toBeInstanceOf(SC.ResourceNotFoundException);
    await expect(client.send(new SC.CreateScheduleGroupCommand({ Name: "default" }))).rejects.toBeInstanceOf(SC.ConflictException);
  });

  it("types: SDK inputs fit the native API", () => {
    expectTypeOf<SC.CreateScheduleCommandInput>().toExtend<Parameters<SchedulerService["createSchedule"]>[0]>();
    expectTypeOf<SC.UpdateScheduleCommandInput>().toExtend<Parameters<SchedulerService["updateSchedule"]>[0]>();
    expectTypeOf<SC.ListSchedulesCommandInput>().toExtend<NonNullable<Parameters<SchedulerService["listSchedules"]>[0]>>();
    expectTypeOf<SC.CreateScheduleGroupCommandInput>().toExtend<Parameters<SchedulerService["createScheduleGroup"]>[0]>();
  });
});
