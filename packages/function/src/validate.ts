import { isInteger, utf8Length, type AwsError, type TagRules } from "@simcloud/core";
import { errors } from "./errors";
import { LIMITS, RESERVED_ENV_KEYS } from "./limits";
import type { EphemeralStorageInput, Runtime } from "./types";

/** Lambda reports model-constraint failures as ValidationException with this wording. */
function constraint(value: unknown, member: string, rule: string): AwsError {
  return errors.ValidationException(
    `1 validation error detected: Value '${String(value)}' at '${member}' failed to satisfy constraint: ${rule}`,
  );
}

/** AWS's current FunctionName pattern, as its ValidationException quotes it (recorded 2025: eusc- and -iso regions). */
const FUNCTION_NAME_PATTERN =
  "(arn:(aws[a-zA-Z-]*)?:lambda:)?((eusc-)?[a-z]{2}((-gov)|(-iso([a-z]?)))?-[a-z]+-\\d{1}:)?(\\d{12}:)?(function:)?([a-zA-Z0-9-_]+)(:(\\$LATEST|[a-zA-Z0-9-_]+))?";
const FUNCTION_NAME_RE = new RegExp(`^${FUNCTION_NAME_PATTERN}$`);
/** Invoke's own pattern, wider than the common one (dots, `$LATEST.PUBLISHED`): AWS quotes it (recorded test_invalid_invoke). */
const INVOKE_NAME_PATTERN =
  "(arn:(aws[a-zA-Z-]*)?:lambda:)?((eusc-)?[a-z]{2}((-gov)|(-iso([a-z]?)))?-[a-z]+-\\d{1}:)?(\\d{12}:)?(function:)?([a-zA-Z0-9-_\\.]+)(:(\\$LATEST(\\.PUBLISHED)?|[a-zA-Z0-9-_]+))?";
const INVOKE_NAME_RE = new RegExp(`^${INVOKE_NAME_PATTERN}$`);
const PLAIN_NAME_RE = /^[a-zA-Z0-9-_]{1,64}$/;
const ALIAS_RE = /^(?!^[0-9]+$)([a-zA-Z0-9-_]+)$/;

export function matchesFunctionNamePattern(value: string): boolean {
  return value.length <= 140 && FUNCTION_NAME_RE.test(value);
}

/** A FunctionName the model's pattern accepts: the common one, or Invoke's (`invoke`). */
export function requireFunctionNameText(value: unknown, invoke = false): string {
  if (typeof value !== "string" || value.length === 0) {
    throw constraint(value, "functionName", "Member must not be null");
  }
  if (value.length > 140) throw constraint(value, "functionName", "Member must have length less than or equal to 140");
  if (!(invoke ? INVOKE_NAME_RE : FUNCTION_NAME_RE).test(value)) {
    throw constraint(value, "functionName", `Member must satisfy regular expression pattern: ${invoke ? INVOKE_NAME_PATTERN : FUNCTION_NAME_PATTERN}`);
  }
  return value;
}

/** CreateFunction takes a name (or an unqualified ARN) whose name part is at most 64 characters. */
export function requireNewFunctionName(value: string): void {
  if (!PLAIN_NAME_RE.test(value)) {
    // AWS answers this one as InvalidParameterValueException, with the validation wording (recorded test_function_arns).
    throw errors.InvalidParameterValueException(
      `1 validation error detected: Value '${value}' at 'functionName' failed to satisfy constraint: Member must have length less than or equal to 64`,
    );
  }
}

export function requireAliasName(value: unknown): string {
  if (typeof value !== "string" || value.length === 0) throw constraint(value, "name", "Member must not be null");
  if (value.length > 128 || !ALIAS_RE.test(value)) {
    throw constraint(value, "name", "Member must satisfy regular expression pattern: (?!^[0-9]+$)([a-zA-Z0-9-_]+)");
  }
  return value;
}

export function checkRange(value: number | undefined, member: string, min: number, max: number): void {
  if (value === undefined) return;
  if (!isInteger(value)) throw constraint(value, member, "Member must be an integer");
  if (value < min) throw constraint(value, member, `Member must have value greater than or equal to ${min}`);
  if (value > max) throw constraint(value, member, `Member must have value less than or equal to ${max}`);
}

/** EphemeralStorage: Size is required once the structure is given ("Configuring ephemeral storage for Lambda functions": 512–10240 MB). */
export function checkEphemeralStorage(value: EphemeralStorageInput | undefined | null): void {
  if (value === undefined || value === null) return;
  if (value.Size === undefined || value.Size === null) {
    throw errors.ValidationException("1 validation error detected: Value null at 'ephemeralStorage.size' failed to satisfy constraint: Member must not be null");
  }
  checkRange(value.Size, "ephemeralStorage.size", LIMITS.ephemeralMin, LIMITS.ephemeralMax);
}

