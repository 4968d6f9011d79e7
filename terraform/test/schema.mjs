// The google provider's schema, offline, from the prebuilt cdktf binding on npm (@cdktf/provider-google,
// pinned in package.json; its build is for provider 6.50.0). Its jsii manifest describes every resource
// and data source: the config struct (arguments, with required ones not optional, and nested blocks as
// structs of their own) and the class with its getters (arguments and read-only attributes).
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { TERRAFORM_DIR } from "./terraform.mjs";

const PACKAGE = "@cdktf/provider-google";
const META = new Set(["count", "for_each", "depends_on", "provider", "lifecycle", "provisioner", "connection"]);

const snake = (camel) => camel.replace(/([a-z0-9])([A-Z])/g, "$1_$2").toLowerCase();

/** The Terraform name of a struct property: the anchor of its registry link, else its snake_case name. */
function tfName(property) {
  const link = /#([a-z0-9_]+) /.exec(property.docs?.remarks ?? "");
  return link ? link[1] : snake(property.name);
}

/** The first struct (fqn of this package) a jsii type reference names, through unions and collections. */
function structOf(type, types) {
  if (!type) return null;
  if (type.fqn) return types[type.fqn]?.datatype ? type.fqn : null;
  if (type.union) {
    for (const t of type.union.types) {
      const s = structOf(t, types);
      if (s) return s;
    }
  }
  if (type.collection) return structOf(type.collection.elementtype, types);
  return null;
}

/** The OutputReference class behind a getter's type (a block, or a list of computed objects), if any. */
function referenceOf(type, types) {
  const fqn = type?.fqn;
  if (!fqn || !fqn.startsWith(PACKAGE)) return null;
  if (fqn.endsWith("OutputReference")) return fqn;
  if (fqn.endsWith("List") || fqn.endsWith("Map")) {
    const element = fqn.replace(/(List|Map)$/, "OutputReference");
    return types[element] ? element : null;
  }
  return null;
}

export class ProviderSchema {
  constructor(jsii) {
    this.types = jsii.types;
    this.version = null;
    this.resources = new Map();
    this.dataSources = new Map();
    for (const [fqn, type] of Object.entries(this.types)) {
      const kind = type.base === "cdktf.TerraformResource" ? "resources" : type.base === "cdktf.TerraformDataSource" ? "data-sources" : null;
      if (!kind) continue;
      const link = /google\/([0-9.]+)\/docs\/(resources|data-sources)\/[a-z0-9_]+ ([a-z0-9_]+)\}/.exec(type.docs?.summary ?? "");
      if (!link) continue;
      this.version ??= link[1];
      const config = type.initializer?.parameters?.find((p) => p.name === "config")?.type?.fqn;
      (kind === "resources" ? this.resources : this.dataSources).set(link[3], { fqn, config });
    }
  }

  static load(dir = join(TERRAFORM_DIR, "test", "node_modules", ...PACKAGE.split("/"))) {
    return new ProviderSchema(JSON.parse(readFileSync(join(dir, ".jsii"), "utf8")));
  }

  /** name -> { required, block (struct fqn) } of a config struct or nested block struct. */
  arguments(structFqn) {
    const args = new Map();
    for (const p of this.types[structFqn]?.properties ?? []) {
      args.set(tfName(p), { required: !p.optional, block: structOf(p.type, this.types) });
    }
    return args;
  }

  /** name -> OutputReference fqn (or null) of every attribute a reference may read: arguments and read-only ones. */
  attributes(classFqn) {
    const attrs = new Map();
    for (const p of this.types[classFqn]?.properties ?? []) {
      if (p.static || p.name.endsWith("Input") || p.name === "internalValue") continue;
      attrs.set(snake(p.name), referenceOf(p.type, this.types));
    }
    return attrs;
  }
}

/** Every string (expression) in a parsed HCL value. */
function* strings(value) {
  if (typeof value === "string") yield value;
  else if (Array.isArray(value)) for (const v of value) yield* strings(v);
  else if (value && typeof value === "object") for (const v of Object.values(value)) yield* strings(v);
}

