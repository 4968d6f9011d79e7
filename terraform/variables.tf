variable "project_id" {
  description = "GCP project that holds the environment."
  type        = string
}

variable "region" {
  description = "Region of the functions, Memorystore, the VPC connector and the scheduler job."
  type        = string
  default     = "us-central1"
}

variable "environment" {
  description = "Environment name (e.g. prod, staging): prefixes every resource name, so several environments can share a project."
  type        = string

  validation {
    condition     = can(regex("^[a-z][a-z0-9]{0,9}$", var.environment))
    error_message = "environment: 1-10 lowercase letters or digits, starting with a letter (it goes into names limited to 25-30 characters)."
  }
}

variable "datastore_namespace" {
  description = "Datastore namespace of all entities (DATASTORE_NAMESPACE)."
  type        = string
  default     = "Playground"
}

variable "datastore_database" {
  description = "The environment's Firestore database in Datastore mode (DATASTORE_DATABASE); empty: <environment>-playground. \"(default)\" keeps an environment created before named databases on the project's default database."
  type        = string
  default     = ""

  validation {
    condition     = var.datastore_database == "" || var.datastore_database == "(default)" || can(regex("^[a-z][a-z0-9-]{2,61}[a-z0-9]$", var.datastore_database))
    error_message = "datastore_database: empty, (default), or 4-63 lowercase letters, digits and hyphens, starting with a letter."
  }
}

variable "datastore_location" {
  description = "Location of the Datastore-mode database (a region, or a multi-region such as nam5 or eur3). Cannot change after creation."
  type        = string
  default     = "nam5"
}

variable "artifacts_dir" {
  description = "Directory with one <function>.jar per function (deploy/deploy.sh stages them there)."
  type        = string
  default     = "../deploy/target/functions"
}

variable "java_tool_options" {
  description = "JVM flags of every function: C1 only and the serial GC start a small JVM about a third faster (bench/RESULTS.md)."
  type        = string
  default     = "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC"
}

variable "function_overrides" {
  description = "Per-function overrides of memory, cpu, concurrency (max_instance_request_concurrency), min_instances, max_instances and timeout_seconds, e.g. { \"get-catalog\" = { min_instances = 1 } }. Defaults: functions.tf, local.function_specs."
  type = map(object({
    memory          = optional(string)
    cpu             = optional(string)
    concurrency     = optional(number)
    min_instances   = optional(number)
    max_instances   = optional(number)
    timeout_seconds = optional(number)
  }))
  default = {}
}

variable "http_public" {
  description = "Let anyone invoke the HTTP functions (allUsers as invoker): the Playground API is public and unauthenticated. false: only principals in http_invokers."
  type        = bool
  default     = true
}

variable "http_invokers" {
  description = "Principals (e.g. serviceAccount:frontend@...) allowed to invoke the HTTP functions when http_public is false."
  type        = list(string)
  default     = []
}

variable "redis_tier" {
  description = "Memorystore tier: BASIC (one node, no failover; cache and pipeline state are rebuildable) or STANDARD_HA (replica and failover, about twice the price)."
  type        = string
  default     = "BASIC"
}

variable "redis_memory_size_gb" {
  description = "Memorystore capacity in GiB; billed per provisioned GiB-hour whether used or not."
  type        = number
  default     = 1
}

variable "redis_version" {
  description = "Memorystore Redis version."
  type        = string
  default     = "REDIS_7_2"
}

variable "redis_configs" {
  description = "Redis configuration parameters (e.g. notify-keyspace-events)."
  type        = map(string)
  default     = {}
}

variable "vpc_connector_cidr" {
  description = "Unused /28 range of the connector in the environment's network."
  type        = string
  default     = "10.8.0.0/28"
}

variable "vpc_connector_machine_type" {
  description = "Machine type of the Serverless VPC Access connector instances, which run (and bill) all the time."
  type        = string
  default     = "e2-micro"
}

variable "vpc_connector_min_instances" {
  description = "Minimum connector instances (at least 2): the connector's floor cost."
  type        = number
  default     = 2
}

variable "vpc_connector_max_instances" {
  description = "Maximum connector instances (more than min_instances); it does not scale back in."
  type        = number
  default     = 3
}

variable "maintenance_schedule" {
  description = "Cron schedule (UTC) of the maintenance run: pending migrations, then removal of stale user snippets."
  type        = string
  default     = "17 3 * * *"
}

variable "maintenance_stale_after_days" {
  description = "User snippets not visited for this many days are removed (MAINTENANCE_STALE_AFTER_DAYS)."
  type        = number
  default     = 100
}