export function checkDescription(value: string | undefined): void {
  if (value !== undefined && value.length > LIMITS.descriptionMax) {
    throw constraint(value, "description", `Member must have length less than or equal to ${LIMITS.descriptionMax}`);
  }
}

export function checkEnvironment(variables: Record<string, string> | undefined): void {
  if (variables === undefined) return;
  const keys = Object.keys(variables);
  const reserved = keys.filter((key) => RESERVED_ENV_KEYS.has(key));
  if (reserved.length > 0) {
    throw errors.InvalidParameterValueException(
      "Lambda was unable to configure your environment variables because the environment variables you have provided contains reserved keys that are currently not supported for modification. " +
        `Reserved keys used in this request: ${reserved.join(", ")}`,
    );
  }
  for (const key of keys) {
    if (!/^[a-zA-Z]([a-zA-Z0-9_])*$/.test(key)) {
      throw constraint(key, "environment.variables", "Member must satisfy regular expression pattern: [a-zA-Z]([a-zA-Z0-9_])+");
    }
    if (typeof variables[key] !== "string") {
      throw errors.InvalidParameterValueException(`Environment variable ${key} must be a string.`);
    }
  }
  const measured = JSON.stringify(variables);
  if (utf8Length(measured) > LIMITS.environmentBytes) {
    throw errors.InvalidParameterValueException(
      `Lambda was unable to configure your environment variables because the environment variables you have provided exceeded the 4KB limit. String measured: ${measured}`,
    );
  }
}

export function checkPayloadSize(bytes: number, invocationType: "RequestResponse" | "Event" | "DryRun"): void {
  const limit = invocationType === "Event" ? LIMITS.asyncPayloadBytes : LIMITS.syncPayloadBytes;
  if (bytes > limit) {
    const operation = invocationType === "Event" ? "InvokeAsync" : "InvokeFunction";
    throw errors.RequestTooLargeException(`Request must be smaller than ${limit} bytes for the ${operation} operation`);
  }
}

/** Invoke refuses a payload that is not JSON (API Reference, Invoke: InvalidRequestContentException). */
export function parsePayload(text: string): unknown {
  if (text.length === 0) return {};
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    throw errors.InvalidRequestContentException(`Could not parse request body into json: Could not parse payload into json: ${detail}`);
  }
}

/**
 * Runtimes CreateFunction and UpdateFunctionConfiguration accept, in the order AWS's message lists them
 * (AWS's recorded answer to `Runtime: "non-existent-runtime"`). Newer runtimes in the SDK's Runtime enum that
 * are not deprecated are accepted too.
 */
const ACCEPTED_RUNTIMES = [
  "nodejs20.x", "python3.14", "provided.al2023", "python3.12", "python3.13", "nodejs24.x", "nodejs22.x", "java25", "python3.10",
  "python3.11", "java21", "ruby3.3", "ruby3.4", "ruby3.2", "python3.8", "python3.9", "java17", "nodejs16.x", "dotnet10", "dotnet8",
  "java11", "dotnet6", "nodejs18.x", "provided.al2", "java8.al2",
];
const NEWER_RUNTIMES = ["nodejs26.x", "python3.15", "ruby4.0", "java8.al2023", "java11.al2023", "java17.al2023"];
/** In the SDK's enum, refused for new functions ("Lambda runtimes", deprecated runtimes). */
const DEPRECATED_RUNTIMES = new Set([
  "nodejs", "nodejs4.3", "nodejs4.3-edge", "nodejs6.10", "nodejs8.10", "nodejs10.x", "nodejs12.x", "nodejs14.x", "python2.7", "python3.6",
  "python3.7", "java8", "dotnetcore1.0", "dotnetcore2.0", "dotnetcore2.1", "dotnetcore3.1", "go1.x", "ruby2.5", "ruby2.7", "provided", "dotnet5.0",
]);
const RUNTIMES = new Set([...ACCEPTED_RUNTIMES, ...NEWER_RUNTIMES]);

export function checkRuntime(value: unknown): asserts value is Runtime | undefined {
  if (value === undefined || (typeof value === "string" && RUNTIMES.has(value))) return;
  if (typeof value === "string" && DEPRECATED_RUNTIMES.has(value)) {
    throw errors.InvalidParameterValueException(
      `The runtime parameter of ${value} is no longer supported for creating or updating AWS Lambda functions. We recommend you use a supported runtime while creating or updating functions.`,
    );
  }
  // An InvalidParameterValueException (Type User) despite the validation wording: AWS's recorded answers (2026-01).
  throw errors.InvalidParameterValueException(
    `Value ${String(value)} at 'runtime' failed to satisfy constraint: Member must satisfy enum value set: [${ACCEPTED_RUNTIMES.join(", ")}] or be a valid ARN`,
  );
}

/** AWS's Role pattern, quoted in its ValidationException (recorded test_create_lambda_exceptions, 2026-01-12). */
const ROLE_PATTERN = "arn:(aws[a-zA-Z-]*)?:iam::\\d{12}:role/?[a-zA-Z_0-9+=,.@\\-_/]+";
const ROLE_RE = new RegExp(`^${ROLE_PATTERN}$`);

