export * from "./access";
export * from "./api-keys";
export * from "./cloud";
export * from "./cluster";
export * from "./common";
export * from "./connectors";
export * from "./envelopes";
