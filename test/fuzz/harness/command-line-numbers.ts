/** A flag's value that must be a whole number, as the fuzz commands take --seed, --cases and the like. */
export function wholeNumberArg(flag: string, v: string | undefined): number {
  if (v === undefined || !/^\d+$/.test(v)) throw new Error(`${flag} needs a whole number`);
  return Number(v);
}
