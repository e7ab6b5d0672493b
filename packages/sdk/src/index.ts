export { createClientConfig, SIMCLOUD_ENDPOINT } from "./client-config";
export type { SimcloudClientConfig, ClientConfigContext } from "./client-config";
export { createRequestHandler } from "./handler";
export type { SdkServices, SimcloudRequestHandler, RequestHandlerOptions } from "./handler";
export { defaultRoutes, eventsRoutes, kinesisRoutes, lambdaRoutes, pipesRoutes, schedulerRoutes, sfnRoutes, snsRoutes, sqsRoutes } from "./routes";
export type { ServiceRoutes, JsonRpcRoutes, QueryRoutes, RestJsonRoutes, RestOperationRoute, OperationRoute, ErrorIdentity, QueryBindings } from "./routes";
export * as shapes from "./shapes";
export type { Shape, StructureShape } from "./shapes";
