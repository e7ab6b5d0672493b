import { defineConfig } from "tsup";
import { packageBuild } from "../../tsup.shared.ts";

// Two entries: the library, and `simcloud/vitest` (vitest stays an optional peer, never bundled).
export default defineConfig({ ...packageBuild, entry: ["src/index.ts", "src/vitest.ts"], external: ["vitest"] });
