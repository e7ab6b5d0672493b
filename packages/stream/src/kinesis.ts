import { ArmedTask } from "@simcloud/clock";
import { buildArn, guardInputs, paginate, showValue, parseArn, ResourceTable, safeRecord, TagSet, validateTags, type SimContext } from "@simcloud/core";
import type { StructShape } from "@simcloud/core";
import { errors } from "./errors";
import { hashKeyOf, parseHashKey } from "./hash";
import { KINESIS_INPUTS } from "./input-shapes";
import { decodeToken, encodeToken } from "./iterator";
import { streamPort } from "./port";
import { childShards, filterShards, readFrom, startCursor, toKinesisRecord, visibleShards } from "./reading";
import { subscription } from "./subscription";
import { admitRead, admitWrite, chargeRead, ControlRates } from "./throughput";
import { LIMITS, SHARD_QUOTA_LARGE_REGIONS } from "./limits";
import type { ShardState, StoredRecord } from "./shard";
import { StreamState, type ConsumerState, type ReshardResult } from "./stream";
import "./trace";
import type {
  AddTagsToStreamInput,
  Consumer,
  ConsumerDescription,
  ConsumerRef,
  CreateStreamInput,
  DeleteStreamInput,
  DescribeStreamInput,
  GetRecordsInput,
  GetRecordsOutput,
  GetShardIteratorInput,
  GetShardIteratorOutput,
  ListShardsInput,
  ListShardsOutput,
  ListStreamConsumersInput,
  ListStreamConsumersOutput,
  ListStreamsInput,
  ListStreamsOutput,
  ListTagsForResourceInput,
  ListTagsForResourceOutput,
  ListTagsForStreamInput,
  ListTagsForStreamOutput,
  MergeShardsInput,
  PutRecordInput,
  PutRecordOutput,
  PutRecordsInput,
  PutRecordsOutput,
  PutRecordsResultEntry,
  PutResourcePolicyInput,
  DescribeLimitsOutput,
  EnhancedMonitoringInput,
  EnhancedMonitoringOutput,
  ResourcePolicyRef,
  RegisterStreamConsumerInput,
  RemoveTagsFromStreamInput,
  RetentionInput,
  Shard,
  ShardIteratorType,
  SplitShardInput,
  StreamDescription,
  StreamDescriptionSummary,
  StreamEncryptionInput,
  StreamMode,
  StreamRef,
  SubscribeToShardInput,
  SubscribeToShardOutput,
  TagResourceInput,
  UntagResourceInput,
  UpdateMaxRecordSizeInput,
  UpdateShardCountInput,
  UpdateShardCountOutput,
  UpdateStreamModeInput,
} from "./types";
import { checkTagCharacters, constraint, hashKeyText, kinesisTagRules, intRange, oneOf, required, sequenceNumber, streamName, textLength } from "./validate";

export interface StreamServiceOptions {
  /**
   * Per-shard throughput limits (1 MiB or 1,000 records per second in; 2 MiB and 5 GetRecords per second out) and
   * the control-plane rate limits. On by default, as in AWS; `false` turns all of them off.
   */
  throughputLimits?: boolean;
  /** Virtual milliseconds a stream stays CREATING, UPDATING or DELETING, and a consumer CREATING/DELETING (default 1,000). */
  transitionMs?: number;
}

/** The Kinesis Data Streams API on a virtual clock: one method per action, AWS shapes in and out. */
export interface StreamService {
  createStream(input: CreateStreamInput): Promise<Record<string, never>>;
  deleteStream(input: DeleteStreamInput): Promise<Record<string, never>>;
  describeStream(input: DescribeStreamInput): Promise<{ StreamDescription: StreamDescription }>;
  describeStreamSummary(input: StreamRef): Promise<{ StreamDescriptionSummary: StreamDescriptionSummary }>;
  listStreams(input?: ListStreamsInput): Promise<ListStreamsOutput>;
  listShards(input: ListShardsInput): Promise<ListShardsOutput>;
  putRecord(input: PutRecordInput): Promise<PutRecordOutput>;
  putRecords(input: PutRecordsInput): Promise<PutRecordsOutput>;
  getShardIterator(input: GetShardIteratorInput): Promise<GetShardIteratorOutput>;
  getRecords(input: GetRecordsInput): Promise<GetRecordsOutput>;
  increaseStreamRetentionPeriod(input: RetentionInput): Promise<Record<string, never>>;
  decreaseStreamRetentionPeriod(input: RetentionInput): Promise<Record<string, never>>;
  addTagsToStream(input: AddTagsToStreamInput): Promise<Record<string, never>>;
  removeTagsFromStream(input: RemoveTagsFromStreamInput): Promise<Record<string, never>>;
  listTagsForStream(input: ListTagsForStreamInput): Promise<ListTagsForStreamOutput>;
  tagResource(input: TagResourceInput): Promise<Record<string, never>>;
  untagResource(input: UntagResourceInput): Promise<Record<string, never>>;
  listTagsForResource(input: ListTagsForResourceInput): Promise<ListTagsForResourceOutput>;
  putResourcePolicy(input: PutResourcePolicyInput): Promise<Record<string, never>>;
  enableEnhancedMonitoring(input: EnhancedMonitoringInput): Promise<EnhancedMonitoringOutput>;
  disableEnhancedMonitoring(input: EnhancedMonitoringInput): Promise<EnhancedMonitoringOutput>;
  describeLimits(input?: object): Promise<DescribeLimitsOutput>;
  getResourcePolicy(input: ResourcePolicyRef): Promise<{ Policy: string }>;
  deleteResourcePolicy(input: ResourcePolicyRef): Promise<Record<string, never>>;
  splitShard(input: SplitShardInput): Promise<Record<string, never>>;
  mergeShards(input: MergeShardsInput): Promise<Record<string, never>>;
  updateShardCount(input: UpdateShardCountInput): Promise<UpdateShardCountOutput>;
  updateStreamMode(input: UpdateStreamModeInput): Promise<Record<string, never>>;
  updateMaxRecordSize(input: UpdateMaxRecordSizeInput): Promise<Record<string, never>>;
  startStreamEncryption(input: StreamEncryptionInput): Promise<Record<string, never>>;
  stopStreamEncryption(input: StreamEncryptionInput): Promise<Record<string, never>>;
  registerStreamConsumer(input: RegisterStreamConsumerInput): Promise<{ Consumer: Consumer }>;
  deregisterStreamConsumer(input: ConsumerRef): Promise<Record<string, never>>;
  describeStreamConsumer(input: ConsumerRef): Promise<{ ConsumerDescription: ConsumerDescription }>;
  listStreamConsumers(input: ListStreamConsumersInput): Promise<ListStreamConsumersOutput>;
  /** Enhanced fan-out, native only: the event stream is an async iterator (see docs/kinesis.md). */
  subscribeToShard(input: SubscribeToShardInput): Promise<SubscribeToShardOutput>;
}

