output "api_origin" {
  description = "The one origin to configure the Playground frontend with (its backend URL); the API is <origin>/api.v1.PlaygroundService/<Method>. Empty without a domain."
  value       = local.lb_enabled ? "https://${var.domain}" : ""
}

output "api_ip" {
  description = "Point the domain's DNS A record here; the managed certificate is issued once it resolves (up to an hour)."
  value       = local.lb_enabled ? google_compute_global_address.api[0].address : ""
}

output "api_routes" {
  description = "Method path -> function, as the load balancer routes them; every other /api.v1.PlaygroundService/ path goes to fallback_function."
  value       = local.method_routes
}

output "fallback_function" {
  value = local.fallback_function
}

output "function_urls" {
  description = "URL of every HTTP function. With a domain, only the load balancer may reach them (ingress internal and load balancer)."
  value       = { for name, f in local.http_functions : name => google_cloudfunctions2_function.function[name].url }
}

output "maintenance_topic" {
  description = "Publish here to run migrations and cleanup now."
  value       = google_pubsub_topic.maintenance.id
}

output "cancel_topic" {
  value = google_pubsub_topic.cancel.id
}

output "dead_letter_subscriptions" {
  description = "With event_delivery = \"push\": per event function, the messages it could not handle (kept 7 days)."
  value       = { for name, s in google_pubsub_subscription.dead_letter : name => s.id }
}

output "redis_instance" {
  value = google_redis_instance.cache.id
}

output "datastore_database" {
  description = "The environment's Datastore-mode database (DATASTORE_DATABASE)."
  value       = google_firestore_database.datastore.name
}

output "datastore_namespace" {
  value = var.datastore_namespace
}