variable "event_delivery" {
  description = "How Pub/Sub reaches cancel-listener and maintenance: \"eventarc\" (Eventarc triggers; no dead-letter topic, an alert on waiting events) or \"push\" (subscriptions Terraform owns, with dead-letter topics; needs event functions that accept a Pub/Sub push request, which the Java Functions Framework does not for a CloudEventsFunction: pubsub.tf)."
  type        = string
  default     = "eventarc"

  validation {
    condition     = contains(["eventarc", "push"], var.event_delivery)
    error_message = "event_delivery: eventarc or push."
  }
}

variable "alert_event_age_seconds" {
  description = "The \"events waiting\" alert fires when a message to an event function has waited this long unacknowledged."
  type        = number
  default     = 300
}

variable "event_max_delivery_attempts" {
  description = "With event_delivery = \"push\": deliveries of a Pub/Sub message to an event function (cancel-listener, maintenance) before it goes to the function's dead-letter topic (5-100)."
  type        = number
  default     = 5

  validation {
    condition     = var.event_max_delivery_attempts >= 5 && var.event_max_delivery_attempts <= 100
    error_message = "event_max_delivery_attempts: 5-100 (Pub/Sub's bounds)."
  }
}

variable "objects_pin" {
  description = "Object versions writers must produce during a rolling upgrade (objects.pin, e.g. \"pg_snippets=1.0\" or \"previous\"); empty when no upgrade is in progress. See the README's operator guide."
  type        = string
  default     = ""
}

variable "domain" {
  description = "Domain of the API's one HTTPS origin (e.g. api.play.example.org): a global external Application Load Balancer with a Google-managed certificate routes /api.v1.PlaygroundService/<Method> to the functions; point the domain's A record at output api_ip. Empty: no load balancer, each HTTP function public at its own URL."
  type        = string
  default     = ""

  validation {
    condition     = var.domain == "" || can(regex("^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]{2,63}$", var.domain))
    error_message = "domain: a lowercase DNS name such as api.play.example.org, or empty."
  }
}

variable "cors_allowed_origins" {
  description = "Origins of the Playground frontend allowed to call the API from browsers (CORS_ALLOWED_ORIGINS, the application's cors.allowed-origins), e.g. [\"https://play.beam.apache.org\", \"https://*.example.org\"]."
  type        = list(string)
  default     = []

  validation {
    condition     = alltrue([for o in var.cors_allowed_origins : can(regex("^https?://[^/,\\s]+$", o))])
    error_message = "cors_allowed_origins: scheme://host[:port] each (a * may stand for subdomains), no path, no comma."
  }
}

variable "rate_limit_save_snippet" {
  description = "Cloud Armor: SaveSnippet requests one client IP may send per interval_sec (10, 30, 60, 120, 180, 240, 300, 600, 900, 1200, 1800, 2700 or 3600) before it gets 429."
  type = object({
    count        = number
    interval_sec = number
  })
  default = { count = 30, interval_sec = 60 }
}

variable "rate_limit_api" {
  description = "Cloud Armor: every other API request one client IP may send per interval_sec before it gets 429. The frontend polls a running pipeline's status and output about once a second, and a classroom shares one IP."
  type = object({
    count        = number
    interval_sec = number
  })
  default = { count = 3000, interval_sec = 60 }
}

variable "waf_rules" {
  description = "Cloud Armor preconfigured WAF rules that deny a match. The default leaves out sqli, xss, lfi, rfi, rce and sessionfixation: snippets are source code, and their bodies would match those."
  type        = list(string)
  default     = ["methodenforcement-v33-stable", "scannerdetection-v33-stable", "protocolattack-v33-stable", "cve-canary"]
}

variable "waf_sensitivity" {
  description = "Sensitivity of the preconfigured WAF rules (1 = fewest false positives, 4 = most signatures)."
  type        = number
  default     = 1
}

variable "armor_preview" {
  description = "Cloud Armor rules only log what they would do (preview mode): for tuning the limits and WAF rules against real traffic before they enforce."
  type        = bool
  default     = false
}

variable "lb_log_sample_rate" {
  description = "Share of load balancer requests logged (Cloud Armor decisions show in these logs)."
  type        = number
  default     = 1
}

variable "redis_endpoint_lookup" {
  description = "Functions look the Memorystore endpoint and CA up through the admin API (REDIS_MEMORYSTORE_INSTANCE, needs roles/redis.viewer on the project) instead of getting them from Terraform."
  type        = bool
  default     = false
}

variable "alert_notification_channels" {
  description = "Cloud Monitoring notification channel ids (projects/P/notificationChannels/N) of the dead-letter and 5xx alerts."
  type        = list(string)
  default     = []
}

variable "alert_5xx_ratio" {
  description = "The 5xx alert fires when more than this share of a function's answers are 5xx for 5 minutes."
  type        = number
  default     = 0.05
}
