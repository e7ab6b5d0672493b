import "./trace";

export { createQueueService } from "./sqs";
export type { QueueService, QueueServiceOptions } from "./sqs";
export { errors as sqsErrors } from "./errors";
export type { SqsErrorCode } from "./errors";
export { md5OfBody, md5OfAttributes } from "./md5";
export { LIMITS as SQS_LIMITS } from "./limits";
export type * from "./types";
