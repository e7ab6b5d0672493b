import { parseArn, safeRecord } from "@simcloud/core";
import { errors } from "./errors";
import { DEFAULTS, LIMITS } from "./limits";
import type { QueueAttributeName, QueueAttributes } from "./types";

export interface RedrivePolicy {
  deadLetterTargetArn: string;
  maxReceiveCount: number;
}

export interface RedriveAllowPolicy {
  redrivePermission: "allowAll" | "denyAll" | "byQueue";
  sourceQueueArns: string[];
}

/** A queue's configuration, parsed. `raw` keeps the attribute text as set, for GetQueueAttributes and CreateQueue's idempotency check. */
export interface QueueSettings {
  fifo: boolean;
  visibilityTimeout: number;
  maximumMessageSize: number;
  messageRetentionPeriod: number;
  delaySeconds: number;
  receiveMessageWaitTimeSeconds: number;
  contentBasedDeduplication: boolean;
  deduplicationScope: "queue" | "messageGroup";
  fifoThroughputLimit: "perQueue" | "perMessageGroupId";
  redrivePolicy: RedrivePolicy | undefined;
  redriveAllowPolicy: RedriveAllowPolicy | undefined;
  raw: Map<SettableAttribute, string>;
}

const SETTABLE = [
  "DelaySeconds",
  "MaximumMessageSize",
  "MessageRetentionPeriod",
  "Policy",
  "ReceiveMessageWaitTimeSeconds",
  "VisibilityTimeout",
  "RedrivePolicy",
  "RedriveAllowPolicy",
  "KmsMasterKeyId",
  "KmsDataKeyReusePeriodSeconds",
  "SqsManagedSseEnabled",
  "FifoQueue",
  "ContentBasedDeduplication",
  "DeduplicationScope",
  "FifoThroughputLimit",
] as const;
export type SettableAttribute = (typeof SETTABLE)[number];
const SETTABLE_SET: ReadonlySet<string> = new Set(SETTABLE);
const FIFO_ONLY: ReadonlySet<string> = new Set(["ContentBasedDeduplication", "DeduplicationScope", "FifoThroughputLimit"]);

export const READABLE: readonly QueueAttributeName[] = [
  "Policy",
  "VisibilityTimeout",
  "MaximumMessageSize",
  "MessageRetentionPeriod",
  "ApproximateNumberOfMessages",
  "ApproximateNumberOfMessagesNotVisible",
  "CreatedTimestamp",
  "LastModifiedTimestamp",
  "QueueArn",
  "ApproximateNumberOfMessagesDelayed",
  "DelaySeconds",
  "ReceiveMessageWaitTimeSeconds",
  "RedrivePolicy",
  "FifoQueue",
  "ContentBasedDeduplication",
  "KmsMasterKeyId",
  "KmsDataKeyReusePeriodSeconds",
  "DeduplicationScope",
  "FifoThroughputLimit",
  "RedriveAllowPolicy",
  "SqsManagedSseEnabled",
];
const READABLE_SET: ReadonlySet<string> = new Set(READABLE);

export function isReadableAttribute(name: string): name is QueueAttributeName {
  return name === "All" || READABLE_SET.has(name);
}

/** Settings of a new queue: AWS's defaults overlaid with the CreateQueue attributes. */
export function initialSettings(fifo: boolean): QueueSettings {
  const raw = new Map<SettableAttribute, string>([
    ["DelaySeconds", String(DEFAULTS.delaySeconds)],
    ["MaximumMessageSize", String(DEFAULTS.maximumMessageSize)],
    ["MessageRetentionPeriod", String(DEFAULTS.messageRetentionPeriod)],
    ["ReceiveMessageWaitTimeSeconds", String(DEFAULTS.receiveMessageWaitTimeSeconds)],
    ["VisibilityTimeout", String(DEFAULTS.visibilityTimeout)],
    ["SqsManagedSseEnabled", "true"],
  ]);
  if (fifo) {
    raw.set("FifoQueue", "true");
    raw.set("ContentBasedDeduplication", "false");
    raw.set("DeduplicationScope", "queue");
    raw.set("FifoThroughputLimit", "perQueue");
  }
  return {
    fifo,
    visibilityTimeout: DEFAULTS.visibilityTimeout,
    maximumMessageSize: DEFAULTS.maximumMessageSize,
    messageRetentionPeriod: DEFAULTS.messageRetentionPeriod,
    delaySeconds: DEFAULTS.delaySeconds,
    receiveMessageWaitTimeSeconds: DEFAULTS.receiveMessageWaitTimeSeconds,
    contentBasedDeduplication: false,
    deduplicationScope: "queue",
    fifoThroughputLimit: "perQueue",
    redrivePolicy: undefined,
    redriveAllowPolicy: undefined,
    raw,
  };
}

/**
 * Validates attributes and returns the settings they produce, leaving `current` untouched (a rejected
 * call changes nothing). `creating` allows FifoQueue. Cross-queue checks (the DLQ exists, allows this
 * source) are the service's, which knows the other queues.
 */
