import type { Options } from "tsup";

/** Every package builds the same way: ESM + .d.ts from src/index.ts into dist/. */
export const packageBuild: Options = { entry: ["src/index.ts"], format: ["esm"], dts: true, clean: true, sourcemap: true, target: "node20" };
