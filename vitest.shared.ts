import { configDefaults, type ViteUserConfig } from "vitest/config";

export interface ProjectOptions {
  /**
   * Runs the package's type tests (`*.test-d.ts`: expectTypeOf, @ts-expect-error) with its suite, checked by tsc
   * against `tsconfig.type-tests.json` in the package (the type-test files only, so tsc reads just what they import).
   */
  typeTests?: boolean;
}

/**
 * Tests run on TypeScript sources: the custom export condition points each workspace package at src/.
 * Node-side resolution leaves out vite's "module" condition: with it Node would load @aws-sdk/* dist-es
 * builds, whose extensionless imports only bundlers resolve; users' Node code gets dist-cjs.
 */
export function projectConfig(name: string, options: ProjectOptions = {}): ViteUserConfig {
  return {
    ssr: { resolve: { conditions: ["@simcloud/source", "node", "development|production"] } },
    resolve: { conditions: ["@simcloud/source", "module", "development|production"] },
    // A stuck test fails instead of hanging the run: simcloud's own tests finish in well under a second each.
    test: {
      name,
      include: ["**/*.test.ts"],
      exclude: [...configDefaults.exclude, "dist/**"],
      testTimeout: 60_000,
      hookTimeout: 60_000,
      ...(options.typeTests === true ? { typecheck: { enabled: true, include: ["**/*.test-d.ts"], tsconfig: "./tsconfig.type-tests.json" } } : {}),
    },
  };
}
