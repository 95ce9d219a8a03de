// One rule for every test that needs a real server binary: skip where it is missing, except in CI.

/**
 * For `describe(name, { skip })`: the reason `missing` gives, or false when nothing is missing.
 * When CI sets MAILFLOW_REQUIRE_SERVERS=1 a missing server is an error instead, so CI cannot pass by skipping.
 */
export function skipUnlessPresent(missing: string | null): string | false {
  if (!missing) return false;
  if (process.env.MAILFLOW_REQUIRE_SERVERS === '1')
    throw new Error(`required test server missing: ${missing}`);
  return missing;
}
