export * from "./crossClusterApiKey";
export * from "./cloudConnectedClusterApiKey";
export type { ConnectionArgs } from "./connectionArgs";