/** Attributes whose value is a boolean: any letter case is accepted and stored as AWS returns it, lower case. */
const BOOLEAN_ATTRIBUTES: ReadonlySet<string> = new Set(["FifoQueue", "ContentBasedDeduplication", "SqsManagedSseEnabled"]);

export function applyAttributes(current: QueueSettings, attributes: QueueAttributes | undefined, creating: boolean): QueueSettings {
  const next: QueueSettings = { ...current, raw: new Map(current.raw) };
  const given = safeRecord<unknown>(attributes as Record<string, unknown> | undefined);
  for (const name of Object.keys(given)) {
    if (!SETTABLE_SET.has(name)) throw errors.InvalidAttributeName(`Unknown Attribute ${name}.`);
    if (name === "FifoQueue") {
      // AWS's recorded answers: a standard queue knows no FifoQueue attribute (even "false" at creation); a FIFO
      // queue's type cannot change.
      if (!current.fifo && (!creating || String(given[name]).toLowerCase() !== "true")) throw errors.InvalidAttributeName(`Unknown Attribute ${name}.`);
      if (current.fifo && !creating) throw errors.InvalidAttributeValue("Invalid value for the parameter FifoQueue. Reason: Modifying queue type is not supported.");
    }
    if (FIFO_ONLY.has(name) && !current.fifo) {
      if (name === "DeduplicationScope" || name === "FifoThroughputLimit") {
        throw errors.InvalidAttributeName(`You can specify the ${name} only when FifoQueue is set to true.`);
      }
      throw errors.InvalidAttributeName(`Unknown Attribute ${name}.`);
    }
    const value = given[name];
    if (typeof value !== "string") throw invalidValue(name);
    applyOne(next, name as SettableAttribute, BOOLEAN_ATTRIBUTES.has(name) ? value.toLowerCase() : value);
  }
  // SQS-managed SSE and SSE-KMS are exclusive: asking for both in one call is refused (AWS's recorded
  // test_sse_kms_and_sqs_are_mutually_exclusive), a KMS key turns SqsManagedSseEnabled off, and clearing the key
  // clears its reuse period (AWS's recorded test_set_queue_attributes_default_values).
  if (typeof given["KmsMasterKeyId"] === "string" && given["KmsMasterKeyId"] !== "" && String(given["SqsManagedSseEnabled"]).toLowerCase() === "true") {
    throw errors.InvalidAttributeName("You can use one type of server-side encryption (SSE) at one time. You can either enable KMS SSE or SQS SSE.");
  }
  if (typeof given["KmsMasterKeyId"] === "string") {
    if (given["KmsMasterKeyId"] !== "") next.raw.set("SqsManagedSseEnabled", "false");
    else next.raw.delete("KmsDataKeyReusePeriodSeconds");
  }
  if (next.fifo && next.fifoThroughputLimit === "perMessageGroupId" && next.deduplicationScope !== "messageGroup") {
    // "High throughput for FIFO queues": perMessageGroupId requires message-group deduplication.
    throw errors.InvalidAttributeValue("Invalid value for the parameter FifoThroughputLimit. Reason: FifoThroughputLimit perMessageGroupId requires DeduplicationScope messageGroup.");
  }
  return next;
}

function applyOne(next: QueueSettings, name: SettableAttribute, value: string): void {
  switch (name) {
    case "DelaySeconds":
      next.delaySeconds = integerIn(name, value, 0, LIMITS.maxDelaySeconds);
      break;
    case "MaximumMessageSize":
      next.maximumMessageSize = integerIn(name, value, LIMITS.minMessageBytes, LIMITS.maxMessageBytes);
      break;
    case "MessageRetentionPeriod":
      next.messageRetentionPeriod = integerIn(name, value, LIMITS.minRetentionSeconds, LIMITS.maxRetentionSeconds);
      break;
    case "ReceiveMessageWaitTimeSeconds":
      next.receiveMessageWaitTimeSeconds = integerIn(name, value, 0, LIMITS.maxWaitSeconds);
      break;
    case "VisibilityTimeout":
      next.visibilityTimeout = integerIn(name, value, 0, LIMITS.maxVisibilitySeconds);
      break;
    case "KmsDataKeyReusePeriodSeconds":
      integerIn(name, value, LIMITS.minKmsReuseSeconds, LIMITS.maxKmsReuseSeconds);
      break;
    case "SqsManagedSseEnabled":
    case "ContentBasedDeduplication":
    case "FifoQueue": {
      if (value !== "true" && value !== "false") throw invalidValue(name);
      if (name === "ContentBasedDeduplication") next.contentBasedDeduplication = value === "true";
      if (name === "FifoQueue" && (value === "true") !== next.fifo) {
        throw errors.InvalidParameterValue(
          "The name of a FIFO queue can only include alphanumeric characters, hyphens, or underscores, must end with .fifo suffix and be 1 to 80 in length.",
        );
      }
      break;
    }
    case "DeduplicationScope":
      if (value !== "queue" && value !== "messageGroup") throw invalidValue(name);
      next.deduplicationScope = value;
      break;
    case "FifoThroughputLimit":
      if (value !== "perQueue" && value !== "perMessageGroupId") throw invalidValue(name);
      next.fifoThroughputLimit = value;
      break;
    case "Policy":
      if (value !== "") checkPolicy(value);
      break;
    case "KmsMasterKeyId":
      break;
    case "RedrivePolicy":
      next.redrivePolicy = value === "" ? undefined : parseRedrivePolicy(value);
      break;
    case "RedriveAllowPolicy":
      next.redriveAllowPolicy = value === "" ? undefined : parseRedriveAllowPolicy(value);
      break;
  }
  if (value === "" && (name === "RedrivePolicy" || name === "RedriveAllowPolicy" || name === "Policy" || name === "KmsMasterKeyId")) {
    next.raw.delete(name);
  } else if (name === "RedrivePolicy") {
    // AWS answers with the policy re-serialised, so `{"maxReceiveCount":"2"}` reads back as a number.
    next.raw.set(name, JSON.stringify(next.redrivePolicy));
  } else if (name === "RedriveAllowPolicy") {
    // Read back as set, without members it did not give (AWS's recorded test_create_standard_queue_with_all_properties:
    // {"redrivePermission":"allowAll"} stays that), compacted like the RedrivePolicy.
    next.raw.set(name, JSON.stringify(JSON.parse(value)));
  } else {
    next.raw.set(name, value);
  }
}

