// dns-packet's name tables, which @types/dns-packet does not describe (CommonJS: the default
// import is the module's exports).
declare module 'dns-packet/types.js' {
  const types: {
    /** 'A', 'MX', ... ('UNKNOWN_<n>' for a code it does not know). */
    toString(type: number): string;
  };
  export default types;
}

declare module 'dns-packet/rcodes.js' {
  const rcodes: {
    /** 'NOERROR', 'NXDOMAIN', ... ('RCODE_<n>' for the unassigned ones). */
    toString(rcode: number): string;
  };
  export default rcodes;
}
