/**
 * Step Functions over AWS JSON 1.0 (`@aws-sdk/client-sfn`: AwsJson1_0Protocol, target prefix AWSStepFunctions).
 * Everything travels as plain JSON; timestamps go out as epoch seconds (the codec's Date handling).
 */
import type { JsonRpcRoutes } from "./types";

export const sfnRoutes: JsonRpcRoutes = {
  service: "sfn",
  protocol: "json",
  version: "1.0",
  targetPrefix: "AWSStepFunctions",
  errorNamespace: "com.amazonaws.swf.service.v2.model",
  // Not modelled by Step Functions; "InternalFailure" is the code AWS's Common Errors page gives every service.
  internalError: { code: "InternalFailure", statusCode: 500 },
  operations: {
    CreateActivity: {},
    CreateStateMachine: {},
    CreateStateMachineAlias: {},
    DeleteActivity: {},
    DeleteStateMachine: {},
    DeleteStateMachineAlias: {},
    DeleteStateMachineVersion: {},
    DescribeActivity: {},
    DescribeExecution: {},
    DescribeMapRun: {},
    DescribeStateMachine: {},
    DescribeStateMachineAlias: {},
    DescribeStateMachineForExecution: {},
    GetActivityTask: {},
    GetExecutionHistory: {},
    ListActivities: {},
    ListExecutions: {},
    ListMapRuns: {},
    ListStateMachineAliases: {},
    ListStateMachines: {},
    ListStateMachineVersions: {},
    ListTagsForResource: {},
    PublishStateMachineVersion: {},
    RedriveExecution: {},
    SendTaskFailure: {},
    SendTaskHeartbeat: {},
    SendTaskSuccess: {},
    StartExecution: {},
    StartSyncExecution: {},
    StopExecution: {},
    TagResource: {},
    TestState: {},
    UntagResource: {},
    UpdateMapRun: {},
    UpdateStateMachine: {},
    UpdateStateMachineAlias: {},
    ValidateStateMachineDefinition: {},
  },
};
