export { compileFilter } from "./compile";
export type { CompiledFilter, FilterInput } from "./compile";
export type { FilterDialect } from "./dialect";
export type { SnsFilterInput, SnsFilterAttribute } from "./sns";
