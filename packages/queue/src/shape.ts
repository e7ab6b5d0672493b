import { lineageOf, tagLineage, type MessageAttributeMap } from "@simcloud/core";
import { md5OfAttributes } from "./md5";
import { copyAttribute, copyAttributes, type StoredMessage } from "./message";
import type { Message, MessageSystemAttributeName } from "./types";
import type { ReceiveRules } from "./validate";

/** A received message as ReceiveMessage answers it: the attributes the rules ask for, copied out. */
export function shapeMessage(message: StoredMessage, receiptHandle: string, rules: ReceiveRules): Message {
  const out: Message = {
    MessageId: message.messageId,
    ReceiptHandle: receiptHandle,
    MD5OfBody: message.md5Body,
    Body: message.body,
  };
  tagLineage(out, lineageOf(message));
  if (rules.systemNames.size > 0) out.Attributes = systemAttributesOf(message, rules.systemNames);
  const selection = rules.attributeNames;
  if (selection !== undefined && message.attributes !== undefined) {
    // Copied out: what a receiver edits is its own, as with a real response.
    if (selection === "all") {
      out.MessageAttributes = copyAttributes(message.attributes) as MessageAttributeMap;
      if (message.md5Attributes !== undefined) out.MD5OfMessageAttributes = message.md5Attributes;
    } else {
      const picked: MessageAttributeMap = Object.create(null) as MessageAttributeMap;
      let any = false;
      for (const name of Object.keys(message.attributes)) {
        if (selection.exact.has(name) || selection.prefixes.some((prefix) => name.startsWith(prefix))) {
          picked[name] = copyAttribute(message.attributes[name] as MessageAttributeMap[string]);
          any = true;
        }
      }
      if (any) {
        out.MessageAttributes = { ...picked };
        // The SDK checks the digest against the attributes it got back, so it covers only those.
        out.MD5OfMessageAttributes = md5OfAttributes(picked) as string;
      }
    }
  }
  return out;
}

function systemAttributesOf(message: StoredMessage, names: ReadonlySet<string>): Partial<Record<MessageSystemAttributeName, string>> {
  const all = names.has("All");
  const want = (name: MessageSystemAttributeName): boolean => all || names.has(name);
  const out: Partial<Record<MessageSystemAttributeName, string>> = {};
  if (want("SenderId")) out.SenderId = message.senderId;
  if (want("SentTimestamp")) out.SentTimestamp = String(message.sentTimestamp);
  if (want("ApproximateReceiveCount")) out.ApproximateReceiveCount = String(message.receiveCount);
  if (want("ApproximateFirstReceiveTimestamp")) out.ApproximateFirstReceiveTimestamp = String(message.firstReceiveAt);
  if (message.sequenceNumber !== undefined && want("SequenceNumber")) out.SequenceNumber = message.sequenceNumber;
  if (message.deduplicationId !== undefined && want("MessageDeduplicationId")) out.MessageDeduplicationId = message.deduplicationId;
  if (message.groupId !== undefined && want("MessageGroupId")) out.MessageGroupId = message.groupId;
  const trace = message.systemAttributes?.["AWSTraceHeader"]?.StringValue;
  if (trace !== undefined && want("AWSTraceHeader")) out.AWSTraceHeader = trace;
  if (message.deadLetterSourceArn !== undefined && want("DeadLetterQueueSourceArn")) out.DeadLetterQueueSourceArn = message.deadLetterSourceArn;
  return out;
}
