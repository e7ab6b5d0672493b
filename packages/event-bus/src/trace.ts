declare module "@simcloud/core" {
  interface TraceEventMap {
    "events.bus.created": { eventBusArn: string };
    "events.bus.deleted": { eventBusArn: string };
    "events.rule.put": { ruleArn: string; state: string };
    "events.rule.deleted": { ruleArn: string };
    "events.event.put": { eventBusArn: string; eventId: string; source: string; detailType: string; rules: number };
    "events.event.matched": { eventId: string; ruleArn: string; targets: number };
    "events.schedule.fired": { ruleArn: string; eventId: string; time: number };
    "events.target.delivered": { eventId: string; ruleArn: string; targetId: string; targetArn: string; attempt: number };
    "events.target.failed": { eventId: string; ruleArn: string; targetId: string; targetArn: string; attempt: number; errorCode: string; error: string; retryAt?: number };
    "events.target.dead-lettered": { eventId: string; ruleArn: string; targetId: string; deadLetterArn: string; delivered: boolean; condition?: string };
    "events.target.dropped": { eventId: string; ruleArn: string; targetId: string; reason: string };
    "events.archive.stored": { archiveArn: string; eventId: string };
    "events.replay.state": { replayArn: string; state: string };
    "scheduler.schedule.fired": { scheduleArn: string; time: number };
    "scheduler.target.failed": { scheduleArn: string; targetArn: string; attempt: number; error: string; retryAt?: number };
    "scheduler.target.dead-lettered": { scheduleArn: string; deadLetterArn: string; delivered: boolean };
    "pipes.pipe.state": { pipeArn: string; state: string };
    "pipes.batch.delivered": { pipeArn: string; records: number };
    "pipes.batch.failed": { pipeArn: string; records: number; error: string };
    "pipes.batch.discarded": { pipeArn: string; shardId: string; records: number; condition: string; deadLetterArn?: string };
    "pipes.deadletter.failed": { pipeArn: string; deadLetterArn: string; error: string };
  }
}

export {};
