import { parseArn, utf8Length, type Arn, type MessageAttributeInputMap, type MessageAttributeInputValue, type MessageAttributeMap, type MessageAttributeValue } from "@simcloud/core";
import { errors, invalidParameter } from "./errors";
import { LIMITS } from "./limits";
import { PROTOCOLS, type SubscriptionProtocol } from "./types";

/** CreateTopic: 1..256 of A-Z a-z 0-9 _ -, and FIFO names end in ".fifo". */
export function validateTopicName(name: unknown, fifo: boolean): string {
  if (typeof name !== "string" || name.length === 0) throw invalidParameter("Topic Name");
  const base = name.endsWith(".fifo") ? name.slice(0, -5) : name;
  if (name.length > LIMITS.maxTopicNameLength || base.length === 0 || !/^[A-Za-z0-9_-]+$/.test(base)) {
    throw invalidParameter(fifo ? FIFO_NAME_RULE : "Topic Name");
  }
  // A FIFO topic whose name lacks .fifo (or the reverse) is just "Topic Name" to AWS (recorded test_create_topic_name_constraints).
  if (fifo !== name.endsWith(".fifo")) throw invalidParameter("Topic Name");
  return name;
}

const FIFO_NAME_RULE =
  "Fifo Topic names must end with .fifo and must be made up of only uppercase and lowercase ASCII letters, numbers, underscores, and hyphens, and must be between 1 and 256 characters long.";

export function requireString(value: unknown, name: string): string {
  if (typeof value !== "string" || value.length === 0) throw invalidParameter(`${name} Reason: no value for required parameter`);
  return value;
}

export function boolText(value: string, name: string): boolean {
  if (value === "true") return true;
  if (value === "false") return false;
  throw invalidParameter(`Attributes Reason: ${name}: Invalid value [${value}]. Must be true or false.`);
}

/** A well-formed SNS ARN (topic or subscription) in this cloud; another account is AuthorizationError as in AWS. */
export function requireSnsArn(text: unknown, name: string, scope: { region: string; accountId: string }): Arn {
  if (typeof text !== "string" || text.length === 0) throw invalidParameter(`${name} Reason: no value for required parameter`);
  const arn = parseArn(text);
  if (arn === undefined) throw invalidParameter(`${name} Reason: An ARN must have at least 6 elements, not ${text.split(":").length}`);
  if (arn.service !== "sns" || arn.resource.length === 0) throw invalidParameter(name);
  // AWS names only the parameter for an ARN of another region (its recorded answer: "Invalid parameter: TopicArn").
  if (arn.region !== scope.region) throw invalidParameter(name);
  if (arn.accountId !== scope.accountId) {
    throw errors.AuthorizationErrorException(`User: arn:aws:iam::${scope.accountId}:root is not authorized to perform this action on resource: ${text}`);
  }
  return arn;
}

export function validateProtocol(protocol: unknown): SubscriptionProtocol {
  if (typeof protocol !== "string" || protocol.length === 0) throw invalidParameter("Protocol Reason: no value for required parameter");
  const lower = protocol.toLowerCase();
  if (!(PROTOCOLS as readonly string[]).includes(lower)) throw invalidParameter(`Amazon SNS does not support this protocol string: ${protocol}`);
  return lower as SubscriptionProtocol;
}

/** Subscribe: the endpoint must fit its protocol. */
export function validateEndpoint(protocol: SubscriptionProtocol, endpoint: unknown): string {
  if (typeof endpoint !== "string" || endpoint.length === 0) throw invalidParameter("Endpoint Reason: no value for required parameter");
  const arn = parseArn(endpoint);
  switch (protocol) {
    case "sqs":
      if (arn?.service !== "sqs" || !arn.resource) throw invalidParameter("SQS endpoint ARN");
      break;
    case "lambda":
      if (arn?.service !== "lambda" || !arn.resource.startsWith("function:")) throw invalidParameter("Lambda endpoint ARN");
      break;
    case "firehose":
      if (arn?.service !== "firehose") throw invalidParameter("Firehose endpoint ARN");
      break;
    case "application":
      if (arn?.service !== "sns" || !arn.resource.startsWith("endpoint/")) throw invalidParameter("Application endpoint ARN");
      break;
    case "http":
    case "https":
      if (!endpoint.toLowerCase().startsWith(`${protocol}://`) || !canParseUrl(endpoint)) throw invalidParameter("Endpoint must match the specified protocol");
      break;
    case "email":
    case "email-json":
      if (!/^[^\s@]+@[^\s@]+$/.test(endpoint)) throw invalidParameter("Email address");
      break;
    case "sms":
      if (!/^\+?[0-9]{1,15}$/.test(endpoint.replace(/[\s().-]/g, ""))) throw invalidParameter(`Invalid SMS endpoint: ${endpoint}`);
      break;
  }
  return endpoint;
}

