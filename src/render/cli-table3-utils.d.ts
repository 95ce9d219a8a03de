// cli-table3's own width measure (string-width without ANSI colour codes): the wrapper measures
// with it so that its lines are exactly as wide as cli-table3 will draw them.
declare module 'cli-table3/src/utils.js' {
  export function strlen(text: string): number;
}
