/**
 * Archives and replays ("Archiving and replaying events in Amazon EventBridge"): an archive keeps the events of its
 * bus that match its pattern, with their original time, for RetentionDays (0 = forever; expired events are dropped
 * when the archive is next read, so no task runs per event). A replay re-sends the archived events whose time falls
 * in [EventStartTime, EventEndTime) to the bus's rules (FilterArns narrows them), each with `replay-name` set;
 * replayed events are never archived again.
 */
import type { SimContext } from "@simcloud/core";
import { errors, invalidParameter } from "./errors";
import type { ArchiveRecord, BusRecord, EventObject, ReplayRecord } from "./model";
import { LIMITS } from "./limits";
import { compilePattern } from "./rules";
import type * as S from "./shapes";
import { checkLimit, page, requireName, requireString } from "./validate";

const DAY_MS = 86_400_000;
const ARCHIVE_NAME = /^[\.\-_A-Za-z0-9]+$/;

export interface ArchiveHost {
  busByArn(arn: string): BusRecord | undefined;
  /** Routes a replayed event to the bus's rules (all, or those in `filterArns`). */
  replay(bus: BusRecord, event: EventObject, filterArns: readonly string[] | undefined): void;
}

export class Archives {
  private readonly archives = new Map<string, ArchiveRecord>();
  private readonly replays = new Map<string, ReplayRecord>();

  constructor(
    private readonly ctx: SimContext,
    private readonly host: ArchiveHost,
  ) {}

  private arn(kind: "archive" | "replay", name: string): string {
    return `arn:aws:events:${this.ctx.region}:${this.ctx.accountId}:${kind}/${name}`;
  }

  /** Called for every event put on a bus (never for replays). */
  record(bus: BusRecord, event: EventObject, time: number): void {
    if (this.archives.size === 0) return;
    for (const archive of this.archives.values()) {
      if (archive.busName !== bus.name) continue;
      if (archive.filter !== undefined && !archive.filter.matches(event)) continue;
      archive.events.push({ event, time, size: JSON.stringify(event).length });
      this.ctx.trace.record("events.archive.stored", { archiveArn: archive.arn, eventId: event["id"] as string });
    }
  }

  private archiveFor(name: unknown): ArchiveRecord {
    const archiveName = requireName(name, "archiveName", ARCHIVE_NAME, 48);
    const archive = this.archives.get(archiveName);
    if (archive === undefined) throw errors.ResourceNotFoundException(`Archive ${archiveName} does not exist.`);
    this.expire(archive);
    return archive;
  }

  private expire(archive: ArchiveRecord): void {
    if (archive.retentionDays <= 0) return;
    const cutoff = this.ctx.scheduler.now() - archive.retentionDays * DAY_MS;
    let keep = 0;
    while (keep < archive.events.length && (archive.events[keep] as { time: number }).time < cutoff) keep++;
    if (keep > 0) archive.events.splice(0, keep);
  }

  async create(input: S.CreateArchiveInput): Promise<S.CreateArchiveOutput> {
    const name = requireName(input.ArchiveName, "archiveName", ARCHIVE_NAME, 48);
    const sourceArn = requireString(input.EventSourceArn, "eventSourceArn");
    const bus = this.host.busByArn(sourceArn);
    if (bus === undefined) throw errors.ResourceNotFoundException(`Event bus ${sourceArn.split("event-bus/").pop() ?? sourceArn} does not exist.`);
    const retentionDays = retention(input.RetentionDays);
    const filter = compilePattern(input.EventPattern);
    if (this.archives.has(name)) throw errors.ResourceAlreadyExistsException(`Archive ${name} already exists.`);
    const archive: ArchiveRecord = {
      name,
      arn: this.arn("archive", name),
      sourceArn,
      busName: bus.name,
      description: input.Description,
      eventPattern: input.EventPattern,
      filter,
      retentionDays,
      createdAt: this.ctx.scheduler.now(),
      events: [],
    };
    this.archives.set(name, archive);
    return { ArchiveArn: archive.arn, State: "ENABLED", CreationTime: new Date(archive.createdAt) };
  }

  async describe(input: S.ArchiveNameInput): Promise<S.DescribeArchiveOutput> {
    const archive = this.archiveFor(input.ArchiveName);
    return {
      ArchiveArn: archive.arn,
      ArchiveName: archive.name,
      EventSourceArn: archive.sourceArn,
      ...(archive.description === undefined ? {} : { Description: archive.description }),
      ...(archive.eventPattern === undefined ? {} : { EventPattern: archive.eventPattern }),
      State: "ENABLED",
      RetentionDays: archive.retentionDays,
      SizeBytes: archive.events.reduce((sum, stored) => sum + stored.size, 0),
      EventCount: archive.events.length,
      CreationTime: new Date(archive.createdAt),
    };
  }

