# Cloud Armor on every backend service of the load balancer: a per-client-IP rate limit on SaveSnippet
# (the only call that writes user data) and a higher one on everything else, plus the preconfigured WAF
# rules that look at what a Playground request cannot legitimately carry. Tuning: README, "Deploy to GCP".
locals {
  save_snippet_path = "${local.api_prefix}SaveSnippet"
}

resource "google_compute_security_policy" "api" {
  count       = local.lb_enabled ? 1 : 0
  name        = "${var.environment}-playground-api"
  description = "Rate limits and WAF rules of the Beam Playground ${var.environment} API"
  type        = "CLOUD_ARMOR"

  # JSON bodies are parsed before the WAF rules look at them, so that JSON syntax is not taken for an attack.
  advanced_options_config {
    json_parsing = "STANDARD"
    log_level    = "NORMAL"
  }

  # Preconfigured WAF rules (var.waf_rules): deny what matches.
  dynamic "rule" {
    for_each = { for i, name in var.waf_rules : name => i }
    content {
      action   = "deny(403)"
      priority = 100 + rule.value
      preview  = var.armor_preview
      match {
        expr {
          expression = "evaluatePreconfiguredWaf('${rule.key}', {'sensitivity': ${var.waf_sensitivity}})"
        }
      }
      description = "WAF ${rule.key}"
    }
  }

  rule {
    action      = "throttle"
    priority    = 1000
    preview     = var.armor_preview
    description = "SaveSnippet per client IP"
    match {
      expr {
        expression = "request.path == '${local.save_snippet_path}'"
      }
    }
    rate_limit_options {
      conform_action = "allow"
      exceed_action  = "deny(429)"
      enforce_on_key = "IP"
      rate_limit_threshold {
        count        = var.rate_limit_save_snippet.count
        interval_sec = var.rate_limit_save_snippet.interval_sec
      }
    }
  }

  rule {
    action      = "throttle"
    priority    = 2000
    preview     = var.armor_preview
    description = "Every other request per client IP"
    match {
      versioned_expr = "SRC_IPS_V1"
      config {
        src_ip_ranges = ["*"]
      }
    }
    rate_limit_options {
      conform_action = "allow"
      exceed_action  = "deny(429)"
      enforce_on_key = "IP"
      rate_limit_threshold {
        count        = var.rate_limit_api.count
        interval_sec = var.rate_limit_api.interval_sec
      }
    }
  }

  rule {
    action      = "allow"
    priority    = 2147483647
    description = "Default: allow"
    match {
      versioned_expr = "SRC_IPS_V1"
      config {
        src_ip_ranges = ["*"]
      }
    }
  }

  depends_on = [google_project_service.apis]
}
