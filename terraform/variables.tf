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
  description = "Per-function overrides of memory, cpu, min_instances, max_instances and timeout_seconds, e.g. { \"get-catalog\" = { min_instances = 1 } }."
  type = map(object({
    memory          = optional(string)
    cpu             = optional(string)
    min_instances   = optional(number)
    max_instances   = optional(number)
    timeout_seconds = optional(number)
  }))
  default = {}
}

variable "http_ingress" {
  description = "Ingress of the HTTP functions. ALLOW_ALL: the Playground frontend calls them from browsers. ALLOW_INTERNAL_AND_GCLB when an external load balancer (with Cloud Armor) fronts them."
  type        = string
  default     = "ALLOW_ALL"

  validation {
    condition     = contains(["ALLOW_ALL", "ALLOW_INTERNAL_ONLY", "ALLOW_INTERNAL_AND_GCLB"], var.http_ingress)
    error_message = "http_ingress: ALLOW_ALL, ALLOW_INTERNAL_ONLY or ALLOW_INTERNAL_AND_GCLB."
  }
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

variable "cancel_max_delivery_attempts" {
  description = "Deliveries of a cancel message to the cancel listener before it goes to the dead-letter topic (5-100)."
  type        = number
  default     = 5
}

variable "objects_pin" {
  description = "Object versions writers must produce during a rolling upgrade (objects.pin, e.g. \"pg_snippets=1.0\" or \"previous\"); empty when no upgrade is in progress. See the README's operator guide."
  type        = string
  default     = ""
}