  async update(input: S.UpdateArchiveInput): Promise<S.UpdateArchiveOutput> {
    // The request is checked before the archive is looked up (AWS's recorded answer for an unknown archive).
    if (input.EventPattern === undefined && input.RetentionDays === undefined && input.Description === undefined && input.KmsKeyIdentifier === undefined) {
      throw errors.ValidationException("At least one of EventPattern, RetentionDays or Description must be provided.");
    }
    const archive = this.archiveFor(input.ArchiveName);
    const retentionDays = input.RetentionDays === undefined ? archive.retentionDays : retention(input.RetentionDays);
    const filter = input.EventPattern === undefined ? archive.filter : compilePattern(input.EventPattern);
    archive.retentionDays = retentionDays;
    if (input.EventPattern !== undefined) {
      archive.eventPattern = input.EventPattern;
      archive.filter = filter;
    }
    if (input.Description !== undefined) archive.description = input.Description;
    return { ArchiveArn: archive.arn, State: "ENABLED", CreationTime: new Date(archive.createdAt) };
  }

  async delete(input: S.ArchiveNameInput): Promise<S.Empty> {
    const archive = this.archiveFor(input.ArchiveName);
    this.archives.delete(archive.name);
    return {};
  }

  async list(input: S.ListArchivesInput = {}): Promise<S.ListArchivesOutput> {
    const limit = checkLimit(input.Limit, "limit");
    const filters = [input.NamePrefix, input.EventSourceArn, input.State].filter((value) => value !== undefined);
    if (filters.length > 1) throw errors.ValidationException("At most one filter is allowed for ListArchives. Use either : State, EventSourceArn, or NamePrefix.");
    if (input.EventSourceArn !== undefined && this.host.busByArn(input.EventSourceArn) === undefined) {
      throw errors.ResourceNotFoundException(`Event bus ${input.EventSourceArn.split("event-bus/").pop() ?? input.EventSourceArn} does not exist.`);
    }
    const all = [...this.archives.values()]
      .filter((archive) => (input.NamePrefix === undefined || archive.name.startsWith(input.NamePrefix)) && (input.EventSourceArn === undefined || archive.sourceArn === input.EventSourceArn) && (input.State === undefined || input.State === "ENABLED"))
      .sort((a, b) => (a.name < b.name ? -1 : 1));
    const { items, next } = page(all, limit, input.NextToken, `events.listArchives:${input.NamePrefix ?? ""}:${input.EventSourceArn ?? ""}:${input.State ?? ""}`, (archive) => archive.name);
    return {
      Archives: items.map((archive) => {
        this.expire(archive);
        return {
          ArchiveName: archive.name,
          EventSourceArn: archive.sourceArn,
          State: "ENABLED" as const,
          RetentionDays: archive.retentionDays,
          SizeBytes: archive.events.reduce((sum, stored) => sum + stored.size, 0),
          EventCount: archive.events.length,
          CreationTime: new Date(archive.createdAt),
        };
      }),
      ...(next === undefined ? {} : { NextToken: next }),
    };
  }

  async startReplay(input: S.StartReplayInput): Promise<S.StartReplayOutput> {
    const name = requireName(input.ReplayName, "replayName", ARCHIVE_NAME);
    const sourceArn = requireString(input.EventSourceArn, "eventSourceArn");
    const start = input.EventStartTime instanceof Date ? input.EventStartTime.getTime() : Number.NaN;
    const end = input.EventEndTime instanceof Date ? input.EventEndTime.getTime() : Number.NaN;
    if (!Number.isFinite(start)) throw invalidParameter("EventStartTime");
    if (!Number.isFinite(end)) throw invalidParameter("EventEndTime");
    const destinationArn = requireString(input.Destination?.Arn, "destination.arn");
    if (this.replays.has(name)) throw errors.ResourceAlreadyExistsException(`Replay ${name} already exists.`);
    const archiveName = sourceArn.split(":archive/").pop() ?? "";
    const archive = sourceArn.includes(":archive/") ? this.archives.get(archiveName) : undefined;
    if (archive === undefined) throw invalidParameter("EventSourceArn", `Archive ${archiveName} does not exist.`);
    if (start >= end) throw invalidParameter("EventEndTime", "EventStartTime must be before EventEndTime.");
    // A destination bus that does not exist is reported before the cross-bus rule (test_start_replay_error_unknown_event_bus).
    const bus = this.host.busByArn(destinationArn);
    if (bus === undefined) throw errors.ResourceNotFoundException(`Event bus ${destinationArn.split("event-bus/").pop() ?? destinationArn} does not exist.`);
    if (destinationArn !== archive.sourceArn) throw invalidParameter("Destination.Arn", "Cross event bus replay is not permitted.");
    const active = [...this.replays.values()].filter((replay) => replay.state === "STARTING" || replay.state === "RUNNING").length;
    if (active >= LIMITS.concurrentReplays) throw errors.LimitExceededException("The requested resource exceeds the maximum number allowed.");
    const filterArns = input.Destination?.FilterArns;
    const now = this.ctx.scheduler.now();
    const replay: ReplayRecord = {
      name,
      arn: this.arn("replay", name),
      description: input.Description,
      sourceArn,
      destination: { Arn: destinationArn, ...(filterArns === undefined ? {} : { FilterArns: [...filterArns] }) },
      eventStart: start,
      eventEnd: end,
      startedAt: now,
      state: "STARTING",
      stateReason: undefined,
      endedAt: undefined,
      lastReplayed: undefined,
      task: undefined,
    };
    this.replays.set(name, replay);
    this.setState(replay, "STARTING");
    replay.task = this.ctx.scheduler.after(0, () => this.run(replay, archive, bus), { label: `events:replay ${name}` });
    return { ReplayArn: replay.arn, State: "STARTING", ReplayStartTime: new Date(now) };
  }

