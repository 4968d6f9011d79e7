# One public HTTPS origin for the Playground frontend (var.domain): a global external Application Load
# Balancer whose URL map sends each /api.v1.PlaygroundService/<Method> to the function that serves it,
# as Beam's one backend URL did. Without a domain there is no load balancer and each HTTP function is
# reached at its own URL (output function_urls).
locals {
  lb_enabled = var.domain != ""

  api_prefix = "/api.v1.PlaygroundService/"
  # Method path -> function, from the functions' specs (functions.tf). A method served twice fails here.
  method_routes = merge([
    for name, f in local.http_functions : { for method in f.methods : "${local.api_prefix}${method}" => name }
  ]...)
  # Every other method of the service (RunCode, GetMetadata, ...) and every other path go to this
  # function, which answers `unimplemented` (or `not_found`) in the caller's own protocol: a grpc-web
  # client gets a status it can read, where a load-balancer 404 page would be a transport error to it.
  # get-pipeline-output: Redis only, the smallest start of the HTTP functions.
  fallback_function = "get-pipeline-output"

  lb_functions = local.lb_enabled ? local.http_functions : {}
}

resource "google_compute_global_address" "api" {
  count = local.lb_enabled ? 1 : 0
  name  = "${var.environment}-playground-api"

  depends_on = [google_project_service.apis]
}

resource "google_compute_managed_ssl_certificate" "api" {
  count = local.lb_enabled ? 1 : 0
  name  = "${var.environment}-playground-api"
  managed {
    domains = [var.domain]
  }

  depends_on = [google_project_service.apis]
}

# One serverless NEG and backend service per HTTP function: the URL map routes to backend services.
resource "google_compute_region_network_endpoint_group" "function" {
  for_each              = local.lb_functions
  name                  = "${var.environment}-${each.key}"
  region                = var.region
  network_endpoint_type = "SERVERLESS"
  cloud_run {
    service = google_cloudfunctions2_function.function[each.key].service_config[0].service
  }
}

resource "google_compute_backend_service" "function" {
  for_each              = local.lb_functions
  name                  = "${var.environment}-${each.key}"
  load_balancing_scheme = "EXTERNAL_MANAGED"
  protocol              = "HTTPS"
  security_policy       = google_compute_security_policy.api[0].id

  backend {
    group = google_compute_region_network_endpoint_group.function[each.key].id
  }

  log_config {
    enable      = true
    sample_rate = var.lb_log_sample_rate
  }
}

resource "google_compute_url_map" "api" {
  count           = local.lb_enabled ? 1 : 0
  name            = "${var.environment}-playground-api"
  default_service = google_compute_backend_service.function[local.fallback_function].id

  host_rule {
    hosts        = [var.domain]
    path_matcher = "api"
  }

  path_matcher {
    name            = "api"
    default_service = google_compute_backend_service.function[local.fallback_function].id

    # One rule per method, exact path (the query string of a Connect GET is not part of the match).
    dynamic "route_rules" {
      for_each = { for i, path in sort(keys(local.method_routes)) : path => i }
      content {
        priority = route_rules.value + 1
        service  = google_compute_backend_service.function[local.method_routes[route_rules.key]].id
        match_rules {
          full_path_match = route_rules.key
        }
      }
    }

    # The rest of the service: the fallback function answers `unimplemented`.
    route_rules {
      priority = 1000
      service  = google_compute_backend_service.function[local.fallback_function].id
      match_rules {
        prefix_match = local.api_prefix
      }
    }
  }
}

resource "google_compute_target_https_proxy" "api" {
  count            = local.lb_enabled ? 1 : 0
  name             = "${var.environment}-playground-api"
  url_map          = google_compute_url_map.api[0].id
  ssl_certificates = [google_compute_managed_ssl_certificate.api[0].id]
}

resource "google_compute_global_forwarding_rule" "https" {
  count                 = local.lb_enabled ? 1 : 0
  name                  = "${var.environment}-playground-api-https"
  load_balancing_scheme = "EXTERNAL_MANAGED"
  ip_address            = google_compute_global_address.api[0].id
  port_range            = "443"
  target                = google_compute_target_https_proxy.api[0].id
}

# Plain HTTP only redirects to HTTPS.
resource "google_compute_url_map" "http_redirect" {
  count = local.lb_enabled ? 1 : 0
  name  = "${var.environment}-playground-api-redirect"
  default_url_redirect {
    https_redirect         = true
    redirect_response_code = "MOVED_PERMANENTLY_DEFAULT"
    strip_query            = false
  }

  depends_on = [google_project_service.apis]
}

resource "google_compute_target_http_proxy" "http_redirect" {
  count   = local.lb_enabled ? 1 : 0
  name    = "${var.environment}-playground-api-redirect"
  url_map = google_compute_url_map.http_redirect[0].id
}

resource "google_compute_global_forwarding_rule" "http_redirect" {
  count                 = local.lb_enabled ? 1 : 0
  name                  = "${var.environment}-playground-api-http"
  load_balancing_scheme = "EXTERNAL_MANAGED"
  ip_address            = google_compute_global_address.api[0].id
  port_range            = "80"
  target                = google_compute_target_http_proxy.http_redirect[0].id
}