function parseRedrivePolicy(value: string): RedrivePolicy {
  const parsed = parseJsonObject("RedrivePolicy", value);
  const arn = parsed["deadLetterTargetArn"];
  const given = parsed["maxReceiveCount"];
  // "SetQueueAttributes" RedrivePolicy: maxReceiveCount "Default: 10".
  // Integer text only: Number() would also take "0x10", " 5 " and "1e1".
  const count = given === undefined ? DEFAULTS.maxReceiveCount : typeof given === "string" ? (/^\d{1,4}$/.test(given) ? Number(given) : Number.NaN) : given;
  if (typeof arn !== "string" || parseArn(arn)?.service !== "sqs") {
    throw errors.InvalidParameterValue(`Value ${value} for parameter RedrivePolicy is invalid. Reason: Invalid value for deadLetterTargetArn.`);
  }
  if (typeof count !== "number" || !Number.isInteger(count) || count < LIMITS.minMaxReceiveCount || count > LIMITS.maxMaxReceiveCount) {
    throw errors.InvalidParameterValue(
      `Value ${value} for parameter RedrivePolicy is invalid. Reason: Invalid value for maxReceiveCount: ${String(parsed["maxReceiveCount"])}, valid values are from 1 to 1000 both inclusive.`,
    );
  }
  return { deadLetterTargetArn: arn, maxReceiveCount: count };
}

function parseRedriveAllowPolicy(value: string): RedriveAllowPolicy {
  const parsed = parseJsonObject("RedriveAllowPolicy", value);
  const permission = parsed["redrivePermission"];
  const sources = parsed["sourceQueueArns"];
  if (permission !== "allowAll" && permission !== "denyAll" && permission !== "byQueue") {
    throw errors.InvalidParameterValue(`Value ${value} for parameter RedriveAllowPolicy is invalid. Reason: Invalid value for redrivePermission.`);
  }
  const arns = sources === undefined ? [] : sources;
  if (!Array.isArray(arns) || !arns.every((arn) => typeof arn === "string")) {
    throw errors.InvalidParameterValue(`Value ${value} for parameter RedriveAllowPolicy is invalid. Reason: Invalid value for sourceQueueArns.`);
  }
  if (permission === "byQueue" ? arns.length < 1 || arns.length > LIMITS.maxRedriveAllowSources : arns.length > 0) {
    throw errors.InvalidParameterValue(
      `Value ${value} for parameter RedriveAllowPolicy is invalid. Reason: sourceQueueArns must be given (1 to 10) exactly when redrivePermission is byQueue.`,
    );
  }
  return { redrivePermission: permission, sourceQueueArns: arns as string[] };
}

function parseJsonObject(name: string, value: string): Record<string, unknown> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch {
    throw errors.InvalidParameterValue(`Value ${value} for parameter ${name} is invalid. Reason: Invalid JSON.`);
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
    throw errors.InvalidParameterValue(`Value ${value} for parameter ${name} is invalid. Reason: Invalid JSON.`);
  }
  return parsed as Record<string, unknown>;
}

function integerIn(name: string, value: string, min: number, max: number): number {
  if (!/^\d+$/.test(value)) throw invalidValue(name);
  const n = Number(value);
  if (n < min || n > max) throw invalidValue(name);
  return n;
}

/** A policy document whose Statement is one statement object or a list of them (AddPermission edits it). */
function checkPolicy(value: string): void {
  const statement = parseJsonObject("Policy", value)["Statement"];
  const statements = Array.isArray(statement) ? statement : statement === undefined ? [] : [statement];
  if (!statements.every((entry) => typeof entry === "object" && entry !== null && !Array.isArray(entry))) throw invalidValue("Policy");
}

function invalidValue(name: string) {
  return errors.InvalidAttributeValue(`Invalid value for the parameter ${name}.`);
}
