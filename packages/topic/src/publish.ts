import type { MessageAttributeInputMap, MessageAttributeMap } from "@simcloud/core";
import { utf8Length } from "@simcloud/core";
import { invalidParameter } from "./errors";
import type { Topic } from "./topic";
import { messageSize, parseMessageStructure, validateFifoId, validateMessageAttributes, validateSubject } from "./validate";

/** The parts of Publish and of a PublishBatch entry that describe one message. */
export interface MessageInput {
  Message?: string | undefined;
  Subject?: string | undefined;
  MessageStructure?: string | undefined;
  MessageAttributes?: MessageAttributeInputMap | undefined;
  MessageDeduplicationId?: string | undefined;
  MessageGroupId?: string | undefined;
}

/** A message that passed every check for its topic; nothing has changed yet. */
export interface PreparedMessage {
  message: string;
  perProtocol: Record<string, string> | undefined;
  subject: string | undefined;
  attributes: MessageAttributeMap;
  messageGroupId: string | undefined;
  deduplicationId: string | undefined;
}

/** Publish API reference and Amazon SNS FIFO topics: every check, before any state changes. */
export function prepareMessage(topic: Topic, input: MessageInput, attributesPath?: string): PreparedMessage {
  const message = input.Message;
  if (typeof message !== "string" || message.length === 0) throw invalidParameter("Empty message");
  const subject = validateSubject(input.Subject);
  let perProtocol: Record<string, string> | undefined;
  if (input.MessageStructure !== undefined && input.MessageStructure !== null) {
    if (input.MessageStructure !== "json") throw invalidParameter("MessageStructure");
    perProtocol = parseMessageStructure(message);
  }
  const attributes = validateMessageAttributes(input.MessageAttributes, attributesPath);
  if (messageSize(message, attributes) > topic.settings.maximumMessageSize) throw invalidParameter("Message too long");
  const messageGroupId = validateFifoId(input.MessageGroupId, "MessageGroupId");
  const explicitDedup = validateFifoId(input.MessageDeduplicationId, "MessageDeduplicationId");
  let deduplicationId: string | undefined;
  if (topic.fifo) {
    if (messageGroupId === undefined) throw invalidParameter("The MessageGroupId parameter is required for FIFO topics");
    deduplicationId = topic.deduplicationId(explicitDedup, message);
  } else if (explicitDedup !== undefined) {
    throw invalidParameter("MessageDeduplicationId Reason: The request includes MessageDeduplicationId parameter that is not valid for this topic type");
  }
  return { message, perProtocol, subject, attributes, messageGroupId, deduplicationId };
}

/** A batch entry's size from its raw input, for BatchRequestTooLong before entries are validated one by one. */
export function rawSize(input: MessageInput): number {
  let size = typeof input.Message === "string" ? utf8Length(input.Message) : 0;
  const attributes = input.MessageAttributes;
  if (attributes === undefined || attributes === null) return size;
  for (const name of Object.keys(attributes)) {
    const value = attributes[name];
    size += utf8Length(name);
    if (value === undefined || value === null) continue;
    if (typeof value.DataType === "string") size += utf8Length(value.DataType);
    if (typeof value.StringValue === "string") size += utf8Length(value.StringValue);
    if (value.BinaryValue instanceof Uint8Array) size += value.BinaryValue.length;
  }
  return size;
}

export { messageSize };
