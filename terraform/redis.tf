# Memorystore for Redis: catalog cache and pipeline state, reachable only from the environment's
# network, through the Serverless VPC Access connector.
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

  # AUTH and TLS: the functions read host, port and server CA from the admin API
  # (REDIS_MEMORYSTORE_INSTANCE) and the AUTH string from Secret Manager (REDIS_PASSWORD).
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
