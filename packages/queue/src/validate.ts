import { safeRecord, type BatchRules } from "@simcloud/core";
import type { MessageAttributeInputMap, MessageAttributeMap } from "@simcloud/core";
import { errors } from "./errors";
import { LIMITS } from "./limits";
import type { BatchResultErrorEntry, MessageSystemAttributeName, ReceiveMessageInput } from "./types";

/** "CreateQueue": alphanumerics, hyphens and underscores, 1–80 characters; a FIFO name ends in `.fifo` within the 80. */
export function validateQueueName(name: unknown, fifo: boolean): asserts name is string {
  if (typeof name !== "string" || name.length === 0) throw errors.MissingParameter("The request must contain the parameter QueueName.");
  const base = fifo && name.endsWith(".fifo") ? name.slice(0, -5) : name;
  const ok = name.length <= LIMITS.maxQueueNameLength && base.length > 0 && /^[A-Za-z0-9_-]+$/.test(base) && (!fifo || name.endsWith(".fifo"));
  if (ok) return;
  throw errors.InvalidParameterValue(
    fifo
      ? "The name of a FIFO queue can only include alphanumeric characters, hyphens, or underscores, must end with .fifo suffix and be 1 to 80 in length."
      : "Can only include alphanumeric characters, hyphens, or underscores. 1 to 80 in length",
  );
}

export function requireString(value: unknown, parameter: string): asserts value is string {
  if (typeof value !== "string" || value.length === 0) throw errors.MissingParameter(`The request must contain the parameter ${parameter}.`);
}

/** An optional integer parameter in [min, max], with AWS's "Value … for parameter … is invalid" wording. */
export function optionalInteger(value: unknown, parameter: string, min: number, max: number, reason: string): number | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "number" || !Number.isInteger(value) || value < min || value > max) {
    throw errors.InvalidParameterValue(`Value ${String(value)} for parameter ${parameter} is invalid. Reason: ${reason}`);
  }
  return value;
}

/**
 * "SendMessage" MessageBody: XML 1.0 characters only — #x9 | #xA | #xD | #x20 to #xD7FF | #xE000 to #xFFFD |
 * #x10000 to #x10FFFF. With the `u` flag a lone surrogate is its own code point and so is rejected.
 */