  private run(replay: ReplayRecord, archive: ArchiveRecord, bus: BusRecord): void {
    this.setState(replay, "RUNNING");
    this.expire(archive);
    const selected = archive.events.filter((stored) => stored.time >= replay.eventStart && stored.time < replay.eventEnd).sort((a, b) => a.time - b.time);
    for (const stored of selected) {
      this.host.replay(bus, { ...stored.event, "replay-name": replay.name }, replay.destination.FilterArns);
      replay.lastReplayed = stored.time;
    }
    replay.endedAt = this.ctx.scheduler.now();
    this.setState(replay, "COMPLETED");
  }

  private setState(replay: ReplayRecord, state: ReplayRecord["state"]): void {
    replay.state = state;
    this.ctx.trace.record("events.replay.state", { replayArn: replay.arn, state });
  }

  private replayFor(name: unknown): ReplayRecord {
    const replayName = requireName(name, "replayName", ARCHIVE_NAME);
    const replay = this.replays.get(replayName);
    if (replay === undefined) throw errors.ResourceNotFoundException(`Replay ${replayName} does not exist.`);
    return replay;
  }

  async describeReplay(input: S.ReplayNameInput): Promise<S.DescribeReplayOutput> {
    const replay = this.replayFor(input.ReplayName);
    return {
      ReplayName: replay.name,
      ReplayArn: replay.arn,
      ...(replay.description === undefined ? {} : { Description: replay.description }),
      State: replay.state,
      ...(replay.stateReason === undefined ? {} : { StateReason: replay.stateReason }),
      EventSourceArn: replay.sourceArn,
      Destination: replay.destination,
      EventStartTime: new Date(replay.eventStart),
      EventEndTime: new Date(replay.eventEnd),
      ...(replay.lastReplayed === undefined ? {} : { EventLastReplayedTime: new Date(replay.lastReplayed) }),
      ReplayStartTime: new Date(replay.startedAt),
      ...(replay.endedAt === undefined ? {} : { ReplayEndTime: new Date(replay.endedAt) }),
    };
  }

  async cancelReplay(input: S.ReplayNameInput): Promise<S.CancelReplayOutput> {
    const replay = this.replayFor(input.ReplayName);
    if (replay.state !== "STARTING" && replay.state !== "RUNNING") throw errors.IllegalStatusException(`Replay ${replay.name} is not in a valid state for this operation.`);
    replay.task?.cancel();
    this.setState(replay, "CANCELLING");
    this.ctx.scheduler.after(
      0,
      () => {
        replay.endedAt = this.ctx.scheduler.now();
        this.setState(replay, "CANCELLED");
      },
      { label: `events:replay ${replay.name} cancel` },
    );
    return { ReplayArn: replay.arn, State: "CANCELLING" };
  }

  async listReplays(input: S.ListReplaysInput = {}): Promise<S.ListReplaysOutput> {
    const limit = checkLimit(input.Limit, "limit");
    const all = [...this.replays.values()]
      .filter((replay) => (input.NamePrefix === undefined || replay.name.startsWith(input.NamePrefix)) && (input.State === undefined || replay.state === input.State) && (input.EventSourceArn === undefined || replay.sourceArn === input.EventSourceArn))
      .sort((a, b) => (a.name < b.name ? -1 : 1));
    const { items, next } = page(all, limit, input.NextToken, `events.listReplays:${input.NamePrefix ?? ""}:${input.EventSourceArn ?? ""}:${input.State ?? ""}`, (replay) => replay.name);
    return {
      Replays: items.map((replay) => ({
        ReplayName: replay.name,
        EventSourceArn: replay.sourceArn,
        State: replay.state,
        EventStartTime: new Date(replay.eventStart),
        EventEndTime: new Date(replay.eventEnd),
        ...(replay.lastReplayed === undefined ? {} : { EventLastReplayedTime: new Date(replay.lastReplayed) }),
        ReplayStartTime: new Date(replay.startedAt),
        ...(replay.endedAt === undefined ? {} : { ReplayEndTime: new Date(replay.endedAt) }),
      })),
      ...(next === undefined ? {} : { NextToken: next }),
    };
  }
}

function retention(value: unknown): number {
  if (value === undefined || value === null) return 0;
  if (typeof value !== "number" || !Number.isInteger(value) || value < 0) throw errors.ValidationException(`1 validation error detected: Value '${String(value)}' at 'retentionDays' failed to satisfy constraint: Member must have value greater than or equal to 0`);
  return value;
}
