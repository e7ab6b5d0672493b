/**
 * EventBridge quotas and defaults ("Amazon EventBridge quotas", PutEvents and PutTargets API references).
 */

/**
 * Largest PutEvents request, counted as "Calculating Amazon EventBridge PutEvents event entry size" describes.
 * Raised from 256 KB to 1 MiB (1,048,576 bytes); older doc pages still say 256 KB. Source: the shared
 * AWS-LIMITS-2025 notes (docs/eventbridge.md names it). Change it here only.
 */
export const PUT_EVENTS_MAX_BYTES = 1_048_576;

export const LIMITS = {
  putEventsEntries: 10,
  targetsPerRule: 5,
  putTargetsEntries: 10,
  removeTargetsIds: 100,
  nameLength: 64,
  inputPathsMapKeys: 100,
  listMax: 100,
  /** Target RetryPolicy defaults and ranges (RetryPolicy API reference). */
  retryAttemptsDefault: 185,
  retryAttemptsMax: 185,
  eventAgeDefaultSeconds: 86_400,
  eventAgeMinSeconds: 60,
  eventAgeMaxSeconds: 86_400,
  /** Replays in STARTING or RUNNING per account and Region ("Replaying archived events"; recorded in test_archive_and_replay). */
  concurrentReplays: 10,
  /** PutEvents counts Time as 14 bytes when present. */
  timeBytes: 14,
} as const;

/** Rule, bus and archive names: [\.\-_A-Za-z0-9]+, 1..64 (bus names may also hold "/" for partner buses). */
export const NAME_PATTERN = /^[\.\-_A-Za-z0-9]+$/;
export const BUS_NAME_PATTERN = /^[\/\.\-_A-Za-z0-9]+$/;
