import { Redactor } from "../test/engine/display";
import { randomBytes } from "node:crypto";
const r = new Redactor();
let t = performance.now();
for (let i = 0; i < 200; i++) { r.add(randomBytes(16).toString("base64url")); r.add(randomBytes(40).toString("base64")); r.redact(`+ pulumi-nodejs:dynamic/elastic:CrossClusterApiKey k${i}: create`); r.redact(`+ pulumi-nodejs:dynamic/elastic:CrossClusterApiKey k${i}: create`); }
console.log("200 steps interleaved", (performance.now() - t).toFixed(0), "ms");
for (let i = 0; i < 2000; i++) r.add(randomBytes(16).toString("base64url"));
t = performance.now(); for (let i = 0; i < 200; i++) r.redact("a host log line of moderate length that has nothing secret in it at all"); console.log("200 lines with 2400 secrets, pattern cached", (performance.now() - t).toFixed(0), "ms");