/**
 * Problems of one block body (a resource, data source or nested block) against its struct: unknown or
 * read-only arguments, missing required ones, blocks written as attributes, and the same for every nested
 * block, `dynamic` ones included.
 */
function checkBody(schema, body, structFqn, where, attributes, topLevel) {
  const problems = [];
  const args = schema.arguments(structFqn);
  const given = new Map();
  for (const [key, value] of Object.entries(body ?? {})) {
    if (topLevel && META.has(key)) continue;
    if (key === "dynamic") {
      for (const [name, blocks] of Object.entries(value)) {
        const arg = args.get(name);
        if (!arg?.block) {
          problems.push(`${where}: dynamic "${name}" is not a block of ${where.split(" ")[0]}`);
          continue;
        }
        given.set(name, true);
        for (const dyn of blocks) {
          for (const content of dyn.content ?? []) problems.push(...checkBody(schema, content, arg.block, `${where}.${name}`, null, false));
        }
      }
      continue;
    }
    const arg = args.get(key);
    if (!arg) {
      const readOnly = attributes?.has(key);
      problems.push(`${where}: ${key} is ${readOnly ? "a read-only attribute, not an argument" : "not an argument or block"} in provider ${schema.version}`);
      continue;
    }
    given.set(key, true);
    if (arg.block) {
      const blocks = Array.isArray(value) ? value : null;
      if (!blocks || blocks.some((b) => typeof b !== "object" || b === null)) {
        // An attribute-syntax value for a block: only an expression can stand there (e.g. a list of objects).
        if (typeof value !== "string") problems.push(`${where}: ${key} is a block; write ${key} { ... }`);
        continue;
      }
      for (const b of blocks) problems.push(...checkBody(schema, b, arg.block, `${where}.${key}`, null, false));
    }
  }
  for (const [name, arg] of args) {
    if (arg.required && !given.has(name)) problems.push(`${where}: required argument ${name} missing`);
  }
  return problems;
}

/**
 * Every resource and data source of the provider's types in `config` (hcl2json form, see terraform.mjs)
 * against the schema; then every reference to a resource's attribute in any expression, read-only
 * attributes included, followed through nested blocks.
 */
export function schemaProblems(config, schema) {
  const problems = [];
  for (const [kind, map, prefix] of [["resource", schema.resources, ""], ["data", schema.dataSources, "data."]]) {
    for (const [type, byName] of Object.entries(config[kind] ?? {})) {
      if (!type.startsWith("google_")) continue;
      const known = map.get(type);
      if (!known) {
        problems.push(`${prefix}${type}: no such ${kind === "resource" ? "resource" : "data source"} in provider ${schema.version}`);
        continue;
      }
      for (const [name, body] of Object.entries(byName)) {
        problems.push(...checkBody(schema, body, known.config, `${prefix}${type}.${name}`, schema.attributes(known.fqn), true));
      }
    }
  }
  problems.push(...referenceProblems(config, schema));
  return problems;
}

const REFERENCE = /(?<![\w.])(data\.)?(google_[a-z0-9_]+)\.([a-z0-9_-]+)((?:\[[^\]\[]*\])?(?:\.[a-z0-9_]+(?:\[[^\]\[]*\])*)*)/g;

function referenceProblems(config, schema) {
  const problems = new Set();
  for (const expression of strings(config)) {
    for (const m of expression.matchAll(REFERENCE)) {
      const [text, data, type, name, path] = m;
      const known = (data ? schema.dataSources : schema.resources).get(type);
      const declared = config[data ? "data" : "resource"]?.[type]?.[name];
      if (!declared) {
        problems.add(`${text}: ${data ? "data." : ""}${type}.${name} is not declared`);
        continue;
      }
      if (!known) continue;
      let node = known.fqn;
      for (const segment of path.replace(/\[[^\]]*\]/g, "").split(".").filter(Boolean)) {
        const attrs = schema.attributes(node);
        if (!attrs.has(segment)) {
          problems.add(`${text}: ${segment} is no attribute of ${type}${node === known.fqn ? "" : " (nested block)"}`);
          break;
        }
        node = attrs.get(segment);
        if (!node) break;
      }
    }
  }
  return [...problems];
}

