declare module "@simcloud/core" {
  interface TraceEventMap {
    "kinesis.stream.created": { streamArn: string; shardCount: number; mode: string };
    "kinesis.stream.active": { streamArn: string };
    "kinesis.stream.deleted": { streamArn: string };
    "kinesis.record.put": { streamArn: string; shardId: string; sequenceNumber: string; partitionKey: string; size: number };
    "kinesis.records.read": { streamArn: string; shardId: string; count: number; bytes: number; millisBehindLatest: number };
    /** A call refused by a per-shard or control-plane rate limit. */
    "kinesis.throttled": { streamArn: string; shardId?: string; action: string; reason: string };
    "kinesis.records.expired": { streamArn: string; shardId: string; count: number };
    "kinesis.reshard.started": { streamArn: string; action: string };
    "kinesis.reshard.completed": { streamArn: string; action: string; closed: string[]; opened: string[] };
    "kinesis.consumer.registered": { streamArn: string; consumerArn: string };
    "kinesis.consumer.deregistered": { streamArn: string; consumerArn: string };
  }
}

export {};
