// Loads the Terraform configuration (../*.tf) as JSON through @cdktf/hcl2json, offline: no
// provider, no `terraform init`. Literals stay values; expressions become "${...}" strings.
import { parse } from "@cdktf/hcl2json";
import { readdirSync, readFileSync, existsSync } from "node:fs";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import YAML from "yaml";

export const TERRAFORM_DIR = join(dirname(fileURLToPath(import.meta.url)), "..");
export const REPO_DIR = join(TERRAFORM_DIR, "..");

/** Every *.tf of the root module merged into { resource, data, locals, variable, output }. */
export async function loadConfig(dir = TERRAFORM_DIR) {
  const config = { resource: {}, data: {}, locals: {}, variable: {}, output: {} };
  for (const file of readdirSync(dir).filter((f) => f.endsWith(".tf")).sort()) {
    const json = await parse(file, readFileSync(join(dir, file), "utf8"));
    for (const kind of ["resource", "data"]) {
      for (const [type, byName] of Object.entries(json[kind] ?? {})) {
        config[kind][type] ??= {};
        for (const [name, blocks] of Object.entries(byName)) {
          if (config[kind][type][name]) throw new Error(`${kind} ${type}.${name} is declared twice`);
          config[kind][type][name] = blocks[0];
        }
      }
    }
    for (const block of json.locals ?? []) Object.assign(config.locals, block);
    for (const [name, blocks] of Object.entries(json.variable ?? {})) config.variable[name] = blocks[0];
    for (const [name, blocks] of Object.entries(json.output ?? {})) config.output[name] = blocks[0];
  }
  return config;
}

/** The function modules: directories under functions/ that have a pom.xml. */
export function functionModules(repo = REPO_DIR) {
  const dir = join(repo, "functions");
  return readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory() && existsSync(join(dir, e.name, "pom.xml")))
    .map((e) => e.name)
    .sort();
}

/** index.yaml's indexes as [{ kind, properties: [{ name, direction }] }]. */
export function indexYaml(repo = REPO_DIR) {
  return YAML.parse(readFileSync(join(repo, "index.yaml"), "utf8"))?.indexes ?? [];
}

/** The single block of a nested block list (hcl2json gives every block as an array). */
export function block(list) {
  return Array.isArray(list) ? list[0] : list;
}