function canParseUrl(text: string): boolean {
  try {
    new URL(text);
    return true;
  } catch {
    return false;
  }
}

/** Publish API reference: up to 100 printable ASCII characters, no line breaks or control characters. */
export function validateSubject(subject: unknown): string | undefined {
  if (subject === undefined || subject === null) return undefined;
  if (typeof subject !== "string" || subject.length === 0) throw invalidParameter("Subject");
  if (subject.length > LIMITS.maxSubjectLength || !/^[\x20-\x7e]+$/.test(subject) || !/^[A-Za-z0-9\p{P}\p{S}]/u.test(subject)) {
    throw invalidParameter("Subject");
  }
  return subject;
}

const NUMBER = /^-?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/**
 * Amazon SNS message attributes: names of A-Z a-z 0-9 _ - . (no leading, trailing or doubled period, no
 * AWS./Amazon. prefix, under 256 bytes); types String, String.Array, Number, Binary (custom suffixes
 * allowed on String, Number, Binary, not an empty one); values non-empty and in their type's field. Messages are
 * AWS's recorded answers (test_empty_or_wrong_message_attributes, test_message_attributes_prefixes).
 * `memberPath` is where the request holds the map (`messageAttributes`, `publishBatchRequestEntries.1.member.messageAttributes`).
 */
export function validateMessageAttributes(attributes: MessageAttributeInputMap | undefined, memberPath = "messageAttributes"): MessageAttributeMap {
  const out = Object.create(null) as MessageAttributeMap;
  if (attributes === undefined || attributes === null) return out;
  for (const name of Object.keys(attributes)) {
    const value = attributes[name] as MessageAttributeInputValue | undefined;
    if (value === undefined || value === null || typeof value.DataType !== "string") {
      throw errors.ValidationError(
        `1 validation error detected: Value null at '${memberPath}.${name}.member.dataType' failed to satisfy constraint: Member must not be null`,
      );
    }
    validateAttributeName(name);
    const type = value.DataType;
    const [base = "", ...suffix] = type.split(".");
    if (utf8Length(type) > LIMITS.maxAttributeDataTypeLength || !["String", "Number", "Binary"].includes(base) || (suffix.length > 0 && suffix.join(".").length === 0)) {
      throw errors.InvalidParameterValueException(
        `The message attribute '${name}' has an invalid message attribute type, the set of supported type prefixes is Binary, Number, and String.`,
      );
    }
    const hasString = typeof value.StringValue === "string";
    const hasBinary = value.BinaryValue !== undefined && value.BinaryValue !== null;
    if (base === "Binary") {
      if (hasString && !hasBinary) throw errors.InvalidParameterValueException(`The message attribute '${name}' with type 'Binary' must use field 'Binary'.`);
      if (!hasBinary || (value.BinaryValue as Uint8Array).length === 0) {
        throw errors.InvalidParameterValueException(`The message attribute '${name}' must contain non-empty message attribute value for message attribute type 'Binary'.`);
      }
      // Copied: fan-out runs later, and the publisher may reuse its Buffer at once.
      out[name] = { DataType: type, BinaryValue: new Uint8Array(value.BinaryValue as Uint8Array) };
      continue;
    }
    if (hasBinary && !hasString) throw errors.InvalidParameterValueException(`The message attribute '${name}' with type '${base}' must use field 'String'.`);
    const text = value.StringValue;
    if (typeof text !== "string" || text.length === 0) {
      throw errors.InvalidParameterValueException(`The message attribute '${name}' must contain non-empty message attribute value for message attribute type '${base}'.`);
    }
    if (base === "Number" && !NUMBER.test(text.trim())) throw errors.InvalidParameterValueException(`Could not cast message attribute '${name}' value to number.`);
    if (type === "String.Array") validateStringArray(name, text);
    out[name] = { DataType: type, StringValue: text };
  }
  return out;
}

