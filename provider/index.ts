export * from "./crossClusterApiKey";
export * from "./cloudConnectedClusterApiKey";
export type { ConnectionArgs } from "./connectionArgs";
export * from "./connectorApiKeyBinding";
export * from "./apiKey";
export * from "./connectorSecret";
export * from "./connectorApiKey";
