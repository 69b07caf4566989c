// Placeholder until the dissector lands.
export {};
