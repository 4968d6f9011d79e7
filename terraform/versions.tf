terraform {
  required_version = ">= 1.5"

  required_providers {
    google = {
      source  = "hashicorp/google"
      version = "~> 7.0"
    }
    archive = {
      source  = "hashicorp/archive"
      version = "~> 2.7"
    }
  }

  # State holds the Redis AUTH string: keep it in a bucket only operators can read.
  # deploy/deploy.sh passes the bucket (-backend-config=bucket=...).
  backend "gcs" {
    prefix = "beam-playground"
  }
}

provider "google" {
  project = var.project_id
  region  = var.region
}
