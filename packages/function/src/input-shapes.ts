/**
 * Member types of the Lambda actions a native caller most often gets wrong (a Payload object, an Environment whose
 * values are not strings, a Proxy for an input), checked before the action runs: the service's error, never a
 * TypeError from inside. Payload (string or bytes) is checked by invoke itself.
 */
import type { StructShape } from "@simcloud/core";

const ENVIRONMENT = { struct: { Variables: { map: "string" } } } as const;
const TAGS = { map: "string" } as const;

const CONFIGURATION = {
  FunctionName: "string",
  Runtime: "string",
  Handler: "string",
  Role: "string",
  Description: "string",
  Timeout: "number",
  MemorySize: "number",
  Environment: ENVIRONMENT,
} as const;

export const LAMBDA_INPUTS: Readonly<Record<string, StructShape>> = {
  invoke: { struct: { FunctionName: "string", InvocationType: "string", LogType: "string", Qualifier: "string", ClientContext: "string" } },
  createFunction: { struct: { ...CONFIGURATION, Tags: TAGS, Architectures: { list: "string" }, EphemeralStorage: { struct: { Size: "number" } } } },
  updateFunctionConfiguration: { struct: { ...CONFIGURATION, EphemeralStorage: { struct: { Size: "number" } } } },
  tagResource: { struct: { Resource: "string", Tags: TAGS } },
};
