import { defineConfig } from "tsup";
import { packageBuild } from "../../tsup.shared.ts";

// Two entry points: the package, and `@simcloud/core/testing` (imports vitest, which stays external).
export default defineConfig({ ...packageBuild, entry: { index: "src/index.ts", "testing/index": "src/testing/index.ts" }, external: ["vitest"] });