export function checkRole(value: unknown): void {
  if (value === undefined) return;
  if (typeof value !== "string" || !ROLE_RE.test(value)) {
    throw constraint(value, "role", `Member must satisfy regular expression pattern: ${ROLE_PATTERN}`);
  }
}

/** One architecture, x86_64 or arm64 (recorded test_create_lambda_exceptions). */
export function checkArchitectures(value: unknown): void {
  if (value === undefined) return;
  const list = Array.isArray(value) ? (value as unknown[]) : [value];
  const shown = `[${list.map(String).join(", ")}]`;
  if (list.length === 0) throw constraint(shown, "architectures", "Member must have length greater than or equal to 1");
  if (list.length > 1) throw constraint(shown, "architectures", "Member must have length less than or equal to 1");
  if (list[0] !== "x86_64" && list[0] !== "arm64") {
    throw constraint(shown, "architectures", "Member must satisfy constraint: [Member must satisfy enum value set: [x86_64, arm64], Member must not be null]");
  }
}

/** ListFunctions' FunctionVersion takes ALL only (recorded test_list_functions). */
export function checkListFunctionVersion(value: unknown): void {
  if (value !== undefined && value !== "ALL") {
    throw constraint(value, "functionVersion", "Member must satisfy enum value set: [ALL]");
  }
}

/**
 * Lambda's tag rules on the shared TagSet: 50 tags per resource with AWS's recorded message (test_tag_limits), keys
 * 1–128 and values 0–256 characters, `aws:` reserved ("Tag naming limits and requirements"), all as
 * InvalidParameterValueException. Lambda's model gives tags no character pattern ("AWS::Lambda::Function Tag" lists
 * lengths only), so characters are not checked.
 */
export const LAMBDA_TAG_RULES: TagRules = {
  maxTags: 50,
  checkCharacters: false,
  invalid: (message) => errors.InvalidParameterValueException(message),
  tooMany: () => errors.InvalidParameterValueException("Number of tags exceeds resource tag limit."),
};

/** Tags belong to the unqualified function (TagResource: "Tags on function aliases and versions are not supported"). */
export function requireUnqualifiedForTags(qualifier: string | undefined): void {
  if (qualifier !== undefined) {
    throw errors.InvalidParameterValueException("Tags on function aliases and versions are not supported. Please specify a function ARN.");
  }
}

/** The `Resource` of TagResource / UntagResource / ListTags: AWS's pattern, quoted in its ValidationException. */
const RESOURCE_ARN_PATTERN =
  "arn:(aws[a-zA-Z-]*):lambda:(eusc-)?[a-z]{2}((-gov)|(-iso([a-z]?)))?-[a-z]+-\\d{1}:\\d{12}:(function:[a-zA-Z0-9-_]+(:(\\$LATEST|[a-zA-Z0-9-_]+))?|layer:([a-zA-Z0-9-_]+)|code-signing-config:csc-[a-z0-9]{17}|event-source-mapping:[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}|capacity-provider:[a-zA-Z0-9-_]+)";
const RESOURCE_ARN_RE = new RegExp(`^${RESOURCE_ARN_PATTERN}$`);

export function requireResourceArn(value: unknown): string {
  if (typeof value !== "string" || value.length === 0) throw constraint(value, "resource", "Member must not be null");
  if (value.length > 256 || !RESOURCE_ARN_RE.test(value)) {
    throw constraint(value, "resource", `Member must satisfy regular expression pattern: ${RESOURCE_ARN_PATTERN}`);
  }
  return value;
}

/**
 * A function ARN of another region is refused as AWS refuses it (404 "Functions from '<r>' are not reachable in this
 * region ('<home>')"). `home` is this cloud's `arn:<partition>:lambda:<region>:` prefix, the common case checked first.
 */
export function requireHomeRegion(value: unknown, home: string, region: string): void {
  if (typeof value !== "string" || !value.startsWith("arn:") || value.startsWith(home)) return;
  const parts = value.split(":");
  const other = parts[3];
  if (parts[2] === "lambda" && other !== undefined && other !== "" && other !== region) {
    throw errors.ResourceNotFoundException(`Functions from '${other}' are not reachable in this region ('${region}')`);
  }
}

/** Lambda's answer to a Marker it did not issue, or issued for another listing (core's `paginate` `invalidToken`). */
export function invalidMarker(): AwsError {
  return errors.InvalidParameterValueException("Invalid Marker.");
}

/** A RevisionId given with an update must be the current one. */
export function checkRevision(expected: string | undefined, actual: string): void {
  if (expected !== undefined && expected !== actual) {
    throw errors.PreconditionFailedException("The Revision Id provided does not match the latest Revision Id. Call the GetFunction/GetAlias API to retrieve the latest Revision Id");
  }
}