function validateAttributeName(name: string): void {
  if (name.length === 0) throw errors.InvalidParameterValueException("The message attribute name must not be empty.");
  if (utf8Length(name) >= LIMITS.maxAttributeNameLength) throw errors.InvalidParameterValueException("Length of message attribute name must be less than 256 bytes.");
  const bad = [...name].find((char) => !/[A-Za-z0-9_.-]/.test(char));
  if (bad !== undefined) {
    const code = (bad.codePointAt(0) ?? 0).toString(16).toUpperCase();
    throw errors.InvalidParameterValueException(
      `Invalid non-alphanumeric character '#x${code}' was found in the message attribute name. Can only include alphanumeric characters, hyphens, underscores, or dots.`,
    );
  }
  if (name.startsWith(".")) throw errors.InvalidParameterValueException("Invalid message attribute name starting with character '.' was found.");
  if (name.endsWith(".")) throw errors.InvalidParameterValueException("Invalid message attribute name ending with character '.' was found.");
  if (name.includes("..")) throw errors.InvalidParameterValueException("Message attribute name can not have successive '.' character.");
  if (/^(aws|amazon)\./i.test(name)) throw errors.InvalidParameterValueException(`The message attribute name '${name}' is reserved for use by AWS.`);
}

/** String.Array holds a JSON array of strings, numbers, true, false and null. */
function validateStringArray(name: string, text: string): void {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  const ok = Array.isArray(parsed) && parsed.every((v) => v === null || ["string", "number", "boolean"].includes(typeof v));
  if (!ok) throw errors.InvalidParameterValueException(`The message attribute '${name}' with type 'String.Array' has an invalid value: ${text}`);
}

/** Message plus every attribute's name, type and value: the size a topic's MaximumMessageSize bounds. */
export function messageSize(message: string, attributes: MessageAttributeMap): number {
  let size = utf8Length(message);
  for (const name of Object.keys(attributes)) {
    const value = attributes[name] as MessageAttributeValue;
    size += utf8Length(name) + utf8Length(value.DataType);
    size += value.BinaryValue !== undefined ? value.BinaryValue.length : utf8Length(value.StringValue ?? "");
  }
  return size;
}

/** MessageStructure "json": an object of strings with a "default" entry. */
export function parseMessageStructure(message: string): Record<string, string> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(message);
  } catch {
    throw invalidParameter("Message Structure - JSON message body failed to parse");
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) throw invalidParameter("Message Structure - JSON message body failed to parse");
  const out = Object.create(null) as Record<string, string>;
  // A protocol key holding anything but text is ignored, so that protocol falls back to `default` (AWS's recorded
  // answers: an object under `sqs` delivers the default; an object under `default` is "No default entry").
  for (const [key, value] of Object.entries(parsed)) {
    if (typeof value === "string") out[key] = value;
  }
  if (out["default"] === undefined) throw invalidParameter("Message Structure - No default entry in JSON message body");
  return out;
}

const FIFO_ID = /^[A-Za-z0-9!"#$%&'()*+,\-./:;<=>?@[\\\]^_`{|}~]+$/;

/** Amazon SNS FIFO topics: MessageGroupId / MessageDeduplicationId up to 128 alphanumerics and punctuation. */
export function validateFifoId(value: unknown, name: "MessageGroupId" | "MessageDeduplicationId"): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "string" || value.length === 0 || value.length > LIMITS.maxFifoIdLength || !FIFO_ID.test(value)) {
    throw invalidParameter(`${name} Reason: ${name} can only include alphanumeric and punctuation characters. 1 to 128 in length.`);
  }
  return value;
}

/**
 * The reason AWS gives for JSON it cannot parse: its parser's (Jackson's) wording, which AWS quotes after "failed to
 * parse JSON." (recorded test_validate_set_sub_attributes, test_subscribe_invalid_filter_policy). The two common
 * shapes are rendered exactly: a bare token, and an object key without quotes; others name the position only.
 */
export function jsonParseReason(text: string): string | undefined {
  try {
    JSON.parse(text);
    return undefined;
  } catch {
    // fall through: describe the first problem the way Jackson does
  }
  const where = (column: number) => `\n at [Source: REDACTED (\`StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION\` disabled); line: 1, column: ${column}]`;
  const start = text.length - text.trimStart().length;
  const first = text[start];
  if (first !== undefined && /[A-Za-z]/.test(first)) {
    const token = /^[A-Za-z0-9_]+/.exec(text.slice(start))?.[0] ?? first;
    return `Unrecognized token '${token}': was expecting (JSON String, Number, Array, Object or token 'null', 'true' or 'false')${where(start + token.length + 1)}`;
  }
  if (first === "{") {
    let index = start + 1;
    while (index < text.length && /\s/.test(text[index] as string)) index++;
    const next = text[index];
    if (next !== undefined && next !== '"' && next !== "}") {
      return `Unexpected character ('${next}' (code ${next.codePointAt(0) ?? 0})): was expecting double-quote to start field name${where(index + 1)}`;
    }
  }
  return `Unexpected end-of-input or character${where(text.length)}`;
}
