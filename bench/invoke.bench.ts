/**
 * `pnpm bench invoke`: 100,000 synchronous invocations of a trivial handler, and 10,000 SQS messages through an
 * event source mapping; the baseline is the same handler called directly with the JSON round trip Invoke does.
 */
import { createCloud } from "simcloud";
import { best, report } from "./measure";

const INVOCATIONS = 100_000;
const MESSAGES = 10_000;
const enc = new TextEncoder();
const dec = new TextDecoder();

export default async function (): Promise<void> {
  const handler = async (event: { n: number }) => ({ n: event.n + 1 });
  const payload = enc.encode(JSON.stringify({ n: 1 }));

  const baseline = await best("direct handler call + JSON", INVOCATIONS, 3, async () => {
    for (let i = 0; i < INVOCATIONS; i++) JSON.parse(dec.decode(enc.encode(JSON.stringify(await handler(JSON.parse(dec.decode(payload)) as { n: number })))));
  });

  const invoke = await best("lambda.invoke (RequestResponse)", INVOCATIONS, 3, async () => {
    const cloud = createCloud({ recordTrace: false });
    await cloud.lambda.createFunction({ FunctionName: "f", handler });
    for (let i = 0; i < INVOCATIONS; i++) await cloud.lambda.invoke({ FunctionName: "f", Payload: payload });
    await cloud.dispose();
  });

  const mapping = await best("SQS → mapping → function (msgs)", MESSAGES, 3, async () => {
    const cloud = createCloud({ recordTrace: false });
    const queue = await cloud.sqs.createQueue({ QueueName: "bench" });
    let seen = 0;
    await cloud.lambda.createFunction({
      FunctionName: "worker",
      handler: async (event: { Records: unknown[] }) => {
        seen += event.Records.length;
      },
    });
    await cloud.lambda.createEventSourceMapping({ FunctionName: "worker", EventSourceArn: "arn:aws:sqs:us-east-1:000000000000:bench", BatchSize: 10 });
    for (let i = 0; i < MESSAGES; i++) await cloud.sqs.sendMessage({ QueueUrl: queue.QueueUrl as string, MessageBody: `m${i}` });
    while (seen < MESSAGES) await cloud.advance(1_000);
    await cloud.dispose();
  });

  report([baseline, invoke, mapping], baseline.label);
}
