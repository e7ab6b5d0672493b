import { defineConfig } from "vitest/config";
import projects from "./vitest.workspace";

// The AWS SDK's own switch for its Node-version notice, which every test worker would otherwise print once.
// Set here, before the workers start, so they inherit it.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";

export default defineConfig({ test: { projects } });
