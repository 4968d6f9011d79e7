// The rules, as functions returning a list of problems (empty = fine), so that the tests can also
// show each rule catching a broken configuration.

/** What each function may touch. A new function module must be added here and in functions.tf. */
export const NEEDS = {
  "save-snippet": { datastore: true, redis: false, publishes_cancel: false, trigger: null },
  "get-snippet": { datastore: true, redis: true, publishes_cancel: false, trigger: null },
  "get-catalog": { datastore: true, redis: true, publishes_cancel: false, trigger: null },
  "get-pipeline-output": { datastore: false, redis: true, publishes_cancel: false, trigger: null },
  cancel: { datastore: false, redis: true, publishes_cancel: true, trigger: null },
  "cancel-listener": { datastore: false, redis: true, publishes_cancel: false, trigger: "cancel" },
  maintenance: { datastore: true, redis: true, publishes_cancel: false, trigger: "maintenance" },
};

/** Project-wide roles a function may get, and the filtered set of functions that may get each. */
export const PROJECT_ROLES = {
  "roles/datastore.user": { forEach: "${local.datastore_functions}", flag: "datastore" },
  "roles/redis.viewer": { forEach: "${local.redis_functions}", flag: "redis" },
};

const FUNCTION_SA = /google_service_account\.function\[each\.key\]\.member/;

/** Functions in Terraform whose module is not (yet) in functions/. */
export function functionsWithoutModule(modules, config) {
  return Object.keys(config.locals.function_specs ?? {}).filter((s) => !modules.includes(s));
}

export function functionCoverage(modules, config) {
  const specs = Object.keys(config.locals.function_specs ?? {});
  const problems = [];
  for (const m of modules) {
    if (!specs.includes(m)) problems.push(`functions/${m} has no Terraform function (add it to local.function_specs in functions.tf)`);
  }
  const fn = config.resource.google_cloudfunctions2_function ?? {};
  const names = Object.keys(fn);
  if (names.length !== 1 || fn[names[0]].for_each !== "${local.functions}") {
    problems.push("expected exactly one google_cloudfunctions2_function, with for_each = local.functions");
  }
  if (!String(config.locals.functions).includes("local.function_specs")) {
    problems.push("local.functions must be built from local.function_specs");
  }
  return problems;
}