/**
 * Breaking changes of provider 7.0 (its upgrade guide) that a 6.50 schema cannot show: what 7.x removed,
 * made read-only or required, or retyped. `path` is the argument's path through nested blocks.
 */
export const BREAKING_7 = [
  { type: "google_cloudfunctions2_function", path: ["event_trigger", "event_type"], change: "required" },
  { type: "google_cloudfunctions2_function", path: ["service_config", "service"], change: "read-only" },
  { type: "google_project_service", path: ["disable_on_destroy"], change: "default", note: "defaults to false in 7.x: say what you mean" },
  { type: "google_storage_bucket", path: ["retention_policy", "retention_period"], change: "string" },
  { type: "google_compute_subnetwork", path: ["enable_flow_logs"], change: "removed" },
  { type: "google_bigtable_table_iam_binding", path: ["instance"], change: "removed" },
  { type: "google_bigtable_table_iam_member", path: ["instance"], change: "removed" },
  { type: "google_bigtable_table_iam_policy", path: ["instance"], change: "removed" },
  { type: "google_gke_hub_membership", path: ["description"], change: "removed" },
  { type: "google_colab_runtime_template", path: ["post_startup_script_config"], change: "removed" },
  { type: "google_network_services_lb_traffic_extension", path: ["load_balancing_scheme"], change: "required" },
  { type: "google_cloud_run_v2_worker_pool", path: ["template", "containers", "depends_on"], change: "removed" },
  { type: "google_vertex_ai_endpoint", path: ["enable_secure_private_service_connect"], change: "removed" },
  { type: "google_vertex_ai_index", path: ["metadata"], change: "required" },
  { data: "google_service_account_key", path: ["project"], change: "removed" },
];
export const REMOVED_IN_7 = [
  "google_beyondcorp_application", "google_beyondcorp_application_iam_binding", "google_beyondcorp_application_iam_member",
  "google_beyondcorp_application_iam_policy", "google_notebooks_location", "google_tpu_node",
];

/** The block bodies at `path` below `body` (dynamic blocks' content included), with whether each parent holds the leaf. */
function walk(body, path) {
  if (path.length === 1) return [body];
  const [head, ...rest] = path;
  const blocks = [...(Array.isArray(body?.[head]) ? body[head] : []), ...(body?.dynamic?.[head] ?? []).flatMap((d) => d.content ?? [])];
  return blocks.flatMap((b) => walk(b, rest));
}

export function breaking7Problems(config) {
  const problems = [];
  for (const type of REMOVED_IN_7) {
    if (config.resource?.[type] || config.data?.[type]) problems.push(`${type}: removed in provider 7.0`);
  }
  for (const rule of BREAKING_7) {
    const kind = rule.data ? "data" : "resource";
    for (const [name, body] of Object.entries(config[kind]?.[rule.data ?? rule.type] ?? {})) {
      const where = `${rule.data ? "data." : ""}${rule.data ?? rule.type}.${name}.${rule.path.join(".")}`;
      const leaf = rule.path.at(-1);
      for (const parent of walk(body, rule.path)) {
        const has = parent && Object.hasOwn(parent, leaf);
        if (rule.change === "removed" && has) problems.push(`${where}: removed in provider 7.0`);
        if (rule.change === "read-only" && has) problems.push(`${where}: read-only in provider 7.0, remove it`);
        if (rule.change === "required" && !has) problems.push(`${where}: required in provider 7.0`);
        if (rule.change === "default" && !has) problems.push(`${where}: ${rule.note}`);
        if (rule.change === "string" && has && typeof parent[leaf] === "number") problems.push(`${where}: a string in provider 7.0`);
      }
    }
  }
  return problems;
}
