import type { MessageAttributeMap, MessageAttributeValue } from "@simcloud/core";
import type { Deadline } from "@simcloud/clock";

export const DELAYED = 0;
export const VISIBLE = 1;
export const INFLIGHT = 2;
export const GONE = 3;
export type MessageState = typeof DELAYED | typeof VISIBLE | typeof INFLIGHT | typeof GONE;

/** A FIFO message group: its messages in order (in flight ones included) and how many are in flight. */
export interface Group {
  readonly id: string;
  head: StoredMessage | undefined;
  tail: StoredMessage | undefined;
  inflight: number;
  /** In the queue's ready list (maybe stale: re-checked when taken). */
  queued: boolean;
}

/**
 * One stored copy of a message. Plain mutable fields on purpose: this is the hot path. `prev`/`next` link it
 * into exactly one list — the visible list of a standard queue, or its group's list in a FIFO queue — so
 * removal from the middle (delete with an old receipt handle, retention expiry) is O(1). `older`/`newer` link it
 * into the queue's retention list (ordered by enqueue time), and `due`/`dueSeq`/`heapIndex` place it in the
 * queue's deadline heap while a delay or a visibility timeout is pending: no scheduler task per message.
 */
export interface StoredMessage extends Deadline {
  readonly key: number;
  readonly messageId: string;
  body: string;
  readonly md5Body: string;
  attributes: MessageAttributeMap | undefined;
  readonly md5Attributes: string | undefined;
  systemAttributes: MessageAttributeMap | undefined;
  readonly md5SystemAttributes: string | undefined;
  readonly senderId: string;
  readonly sentTimestamp: number;
  /** What retention counts from; a standard queue's DLQ keeps the original ("Amazon SQS dead-letter queues"). */
  enqueuedAt: number;
  readonly groupId: string | undefined;
  readonly deduplicationId: string | undefined;
  readonly sequenceNumber: string | undefined;
  readonly deadLetterSourceArn: string | undefined;
  receiveCount: number;
  firstReceiveAt: number;
  /** Bumped on every receive: a receipt handle names the receive it came from. */
  receipt: number;
  /** When the current receive started: the 12-hour visibility ceiling counts from it. */
  receivedAt: number;
  state: MessageState;
  /** Delay end or visibility expiry (epoch ms), whichever is pending; meaningful while heapIndex >= 0. */
  due: number;
  dueSeq: number;
  heapIndex: number;
  /** Neighbours in the retention list (enqueue-time order). */
  older: StoredMessage | undefined;
  newer: StoredMessage | undefined;
  prev: StoredMessage | undefined;
  next: StoredMessage | undefined;
  group: Group | undefined;
}

/**
 * A copy of message attributes sharing no object with `map` (a Binary value's bytes included): a stored message
 * owns its attributes, so a sender reusing its Buffer or a receiver editing what it got changes neither the message
 * nor its MD5. Undefined for none. A `__proto__` attribute name stays an own property.
 */
export function copyAttributes(map: MessageAttributeMap | undefined | null): MessageAttributeMap | undefined {
  if (map === undefined || map === null) return undefined;
  let out: MessageAttributeMap | undefined;
  for (const name of Object.keys(map)) {
    out ??= {};
    const value = copyAttribute(map[name] as MessageAttributeValue);
    if (name === "__proto__") Object.defineProperty(out, name, { value, enumerable: true, writable: true, configurable: true });
    else out[name] = value;
  }
  return out;
}

export function copyAttribute(value: MessageAttributeValue): MessageAttributeValue {
  const copy: MessageAttributeValue = { DataType: value.DataType };
  if (value.StringValue !== undefined) copy.StringValue = value.StringValue;
  if (value.BinaryValue !== undefined) copy.BinaryValue = new Uint8Array(value.BinaryValue);
  return copy;
}
