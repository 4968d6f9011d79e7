# Memorystore for Redis: catalog cache and pipeline state, reachable only from the environment's
# network, through the Serverless VPC Access connector. (Direct VPC egress, which needs no always-on
# connector VMs, is a setting of Cloud Run services; google_cloudfunctions2_function has no argument
# for it in the provider schema this configuration is checked against, so the connector stays.)
resource "google_compute_network" "playground" {
  name                    = "${var.environment}-playground"
  auto_create_subnetworks = false

  depends_on = [google_project_service.apis]
}

resource "google_vpc_access_connector" "connector" {
  name          = "${var.environment}-playground"
  region        = var.region
  network       = google_compute_network.playground.name
  ip_cidr_range = var.vpc_connector_cidr
  machine_type  = var.vpc_connector_machine_type
  min_instances = var.vpc_connector_min_instances
  max_instances = var.vpc_connector_max_instances
}

resource "google_redis_instance" "cache" {
  name               = "${var.environment}-playground"
  region             = var.region
  tier               = var.redis_tier
  memory_size_gb     = var.redis_memory_size_gb
  redis_version      = var.redis_version
  authorized_network = google_compute_network.playground.id
  connect_mode       = "DIRECT_PEERING"
  redis_configs      = var.redis_configs

  # AUTH and TLS: the functions get host and port as environment variables and the server CA and
  # the AUTH string as Secret Manager secrets (functions.tf, local.redis_env and redis_secrets).
  auth_enabled            = true
  transit_encryption_mode = "SERVER_AUTHENTICATION"

  depends_on = [google_project_service.apis]
}

resource "google_secret_manager_secret" "redis_auth" {
  secret_id = "${var.environment}-playground-redis-auth"
  replication {
    auto {}
  }

  depends_on = [google_project_service.apis]
}

resource "google_secret_manager_secret_version" "redis_auth" {
  secret      = google_secret_manager_secret.redis_auth.id
  secret_data = google_redis_instance.cache.auth_string
}

# The CA that signs the instance's server certificate (REDIS_MEMORYSTORE_SERVER_CA): the functions trust
# exactly it. A secret rather than a plain variable so that a rotated CA reaches new instances as the
# latest version without a redeploy of the functions.
resource "google_secret_manager_secret" "redis_ca" {
  secret_id = "${var.environment}-playground-redis-ca"
  replication {
    auto {}
  }

  depends_on = [google_project_service.apis]
}

resource "google_secret_manager_secret_version" "redis_ca" {
  secret      = google_secret_manager_secret.redis_ca.id
  secret_data = join("\n", [for ca in google_redis_instance.cache.server_ca_certs : ca.cert])
}
