/** `pnpm demo`: prints the story of examples/demo-scenario.ts. */
import { runDemo } from "./demo-scenario";

const result = await runDemo();
console.log("simcloud demo: SNS fan-out + SQS + Lambda worker with a poison message + EventBridge notifications, on virtual time\n");
for (const line of result.lines) console.log(line);