const INVALID_CHARACTER = /[^\x09\x0A\x0D\x20-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;

export function hasInvalidCharacters(text: string): boolean {
  return INVALID_CHARACTER.test(text);
}

function invalidContents() {
  return errors.InvalidMessageContents(
    "Invalid characters found. Valid unicode characters are #x9 | #xA | #xD | #x20 to #xD7FF | #xE000 to #xFFFD | #x10000 to #x10FFFF",
  );
}

/** One message as the caller sends it (SendMessage, a SendMessageBatch entry, a port's send). */
export interface SendFields {
  MessageBody: string | undefined;
  DelaySeconds?: number;
  MessageAttributes?: MessageAttributeInputMap;
  MessageSystemAttributes?: MessageAttributeInputMap;
  MessageDeduplicationId?: string;
  MessageGroupId?: string;
}

/** A message validateSend accepted: its body and attributes are all there. */
export interface ValidSend extends SendFields {
  MessageBody: string;
  MessageAttributes?: MessageAttributeMap;
  MessageSystemAttributes?: MessageAttributeMap;
}

export interface QueueSendRules {
  fifo: boolean;
  contentBasedDeduplication: boolean;
  maximumMessageSize: number;
}

/** Every check SendMessage makes on one message, before anything is stored. */
export function validateSend(input: SendFields, queue: QueueSendRules): asserts input is ValidSend {
  const body: unknown = input.MessageBody;
  if (typeof body !== "string") throw errors.MissingParameter("The request must contain the parameter MessageBody.");
  // An empty body is a missing one to AWS (recorded test_send_empty_message: MissingParameter).
  if (body.length === 0) throw errors.MissingParameter("The request must contain the parameter MessageBody.");
  if (hasInvalidCharacters(body)) throw invalidContents();
  optionalInteger(input.DelaySeconds, "DelaySeconds", 0, LIMITS.maxDelaySeconds, "must be between 0 and 900, if provided.");
  let size = Buffer.byteLength(body, "utf8");
  size += validateAttributes(input.MessageAttributes, "user");
  validateSystemAttributes(input.MessageSystemAttributes);
  if (size > queue.maximumMessageSize) {
    throw errors.InvalidParameterValue(`One or more parameters are invalid. Reason: Message must be shorter than ${queue.maximumMessageSize} bytes.`);
  }
  if (queue.fifo) {
    if (input.DelaySeconds !== undefined && input.DelaySeconds !== null && input.DelaySeconds !== 0) {
      throw errors.InvalidParameterValue(
        `Value ${input.DelaySeconds} for parameter DelaySeconds is invalid. Reason: The request include parameter that is not valid for this queue type.`,
      );
    }
    if (input.MessageGroupId === undefined || input.MessageGroupId === null) {
      throw errors.MissingParameter("The request must contain the parameter MessageGroupId.");
    }
    if (input.MessageDeduplicationId === undefined && !queue.contentBasedDeduplication) {
      throw errors.InvalidParameterValue(
        "The queue should either have ContentBasedDeduplication enabled or MessageDeduplicationId provided explicitly",
      );
    }
  } else if (input.MessageDeduplicationId !== undefined) {
    throw errors.InvalidParameterValue(
      `Value ${input.MessageDeduplicationId} for parameter MessageDeduplicationId is invalid. Reason: The request include parameter that is not valid for this queue type.`,
    );
  }
  if (input.MessageGroupId !== undefined) validateToken(input.MessageGroupId, "MessageGroupId", LIMITS.maxGroupIdLength);
  if (input.MessageDeduplicationId !== undefined) validateToken(input.MessageDeduplicationId, "MessageDeduplicationId", LIMITS.maxDeduplicationIdLength);
}

/** MessageGroupId / MessageDeduplicationId / ReceiveRequestAttemptId: 1–128 of alphanumerics and !"#$%&'()*+,-./:;<=>?@[\]^_`{|}~. */
export function validateToken(value: unknown, parameter: string, maxLength: number): void {
  if (typeof value !== "string" || value.length === 0 || value.length > maxLength || !/^[\x21-\x7e]+$/.test(value)) {
    // AWS's recorded wording names the parameter (test_send_message_to_standard_queue_with_invalid_message_group_id).
    const reason =
      parameter === "ReceiveRequestAttemptId" ? "Invalid characters or length." : `${parameter} can only include alphanumeric and punctuation characters. 1 to 128 in length.`;
    throw errors.InvalidParameterValue(`Value ${String(value)} for parameter ${parameter} is invalid. Reason: ${reason}`);
  }
}

const ATTRIBUTE_NAME = /^[A-Za-z0-9_.-]+$/;

/** "Amazon SQS message attributes": names, data types and values; returns the bytes they add to the message size. */
export function validateAttributes(attributes: MessageAttributeInputMap | undefined, kind: "user" | "system"): number {
  if (attributes === undefined || attributes === null) return 0;
  const map = safeRecord(attributes);
  const names = Object.keys(map);
  if (names.length > LIMITS.maxMessageAttributes) {
    throw errors.InvalidParameterValue(`Number of message attributes [${names.length}] exceeds the allowed maximum [10].`);
  }
  let size = 0;
  for (const name of names) {
    const value = map[name];
    const lower = name.toLowerCase();
    if (
      name.length > LIMITS.maxAttributeNameLength ||
      !ATTRIBUTE_NAME.test(name) ||
      name.startsWith(".") ||
      name.endsWith(".") ||
      name.includes("..") ||
      (kind === "user" && (lower.startsWith("aws.") || lower.startsWith("amazon.")))
    ) {
      throw errors.InvalidParameterValue(`Message (${kind}) attribute name '${name}' is invalid.`);
    }
    if (typeof value !== "object" || value === null || typeof value.DataType !== "string" || value.DataType.length === 0) {
      throw errors.InvalidParameterValue(`The message attribute '${name}' must contain non-empty message attribute type.`);
    }
    const type = value.DataType;
    const base = type.split(".", 1)[0];
    if (type.length > LIMITS.maxDataTypeLength || (base !== "String" && base !== "Number" && base !== "Binary")) {
      throw errors.InvalidParameterValue(`The type of message (${kind}) attribute '${name}' is invalid. You must use only the following supported type prefixes: Binary, Number, String.`);
    }
    if (value.StringListValues !== undefined || value.BinaryListValues !== undefined) {
      throw errors.InvalidParameterValue(`Message (${kind}) attribute '${name}': StringListValues and BinaryListValues are not supported.`);
    }
    size += Buffer.byteLength(name, "utf8") + Buffer.byteLength(type, "utf8");
    if (base === "Binary") {
      if (!(value.BinaryValue instanceof Uint8Array) || value.BinaryValue.length === 0) {
        throw errors.InvalidParameterValue(`The message attribute '${name}' with type 'Binary' must use field 'Binary'.`);
      }
      size += value.BinaryValue.length;
      continue;
    }
    if (typeof value.StringValue !== "string") {
      throw errors.InvalidParameterValue(`The message attribute '${name}' with type '${base}' must use field 'String'.`);
    }
    if (value.StringValue.length === 0) {
      throw errors.InvalidParameterValue(`Message (${kind}) attribute '${name}' must contain a non-empty value of type '${base}'.`);
    }
    if (hasInvalidCharacters(value.StringValue)) throw invalidContents();
    if (base === "Number" && !isSqsNumber(value.StringValue)) {
      throw errors.InvalidParameterValue(`Can't cast the value of message (${kind}) attribute '${name}' to a number.`);
    }
    size += Buffer.byteLength(value.StringValue, "utf8");
  }
  return size;
}

/** Number attributes: up to 38 significant digits, from 10^-128 to 10^+126 ("Amazon SQS message attributes"). */
function isSqsNumber(text: string): boolean {
  const match = /^[+-]?(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/.exec(text.trim());
  if (match === null) return false;
  const digits = `${match[1] ?? ""}${match[2] ?? ""}`;
  if (digits.length === 0) return false;
  const significant = digits.replace(/^0+/, "").replace(/0+$/, "");
  if (significant.length > 38) return false;
  if (significant.length === 0) return true;
  const value = Number(text);
  return Number.isFinite(value) && (value === 0 || (Math.abs(value) >= 1e-128 && Math.abs(value) <= 1e126));
}

function validateSystemAttributes(attributes: MessageAttributeInputMap | undefined): void {
  if (attributes === undefined || attributes === null) return;
  const map = safeRecord(attributes);
  for (const name of Object.keys(map)) {
    // "SendMessage" MessageSystemAttributes: AWSTraceHeader is the only supported one, a String.
    if (name !== "AWSTraceHeader") throw errors.InvalidParameterValue(`Message system attribute name '${name}' is invalid.`);
    if (map[name]?.DataType !== "String") {
      throw errors.InvalidParameterValue(`Message system attribute '${name}' must be of type String.`);
    }
  }
  validateAttributes(map, "system");
}

const SYSTEM_NAMES: ReadonlySet<string> = new Set<MessageSystemAttributeName>([
  "All",
  "SenderId",
  "SentTimestamp",
  "ApproximateReceiveCount",
  "ApproximateFirstReceiveTimestamp",
  "SequenceNumber",
  "MessageDeduplicationId",
  "MessageGroupId",
  "AWSTraceHeader",
  "DeadLetterQueueSourceArn",
]);

export interface ReceiveRules {
  max: number;
  visibilityTimeout: number | undefined;
  waitTimeSeconds: number | undefined;
  systemNames: ReadonlySet<string>;
  /** undefined: no message attributes; "all": every one; otherwise exact names and `prefix.*` patterns. */
  attributeNames: "all" | { exact: Set<string>; prefixes: string[] } | undefined;
}

/** "ReceiveMessage" parameters. */
export function validateReceive(input: Omit<ReceiveMessageInput, "QueueUrl">): ReceiveRules {
  const max = optionalInteger(input.MaxNumberOfMessages, "MaxNumberOfMessages", 1, LIMITS.maxReceiveMessages, "Must be between 1 and 10, if provided.") ?? 1;
  const visibilityTimeout = optionalInteger(
    input.VisibilityTimeout,
    "VisibilityTimeout",
    0,
    LIMITS.maxVisibilitySeconds,
    "Must be between 0 and 43200, if provided.",
  );
  const waitTimeSeconds = optionalInteger(input.WaitTimeSeconds, "WaitTimeSeconds", 0, LIMITS.maxWaitSeconds, "Must be >= 0 and <= 20, if provided.");
  const systemNames = new Set<string>();
  // The deprecated AttributeNames also accepted queue-attribute names; AWS ignores those there.
  for (const name of input.AttributeNames ?? []) if (SYSTEM_NAMES.has(name)) systemNames.add(name);
  for (const name of input.MessageSystemAttributeNames ?? []) {
    if (!SYSTEM_NAMES.has(name)) throw errors.InvalidAttributeName(`Unknown Attribute ${String(name)}.`);
    systemNames.add(name);
  }
  if (input.ReceiveRequestAttemptId !== undefined) validateToken(input.ReceiveRequestAttemptId, "ReceiveRequestAttemptId", 128);
  let attributeNames: ReceiveRules["attributeNames"];
  const names = input.MessageAttributeNames ?? [];
  // "All", "*" and ".*" select every attribute; "<prefix>.*" every name starting with <prefix> ("Hel.*" selects
  // "Hello" and "Help.Me": AWS's recorded test_receive_message_message_attribute_names_filters).
  if (names.some((name) => name === "All" || name === "*" || name === ".*")) attributeNames = "all";
  else if (names.length > 0) {
    const selection = { exact: new Set<string>(), prefixes: [] as string[] };
    for (const name of names) {
      if (name.endsWith(".*")) selection.prefixes.push(name.slice(0, -2));
      else selection.exact.add(name);
    }
    attributeNames = selection;
  }
  return { max, visibilityTimeout, waitTimeSeconds, systemNames, attributeNames };
}

/** The batch actions' request checks (runBatch) with SQS's errors; `precheck` runs after the ids, before any entry. */
export function sqsBatchRules<E>(requestEntryName: string, precheck?: (entries: readonly (E & { Id: string })[]) => void): BatchRules<E, BatchResultErrorEntry> {
  return {
    maxEntries: LIMITS.maxBatchEntries,
    empty: () => errors.EmptyBatchRequest(`There should be at least one ${requestEntryName} in the request.`),
    tooMany: (count) => errors.TooManyEntriesInBatchRequest(`Maximum number of entries per request are ${LIMITS.maxBatchEntries}. You have sent ${count}.`),
    invalidId: () => errors.InvalidBatchEntryId("A batch entry id can only contain alphanumeric characters, hyphens and underscores. It can be at most 80 letters long."),
    duplicateId: (id) => errors.BatchEntryIdsNotDistinct(`Id ${id} repeated.`),
    ...(precheck === undefined ? {} : { precheck }),
  };
}