const EMPTY: Record<string, never> = {};
const SHARD_LEVEL_METRICS = [
  "IncomingBytes",
  "IncomingRecords",
  "OutgoingBytes",
  "OutgoingRecords",
  "WriteProvisionedThroughputExceeded",
  "ReadProvisionedThroughputExceeded",
  "IteratorAgeMilliseconds",
  "ALL",
] as const;
const ITERATOR_TYPES: readonly ShardIteratorType[] = ["AT_SEQUENCE_NUMBER", "AFTER_SEQUENCE_NUMBER", "TRIM_HORIZON", "LATEST", "AT_TIMESTAMP"];

export function createStreamService(ctx: SimContext, options: StreamServiceOptions = {}): StreamService {
  const limited = options.throughputLimits ?? true;
  const transitionMs = options.transitionMs ?? 1_000;
  const account = ctx.accountId;
  const rates = new ControlRates();
  let issued = 0;
  /**
   * Partition key → hash key, memoised: producers reuse keys (user ids, device ids) and the MD5 was a tenth of the
   * put path (bench/kinesis). Bounded: cleared whenever it reaches 16,384 keys.
   */
  const hashKeys = new Map<string, bigint>();
  const cachedHashKey = (key: string): bigint => {
    let hash = hashKeys.get(key);
    if (hash === undefined) {
      if (hashKeys.size >= 16_384) hashKeys.clear();
      hash = hashKeyOf(key);
      hashKeys.set(key, hash);
    }
    return hash;
  };
  const shardQuota = SHARD_QUOTA_LARGE_REGIONS.has(ctx.region) ? LIMITS.shardQuotaLarge : LIMITS.shardQuotaDefault;

  const now = (): number => ctx.clock.now();
  const streamArn = (name: string): string => buildArn("kinesis", `stream/${name}`, { region: ctx.region, accountId: account });
  const notFound = (name: string) => errors.ResourceNotFoundException(`Stream ${name} under account ${account} not found.`);
  const streams = new ResourceTable<StreamState>(ctx, {
    kind: "kinesis.stream",
    nameOf: (stream) => stream.name,
    arnOf: (stream) => stream.arn,
    notFound,
    port: (stream) =>
      streamPort(ctx, stream, (put) => {
        if (stream.deleted || (stream.status !== "ACTIVE" && stream.status !== "UPDATING")) throw notFound(stream.name);
        const { ShardId, SequenceNumber } = putOne(stream, { Data: put.Data, PartitionKey: put.PartitionKey, ...(put.ExplicitHashKey === undefined ? {} : { ExplicitHashKey: put.ExplicitHashKey }) });
        return { ShardId, SequenceNumber };
      }),
  });

  /** Control-plane transactions per second per account: LimitExceededException beyond them. */
  function rate(action: string): void {
    if (!limited || rates.take(action, now())) return;
    ctx.trace.record("kinesis.throttled", { streamArn: "", action, reason: `more than ${LIMITS.controlRates[action]} ${action} calls per second` });
    throw errors.LimitExceededException(`Rate exceeded for account ${account}.`);
  }

  /** StreamName, StreamARN or both (they must agree); the ARN must be this account's and region's. */
  function nameOf(ref: StreamRef): string {
    const name = streamName(ref.StreamName);
    if (ref.StreamARN !== undefined && ref.StreamARN !== null) {
      const fromArn = nameFromArn(ref.StreamARN);
      if (name !== undefined && name !== fromArn) {
        throw errors.InvalidArgumentException(`StreamARN ${ref.StreamARN} and StreamName ${name} do not identify the same stream.`);
      }
      return fromArn;
    }
    if (name === undefined) throw errors.InvalidArgumentException("Neither StreamName nor StreamARN was provided.");
    return name;
  }

  function nameFromArn(text: unknown): string {
    const arn = typeof text === "string" ? parseArn(text) : undefined;
    const match = arn === undefined ? null : /^stream\/([a-zA-Z0-9_.-]{1,128})$/.exec(arn.resource);
    if (arn === undefined || arn.service !== "kinesis" || match === null) {
      throw constraint(text, "streamARN", "Member must satisfy regular expression pattern: arn:aws.*:kinesis:.*:\\d{12}:stream/\\S+");
    }
    if (arn.accountId !== account || arn.region !== ctx.region) throw notFound(match[1] as string);
    return match[1] as string;
  }

  function find(ref: StreamRef): StreamState {
    return streams.get(nameOf(ref));
  }

  /** Reads and writes need ACTIVE or UPDATING (Kinesis answers ResourceNotFound for a stream still CREATING). */
  function live(ref: StreamRef): StreamState {
    const stream = find(ref);
    if (stream.status !== "ACTIVE" && stream.status !== "UPDATING") throw notFound(stream.name);
    return stream;
  }

  function active(stream: StreamState): void {
    if (stream.status !== "ACTIVE") {
      throw errors.ResourceInUseException(`Stream ${stream.name} under account ${account} not ACTIVE, instead in state ${stream.status}`);
    }
  }

  function shardOf(stream: StreamState, shardId: string): ShardState {
    const shard = stream.byId.get(shardId);
    if (shard === undefined) throw errors.ResourceNotFoundException(`Shard ${shardId} in stream ${stream.name} under account ${account} does not exist`);
    return shard;
  }

  function openShardCount(): number {
    let total = 0;
    for (const stream of streams.values()) total += stream.open.length;
    return total;
  }

  function shardLimit(adding: number): void {
    const current = openShardCount();
    if (current + adding > shardQuota) {
      throw errors.LimitExceededException(
        `This request would exceed the shard limit for the account ${account} in ${ctx.region}. Current shard count for the account: ${current}. Limit: ${shardQuota}. Number of additional shards that would have resulted from this request: ${adding}. Refer to the AWS Service Limits page (http://docs.aws.amazon.com/general/latest/gr/aws_service_limits.html) for current limits and how to request higher limits.`,
      );
    }
  }

  function onDemandCount(): number {
    let total = 0;
    for (const stream of streams.values()) if (stream.mode === "ON_DEMAND") total++;
    return total;
  }

  /** At most 50 on-demand streams per account (Kinesis Developer Guide, "Quotas and limits"). */
  function onDemandLimit(): void {
    if (onDemandCount() >= LIMITS.onDemandStreams) {
      throw errors.LimitExceededException(`This request would exceed the limit of ${LIMITS.onDemandStreams} on-demand streams for the account ${account} in ${ctx.region}.`);
    }
  }

  /** EnableEnhancedMonitoring / DisableEnhancedMonitoring: the metrics are recorded and reported, not emitted. */
  function monitoring(input: EnhancedMonitoringInput, enable: boolean): EnhancedMonitoringOutput {
    const requested = required(input.ShardLevelMetrics, "shardLevelMetrics");
    if (!Array.isArray(requested) || requested.length < 1 || requested.length > 7) throw constraint(requested, "shardLevelMetrics", "Member must have length between 1 and 7");
    for (const metric of requested) oneOf(metric, "shardLevelMetrics", [...SHARD_LEVEL_METRICS]);
    const stream = find(input);
    active(stream);
    const current = [...stream.metrics];
    const names = requested.includes("ALL") ? SHARD_LEVEL_METRICS.filter((metric) => metric !== "ALL") : requested;
    for (const metric of names) {
      if (enable) stream.metrics.add(metric);
      else stream.metrics.delete(metric);
    }
    return { StreamName: stream.name, StreamARN: stream.arn, CurrentShardLevelMetrics: current, DesiredShardLevelMetrics: [...stream.metrics] };
  }

  /** Status transitions take a short virtual while, as in AWS; the reshard applies when UPDATING ends. */
  function transition(stream: StreamState, then: () => void, job: string): void {
    stream.statusTask?.cancel();
    stream.statusTask = ctx.scheduler.after(
      transitionMs,
      () => {
        stream.statusTask = undefined;
        then();
      },
      { label: `kinesis:${stream.name} ${job}` },
    );
  }

  /** Start/StopStreamEncryption: the same checks and UPDATING transition; only what the stream ends with differs. */
  function changeEncryption(input: StreamEncryptionInput, action: "StartStreamEncryption" | "StopStreamEncryption"): Record<string, never> {
    oneOf(required(input.EncryptionType, "encryptionType"), "encryptionType", ["KMS"]);
    const keyId = textLength(required(input.KeyId, "keyId"), "keyId", 1, 2048) as string;
    const stream = find(input);
    active(stream);
    rate(action);
    stream.status = "UPDATING";
    const start = action === "StartStreamEncryption";
    transition(
      stream,
      () => {
        stream.encryption = start ? "KMS" : "NONE";
        stream.keyId = start ? keyId : undefined;
        stream.status = "ACTIVE";
      },
      action,
    );
    return EMPTY;
  }

  /**
   * Retention: one background ArmedTask per shard, armed for its oldest record's expiry; it drops what is due and
   * re-arms for the next oldest (records are in arrival order), so nothing ever scans the shard.
   */
  function armRetention(stream: StreamState, shard: ShardState): void {
    if (stream.deleted) return;
    const oldest = shard.records[shard.head];
    shard.retention ??= new ArmedTask(
      ctx.scheduler,
      () => {
        const count = shard.expireBefore(now() - stream.retentionMs + 1);
        if (count > 0) ctx.trace.record("kinesis.records.expired", { streamArn: stream.arn, shardId: shard.id, count });
        armRetention(stream, shard);
      },
      { label: `kinesis:${stream.name} ${shard.id} retention`, background: true },
    );
    shard.retention.arm(oldest === undefined ? Infinity : oldest.arrival + stream.retentionMs);
  }

  function rearmRetention(stream: StreamState): void {
    for (const shard of stream.shards) armRetention(stream, shard);
  }

  function recordBytes(data: Uint8Array, partitionKey: string): number {
    return data.byteLength + Buffer.byteLength(partitionKey, "utf8");
  }

  function maxRecordBytes(stream: StreamState): number {
    return stream.maxRecordKiB * 1024;
  }

  function throughputMessage(stream: StreamState, shard: ShardState): string {
    return `Rate exceeded for shard ${shard.id} in stream ${stream.name} under account ${account}.`;
  }

  function checkData(stream: StreamState, data: unknown, partitionKey: unknown, explicitHashKey: unknown, prefix: string): { data: Uint8Array; partitionKey: string; hashKey: bigint } {
    const explicit = hashKeyText(explicitHashKey, `${prefix}explicitHashKey`);
    const bytes = required(data, `${prefix}data`);
    if (!(bytes instanceof Uint8Array)) throw constraint(data, `${prefix}data`, "Member must be a blob");
    const key = textLength(required(partitionKey, `${prefix}partitionKey`), `${prefix}partitionKey`, 1, LIMITS.partitionKeyMax) as string;
    const size = recordBytes(bytes, key);
    if (size > maxRecordBytes(stream)) {
      throw errors.ValidationException(
        `1 validation error detected: Value at '${prefix}data' failed to satisfy constraint: Member must have length less than or equal to ${maxRecordBytes(stream)}`,
      );
    }
    let hashKey: bigint;
    if (explicit !== undefined) {
      const parsed = parseHashKey(explicit);
      if (parsed === undefined) {
        throw errors.InvalidArgumentException(`Invalid ExplicitHashKey. ExplicitHashKey must be in the range: [0, 2^128-1]. Specified value was ${explicit}`);
      }
      hashKey = parsed;
    } else {
      hashKey = cachedHashKey(key);
    }
    return { data: bytes, partitionKey: key, hashKey };
  }

  function append(stream: StreamState, shard: ShardState, data: Uint8Array, partitionKey: string, size: number, atLeast?: bigint): StoredRecord {
    // The stored bytes are a copy: records are immutable even if the caller reuses its buffer.
    const record = shard.append(new Uint8Array(data), partitionKey, now(), size, atLeast);
    armRetention(stream, shard);
    if (ctx.trace.active) {
      ctx.trace.record("kinesis.record.put", { streamArn: stream.arn, shardId: shard.id, sequenceNumber: record.sequenceNumber, partitionKey, size });
    }
    return record;
  }

  function putOne(stream: StreamState, input: { Data: Uint8Array | undefined; PartitionKey?: string | undefined; ExplicitHashKey?: string; SequenceNumberForOrdering?: string }): PutRecordOutput {
    const { data, partitionKey, hashKey } = checkData(stream, input.Data, input.PartitionKey, input.ExplicitHashKey, "");
    const ordering = sequenceNumber(input.SequenceNumberForOrdering, "sequenceNumberForOrdering");
    const shard = stream.route(hashKey);
    const size = recordBytes(data, partitionKey);
    if (limited && !admitWrite(shard, size, now())) {
      ctx.trace.record("kinesis.throttled", { streamArn: stream.arn, shardId: shard.id, action: "PutRecord", reason: "write throughput" });
      throw errors.ProvisionedThroughputExceededException(throughputMessage(stream, shard));
    }
    const record = append(stream, shard, data, partitionKey, size, ordering === undefined ? undefined : BigInt(ordering));
    return { ShardId: shard.id, SequenceNumber: record.sequenceNumber, EncryptionType: stream.encryption };
  }

  // ---- iterators -------------------------------------------------------------------------------------------------

  function issueIterator(stream: StreamState, shard: ShardState, cursor: bigint): string {
    // Every iterator is a new string, even for the same position at the same instant, as AWS's are.
    return encodeToken({ kind: "it", stream: stream.name, created: stream.createdAt, shard: shard.id, cursor: cursor.toString(), issued: now(), n: issued++ });
  }

  // ---- tags ------------------------------------------------------------------------------------------------------

  /** AddTagsToStream takes at most 10 tags per call; TagResource and CreateStream up to the stream's 50. */
  function addTags(stream: StreamState, tags: Record<string, string>, perCall?: number): void {
    const label = `${stream.name} under account ${account}`;
    const safe = safeRecord(tags);
    checkTagCharacters(safe, label);
    if (perCall !== undefined) validateTags(safe, kinesisTagRules(label, perCall));
    stream.tags.apply(safe);
  }

  function removeTags(stream: StreamState, keys: unknown): void {
    const list = required(keys, "tagKeys") as unknown[];
    if (!Array.isArray(list) || list.length < 1 || list.length > 50) throw constraint(keys, "tagKeys", "Member must have length less than or equal to 50");
    stream.tags.remove(list);
  }

  function tagList(stream: StreamState): { Key: string; Value: string }[] {
    return stream.tags.toList().sort((a, b) => (a.Key < b.Key ? -1 : a.Key > b.Key ? 1 : 0));
  }

  /** TagResource & co. take a stream or consumer ARN. */
  function resourceStream(arnText: unknown): StreamState {
    const text = required(arnText, "resourceARN") as string;
    const consumer = typeof text === "string" ? /^(arn:[^:]+:kinesis:[^:]*:\d{12}:stream\/[^/]+)\/consumer\/.+$/.exec(text) : null;
    return find({ StreamARN: consumer === null ? text : (consumer[1] as string) });
  }

  // ---- consumers -------------------------------------------------------------------------------------------------

  function consumerOf(ref: ConsumerRef): { stream: StreamState; consumer: ConsumerState } {
    if (ref.ConsumerARN !== undefined) {
      const match = /^(arn:[^:]+:kinesis:[^:]*:\d{12}:stream\/[^/]+)\/consumer\/([a-zA-Z0-9_.-]+):\d+$/.exec(ref.ConsumerARN);
      if (match === null) throw constraint(ref.ConsumerARN, "consumerARN", "Member must satisfy regular expression pattern: ^(arn):aws.*:kinesis:.*:\\d{12}:.*stream\\/[a-zA-Z0-9_.-]+\\/consumer\\/[a-zA-Z0-9_.-]+:[0-9]+");
      const stream = find({ StreamARN: match[1] as string });
      const consumer = stream.consumers.get(match[2] as string);
      if (consumer === undefined || consumer.arn !== ref.ConsumerARN) throw errors.ResourceNotFoundException(`Consumer ${ref.ConsumerARN} under account ${account} not found.`);
      return { stream, consumer };
    }
    const stream = find({ StreamARN: required(ref.StreamARN, "streamARN") });
    const name = required(ref.ConsumerName, "consumerName");
    const consumer = stream.consumers.get(name);
    if (consumer === undefined) throw errors.ResourceNotFoundException(`Consumer ${name} under account ${account} not found.`);
    return { stream, consumer };
  }

  function describeConsumer(consumer: ConsumerState): Consumer {
    return { ConsumerName: consumer.name, ConsumerARN: consumer.arn, ConsumerStatus: consumer.status, ConsumerCreationTimestamp: new Date(consumer.createdAt) };
  }

  // ---- resharding ------------------------------------------------------------------------------------------------

  function reshard(stream: StreamState, action: string, apply: () => ReshardResult): void {
    stream.status = "UPDATING";
    ctx.trace.record("kinesis.reshard.started", { streamArn: stream.arn, action });
    transition(
      stream,
      () => {
        const { closed, opened } = apply();
        stream.status = "ACTIVE";
        ctx.trace.record("kinesis.reshard.completed", { streamArn: stream.arn, action, closed: closed.map((s) => s.id), opened: opened.map((s) => s.id) });
      },
      action,
    );
  }

  function summary(stream: StreamState): StreamDescriptionSummary {
    return {
      StreamName: stream.name,
      StreamARN: stream.arn,
      StreamStatus: stream.status,
      StreamModeDetails: { StreamMode: stream.mode },
      RetentionPeriodHours: stream.retentionHours,
      StreamCreationTimestamp: new Date(stream.createdAt),
      EnhancedMonitoring: [{ ShardLevelMetrics: [...stream.metrics] }],
      EncryptionType: stream.encryption,
      ...(stream.keyId === undefined ? {} : { KeyId: stream.keyId }),
      OpenShardCount: stream.open.length,
      ConsumerCount: stream.consumers.size,
      MaxRecordSizeInKiB: stream.maxRecordKiB,
    };
  }

  /** ListShards and ListStreams tokens: opaque, valid for 300 seconds (ExpiredNextTokenException after). */
  function readToken(token: string, kind: string, member: string): Record<string, unknown> {
    const data = decodeToken(token);
    if (data === undefined || data.kind !== kind) throw errors.InvalidArgumentException(`Invalid ${member}.`);
    if (now() - Number(data.issued) > LIMITS.nextTokenLifetimeMs) throw errors.ExpiredNextTokenException(`The timestamp of the ${member} has expired.`);
    return data;
  }

  const service: StreamService = {
    async createStream(input) {
      const name = streamName(required(input.StreamName, "streamName")) as string;
      let count = intRange(input.ShardCount, "shardCount", 1, 100_000);
      // Without ShardCount or a mode, AWS creates an on-demand stream (4 shards; recorded in LocalStack's
      // test_create_stream_without_shard_count snapshot).
      const mode = oneOf(input.StreamModeDetails?.StreamMode, "streamModeDetails.streamMode", ["PROVISIONED", "ON_DEMAND"] as StreamMode[]) ?? (count === undefined ? "ON_DEMAND" : "PROVISIONED");
      if (mode === "ON_DEMAND" && count !== undefined) {
        throw errors.ValidationException("ShardCount is not accepted when the stream mode is ON_DEMAND.");
      }
      count ??= LIMITS.onDemandShards;
      const maxKiB = intRange(input.MaxRecordSizeInKiB, "maxRecordSizeInKiB", LIMITS.maxRecordKiBMin, LIMITS.maxRecordKiBMax) ?? LIMITS.defaultMaxRecordKiB;
      const tags = new TagSet(kinesisTagRules(`${name} under account ${account}`));
      if (input.Tags !== undefined) {
        const initial = safeRecord(input.Tags);
        checkTagCharacters(initial, `${name} under account ${account}`);
        tags.apply(initial);
      }
      if (streams.has(name)) throw errors.ResourceInUseException(`Stream ${name} under account ${account} already exists.`);
      shardLimit(count);
      if (mode === "ON_DEMAND") onDemandLimit();
      rate("CreateStream");
      const stream = new StreamState(name, streamArn(name), mode, now(), count, LIMITS.retentionHoursDefault, maxKiB, tags);
      streams.add(stream);
      ctx.trace.record("kinesis.stream.created", { streamArn: stream.arn, shardCount: count, mode });
      transition(
        stream,
        () => {
          stream.status = "ACTIVE";
          ctx.trace.record("kinesis.stream.active", { streamArn: stream.arn });
        },
        "create",
      );
      return EMPTY;
    },

    async deleteStream(input) {
      const stream = find(input);
      if (stream.consumers.size > 0 && input.EnforceConsumerDeletion !== true) {
        throw errors.ResourceInUseException(`Stream ${stream.name} under account ${account} has registered consumers. Deregister them first or set EnforceConsumerDeletion.`);
      }
      if (stream.status === "DELETING") return EMPTY;
      rate("DeleteStream");
      stream.status = "DELETING";
      transition(
        stream,
        () => {
          stream.deleted = true;
          for (const shard of stream.shards) shard.retention?.disarm();
          for (const consumer of stream.consumers.values()) consumer.task?.cancel();
          streams.remove(stream);
          ctx.trace.record("kinesis.stream.deleted", { streamArn: stream.arn });
        },
        "delete",
      );
      return EMPTY;
    },

    async describeStream(input) {
      const limit = intRange(input.Limit, "limit", 1, LIMITS.describeStreamLimitMax) ?? LIMITS.describeStreamLimitDefault;
      const stream = find(input);
      rate("DescribeStream");
      let shards = visibleShards(stream, now());
      if (input.ExclusiveStartShardId !== undefined) shards = shards.filter((shard) => shard.id > (input.ExclusiveStartShardId as string));
      const page = shards.slice(0, limit);
      return {
        StreamDescription: {
          StreamName: stream.name,
          StreamARN: stream.arn,
          StreamStatus: stream.status,
          StreamModeDetails: { StreamMode: stream.mode },
          Shards: page.map((shard) => shard.describe()),
          HasMoreShards: shards.length > page.length,
          RetentionPeriodHours: stream.retentionHours,
          StreamCreationTimestamp: new Date(stream.createdAt),
          EnhancedMonitoring: [{ ShardLevelMetrics: [...stream.metrics] }],
          EncryptionType: stream.encryption,
          ...(stream.keyId === undefined ? {} : { KeyId: stream.keyId }),
        },
      };
    },

    async describeStreamSummary(input) {
      const stream = find(input);
      rate("DescribeStreamSummary");
      return { StreamDescriptionSummary: summary(stream) };
    },

    async listStreams(input = {}) {
      const limit = intRange(input.Limit, "limit", 1, LIMITS.listStreamsLimitMax) ?? 100;
      const after = streamName(input.ExclusiveStartStreamName, "exclusiveStartStreamName");
      if (input.NextToken !== undefined && after !== undefined) throw errors.InvalidArgumentException("NextToken and ExclusiveStartStreamName cannot be provided together.");
      rate("ListStreams");
      const names = [...streams.values()].map((stream) => stream.name).sort().filter((name) => after === undefined || name > after);
      const { items: page, nextToken } = paginate(names, {
        maxResults: limit,
        nextToken: input.NextToken,
        defaultLimit: 100,
        scope: "kinesis.listStreams",
        keyOf: (name) => name,
        invalidToken: (message) => errors.InvalidArgumentException(message),
      });
      return {
        StreamNames: page,
        HasMoreStreams: nextToken !== undefined,
        ...(nextToken === undefined ? {} : { NextToken: nextToken }),
        StreamSummaries: page.map((name) => {
          const stream = streams.get(name);
          return { StreamName: name, StreamARN: stream.arn, StreamStatus: stream.status, StreamModeDetails: { StreamMode: stream.mode }, StreamCreationTimestamp: new Date(stream.createdAt) };
        }),
      };
    },

    async listShards(input) {
      const max = intRange(input.MaxResults, "maxResults", 1, LIMITS.listShardsMax) ?? LIMITS.listShardsDefault;
      let stream: StreamState;
      let after = input.ExclusiveStartShardId;
      let filterInput: ListShardsInput = input;
      if (input.NextToken !== undefined) {
        if (input.StreamName !== undefined) throw errors.InvalidArgumentException("NextToken and StreamName cannot be provided together.");
        if (input.ExclusiveStartShardId !== undefined || input.ShardFilter !== undefined || input.StreamCreationTimestamp !== undefined) {
          throw errors.InvalidArgumentException("NextToken cannot be provided together with ExclusiveStartShardId, ShardFilter or StreamCreationTimestamp.");
        }
        const token = readToken(input.NextToken, "shards", "NextToken");
        stream = find({ StreamName: String(token.stream) });
        if (stream.createdAt !== Number(token.created)) throw errors.ResourceNotFoundException(`Stream ${stream.name} under account ${account} not found.`);
        after = String(token.after);
        filterInput = token.filter === undefined ? {} : { ShardFilter: JSON.parse(String(token.filter), (key, value: unknown) => (key === "Timestamp" ? new Date(value as number) : value)) as ListShardsInput["ShardFilter"] };
      } else {
        if (input.StreamName === undefined && input.StreamARN === undefined) throw errors.InvalidArgumentException("Either NextToken or StreamName should be provided.");
        if (input.ExclusiveStartShardId !== undefined && input.ShardFilter !== undefined) {
          throw errors.InvalidArgumentException("Request cannot contain both ExclusiveStartShardId and ShardFilter parameters.");
        }
        stream = find(input);
      }
      rate("ListShards");
      let shards = filterShards(stream, filterInput.ShardFilter, now());
      if (after !== undefined) shards = shards.filter((shard) => shard.id > (after as string));
      const page = shards.slice(0, max);
      const more = shards.length > page.length;
      const filter = filterInput.ShardFilter === undefined ? undefined : JSON.stringify({ ...filterInput.ShardFilter, Timestamp: filterInput.ShardFilter.Timestamp?.getTime() });
      return {
        Shards: page.map((shard) => shard.describe()),
        ...(more
          ? { NextToken: encodeToken({ kind: "shards", stream: stream.name, created: stream.createdAt, after: (page[page.length - 1] as ShardState).id, issued: now(), ...(filter === undefined ? {} : { filter }) }) }
          : {}),
      };
    },

    async putRecord(input) {
      const stream = live(input);
      return putOne(stream, input);
    },

    async putRecords(input) {
      const stream = live(input);
      const entries = required(input.Records, "records");
      if (!Array.isArray(entries) || entries.length < 1) throw constraint("[]", "records", "Member must have length greater than or equal to 1");
      if (entries.length > LIMITS.putRecordsMax) throw errors.ValidationException(`1 validation error detected: Value '[…]' at 'records' failed to satisfy constraint: Member must have length less than or equal to ${LIMITS.putRecordsMax}`);
      // Every entry is checked before any is written: a malformed request changes nothing.
      const checked = entries.map((entry, i) => checkData(stream, entry.Data, entry.PartitionKey, entry.ExplicitHashKey, `records.${i + 1}.member.`));
      const total = checked.reduce((sum, entry) => sum + recordBytes(entry.data, entry.partitionKey), 0);
      const requestMax = Math.max(LIMITS.putRecordsRequestBytes, maxRecordBytes(stream));
      if (total > requestMax) {
        throw errors.InvalidArgumentException(`Records size exceeds ${requestMax / (1024 * 1024)} MB limit`);
      }
      let failed = 0;
      const results: PutRecordsResultEntry[] = checked.map(({ data, partitionKey, hashKey }) => {
        const shard = stream.route(hashKey);
        const size = recordBytes(data, partitionKey);
        if (limited && !admitWrite(shard, size, now())) {
          failed++;
          ctx.trace.record("kinesis.throttled", { streamArn: stream.arn, shardId: shard.id, action: "PutRecords", reason: "write throughput" });
          return { ErrorCode: "ProvisionedThroughputExceededException", ErrorMessage: throughputMessage(stream, shard) };
        }
        const record = append(stream, shard, data, partitionKey, size);
        return { SequenceNumber: record.sequenceNumber, ShardId: shard.id };
      });
      return { FailedRecordCount: failed, Records: results, EncryptionType: stream.encryption };
    },

    async getShardIterator(input) {
      const type = oneOf(required(input.ShardIteratorType, "shardIteratorType"), "shardIteratorType", ITERATOR_TYPES) as ShardIteratorType;
      const shardId = textLength(required(input.ShardId, "shardId"), "shardId", 1, 128) as string;
      const sequence = sequenceNumber(input.StartingSequenceNumber, "startingSequenceNumber");
      const needsSequence = type === "AT_SEQUENCE_NUMBER" || type === "AFTER_SEQUENCE_NUMBER";
      if (needsSequence !== (sequence !== undefined)) {
        throw errors.InvalidArgumentException(
          `Must either specify (1) AT_SEQUENCE_NUMBER or AFTER_SEQUENCE_NUMBER and StartingSequenceNumber or (2) TRIM_HORIZON or LATEST and no StartingSequenceNumber. Request specified ${type} and ${sequence === undefined ? "no StartingSequenceNumber" : `StartingSequenceNumber ${sequence}`}.`,
        );
      }
      let timestamp: number | undefined;
      if (type === "AT_TIMESTAMP") {
        if (!(input.Timestamp instanceof Date)) {
          throw errors.InvalidArgumentException("Must specify timestampInMillis parameter for iterator of type AT_TIMESTAMP. Current request has no timestamp parameter.");
        }
        timestamp = input.Timestamp.getTime();
        if (timestamp > now()) {
          throw errors.InvalidArgumentException(`The timestampInMillis parameter cannot be greater than the currentTimestampInMillis. timestampInMillis: ${timestamp}, currentTimestampInMillis: ${now()}`);
        }
      }
      const stream = live(input);
      const shard = stream.byId.get(shardId);
      if (shard === undefined) throw errors.ResourceNotFoundException(`Shard ${shardId} in stream ${stream.name} under account ${account} does not exist`);
      const cursor = startCursor(stream, shard, type, sequence, timestamp, account);
      return { ShardIterator: issueIterator(stream, shard, cursor) };
    },

    async getRecords(input) {
      let text = textLength(required(input.ShardIterator, "shardIterator"), "shardIterator", 1, 512) as string;
      // AWS accepts an iterator wrapped in double quotes (LocalStack's test_get_records_shard_iterator_with_surrounding_quotes).
      if (text.length > 2 && text.startsWith('"') && text.endsWith('"')) text = text.slice(1, -1);
      const limit = intRange(input.Limit, "limit", 1, LIMITS.getRecordsMaxRecords) ?? LIMITS.getRecordsMaxRecords;
      const token = decodeToken(text);
      if (token === undefined || token.kind !== "it") throw errors.InvalidArgumentException("Invalid ShardIterator.");
      const issued = Number(token.issued);
      if (now() - issued > LIMITS.iteratorLifetimeMs) {
        throw errors.ExpiredIteratorException(
          `Iterator expired. The iterator was created at time ${new Date(issued).toUTCString()} while right now it is ${new Date(now()).toUTCString()} which is further in the future than the tolerated delay of ${LIMITS.iteratorLifetimeMs} milliseconds.`,
        );
      }
      const name = String(token.stream);
      if (input.StreamARN !== undefined && nameFromArn(input.StreamARN) !== name) throw errors.InvalidArgumentException("Invalid ShardIterator.");
      const stream = streams.find(name);
      if (stream === undefined || stream.createdAt !== Number(token.created)) throw notFound(name);
      const shard = shardOf(stream, String(token.shard));
      if (limited && !admitRead(shard, now())) {
        ctx.trace.record("kinesis.throttled", { streamArn: stream.arn, shardId: shard.id, action: "GetRecords", reason: "read throughput" });
        throw errors.ProvisionedThroughputExceededException(throughputMessage(stream, shard));
      }
      const { records, next, behind, bytes } = readFrom(shard, BigInt(String(token.cursor)), limit, now());
      if (limited) chargeRead(shard, bytes);
      if (ctx.trace.active) ctx.trace.record("kinesis.records.read", { streamArn: stream.arn, shardId: shard.id, count: records.length, bytes, millisBehindLatest: behind });
      return {
        Records: records.map((record) => toKinesisRecord(stream, record)),
        ...(next === undefined ? { ChildShards: childShards(stream, shard) } : { NextShardIterator: issueIterator(stream, shard, next) }),
        MillisBehindLatest: behind,
      };
    },

    async increaseStreamRetentionPeriod(input) {
      const hours = required(input.RetentionPeriodHours, "retentionPeriodHours");
      const stream = find(input);
      if (!Number.isInteger(hours)) throw constraint(hours, "retentionPeriodHours", "Member must be an integer");
      if (hours < LIMITS.retentionHoursMin) throw errors.InvalidArgumentException(`Minimum allowed retention period is ${LIMITS.retentionHoursMin} hours. Requested retention period (${hours} hours) is too short.`);
      if (hours > LIMITS.retentionHoursMax) throw errors.InvalidArgumentException(`Maximum allowed retention period is ${LIMITS.retentionHoursMax} hours. Requested retention period (${hours} hours) is too long.`);
      if (hours < stream.retentionHours) {
        throw errors.InvalidArgumentException(
          `Requested retention period (${hours} hours) for stream ${stream.name} can not be shorter than existing retention period (${stream.retentionHours} hours). Use DecreaseRetentionPeriod API.`,
        );
      }
      active(stream);
      rate("IncreaseStreamRetentionPeriod");
      stream.retentionHours = hours;
      rearmRetention(stream);
      return EMPTY;
    },

    async decreaseStreamRetentionPeriod(input) {
      const hours = required(input.RetentionPeriodHours, "retentionPeriodHours");
      const stream = find(input);
      if (!Number.isInteger(hours)) throw constraint(hours, "retentionPeriodHours", "Member must be an integer");
      if (hours < LIMITS.retentionHoursMin) throw errors.InvalidArgumentException(`Minimum allowed retention period is ${LIMITS.retentionHoursMin} hours. Requested retention period (${hours} hours) is too short.`);
      if (hours > stream.retentionHours) {
        throw errors.InvalidArgumentException(
          `Requested retention period (${hours} hours) for stream ${stream.name} can not be longer than existing retention period (${stream.retentionHours} hours). Use IncreaseRetentionPeriod API.`,
        );
      }
      active(stream);
      rate("DecreaseStreamRetentionPeriod");
      stream.retentionHours = hours;
      rearmRetention(stream);
      return EMPTY;
    },

    async addTagsToStream(input) {
      const tags = required(input.Tags, "tags");
      const stream = find(input);
      rate("AddTagsToStream");
      addTags(stream, tags, 10);
      return EMPTY;
    },

    async removeTagsFromStream(input) {
      const stream = find(input);
      rate("RemoveTagsFromStream");
      removeTags(stream, input.TagKeys);
      return EMPTY;
    },

    async listTagsForStream(input) {
      const limit = intRange(input.Limit, "limit", 1, 50) ?? 50;
      const stream = find(input);
      rate("ListTagsForStream");
      const all = tagList(stream).filter((tag) => input.ExclusiveStartTagKey === undefined || tag.Key > input.ExclusiveStartTagKey);
      const page = all.slice(0, limit);
      return { Tags: page, HasMoreTags: all.length > page.length };
    },

    async tagResource(input) {
      const tags = required(input.Tags, "tags");
      addTags(resourceStream(input.ResourceARN), tags);
      return EMPTY;
    },

    async untagResource(input) {
      removeTags(resourceStream(input.ResourceARN), input.TagKeys);
      return EMPTY;
    },

    async listTagsForResource(input) {
      return { Tags: tagList(resourceStream(input.ResourceARN)) };
    },

    async enableEnhancedMonitoring(input) {
      return monitoring(input, true);
    },

    async disableEnhancedMonitoring(input) {
      return monitoring(input, false);
    },

    async describeLimits() {
      return { ShardLimit: shardQuota, OpenShardCount: openShardCount(), OnDemandStreamCount: onDemandCount(), OnDemandStreamCountLimit: LIMITS.onDemandStreams };
    },

    async putResourcePolicy(input) {
      const policy = textLength(required(input.Policy, "policy"), "policy", 1, 20_480) as string;
      const stream = resourceStream(input.ResourceARN);
      try {
        const parsed: unknown = JSON.parse(policy);
        if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) throw new Error("not an object");
      } catch {
        throw errors.InvalidArgumentException("Invalid policy document: the policy is not valid JSON.");
      }
      stream.policies.set(String(input.ResourceARN), policy);
      return EMPTY;
    },

    async getResourcePolicy(input) {
      const stream = resourceStream(input.ResourceARN);
      return { Policy: stream.policies.get(String(input.ResourceARN)) ?? "{}" };
    },

    async deleteResourcePolicy(input) {
      const stream = resourceStream(input.ResourceARN);
      if (!stream.policies.delete(String(input.ResourceARN))) {
        throw errors.ResourceNotFoundException(`No resource policy found for resource ARN ${String(input.ResourceARN)}.`);
      }
      return EMPTY;
    },

    async splitShard(input) {
      const shardId = textLength(required(input.ShardToSplit, "shardToSplit"), "shardToSplit", 1, 128) as string;
      const keyText = hashKeyText(required(input.NewStartingHashKey, "newStartingHashKey"), "newStartingHashKey") as string;
      const stream = find(input);
      const shard = stream.byId.get(shardId);
      if (shard === undefined || !shard.open) throw errors.ResourceNotFoundException(`Could not find shard ${shardId} in stream ${stream.name} under account ${account}.`);
      const at = parseHashKey(keyText);
      // AWS's own rule: both children must hold more than one hash key.
      if (at === undefined || at <= shard.start + 1n || at >= shard.end) {
        throw errors.InvalidArgumentException(
          `NewStartingHashKey ${keyText} used in SplitShard() on shard ${shardId} in stream ${stream.name} under account ${account} is not both greater than one plus the shard's StartingHashKey ${shard.start} and less than the shard's EndingHashKey ${shard.end}.`,
        );
      }
      active(stream);
      shardLimit(1);
      rate("SplitShard");
      reshard(stream, "SplitShard", () => stream.split(shard, at, now()));
      return EMPTY;
    },

    async mergeShards(input) {
      const first = textLength(required(input.ShardToMerge, "shardToMerge"), "shardToMerge", 1, 128) as string;
      const second = textLength(required(input.AdjacentShardToMerge, "adjacentShardToMerge"), "adjacentShardToMerge", 1, 128) as string;
      const stream = find(input);
      const shards = [first, second].map((id) => {
        const shard = stream.byId.get(id);
        if (shard === undefined || !shard.open) throw errors.ResourceNotFoundException(`Could not find shard ${id} in stream ${stream.name} under account ${account}.`);
        return shard;
      }) as [ShardState, ShardState];
      const [a, b] = shards;
      if (a.end + 1n !== b.start && b.end + 1n !== a.start) {
        throw errors.InvalidArgumentException(`Shards ${first} and ${second} in stream ${stream.name} under account ${account} are not an adjacent pair of shards eligible for merging`);
      }
      active(stream);
      rate("MergeShards");
      reshard(stream, "MergeShards", () => stream.merge(a, b, now()));
      return EMPTY;
    },

    async updateShardCount(input) {
      const target = intRange(required(input.TargetShardCount, "targetShardCount"), "targetShardCount", 1, 100_000) as number;
      oneOf(required(input.ScalingType, "scalingType"), "scalingType", ["UNIFORM_SCALING"]);
      const stream = find(input);
      const current = stream.open.length;
      if (stream.mode === "ON_DEMAND") throw errors.ValidationException("UpdateShardCount is not supported for streams in ON_DEMAND mode.");
      // UpdateShardCount's default limits (API Reference): at most double or half the open shards, and ten
      // scaling operations per rolling 24 hours per stream.
      if (target > current * 2 || target * 2 < current) {
        throw errors.LimitExceededException(
          `UpdateShardCount failed for stream ${stream.name} under account ${account}. Scaling to ${target} shards is more than double or less than half the current ${current} shards.`,
        );
      }
      const recent = stream.scalings.filter((at) => at > now() - 86_400_000);
      if (limited && recent.length >= 10) {
        throw errors.LimitExceededException(`UpdateShardCount failed for stream ${stream.name} under account ${account}: a stream can be scaled at most 10 times per rolling 24-hour period.`);
      }
      active(stream);
      if (target > current) shardLimit(target - current);
      rate("UpdateShardCount");
      stream.scalings = [...recent, now()];
      if (target !== current) reshard(stream, "UpdateShardCount", () => stream.scaleTo(target, now()));
      return { StreamName: stream.name, StreamARN: stream.arn, CurrentShardCount: current, TargetShardCount: target };
    },

    async updateStreamMode(input) {
      const stream = find({ StreamARN: required(input.StreamARN, "streamARN") });
      const mode = oneOf(required(input.StreamModeDetails?.StreamMode, "streamModeDetails.streamMode"), "streamModeDetails.streamMode", ["PROVISIONED", "ON_DEMAND"] as StreamMode[]) as StreamMode;
      active(stream);
      if (stream.mode === mode) throw errors.InvalidArgumentException(`Stream ${stream.name} under account ${account} is already in ${mode} mode.`);
      if (mode === "ON_DEMAND") onDemandLimit();
      rate("UpdateStreamMode");
      stream.status = "UPDATING";
      transition(
        stream,
        () => {
          stream.mode = mode;
          stream.status = "ACTIVE";
        },
        "UpdateStreamMode",
      );
      return EMPTY;
    },

    async updateMaxRecordSize(input) {
      const size = intRange(required(input.MaxRecordSizeInKiB, "maxRecordSizeInKiB"), "maxRecordSizeInKiB", LIMITS.maxRecordKiBMin, LIMITS.maxRecordKiBMax) as number;
      const stream = find({ StreamARN: required(input.StreamARN, "streamARN") });
      active(stream);
      stream.maxRecordKiB = size;
      return EMPTY;
    },

    async startStreamEncryption(input) {
      return changeEncryption(input, "StartStreamEncryption");
    },

    async stopStreamEncryption(input) {
      return changeEncryption(input, "StopStreamEncryption");
    },

    async registerStreamConsumer(input) {
      const name = streamName(required(input.ConsumerName, "consumerName"), "consumerName") as string;
      const stream = find({ StreamARN: required(input.StreamARN, "streamARN") });
      if (stream.consumers.has(name)) throw errors.ResourceInUseException(`Consumer ${name} under stream ${stream.name} already exists for account ${account}.`);
      if (stream.consumers.size >= LIMITS.consumersPerStream) {
        throw errors.LimitExceededException(`Stream ${stream.name} under account ${account} has reached the maximum number of consumers (${LIMITS.consumersPerStream}).`);
      }
      rate("RegisterStreamConsumer");
      const createdAt = now();
      const consumer: ConsumerState = { name, arn: `${stream.arn}/consumer/${name}:${Math.floor(createdAt / 1000)}`, status: "CREATING", createdAt, task: undefined };
      consumer.task = ctx.scheduler.after(transitionMs, () => {
        consumer.status = "ACTIVE";
        consumer.task = undefined;
      }, { label: `kinesis:${stream.name} consumer ${name}` });
      stream.consumers.set(name, consumer);
      ctx.trace.record("kinesis.consumer.registered", { streamArn: stream.arn, consumerArn: consumer.arn });
      return { Consumer: describeConsumer(consumer) };
    },

    async deregisterStreamConsumer(input) {
      const { stream, consumer } = consumerOf(input);
      rate("DeregisterStreamConsumer");
      consumer.task?.cancel();
      consumer.status = "DELETING";
      consumer.task = ctx.scheduler.after(transitionMs, () => {
        stream.consumers.delete(consumer.name);
        ctx.trace.record("kinesis.consumer.deregistered", { streamArn: stream.arn, consumerArn: consumer.arn });
      }, { label: `kinesis:${stream.name} consumer ${consumer.name}` });
      return EMPTY;
    },

    async describeStreamConsumer(input) {
      const { stream, consumer } = consumerOf(input);
      rate("DescribeStreamConsumer");
      return { ConsumerDescription: { ...describeConsumer(consumer), StreamARN: stream.arn } };
    },

    async listStreamConsumers(input) {
      const max = intRange(input.MaxResults, "maxResults", 1, LIMITS.listConsumersMax) ?? 100;
      const stream = find({ StreamARN: required(input.StreamARN, "streamARN") });
      rate("ListStreamConsumers");
      const all = [...stream.consumers.values()].sort((a, b) => (a.name < b.name ? -1 : 1));
      const page = paginate(all, {
        maxResults: max,
        nextToken: input.NextToken,
        defaultLimit: 100,
        scope: `kinesis.listStreamConsumers:${stream.arn}`,
        keyOf: (consumer) => consumer.name,
        invalidToken: (message) => errors.InvalidArgumentException(message),
        // ListStreamConsumers tokens last 300 seconds (API Reference: ExpiredNextTokenException).
        now: now(),
        ttlMs: LIMITS.nextTokenLifetimeMs,
        expiredToken: (message) => errors.ExpiredNextTokenException(message),
      });
      return { Consumers: page.items.map(describeConsumer), ...(page.nextToken === undefined ? {} : { NextToken: page.nextToken }) };
    },

    async subscribeToShard(input) {
      const shardId = textLength(required(input.ShardId, "shardId"), "shardId", 1, 128) as string;
      const start = required(input.StartingPosition, "startingPosition");
      const type = oneOf(required(start.Type, "startingPosition.type"), "startingPosition.type", ITERATOR_TYPES) as ShardIteratorType;
      const { stream, consumer } = consumerOf({ ConsumerARN: required(input.ConsumerARN, "consumerARN") });
      if (consumer.status !== "ACTIVE") throw errors.ResourceInUseException(`Consumer ${consumer.arn} under account ${account} is not ACTIVE.`);
      const shard = shardOf(stream, shardId);
      const sequence = sequenceNumber(start.SequenceNumber, "startingPosition.sequenceNumber");
      const timestamp = start.Timestamp instanceof Date ? start.Timestamp.getTime() : undefined;
      if ((type === "AT_SEQUENCE_NUMBER" || type === "AFTER_SEQUENCE_NUMBER") && sequence === undefined) {
        throw errors.InvalidArgumentException(`StartingPosition ${type} needs a SequenceNumber.`);
      }
      if (type === "AT_TIMESTAMP" && timestamp === undefined) throw errors.InvalidArgumentException("StartingPosition AT_TIMESTAMP needs a Timestamp.");
      const cursor = startCursor(stream, shard, type, sequence, timestamp, account);
      return { EventStream: subscription(ctx, stream, consumer, shard, cursor) };
    },
  };
  return guardInputs(service, KINESIS_INPUTS satisfies { readonly [K in keyof StreamService]: StructShape }, ({ path, value, expected }) =>
    errors.ValidationException(`1 validation error detected: Value ${showValue(value)} at '${path}' failed to satisfy constraint: Member must be a ${expected}`),
  );
}

