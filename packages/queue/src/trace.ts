/** SQS trace events, merged into core's catalogue so `cloud.on("sqs.message.sent", …)` is typed. */
declare module "@simcloud/core" {
  interface TraceEventMap {
    "sqs.queue.created": { queueUrl: string; queueArn: string; fifo: boolean };
    "sqs.queue.deleted": { queueUrl: string; queueArn: string };
    "sqs.queue.purged": { queueUrl: string; queueArn: string; count: number };
    "sqs.message.sent": {
      queueUrl: string;
      messageId: string;
      delaySeconds: number;
      /** The message body (a reference, not a copy): what `toHaveDeadLettered(body)` and timelines show. */
      body: string;
      messageGroupId?: string;
      sequenceNumber?: string;
      /** A chaos copy: the same MessageId stored a second time (standard queues, at-least-once). */
      chaosDuplicate?: boolean;
    };
    /** A FIFO send whose deduplication id was seen within 5 minutes: accepted, not enqueued. */
    "sqs.message.deduplicated": { queueUrl: string; messageId: string; deduplicationId: string };
    "sqs.message.received": { queueUrl: string; messageId: string; receiveCount: number; visibilityTimeout: number };
    "sqs.message.deleted": { queueUrl: string; messageId: string };
    "sqs.message.visibility-expired": { queueUrl: string; messageId: string; receiveCount: number };
    "sqs.message.moved-to-dlq": { queueUrl: string; messageId: string; deadLetterQueueUrl: string; receiveCount: number };
    /** Moved by a message move task (DLQ redrive) to its destination. */
    "sqs.message.redriven": { queueUrl: string; messageId: string; destinationUrl: string };
    "sqs.message.expired": { queueUrl: string; messageId: string };
  }
}

export {};
