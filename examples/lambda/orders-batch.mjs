// Production code, as the Powertools docs write it: one BatchProcessor at module scope, a middy-wrapped handler,
// partial batch responses. Nothing here knows about simcloud.
import { BatchProcessor, EventType, processPartialResponse } from "@aws-lambda-powertools/batch";
import middy from "@middy/core";

const processor = new BatchProcessor(EventType.SQS);

const recordHandler = async (record) => {
  const order = JSON.parse(record.body);
  // Asynchronous work (a write, a call): two concurrent batches would interleave here if they shared this module.
  await Promise.resolve();
  if (!(order.total > 0)) throw new Error(`order ${order.id}: total must be positive`);
};

export const handler = middy(async (event, context) => processPartialResponse(event, recordHandler, processor, { context }));
