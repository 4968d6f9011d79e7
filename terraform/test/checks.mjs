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

/**
 * Project-wide roles a function may get, and the filtered set of functions that may get each; redis.viewer
 * only when the functions look the Memorystore endpoint up themselves (redis_endpoint_lookup).
 */
export const PROJECT_ROLES = {
  "roles/datastore.user": { forEach: "${local.datastore_functions}", flag: "datastore" },
  "roles/redis.viewer": { forEach: "${var.redis_endpoint_lookup ? local.redis_functions : {}}", flag: "redis and redis_endpoint_lookup" },
};

/** Project-wide roles of the build service account: build logs have no narrower grant. */
export const BUILD_PROJECT_ROLES = ["roles/logging.logWriter"];
const BUILD_SA = "${google_service_account.build.member}";

/**
 * Every method of api.v1.PlaygroundService these functions serve, and the function that serves it
 * (DESIGN.md's function table, and the functions' controllers).
 */
export const ROUTES = {
  SaveSnippet: "save-snippet",
  GetSnippet: "get-snippet",
  GetPrecompiledObjects: "get-catalog",
  GetPrecompiledObject: "get-catalog",
  GetPrecompiledObjectCode: "get-catalog",
  GetPrecompiledObjectOutput: "get-catalog",
  GetPrecompiledObjectLogs: "get-catalog",
  GetPrecompiledObjectGraph: "get-catalog",
  GetDefaultPrecompiledObject: "get-catalog",
  CheckStatus: "get-pipeline-output",
  GetRunOutput: "get-pipeline-output",
  GetRunOutputFrom: "get-pipeline-output",
  GetRunError: "get-pipeline-output",
  GetValidationOutput: "get-pipeline-output",
  GetPreparationOutput: "get-pipeline-output",
  GetCompileOutput: "get-pipeline-output",
  GetLogs: "get-pipeline-output",
  GetGraph: "get-pipeline-output",
  Cancel: "cancel",
};
export const API_PREFIX = "/api.v1.PlaygroundService/";

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
  // Entry points live in one map, local.entry_points, that local.functions reads.
  const entryPoints = config.locals.entry_points ?? {};
  if (!String(config.locals.functions).includes("entry_point     = local.entry_points[name]")) {
    problems.push("local.functions must take each entry point from local.entry_points");
  }
  for (const [name, spec] of Object.entries(config.locals.function_specs ?? {})) {
    const http = spec.trigger === null;
    const entry = entryPoints[name];
    if (typeof entry !== "string" || !/^[a-z][\w.]*\.[A-Z]\w*$/.test(entry)) problems.push(`${name}: no entry point class in local.entry_points`);
    if (spec.entry_point !== undefined) problems.push(`${name}: entry point belongs in local.entry_points, not the spec`);
    if (http && entry !== "dev.beamplayground.edge.PlaygroundHttpFunction") problems.push(`${name}: HTTP functions use PlaygroundHttpFunction`);
    if (!http && String(entry).includes("HttpFunction")) problems.push(`${name}: event functions have their own entry point`);
    for (const key of ["memory", "cpu", "concurrency", "max_instances", "timeout_seconds"]) {
      if (spec[key] === undefined) problems.push(`${name}: ${key} missing`);
    }
  }
  for (const name of Object.keys(entryPoints)) {
    if (!config.locals.function_specs?.[name]) problems.push(`local.entry_points.${name}: no such function`);
  }
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
    if (r.member === BUILD_SA) {
      if (!BUILD_PROJECT_ROLES.includes(r.role)) problems.push(`google_project_iam_member.${name}: the build account needs no project-wide ${r.role}`);
    } else if (!allowed) {
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
        const redisSecret = ["${google_secret_manager_secret.redis_auth.id}", "${google_secret_manager_secret.redis_ca.id}"].includes(r.secret_id);
        if (type !== "google_secret_manager_secret_iam_member" || !redisSecret || !String(r.for_each).includes("local.redis_functions")) {
          problems.push(`${type}.${name}: secret access only on the Redis AUTH and CA secrets, only for the Redis functions`);
        }
      }
    }
  }
  if (rolesOnResource("google_pubsub_topic_iam_member", "roles/pubsub.publisher").length !== 1) problems.push("expected one publisher grant for functions");
  if (rolesOnResource("google_secret_manager_secret_iam_member", "roles/secretmanager.secretAccessor").length !== 2) problems.push("expected secret accessor grants on the AUTH and CA secrets");
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
  const plainEnv = Object.entries(config.locals).filter(([name]) => name.endsWith("_env"));
  if (JSON.stringify(plainEnv).includes("REDIS_PASSWORD") || JSON.stringify(service.environment_variables ?? "").includes("REDIS_PASSWORD")) {
    problems.push("REDIS_PASSWORD must not be a plain environment variable");
  }
  const secretEnv = service.dynamic?.secret_environment_variables?.[0];
  if (secretEnv?.for_each !== "${each.value.redis ? local.redis_secrets : {}}" || secretEnv?.content?.[0]?.key !== "${secret_environment_variables.key}") {
    problems.push("the Redis functions' secrets must come from Secret Manager (secret_environment_variables over local.redis_secrets)");
  }
  const secrets = String(config.locals.redis_secrets);
  if (!secrets.includes("REDIS_PASSWORD = google_secret_manager_secret.redis_auth.secret_id")) problems.push("REDIS_PASSWORD must be the AUTH secret");
  if (!secrets.includes("REDIS_MEMORYSTORE_SERVER_CA = google_secret_manager_secret.redis_ca.secret_id")) problems.push("REDIS_MEMORYSTORE_SERVER_CA must be the CA secret");
  const env = String(config.locals.redis_env);
  if (!env.includes("REDIS_MEMORYSTORE_HOST = google_redis_instance.cache.host") || !env.includes("REDIS_MEMORYSTORE_PORT = tostring(google_redis_instance.cache.port)")) {
    problems.push("host and port of the Memorystore instance must reach the functions from Terraform");
  }
  if (!/^\$\{var\.redis_endpoint_lookup \? \{\s*REDIS_MEMORYSTORE_INSTANCE = google_redis_instance\.cache\.id/.test(env)) {
    problems.push("REDIS_MEMORYSTORE_INSTANCE (the admin API lookup) only with var.redis_endpoint_lookup");
  }
  const ca = config.resource.google_secret_manager_secret_version?.redis_ca;
  if (!String(ca?.secret_data).includes("google_redis_instance.cache.server_ca_certs")) problems.push("the CA secret must hold the instance's server CA certificates");
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

/**
 * Pub/Sub reaches the event functions in one of two modes (var.event_delivery), never by running anything
 * at apply time (no provisioner, no terraform_data):
 * - eventarc: an Eventarc trigger per event function (retried for cancel), invoked as the function's account;
 * - push: push subscriptions Terraform owns, to the function's URL with an OIDC token of its own account,
 *   a dead-letter topic per function and a retry policy; and then no Eventarc trigger.
 */
export function deliveries(config) {
  const problems = [];
  const fn = Object.values(config.resource.google_cloudfunctions2_function ?? {})[0] ?? {};
  for (const [type, byName] of Object.entries(config.resource)) {
    for (const [name, r] of Object.entries(byName)) {
      if (r.provisioner || type === "terraform_data" || type === "null_resource") problems.push(`${type}.${name}: nothing may run at apply time`);
    }
  }
  const mode = config.variable.event_delivery;
  if (JSON.stringify(mode?.validation?.[0]?.condition) !== JSON.stringify('${contains(["eventarc", "push"], var.event_delivery)}')) problems.push("var.event_delivery: eventarc or push");
  // Eventarc mode.
  const trigger = fn.dynamic?.event_trigger?.[0];
  if (trigger?.for_each !== '${each.value.trigger != null && var.event_delivery == "eventarc" ? [each.value.trigger] : []}') {
    problems.push("an Eventarc trigger for an event function exactly when event_delivery is eventarc");
  }
  const t = trigger?.content?.[0];
  if (t?.event_type !== "google.cloud.pubsub.topic.v1.messagePublished" || t?.service_account_email !== "${google_service_account.function[each.key].email}") {
    problems.push("Eventarc triggers on the Pub/Sub topic, as the function's own account");
  }
  if (!String(t?.retry_policy).includes('event_trigger.value == "cancel" ? "RETRY_POLICY_RETRY"')) problems.push("the cancel listener must be retried");
  // Push mode.
  if (config.locals.push_functions !== '${var.event_delivery == "push" ? local.event_functions : {}}') problems.push("local.push_functions: the event functions exactly in push mode");
  const push = config.resource.google_pubsub_subscription?.push;
  if (!push || push.for_each !== "${local.push_functions}") return [...problems, "one push subscription per event function in push mode (for_each = local.push_functions)"];
  if (push.topic !== "${local.trigger_topics[each.value.trigger]}") problems.push("a push subscription reads its function's trigger topic");
  const pc = push.push_config?.[0];
  if (pc?.push_endpoint !== "${google_cloudfunctions2_function.function[each.key].service_config[0].uri}") problems.push("push to the function's own URL");
  const oidc = pc?.oidc_token?.[0];
  if (oidc?.service_account_email !== "${google_service_account.function[each.key].email}") problems.push("push with an OIDC token of the function's own service account");
  const dl = push.dead_letter_policy?.[0];
  if (dl?.dead_letter_topic !== "${google_pubsub_topic.dead_letter[each.key].id}" || dl?.max_delivery_attempts !== "${var.event_max_delivery_attempts}") {
    problems.push("each push subscription dead-letters to its function's topic after var.event_max_delivery_attempts");
  }
  if (!push.retry_policy?.[0]?.minimum_backoff || !push.retry_policy?.[0]?.maximum_backoff) problems.push("push subscriptions back off between retries");
  if (config.resource.google_pubsub_topic?.dead_letter?.for_each !== "${local.push_functions}") problems.push("one dead-letter topic per event function in push mode");
  const holder = config.resource.google_pubsub_subscription?.dead_letter;
  if (holder?.topic !== "${google_pubsub_topic.dead_letter[each.key].id}" || holder?.message_retention_duration !== "604800s") {
    problems.push("a subscription keeps each dead-letter topic's messages 7 days");
  }
  const agentGrants = (type, role, on) => Object.values(config.resource[type] ?? {}).some((r) => r.role === role && r.member === "${local.pubsub_agent}" && String(Object.values(r).join(" ")).includes(on));
  if (!agentGrants("google_pubsub_topic_iam_member", "roles/pubsub.publisher", "google_pubsub_topic.dead_letter")) problems.push("Pub/Sub's agent must publish to the dead-letter topics");
  if (!agentGrants("google_pubsub_subscription_iam_member", "roles/pubsub.subscriber", "google_pubsub_subscription.push")) problems.push("Pub/Sub's agent must acknowledge on the push subscriptions");
  const invoker = config.resource.google_cloud_run_service_iam_member?.event_invoker;
  if (invoker?.for_each !== "${local.event_functions}" || invoker?.member !== "${google_service_account.function[each.key].member}") problems.push("each event function's account may invoke it");
  const job = Object.values(config.resource.google_cloud_scheduler_job ?? {})[0];
  if (job?.pubsub_target?.[0]?.topic_name !== "${google_pubsub_topic.maintenance.id}") problems.push("Cloud Scheduler must publish to the maintenance topic");
  const topics = config.locals.trigger_topics ?? {};
  for (const [name, spec] of Object.entries(config.locals.function_specs ?? {})) {
    if (spec.trigger !== null && !topics[spec.trigger]) problems.push(`${name}: trigger ${spec.trigger} is no topic`);
  }
  return problems;
}

/** Alerts on dead letters (push mode), on events waiting (either mode) and on the functions' 5xx share. */
export function alerts(config) {
  const problems = [];
  const policies = config.resource.google_monitoring_alert_policy ?? {};
  const filters = (p) => (p?.conditions ?? []).map((c) => c.condition_threshold?.[0] ?? {});
  const dead = filters(policies.dead_letters)[0];
  if (!String(dead?.filter).includes("pubsub.googleapis.com/subscription/num_undelivered_messages") || !String(dead?.filter).includes("-dead-letter") || dead?.threshold_value !== 0) {
    problems.push("an alert when a dead-letter subscription holds a message");
  }
  if (policies.dead_letters?.count !== '${var.event_delivery == "push" ? 1 : 0}') problems.push("the dead-letter alert exists in push mode");
  const waiting = filters(policies.events_waiting)[0];
  const regex = String(config.locals.event_subscription_regex);
  if (!String(waiting?.filter).includes("oldest_unacked_message_age") || !String(waiting?.filter).includes("${local.event_subscription_regex}")
    || !regex.includes("eventarc-${var.region}-${var.environment}-") || !regex.includes("${var.environment}-playground-(")) {
    problems.push("an alert when a message to an event function waits, on Eventarc's and the push subscriptions");
  }
  const errors = filters(policies.function_errors)[0];
  if (!/response_code_class="5xx"/.test(String(errors?.filter)) || errors?.denominator_filter !== "${local.run_requests}" || !String(config.locals.run_requests).includes("run.googleapis.com/request_count") || !String(errors?.filter).startsWith("${local.run_requests} AND") || errors?.threshold_value !== "${var.alert_5xx_ratio}") {
    problems.push("an alert on the share of 5xx answers of the functions");
  }
  for (const [name, p] of Object.entries(policies)) {
    if (p.notification_channels !== "${var.alert_notification_channels}") problems.push(`${name}: notify var.alert_notification_channels`);
  }
  return problems;
}

export function httpExposure(config) {
  const problems = [];
  const service = Object.values(config.resource.google_cloudfunctions2_function ?? {})[0]?.service_config?.[0] ?? {};
  if (service.ingress_settings !== '${each.value.trigger != null ? "ALLOW_INTERNAL_ONLY" : (local.lb_enabled ? "ALLOW_INTERNAL_AND_GCLB" : "ALLOW_ALL")}') {
    problems.push("ingress: event functions internal only; HTTP functions internal and load balancer when there is one");
  }
  if (config.locals.lb_enabled !== '${var.domain != ""}') problems.push("the load balancer exists exactly when a domain is set");
  const invoker = config.resource.google_cloud_run_service_iam_member?.http_invoker;
  if (!invoker || !String(invoker.for_each).includes("local.http_functions")) problems.push("public invoker only on the HTTP functions");
  return problems;
}

/**
 * The routes the load balancer would take, evaluated from the HCL the way Terraform would: method path ->
 * function from the HTTP functions' `methods`, one exact-path route rule each, the rest of the service
 * (and every other path) to the fallback function.
 */
export function routeTable(config) {
  const routes = {};
  const duplicates = [];
  for (const [name, spec] of Object.entries(config.locals.function_specs ?? {})) {
    if (spec.trigger !== null) continue;
    for (const method of spec.methods ?? []) {
      const path = API_PREFIX + method;
      if (routes[path]) duplicates.push(path);
      routes[path] = name;
    }
  }
  return { routes, duplicates, fallback: config.locals.fallback_function };
}

export function routing(config, expected = ROUTES) {
  const problems = [];
  const { routes, duplicates, fallback } = routeTable(config);
  for (const path of duplicates) problems.push(`${path} is served by two functions`);
  for (const [method, fn] of Object.entries(expected)) {
    if (routes[API_PREFIX + method] !== fn) problems.push(`${API_PREFIX}${method} goes to ${routes[API_PREFIX + method] ?? "no function"}, expected ${fn}`);
  }
  for (const path of Object.keys(routes)) {
    if (!expected[path.slice(API_PREFIX.length)]) problems.push(`${path}: routed, but not in ROUTES of terraform/test/checks.mjs`);
  }
  for (const [name, spec] of Object.entries(config.locals.function_specs ?? {})) {
    if (spec.trigger !== null && (spec.methods ?? []).length > 0) problems.push(`${name}: an event function serves no API method`);
  }
  if (config.locals.api_prefix !== API_PREFIX) problems.push(`local.api_prefix must be ${API_PREFIX}`);
  if (!String(config.locals.method_routes).includes('for method in f.methods : "${local.api_prefix}${method}" => name')) {
    problems.push("local.method_routes must map each method path of the HTTP functions to its function");
  }
  if (config.locals.function_specs?.[fallback]?.trigger !== null) problems.push(`fallback function ${fallback} must be an HTTP function`);
  // The URL map: one exact-path rule per method path, to that method's backend; then the prefix rule.
  const matcher = config.resource.google_compute_url_map?.api?.path_matcher?.[0];
  const perMethod = matcher?.dynamic?.route_rules?.[0];
  const content = perMethod?.content?.[0];
  if (!String(perMethod?.for_each).includes("keys(local.method_routes)")) problems.push("a route rule per method path of local.method_routes");
  if (content?.match_rules?.[0]?.full_path_match !== "${route_rules.key}") problems.push("method route rules match the exact path");
  if (content?.service !== "${google_compute_backend_service.function[local.method_routes[route_rules.key]].id}") problems.push("a method path's rule goes to its function's backend");
  const rest = (matcher?.route_rules ?? []).find((r) => r.match_rules?.[0]?.prefix_match === "${local.api_prefix}");
  if (!rest || rest.service !== "${google_compute_backend_service.function[local.fallback_function].id}") problems.push("the rest of the service goes to the fallback function");
  if (rest && !(rest.priority > Object.keys(routes).length)) problems.push("the prefix rule must come after every method rule");
  if (matcher?.default_service !== "${google_compute_backend_service.function[local.fallback_function].id}") problems.push("other paths go to the fallback function");
  return problems;
}

/** The origin: managed certificate for var.domain, HTTPS on 443, a serverless NEG and backend per HTTP function. */
export function loadBalancer(config) {
  const problems = [];
  const r = config.resource;
  if (JSON.stringify(r.google_compute_managed_ssl_certificate?.api?.managed?.[0]?.domains) !== '["${var.domain}"]') problems.push("a Google-managed certificate for var.domain");
  const https = r.google_compute_global_forwarding_rule?.https;
  if (https?.port_range !== "443" || https?.load_balancing_scheme !== "EXTERNAL_MANAGED" || https?.target !== "${google_compute_target_https_proxy.api[0].id}") {
    problems.push("a global external Application Load Balancer (EXTERNAL_MANAGED) on 443");
  }
  if (r.google_compute_target_https_proxy?.api?.url_map !== "${google_compute_url_map.api[0].id}") problems.push("the HTTPS proxy uses the API URL map");
  const neg = r.google_compute_region_network_endpoint_group?.function;
  if (neg?.for_each !== "${local.lb_functions}" || neg?.network_endpoint_type !== "SERVERLESS") problems.push("one serverless NEG per HTTP function");
  const backend = r.google_compute_backend_service?.function;
  if (backend?.for_each !== "${local.lb_functions}" || backend?.load_balancing_scheme !== "EXTERNAL_MANAGED") problems.push("one backend service per HTTP function");
  if (backend?.backend?.[0]?.group !== "${google_compute_region_network_endpoint_group.function[each.key].id}") problems.push("each backend serves its function's NEG");
  if (config.locals.lb_functions !== "${local.lb_enabled ? local.http_functions : {}}") problems.push("the load balancer fronts exactly the HTTP functions");
  if (!String(config.output.api_origin?.value).includes("https://${var.domain}")) problems.push("output api_origin: the origin for the frontend");
  return problems;
}

/** Cloud Armor: per-IP throttles (SaveSnippet, then everything) and WAF rules that leave code bodies alone. */
export function armor(config) {
  const problems = [];
  const policy = config.resource.google_compute_security_policy?.api;
  if (config.resource.google_compute_backend_service?.function?.security_policy !== "${google_compute_security_policy.api[0].id}") {
    problems.push("every backend service carries the Cloud Armor policy");
  }
  const rules = policy?.rule ?? [];
  const save = rules.find((r) => String(r.match?.[0]?.expr?.[0]?.expression).includes("${local.save_snippet_path}"));
  const all = rules.find((r) => r.action === "throttle" && JSON.stringify(r.match?.[0]?.config?.[0]?.src_ip_ranges) === '["*"]');
  const limit = (rule, variable) => {
    const o = rule?.rate_limit_options?.[0];
    return rule?.action === "throttle" && o?.enforce_on_key === "IP" && /^deny\(429\)$/.test(o?.exceed_action)
      && o?.rate_limit_threshold?.[0]?.count === `\${var.${variable}.count}` && o?.rate_limit_threshold?.[0]?.interval_sec === `\${var.${variable}.interval_sec}`;
  };
  if (!limit(save, "rate_limit_save_snippet")) problems.push("SaveSnippet throttled per client IP by var.rate_limit_save_snippet");
  if (!limit(all, "rate_limit_api")) problems.push("every request throttled per client IP by var.rate_limit_api");
  if (save && all && !(save.priority < all.priority)) problems.push("the SaveSnippet rule must be evaluated before the general one");
  if (config.locals.save_snippet_path !== "${local.api_prefix}SaveSnippet") problems.push("local.save_snippet_path must be SaveSnippet's path");
  const defaults = config.variable.rate_limit_save_snippet?.default;
  const general = config.variable.rate_limit_api?.default;
  if (!(defaults?.count / defaults?.interval_sec < general?.count / general?.interval_sec)) problems.push("SaveSnippet's default limit must be below the general one");
  const waf = policy?.dynamic?.rule?.[0];
  if (!String(waf?.content?.[0]?.match?.[0]?.expr?.[0]?.expression).includes("evaluatePreconfiguredWaf") || waf?.for_each === undefined) problems.push("preconfigured WAF rules from var.waf_rules");
  for (const name of config.variable.waf_rules?.default ?? []) {
    if (/^(sqli|xss|lfi|rfi|rce|sessionfixation)/.test(name)) problems.push(`waf_rules default ${name}: matches source code in snippet bodies`);
  }
  if (policy?.advanced_options_config?.[0]?.json_parsing !== "STANDARD") problems.push("JSON bodies parsed before the WAF rules");
  return problems;
}

/** Concurrency and instances per function. */
export function capacity(config, { minHttpConcurrency = 8 } = {}) {
  const problems = [];
  const service = Object.values(config.resource.google_cloudfunctions2_function ?? {})[0]?.service_config?.[0] ?? {};
  if (service.max_instance_request_concurrency !== "${each.value.concurrency}") problems.push("max_instance_request_concurrency from each function's concurrency");
  if (service.min_instance_count !== "${each.value.min_instances}") problems.push("min_instance_count from each function's min_instances");
  if (service.available_cpu !== "${each.value.cpu}") problems.push("available_cpu from each function's cpu");
  if (!String(config.locals.functions).includes("min_instances   = coalesce(try(var.function_overrides[name].min_instances, null), 0)")) problems.push("min_instances 0 unless overridden");
  if (!String(config.locals.functions).includes("var.function_overrides[name].concurrency")) problems.push("concurrency can be overridden per function");
  for (const [name, spec] of Object.entries(config.locals.function_specs ?? {})) {
    if (spec.trigger === null && !(spec.concurrency >= minHttpConcurrency)) problems.push(`${name}: HTTP functions serve at least ${minHttpConcurrency} requests at once (bench/concurrency.sh)`);
    if (spec.concurrency > 1 && !(Number(spec.cpu) >= 1)) problems.push(`${name}: concurrency above 1 needs a whole CPU`);
  }
  if (config.locals.function_specs?.maintenance?.concurrency !== 1) problems.push("maintenance: one run at a time (concurrency 1)");
  const preconditions = Object.values(config.resource.google_cloudfunctions2_function ?? {})[0]?.lifecycle?.[0]?.precondition ?? [];
  if (!preconditions.some((p) => String(p.condition).includes("tonumber(each.value.cpu) >= 1"))) problems.push("a precondition: concurrency above 1 needs a whole CPU");
  return problems;
}

/** The build runs as its own account with only what a build needs, into the environment's repository. */
export function buildAccount(config) {
  const problems = [];
  const build = Object.values(config.resource.google_cloudfunctions2_function ?? {})[0]?.build_config?.[0] ?? {};
  if (build.service_account !== "${google_service_account.build.id}") problems.push("every function builds as google_service_account.build");
  if (build.docker_repository !== "${google_artifact_registry_repository.functions.id}") problems.push("images go to the environment's own repository");
  const grants = [];
  for (const [type, byName] of Object.entries(config.resource)) {
    for (const [name, r] of Object.entries(byName)) if (r.member === BUILD_SA) grants.push(`${type} ${r.role}`);
  }
  const expected = [
    "google_artifact_registry_repository_iam_member roles/artifactregistry.writer",
    "google_project_iam_member roles/logging.logWriter",
    "google_storage_bucket_iam_member roles/storage.objectViewer",
  ];
  if (JSON.stringify(grants.sort()) !== JSON.stringify(expected)) problems.push(`the build account's grants are ${grants.join(", ")}; expected ${expected.join(", ")}`);
  return problems;
}

/** The environment's own named database, its indexes on it, and the functions told its id. */
export function database(config) {
  const problems = [];
  const db = config.resource.google_firestore_database?.datastore;
  if (db?.name !== "${local.datastore_database}") problems.push("the database is local.datastore_database");
  if (config.locals.datastore_database !== '${var.datastore_database != "" ? var.datastore_database : "${var.environment}-playground"}') {
    problems.push("the database's default name derives from the environment");
  }
  if (db?.type !== "DATASTORE_MODE" || db?.delete_protection_state !== "DELETE_PROTECTION_ENABLED" || db?.deletion_policy !== "ABANDON") {
    problems.push("a delete-protected Datastore-mode database, kept on destroy");
  }
  if (config.resource.google_firestore_index?.datastore?.database !== "${google_firestore_database.datastore.name}") problems.push("indexes on the environment's database");
  if (config.locals.datastore_env === undefined || !String(config.locals.datastore_env).includes("DATASTORE_DATABASE  = google_firestore_database.datastore.name")) {
    problems.push("the Datastore functions get DATASTORE_DATABASE");
  }
  return problems;
}

/** CORS origins reach every HTTP function, as the application's cors.allowed-origins. */
export function cors(config) {
  const problems = [];
  if (config.locals.http_env?.CORS_ALLOWED_ORIGINS !== '${join(",", var.cors_allowed_origins)}') problems.push("CORS_ALLOWED_ORIGINS is var.cors_allowed_origins, comma-separated");
  const env = String(Object.values(config.resource.google_cloudfunctions2_function ?? {})[0]?.service_config?.[0]?.environment_variables);
  if (!env.includes("each.value.trigger == null ? local.http_env : {}")) problems.push("every HTTP function (and only those) gets local.http_env");
  return problems;
}

/** The API behind each resource type, by prefix (longest first wins). */
export const TYPE_APIS = [
  ["google_project_iam_", "cloudresourcemanager.googleapis.com"],
  ["google_project", "cloudresourcemanager.googleapis.com"],
  ["google_compute_", "compute.googleapis.com"],
  ["google_cloudfunctions2_", "cloudfunctions.googleapis.com"],
  ["google_cloud_run_", "run.googleapis.com"],
  ["google_pubsub_", "pubsub.googleapis.com"],
  ["google_secret_manager_", "secretmanager.googleapis.com"],
  ["google_redis_", "redis.googleapis.com"],
  ["google_vpc_access_", "vpcaccess.googleapis.com"],
  ["google_firestore_", "firestore.googleapis.com"],
  ["google_service_account", "iam.googleapis.com"],
  ["google_storage_", "storage.googleapis.com"],
  ["google_cloud_scheduler_", "cloudscheduler.googleapis.com"],
  ["google_monitoring_", "monitoring.googleapis.com"],
  ["google_artifact_registry_", "artifactregistry.googleapis.com"],
];

const REF = /(?<![\w.])(data\.)?((?:google|archive)_[a-z0-9_]+)\.([a-z0-9_-]+)/g;

/**
 * Every API a resource type calls is enabled, and every resource and data source waits for the
 * enablement: `depends_on` google_project_service.apis, or a reference to something that does.
 */
export function apiOrdering(config) {
  const problems = [];
  const apis = new Set(config.locals.apis ?? []);
  const all = [];
  for (const kind of ["resource", "data"]) {
    for (const [type, byName] of Object.entries(config[kind] ?? {})) {
      for (const [name, body] of Object.entries(byName)) all.push({ key: `${kind === "data" ? "data." : ""}${type}.${name}`, type, body });
    }
  }
  for (const { key, type } of all) {
    if (!type.startsWith("google_") || type === "google_project_service") continue;
    const api = TYPE_APIS.find(([prefix]) => type.startsWith(prefix))?.[1];
    if (!api) problems.push(`${key}: which API does ${type} call? add it to TYPE_APIS in terraform/test/checks.mjs`);
    else if (!apis.has(api)) problems.push(`${key}: ${api} is not in local.apis`);
  }
  const refs = new Map(all.map(({ key, body }) => {
    const text = JSON.stringify(body);
    return [key, [...text.matchAll(REF)].map((m) => `${m[1] ?? ""}${m[2]}.${m[3]}`)];
  }));
  const waits = new Set(["google_project_service.apis"]);
  for (let changed = true; changed;) {
    changed = false;
    for (const { key, body } of all) {
      if (waits.has(key)) continue;
      const direct = (body.depends_on ?? []).some((d) => d === "${google_project_service.apis}" || d === "google_project_service.apis");
      if (direct || refs.get(key).some((r) => waits.has(r))) {
        waits.add(key);
        changed = true;
      }
    }
  }
  for (const { key, type } of all) {
    if (type.startsWith("google_") && !waits.has(key)) problems.push(`${key}: does not wait for the APIs (depends_on = [google_project_service.apis])`);
  }
  return problems;
}
