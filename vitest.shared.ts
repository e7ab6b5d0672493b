import { configDefaults, type ViteUserConfig } from "vitest/config";

/**
 * Tests run on TypeScript sources: the custom export condition points each workspace package at src/.
 * Node-side resolution leaves out vite's "module" condition: with it Node would load @aws-sdk/* dist-es
 * builds, whose extensionless imports only bundlers resolve; users' Node code gets dist-cjs.
 */
export function projectConfig(name: string): ViteUserConfig {
  return {
    ssr: { resolve: { conditions: ["@simcloud/source", "node", "development|production"] } },
    resolve: { conditions: ["@simcloud/source", "module", "development|production"] },
    // A stuck test fails instead of hanging the run: simcloud's own tests finish in well under a second each.
    test: { name, include: ["**/*.test.ts"], exclude: [...configDefaults.exclude, "dist/**"], testTimeout: 60_000, hookTimeout: 60_000 },
  };
}
