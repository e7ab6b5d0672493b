/**
 * The SDK's own floor for bench/sdk: a request handler that answers SQSClient's JSON 1.0 requests from a plain-JS
 * queue (an array and a Map), with no simulator behind it. A real SQSClient on cloud.clientConfig()'s settings with
 * this handler costs what the SDK itself costs per call plus the least an answer needs (JSON and the body MD5s the
 * client checks), so the simcloud SDK path's throughput as a share of it is the adapter's and the simulator's cost.
 */
import type { HttpRequest, HttpResponse } from "@smithy/types";
import { md5OfBody } from "simcloud";

interface Stored {
  id: string;
  body: string;
  md5: string;
}

export interface FloorHandler {
  readonly metadata: { readonly handlerProtocol: string };
  handle(request: HttpRequest): Promise<{ response: HttpResponse }>;
  updateHttpClientConfig(): void;
  httpHandlerConfigs(): Record<string, never>;
  destroy(): void;
}

const decoder = new TextDecoder();

export function createFloorHandler(): FloorHandler {
  const ready: Stored[] = [];
  let head = 0;
  const inflight = new Map<string, Stored>();
  let ids = 0;
  const answer = (body: unknown): { response: HttpResponse } => ({
    response: {
      statusCode: 200,
      headers: { "content-type": "application/x-amz-json-1.0", "x-amzn-requestid": "floor" },
      body: Buffer.from(JSON.stringify(body)),
    } as HttpResponse,
  });
  const actions: Record<string, (input: Record<string, unknown>) => unknown> = {
    CreateQueue: (input) => ({ QueueUrl: `http://floor/000000000000/${String(input["QueueName"])}` }),
    SendMessageBatch(input) {
      const entries = input["Entries"] as { Id: string; MessageBody: string }[];
      return {
        Successful: entries.map((entry) => {
          const stored = { id: `m${ids++}`, body: entry.MessageBody, md5: md5OfBody(entry.MessageBody) };
          ready.push(stored);
          return { Id: entry.Id, MessageId: stored.id, MD5OfMessageBody: stored.md5 };
        }),
        Failed: [],
      };
    },
    ReceiveMessage(input) {
      const max = (input["MaxNumberOfMessages"] as number | undefined) ?? 1;
      const Messages = [];
      while (Messages.length < max && head < ready.length) {
        const stored = ready[head++] as Stored;
        const ReceiptHandle = `r-${stored.id}`;
        inflight.set(ReceiptHandle, stored);
        Messages.push({ MessageId: stored.id, ReceiptHandle, MD5OfBody: stored.md5, Body: stored.body });
      }
      if (head === ready.length) {
        ready.length = 0;
        head = 0;
      }
      return Messages.length === 0 ? {} : { Messages };
    },
    DeleteMessageBatch(input) {
      const entries = input["Entries"] as { Id: string; ReceiptHandle: string }[];
      for (const entry of entries) inflight.delete(entry.ReceiptHandle);
      return { Successful: entries.map((entry) => ({ Id: entry.Id })), Failed: [] };
    },
  };
  return {
    metadata: { handlerProtocol: "floor" },
    async handle(request) {
      const target = String(request.headers["x-amz-target"] ?? "");
      const action = actions[target.slice(target.indexOf(".") + 1)];
      if (action === undefined) throw new Error(`the floor handler does not answer ${target}`);
      // TextDecoder reads the bytes; Buffer.from would call the SDK body's string-converting valueOf().
      const text = typeof request.body === "string" ? request.body : decoder.decode(request.body as Uint8Array);
      return answer(action(JSON.parse(text) as Record<string, unknown>));
    },
    updateHttpClientConfig() {},
    httpHandlerConfigs: () => ({}),
    destroy() {},
  };
}