export function functionShape(config) {
  const problems = [];
  const fn = Object.values(config.resource.google_cloudfunctions2_function ?? {})[0];
  if (!fn) return ["no google_cloudfunctions2_function"];
  const build = fn.build_config?.[0];
  const service = fn.service_config?.[0];
  if (build?.runtime !== "java17") problems.push("runtime must be java17");
  if (build?.entry_point !== "${each.value.entry_point}") problems.push("entry point must come from the function's spec");
  const object = build?.source?.[0]?.storage_source?.[0]?.object ?? "";
  if (!object.includes("google_storage_bucket_object.source[each.key]")) problems.push("source must be the function's own uploaded object");
  const upload = config.resource.google_storage_bucket_object?.source;
  if (!upload || !/filesha256\(/.test(upload.name)) problems.push("uploaded source must be named by the jar's content hash");
  if (!FUNCTION_SA.test(service?.service_account_email?.replace(".email", ".member") ?? "")) {
    problems.push("each function must run as its own service account");
  }
  if (config.resource.google_service_account?.function?.for_each !== "${local.functions}") {
    problems.push("one service account per function (for_each = local.functions)");
  }
  for (const [name, spec] of Object.entries(config.locals.function_specs ?? {})) {
    const http = spec.trigger === null;
    if (http && spec.entry_point !== "${local.http_entry_point}") problems.push(`${name}: HTTP functions use HttpFunction`);
    if (!http && String(spec.entry_point).includes("HttpFunction")) problems.push(`${name}: event functions have their own entry point`);
    for (const key of ["memory", "max_instances", "timeout_seconds"]) {
      if (spec[key] === undefined) problems.push(`${name}: ${key} missing`);
    }
  }
  if (config.locals.http_entry_point !== "io.micronaut.gcp.function.http.HttpFunction") problems.push("wrong HTTP entry point");
  return problems;
}

export function needs(config, expected = NEEDS) {
  const problems = [];
  for (const [name, spec] of Object.entries(config.locals.function_specs ?? {})) {
    const want = expected[name];
    if (!want) {
      problems.push(`${name}: not in NEEDS of terraform/test/checks.mjs; state what it touches`);
      continue;
    }
    for (const [key, value] of Object.entries(want)) {
      if (spec[key] !== value) problems.push(`${name}: ${key} is ${spec[key]}, expected ${value}`);
    }
  }
  const filters = { datastore_functions: "f.datastore", redis_functions: "f.redis", cancel_publishers: "f.publishes_cancel" };
  for (const [local, condition] of Object.entries(filters)) {
    if (!String(config.locals[local]).includes(`if ${condition}`)) problems.push(`local.${local} must select functions with ${condition}`);
  }
  return problems;
}

function iamResources(config) {
  return Object.entries(config.resource).filter(([type]) => /_iam_(member|binding|policy)$/.test(type));
}

export function leastPrivilege(config) {
  const problems = [];
  for (const [type, byName] of iamResources(config)) {
    if (/_iam_(binding|policy)$/.test(type)) problems.push(`${type}: authoritative IAM replaces other grants; use _iam_member`);
    for (const [name, r] of Object.entries(byName)) {
      if (/^roles\/(owner|editor|viewer)$/.test(r.role)) problems.push(`${type}.${name}: basic role ${r.role}`);
    }
  }
  for (const [name, r] of Object.entries(config.resource.google_project_iam_member ?? {})) {
    const allowed = PROJECT_ROLES[r.role];
    if (!allowed) {
      problems.push(`google_project_iam_member.${name}: project-wide ${r.role} is not needed by any function`);
    } else if (r.for_each !== allowed.forEach || !FUNCTION_SA.test(r.member)) {
      problems.push(`google_project_iam_member.${name}: ${r.role} only for the functions with ${allowed.flag}`);
    }
  }
  const rolesOnResource = (type, role) =>
    Object.values(config.resource[type] ?? {}).filter((r) => r.role === role && FUNCTION_SA.test(r.member));
  // Publishing: only on the cancel topic, only for the cancel publishers.
  for (const [type, byName] of iamResources(config)) {
    for (const [name, r] of Object.entries(byName)) {
      if (r.role === "roles/pubsub.publisher" && FUNCTION_SA.test(r.member)) {
        if (type !== "google_pubsub_topic_iam_member" || r.topic !== "${google_pubsub_topic.cancel.id}" || r.for_each !== "${local.cancel_publishers}") {
          problems.push(`${type}.${name}: functions may publish only on the cancel topic, and only the cancel publishers`);
        }
      }
      if (r.role === "roles/secretmanager.secretAccessor") {
        if (type !== "google_secret_manager_secret_iam_member" || r.secret_id !== "${google_secret_manager_secret.redis_auth.id}" || r.for_each !== "${local.redis_functions}") {
          problems.push(`${type}.${name}: secret access only on the Redis AUTH secret, only for the Redis functions`);
        }
      }
    }
  }
  if (rolesOnResource("google_pubsub_topic_iam_member", "roles/pubsub.publisher").length !== 1) problems.push("expected one publisher grant for functions");
  if (rolesOnResource("google_secret_manager_secret_iam_member", "roles/secretmanager.secretAccessor").length !== 1) problems.push("expected one secret accessor grant");
  return problems;
}

export function redisSecured(config) {
  const problems = [];
  const instances = Object.entries(config.resource.google_redis_instance ?? {});
  if (instances.length === 0) problems.push("no google_redis_instance");
  for (const [name, r] of instances) {
    if (r.auth_enabled !== true) problems.push(`google_redis_instance.${name}: auth_enabled must be true`);
    if (r.transit_encryption_mode !== "SERVER_AUTHENTICATION") problems.push(`google_redis_instance.${name}: transit_encryption_mode must be SERVER_AUTHENTICATION`);
  }
  const service = Object.values(config.resource.google_cloudfunctions2_function ?? {})[0]?.service_config?.[0] ?? {};
  if (JSON.stringify(config.locals).includes("REDIS_PASSWORD") || JSON.stringify(service.environment_variables ?? "").includes("REDIS_PASSWORD")) {
    problems.push("REDIS_PASSWORD must not be a plain environment variable");
  }
  const secretEnv = service.dynamic?.secret_environment_variables?.[0]?.content?.[0];
  if (secretEnv?.key !== "REDIS_PASSWORD") problems.push("REDIS_PASSWORD must come from Secret Manager (secret_environment_variables)");
  if (!String(config.locals.redis_env?.REDIS_MEMORYSTORE_INSTANCE).includes("google_redis_instance.")) {
    problems.push("REDIS_MEMORYSTORE_INSTANCE must name the Memorystore instance");
  }
  if (!String(service.vpc_connector).includes("each.value.redis")) problems.push("Redis functions must use the VPC connector");
  return problems;
}

export function indexShape(indexes) {
  const problems = [];
  const seen = new Set();
  indexes.forEach((index, i) => {
    const where = `index.yaml index ${i + 1} (${index?.kind})`;
    if (typeof index?.kind !== "string" || !index.kind) problems.push(`${where}: kind missing`);
    if (index?.ancestor !== undefined && index.ancestor !== false && index.ancestor !== "no") problems.push(`${where}: ancestor indexes are not deployed by terraform/datastore.tf`);
    const props = index?.properties ?? [];
    if (props.length < 2) problems.push(`${where}: fewer than two properties: built-in indexes serve it, remove it`);
    for (const p of props) {
      if (typeof p?.name !== "string" || !p.name) problems.push(`${where}: property without name`);
      if (p?.direction !== undefined && !["asc", "desc"].includes(p.direction)) problems.push(`${where}: direction ${p.direction}`);
    }
    const key = JSON.stringify([index?.kind, props.map((p) => [p?.name, p?.direction ?? "asc"])]);
    if (seen.has(key)) problems.push(`${where}: duplicate`);
    seen.add(key);
  });
  return problems;
}

/**
 * Terraform's indexes are exactly index.yaml's: one google_firestore_index whose for_each is
 * generated from index.yaml (so every file index has a Terraform index and no other exists), in
 * the Datastore API scope, with one field per property in order and direction.
 */
export function indexesMatch(config) {
  const problems = [];
  const all = Object.entries(config.resource.google_firestore_index ?? {});
  if (all.length !== 1) problems.push(`expected one google_firestore_index (generated from index.yaml), found ${all.length}`);
  const [name, r] = all[0] ?? [];
  if (!r) return problems;
  if (r.for_each !== "${local.datastore_indexes}") problems.push(`google_firestore_index.${name}: for_each must be local.datastore_indexes`);
  if (r.collection !== "${each.value.kind}") problems.push(`google_firestore_index.${name}: collection must be the index's kind`);
  if (r.api_scope !== "DATASTORE_MODE_API") problems.push(`google_firestore_index.${name}: api_scope must be DATASTORE_MODE_API`);
  const fields = r.dynamic?.fields?.[0];
  if (fields?.for_each !== "${each.value.properties}" || fields?.content?.[0]?.field_path !== "${fields.value.name}") {
    problems.push(`google_firestore_index.${name}: one field per property of the index, in order`);
  }
  if (!String(fields?.content?.[0]?.order).includes("fields.value.direction")) problems.push(`google_firestore_index.${name}: order from the property's direction`);
  const source = String(config.locals.datastore_indexes);
  if (!source.includes('yamldecode(file("${path.module}/../index.yaml")).indexes')) {
    problems.push("local.datastore_indexes must be read from ../index.yaml");
  }
  return problems;
}

export function triggers(config) {
  const problems = [];
  const fn = Object.values(config.resource.google_cloudfunctions2_function ?? {})[0] ?? {};
  const trigger = fn.dynamic?.event_trigger?.[0]?.content?.[0];
  if (trigger?.event_type !== "google.cloud.pubsub.topic.v1.messagePublished") problems.push("event functions are triggered by Pub/Sub messages");
  if (!String(trigger?.retry_policy).includes("RETRY_POLICY_RETRY")) problems.push("the cancel listener must be retried");
  const deadLetter = JSON.stringify(config.resource.terraform_data?.cancel_dead_letter_policy ?? {});
  if (!deadLetter.includes("--dead-letter-topic") || !deadLetter.includes("google_pubsub_topic.cancel_dead_letter")) {
    problems.push("the cancel listener's subscription needs a dead-letter topic");
  }
  const job = Object.values(config.resource.google_cloud_scheduler_job ?? {})[0];
  if (job?.pubsub_target?.[0]?.topic_name !== "${google_pubsub_topic.maintenance.id}") problems.push("Cloud Scheduler must publish to the maintenance topic");
  const topics = config.locals.trigger_topics ?? {};
  for (const [name, spec] of Object.entries(config.locals.function_specs ?? {})) {
    if (spec.trigger !== null && !topics[spec.trigger]) problems.push(`${name}: trigger ${spec.trigger} is no topic`);
  }
  return problems;
}

export function httpExposure(config) {
  const problems = [];
  const service = Object.values(config.resource.google_cloudfunctions2_function ?? {})[0]?.service_config?.[0] ?? {};
  if (service.ingress_settings !== '${each.value.trigger == null ? var.http_ingress : "ALLOW_INTERNAL_ONLY"}') {
    problems.push("ingress: var.http_ingress for HTTP functions, internal only for event functions");
  }
  const invoker = config.resource.google_cloud_run_service_iam_member?.http_invoker;
  if (!invoker || !String(invoker.for_each).includes("local.http_functions")) problems.push("public invoker only on the HTTP functions");
  return problems;
}
