#!/usr/bin/env bash
# Deploys the Playground to a GCP project: builds the function jars, applies terraform/, runs the
# migrations (a message to the maintenance topic) and loads the examples. Safe to run again: an
# unchanged jar is not redeployed, Terraform converges, migrations and the loader are idempotent.
#
#   PROJECT_ID=my-project ENVIRONMENT=prod [REGION=us-central1] [DOMAIN=api.play.example.org]
#     [CORS_ALLOWED_ORIGINS=https://play.example.org,...] [TF_STATE_BUCKET=...] deploy/deploy.sh [--yes]
#
# Needs: JDK 17, terraform >= 1.5, gcloud logged in (gcloud auth login) with application-default
# credentials (gcloud auth application-default login) of a principal that can administer the project.
set -euo pipefail
cd "$(dirname "$0")/.."

die() { echo "deploy: $*" >&2; exit 1; }
step() { echo; echo "== $*"; }

auto_approve=()
[ "${1:-}" = "--yes" ] && auto_approve=(-auto-approve)

# --- Prerequisites: stop at the first missing one, saying how to get it. ---
[ -n "${PROJECT_ID:-}" ] || die "PROJECT_ID is not set (the GCP project to deploy to)"
[ -n "${ENVIRONMENT:-}" ] || die "ENVIRONMENT is not set (e.g. prod or staging; 1-10 lowercase letters/digits)"
REGION="${REGION:-us-central1}"
DATASTORE_NAMESPACE="${DATASTORE_NAMESPACE:-Playground}"
TF_STATE_BUCKET="${TF_STATE_BUCKET:-$PROJECT_ID-terraform-state}"
EXAMPLES_DIR="${EXAMPLES_DIR:-deploy/examples}"
DOMAIN="${DOMAIN:-}"
CORS_ALLOWED_ORIGINS="${CORS_ALLOWED_ORIGINS:-}"

command -v java >/dev/null 2>&1 || die "java not found: install JDK 17"
command -v terraform >/dev/null 2>&1 || die "terraform not found: install Terraform >= 1.5 (developer.hashicorp.com/terraform/install)"
command -v gcloud >/dev/null 2>&1 || die "gcloud not found: install the Google Cloud CLI"
gcloud auth print-access-token >/dev/null 2>&1 || die "gcloud is not logged in: run gcloud auth login"
gcloud auth application-default print-access-token >/dev/null 2>&1 \
  || die "no application-default credentials (Terraform and the example loader use them): run gcloud auth application-default login"
gcloud projects describe "$PROJECT_ID" --format='value(projectId)' >/dev/null 2>&1 \
  || die "project $PROJECT_ID not found or not visible to $(gcloud config get-value account 2>/dev/null)"

# --- Build: one shaded jar per function module, staged as deploy/target/functions/<name>.jar. ---
step "Building the functions"
./mvnw -B -q -DskipTests package
staging=deploy/target/functions
rm -rf "$staging" && mkdir -p "$staging"
for pom in functions/*/pom.xml; do
  name=$(basename "$(dirname "$pom")")
  jars=(functions/"$name"/target/"$name"*-function.jar)
  [ -f "${jars[0]}" ] && [ ${#jars[@]} -eq 1 ] \
    || die "expected one functions/$name/target/$name*-function.jar after the build, found: ${jars[*]}"
  cp "${jars[0]}" "$staging/$name.jar"
  echo "  $name: $(du -h "$staging/$name.jar" | cut -f1)"
done

# --- Terraform: state in a versioned bucket of the project (created once). ---
step "Terraform state in gs://$TF_STATE_BUCKET"
if ! gcloud storage buckets describe "gs://$TF_STATE_BUCKET" --project "$PROJECT_ID" >/dev/null 2>&1; then
  gcloud storage buckets create "gs://$TF_STATE_BUCKET" --project "$PROJECT_ID" --location "$REGION" \
    --uniform-bucket-level-access --public-access-prevention
  gcloud storage buckets update "gs://$TF_STATE_BUCKET" --versioning
fi

tf() { terraform -chdir=terraform "$@"; }
# CORS_ALLOWED_ORIGINS (comma-separated) as a Terraform list; Terraform validates each origin.
cors_list=""
IFS=, read -ra origins <<<"$CORS_ALLOWED_ORIGINS"
for origin in "${origins[@]}"; do
  if [ -n "$origin" ]; then cors_list+="${cors_list:+,}\"$origin\""; fi
done
tf_vars=(
  -var "project_id=$PROJECT_ID"
  -var "region=$REGION"
  -var "environment=$ENVIRONMENT"
  -var "datastore_namespace=$DATASTORE_NAMESPACE"
  -var "artifacts_dir=$PWD/$staging"
  -var "domain=$DOMAIN"
  -var "cors_allowed_origins=[$cors_list]"
)
step "terraform apply (environment $ENVIRONMENT, $REGION)"
tf init -input=false -reconfigure -backend-config="bucket=$TF_STATE_BUCKET" -backend-config="prefix=beam-playground/$ENVIRONMENT"
tf apply -input=false "${auto_approve[@]}" "${tf_vars[@]}"

# --- Examples: loaded straight into Datastore with the deployer's credentials. ---
step "Examples from $EXAMPLES_DIR"
loader=dev.beamplayground.deploy.examples.LoadExamples
if [ ! -d "$EXAMPLES_DIR" ]; then
  echo "  no $EXAMPLES_DIR: skipped"
elif ! jar tf deploy/target/playground-local.jar | grep -Fx "${loader//.//}.class" >/dev/null; then
  die "deploy/target/playground-local.jar has no $loader: this build cannot load examples"
else
  BACKEND_MODULE=datastore DATASTORE_NAMESPACE="$DATASTORE_NAMESPACE" \
    DATASTORE_DATABASE="$(tf output -raw datastore_database)" \
    GCP_PROJECT_ID="$PROJECT_ID" GOOGLE_CLOUD_PROJECT="$PROJECT_ID" \
    java -cp deploy/target/playground-local.jar "$loader" "$EXAMPLES_DIR"
fi

# --- Migrations: the maintenance function runs pending ones and the stale-snippet cleanup, and
# publishes the catalog version the examples load just wrote to the functions' Redis cache (which the
# loader, outside the VPC, cannot reach). So this comes after the examples. ---
step "Migrations"
topic=$(tf output -raw maintenance_topic)
gcloud pubsub topics publish "$topic" --project "$PROJECT_ID" \
  --message='{"reason":"deploy"}' --attribute=reason=deploy >/dev/null
echo "  published to $topic; the maintenance function runs them now. Its log:"
echo "  gcloud functions logs read $ENVIRONMENT-maintenance --gen2 --region $REGION --project $PROJECT_ID"

origin=$(tf output -raw api_origin)
if [ -n "$origin" ]; then
  step "Done. The frontend's backend URL: $origin"
  echo "  Point $DOMAIN's DNS A record at $(tf output -raw api_ip); the certificate is issued once it resolves."
else
  step "Done (no DOMAIN: no load balancer). HTTP functions:"
  tf output -json function_urls
fi
