// Reading a Pulumi project directory for the CLI: Pulumi.yaml (name, main) and Pulumi.<stack>.yaml (config). Only
// the YAML these files use in practice is understood: `key: value` pairs, one nested `config:` block, quoted or
// plain scalars, comments. Anything else is an error rather than a guess.
import fs from "node:fs";
import path from "node:path";

type Yaml = Record<string, string | Record<string, string | Record<string, string>>>;

function scalar(raw: string): string {
  const v = raw.trim();
  if (v.startsWith('"') && v.endsWith('"')) return JSON.parse(v) as string;
  if (v.startsWith("'") && v.endsWith("'")) return v.slice(1, -1).replace(/''/g, "'");
  return v;
}

/** At most three levels of `key: value` maps; lists and multi-line scalars are rejected. */
export function parseYamlSubset(text: string, file: string): Yaml {
  const root: Yaml = {};
  const stack: { indent: number; map: Record<string, unknown> }[] = [{ indent: -1, map: root }];
  text.split(/\r?\n/).forEach((line, n) => {
    const content = line.replace(/\s+#.*$/, "");
    if (content.trim() === "" || content.trim().startsWith("#")) return;
    // A plain key may contain ":" (namespaced config keys); the separator is ":" followed by a space or the end.
    const m = /^(\s*)("[^"]*"|'[^']*'|[^\s"'#][^#]*?):(?:\s+(.*))?$/.exec(content);
    if (!m) throw new Error(`${file}:${n + 1}: unsupported YAML (only "key: value" maps are read): ${line.trim()}`);
    const indent = m[1]!.length;
    while (stack.length > 1 && indent <= stack[stack.length - 1]!.indent) stack.pop();
    const parent = stack[stack.length - 1]!.map;
    const key = scalar(m[2]!);
    const value = m[3];
    if (value === undefined || value.trim() === "") {
      if (stack.length > 3) throw new Error(`${file}:${n + 1}: nesting too deep for this reader`);
      const child: Record<string, unknown> = {};
      parent[key] = child;
      stack.push({ indent, map: child });
    } else {
      if (/^[|>[{-]/.test(value.trim())) throw new Error(`${file}:${n + 1}: unsupported YAML value for ${key}`);
      parent[key] = scalar(value);
    }
  });
  return root;
}

export interface Project {
  name: string;
  /** Absolute path of the program module. */
  main: string;
}

export function readProject(dir: string): Project {
  const file = path.join(dir, "Pulumi.yaml");
  const yaml = parseYamlSubset(fs.readFileSync(file, "utf8"), file);
  const name = yaml.name;
  if (typeof name !== "string" || name === "") throw new Error(`${file}: missing "name"`);
  const main = typeof yaml.main === "string" ? yaml.main : fs.existsSync(path.join(dir, "index.ts")) ? "index.ts" : "index.js";
  return { name, main: path.resolve(dir, main) };
}

/** The plain `config:` values of Pulumi.<stack>.yaml; keys without a namespace get the project's. */
export function readStackConfig(dir: string, stack: string, project: string): Record<string, { value: string; secret?: boolean }> {
  const file = path.join(dir, `Pulumi.${stack}.yaml`);
  if (!fs.existsSync(file)) return {};
  const config = parseYamlSubset(fs.readFileSync(file, "utf8"), file).config;
  const result: Record<string, { value: string; secret?: boolean }> = {};
  if (config === undefined) return result;
  if (typeof config === "string") throw new Error(`${file}: "config" must be a map`);
  for (const [key, value] of Object.entries(config)) {
    if (typeof value !== "string") {
      throw new Error(`${file}: ${key}: only plain values are supported (pass secrets with --secret-config)`);
    }
    result[qualify(key, project)] = { value };
  }
  return result;
}

export function qualify(key: string, project: string): string {
  return key.includes(":") ? key : `${project}:${key}`;
}
