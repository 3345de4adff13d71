// date-chinese ships its declarations (types/index.d.ts, an ambient `declare module`) but its
// package.json `exports` does not name them, so TypeScript's bundler resolution cannot find
// them by the import; no import can reach the file either. This brings it into the program.
// eslint-disable-next-line @typescript-eslint/triple-slash-reference
/// <reference path="../../node_modules/date-chinese/types/index.d.ts" />
