import { eventsRoutes } from "./events";
import { kinesisRoutes } from "./kinesis";
import { lambdaRoutes } from "./lambda";
import { pipesRoutes } from "./pipes";
import { schedulerRoutes } from "./scheduler";
import { snsRoutes } from "./sns";
import { sfnRoutes } from "./sfn";
import { sqsRoutes } from "./sqs";
import type { ServiceRoutes } from "./types";

export { eventsRoutes, kinesisRoutes, lambdaRoutes, pipesRoutes, schedulerRoutes, sfnRoutes, snsRoutes, sqsRoutes };
export type * from "./types";

/** Every routing table the adapter serves out of the box. A new service adds its table here and nothing else. */
export const defaultRoutes: readonly ServiceRoutes[] = [sqsRoutes, snsRoutes, lambdaRoutes, sfnRoutes, kinesisRoutes, eventsRoutes, schedulerRoutes, pipesRoutes];
