import { indexPatternProblem } from "../text";

/**
 * Why `indexName` is not one concrete index, or `undefined`. The connector's key gets `all` on it, so anything
 * that can match more than one index — a wildcard (`*`, `?`), a list (`a,b`), an exclusion (`-x`), date math
 * (`<logs-{now/d}>`), a regular expression (`/…/`), `_all` — would grant far more than the connector's own index.
 * Elasticsearch's index name rules refuse the same characters, so a real index name never has them.
 */
export function concreteIndexNameProblem(indexName: string): string | undefined {
  const basic = indexPatternProblem(indexName);
  if (basic) return basic;
  if (indexName === "_all") return '"_all" means every index; give the connector\'s own index name';
  const pattern = /[*?,<>|/\\"#:]/.exec(indexName);
  if (pattern)
    return (
      `must be one concrete index name, but ${JSON.stringify(pattern[0])} (at position ${pattern.index}) makes it a ` +
      "pattern or list that can match other indices, and the key gets `all` on it: give the connector's own index name"
    );
  if (/^[-_+]/.test(indexName)) return "an index name cannot start with '-', '_' or '+' (a leading '-' excludes indices in a pattern)";
  if (indexName === "." || indexName === "..") return `${JSON.stringify(indexName)} is not an index name`;
  if (indexName !== indexName.toLowerCase()) return "index names are lowercase; this one would match no index";
  return undefined;
}
