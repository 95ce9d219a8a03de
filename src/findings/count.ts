// "1 recipient", "3 recipients": counts in findings and notes read as English, not "recipient(s)".

export function count(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}
