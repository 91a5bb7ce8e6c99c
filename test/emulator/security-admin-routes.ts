/**
 * Native users, roles and application privileges (`_security/user`, `_security/role`, `_security/privilege`) and
 * `_has_privileges`: what upstream's REST tests set up their users with, and what they check API keys against.
 */
import { ACTIONS } from "./auth";
import { EsError, illegalArgument, validationFailed } from "./errors";
import type { EsRoute } from "./es-service";
import { toPlain } from "./json";
import { hasPrivileges, type PrivilegesRequest } from "./privileges";
import { jsonReply } from "./reply";
import { parseRoleDescriptor } from "./role-descriptors";
import type { SecretLog } from "./secret-log";
import type { UserStore } from "./users";

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function optionalText(value: unknown): string | null {
  return typeof value === "string" ? value : null;
}

const USER_FIELDS = new Set(["password", "password_hash", "roles", "full_name", "email", "metadata", "enabled"]);

/** `secrets` learns every password a user is given, for the suite's secret scanner. */
export function securityAdminRoutes(users: UserStore, secrets: SecretLog): EsRoute[] {
  const reserved = (kind: "user" | "role", name: string): EsError =>
    illegalArgument(`${kind === "user" ? "user" : "role"} [${name}] is reserved and cannot be modified.`);

  const hasPrivilegesHandler: EsRoute["handler"] = (ctx) => {
    const body = toPlain(ctx.body());
    if (!isObject(body)) throw illegalArgument("[has_privileges] request body must be an object");
    const user = ctx.params.user;
    if (user !== undefined && user !== ctx.principal.user.username) {
      throw illegalArgument(`users may only check the privileges of their own account, not [${user}]`);
    }
    return jsonReply(200, hasPrivileges(ctx.principal, users, body as PrivilegesRequest));
  };

  return [
    ...(["PUT", "POST"] as const).map(
      (method): EsRoute => ({
        method,
        path: "/_security/user/{username}",
        params: ["refresh"],
        handler: (ctx) => {
          const username = ctx.params.username ?? "";
          const body = toPlain(ctx.body());
          if (!isObject(body)) throw illegalArgument("failed to parse add user request: expected an object");
          const unknown = Object.keys(body).filter((k) => !USER_FIELDS.has(k));
          if (unknown.length > 0) throw illegalArgument(`failed to parse add user request. unexpected field [${unknown[0]}]`);
          const password = optionalText(body.password) ?? undefined;
          const errors: string[] = [];
          if (!Array.isArray(body.roles)) errors.push("roles are missing");
          if (password !== undefined && password.length < 6) errors.push("passwords must be at least [6] characters long");
          if (password === undefined && !users.hasUser(username)) errors.push("passwords must be provided when creating a new user");
          if (errors.length > 0) throw validationFailed(errors);
          ctx.authorize(ACTIONS.putUser);
          if (users.isReserved("user", username)) throw reserved("user", username);
          if (password !== undefined) secrets.remember(password);
          const created = users.putUser(username, {
            password,
            roles: (body.roles as unknown[]).map(String),
            metadata: isObject(body.metadata) ? body.metadata : {},
            fullName: optionalText(body.full_name),
            email: optionalText(body.email),
          });
          return jsonReply(200, { created });
        },
      }),
    ),
    {
      method: "DELETE",
      path: "/_security/user/{username}",
      params: ["refresh"],
      handler: (ctx) => {
        ctx.authorize(ACTIONS.deleteUser);
        const username = ctx.params.username ?? "";
        if (users.isReserved("user", username)) throw reserved("user", username);
        const found = users.deleteUser(username);
        return jsonReply(found ? 200 : 404, { found });
      },
    },
    ...(["PUT", "POST"] as const).map(
      (method): EsRoute => ({
        method,
        path: "/_security/role/{name}",
        params: ["refresh"],
        handler: (ctx) => {
          const name = ctx.params.name ?? "";
          const descriptor = parseRoleDescriptor(name, ctx.body());
          ctx.authorize(ACTIONS.putRole);
          if (users.isReserved("role", name)) throw reserved("role", name);
          return jsonReply(200, { role: { created: users.putRole(name, descriptor) } });
        },
      }),
    ),
    {
      method: "DELETE",
      path: "/_security/role/{name}",
      params: ["refresh"],
      handler: (ctx) => {
        ctx.authorize(ACTIONS.deleteRole);
        const name = ctx.params.name ?? "";
        if (users.isReserved("role", name)) throw reserved("role", name);
        const found = users.deleteRole(name);
        return jsonReply(found ? 200 : 404, { found });
      },
    },
    ...(["PUT", "POST"] as const).map(
      (method): EsRoute => ({
        method,
        path: "/_security/privilege",
        params: ["refresh"],
        handler: (ctx) => {
          const body = toPlain(ctx.body());
          if (!isObject(body)) throw illegalArgument("failed to parse application privileges: expected an object");
          ctx.authorize(ACTIONS.putPrivileges);
          const result: Record<string, Record<string, { created: boolean }>> = {};
          for (const [application, privileges] of Object.entries(body)) {
            if (!isObject(privileges)) throw illegalArgument(`failed to parse application privileges for [${application}]`);
            for (const [name, spec] of Object.entries(privileges)) {
              const actions = isObject(spec) && Array.isArray(spec.actions) ? spec.actions.map(String) : [];
              const metadata = isObject(spec) && isObject(spec.metadata) ? spec.metadata : {};
              (result[application] ??= {})[name] = { created: users.putApplicationPrivilege({ application, name, actions, metadata }) };
            }
          }
          return jsonReply(200, result);
        },
      }),
    ),
    {
      method: "DELETE",
      path: "/_security/privilege/{application}/{name}",
      params: ["refresh"],
      handler: (ctx) => {
        ctx.authorize(ACTIONS.deletePrivileges);
        const application = ctx.params.application ?? "";
        const result: Record<string, { found: boolean }> = {};
        for (const name of (ctx.params.name ?? "").split(",")) result[name] = { found: users.deleteApplicationPrivilege(application, name) };
        const any = Object.values(result).some((r) => r.found);
        return jsonReply(any ? 200 : 404, { [application]: result });
      },
    },
    ...(["GET", "POST"] as const).flatMap((method): EsRoute[] => [
      { method, path: "/_security/user/_has_privileges", handler: hasPrivilegesHandler },
      { method, path: "/_security/user/{user}/_has_privileges", handler: hasPrivilegesHandler },
    ]),
  ];
}
