export * from "./namespaces";
export * from "./users";
export * from "./registry-events";
