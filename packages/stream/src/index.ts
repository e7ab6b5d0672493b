export { createStreamService } from "./kinesis";
export type { StreamService, StreamServiceOptions } from "./kinesis";
export type * from "./types";
export { errors as kinesisErrors } from "./errors";
export type { KinesisErrorCode } from "./errors";
export { LIMITS as KINESIS_LIMITS } from "./limits";
export { hashKeyOf, MAX_HASH_KEY } from "./hash";
import "./trace";
