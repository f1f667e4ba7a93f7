//! The Kubernetes deployment (`deploy/k8s`): renders each overlay with `kubectl kustomize`,
//! checks what the rendered objects must have (gRPC probes, resources, a non-root read-only
//! container, autoscaling of parse and reconcile, configuration and credentials wired in, prod
//! larger than dev) and validates every object with `kubernetes-validate --strict` against the
//! Kubernetes API schemas.
//!
//! The tools come from `deploy/k8s/install-tools.sh` (run by `.ci/run`), which installs them
//! into `target/k8s-tools`; `K8S_KUBECTL` / `K8S_VALIDATE` name other binaries. A missing tool
//! fails the test: it never skips.

use serde::Deserialize;
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::Command;

/// The services, their gRPC port (crates/budget-pipeline defaults) and whether an HPA scales them.
const SERVICES: [(&str, i64, bool); 4] = [
    ("ingest", 50051, false),
    ("parse", 50052, true),
    ("reconcile", 50053, true),
    ("report", 50054, false),
];
const METRICS_PORT: i64 = 9090;
/// Kubernetes releases the objects must be valid for: the oldest one supported (native gRPC
/// probes are GA since 1.27, `matchLabelKeys` of topology spread is on by default since 1.27)
/// and the newest schema kubernetes-validate bundles.
const KUBERNETES_VERSIONS: [&str; 2] = ["1.29.0", "1.37.0"];

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A tool: `$VAR` if set, else `target/k8s-tools/bin/NAME`; panics with how to install it.
fn tool(var: &str, name: &str) -> PathBuf {
    let path = match std::env::var_os(var) {
        Some(path) => PathBuf::from(path),
        None => root().join("target/k8s-tools/bin").join(name),
    };
    assert!(
        path.is_file(),
        "{name} is missing ({}): install the Kubernetes test tools with \
         `bash deploy/k8s/install-tools.sh` (.ci/run does this), or set {var} to the binary",
        path.display()
    );
    path
}

fn run(program: &Path, args: &[&str]) -> (bool, String, String) {
    let output = Command::new(program)
        .args(args)
        .current_dir(root())
        .output()
        .unwrap_or_else(|e| panic!("cannot run {}: {e}", program.display()));
    (
        output.status.success(),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

/// One rendered overlay.
struct Rendered {
    overlay: &'static str,
    objects: Vec<Value>,
}

impl Rendered {
    fn get(&self, kind: &str, name: &str) -> &Value {
        self.objects
            .iter()
            .find(|o| o["kind"] == kind && o["metadata"]["name"] == name)
            .unwrap_or_else(|| panic!("{}: no {kind} {name:?}", self.overlay))
    }

    fn all(&self, kind: &str) -> Vec<&Value> {
        self.objects.iter().filter(|o| o["kind"] == kind).collect()
    }

    fn names(&self, kind: &str) -> BTreeSet<String> {
        self.all(kind)
            .iter()
            .map(|o| str_at(o, "/metadata/name").to_string())
            .collect()
    }

    fn container(&self, service: &str) -> &Value {
        let containers = &self.get("Deployment", service)["spec"]["template"]["spec"]["containers"];
        assert_eq!(
            containers.as_array().map(Vec::len),
            Some(1),
            "{}: {service} has one container",
            self.overlay
        );
        &containers[0]
    }

    /// The ConfigMap (by its generated name) the service reads its environment from.
    fn config_of(&self, service: &str) -> &Value {
        let env_from = self.container(service)["envFrom"]
            .as_array()
            .unwrap_or_else(|| panic!("{}: {service} has no envFrom", self.overlay));
        let name = env_from
            .iter()
            .find_map(|e| e["configMapRef"]["name"].as_str())
            .unwrap_or_else(|| panic!("{}: {service} reads no ConfigMap", self.overlay));
        self.get("ConfigMap", name)
    }

    /// The `secretRef` of the NATS credentials.
    fn nats_secret_ref(&self, service: &str) -> &Value {
        self.container(service)["envFrom"]
            .as_array()
            .and_then(|list| list.iter().find(|e| e["secretRef"].is_object()))
            .map(|e| &e["secretRef"])
            .unwrap_or_else(|| panic!("{}: {service} reads no Secret", self.overlay))
    }
}

fn str_at<'a>(value: &'a Value, pointer: &str) -> &'a str {
    value
        .pointer(pointer)
        .and_then(Value::as_str)
        .unwrap_or_else(|| panic!("no string at {pointer} in {value}"))
}

fn int_at(value: &Value, pointer: &str) -> i64 {
    value
        .pointer(pointer)
        .and_then(Value::as_i64)
        .unwrap_or_else(|| panic!("no integer at {pointer} in {value}"))
}

/// A CPU quantity in millicores ("250m", "1", "0.5").
fn millicores(quantity: &Value) -> i64 {
    let text = match quantity {
        Value::String(s) => s.clone(),
        Value::Number(n) => n.to_string(),
        other => panic!("not a quantity: {other}"),
    };
    match text.strip_suffix('m') {
        Some(milli) => milli.parse().expect("millicores"),
        None => (text.parse::<f64>().expect("cores") * 1000.0).round() as i64,
    }
}

/// Renders the overlay, checks kubectl said nothing on stderr (no deprecated kustomize fields),
/// validates the output against the schemas and parses it.
fn render(overlay: &'static str) -> Rendered {
    let kubectl = tool("K8S_KUBECTL", "kubectl");
    let dir = format!("deploy/k8s/overlays/{overlay}");
    let (ok, yaml, stderr) = run(&kubectl, &["kustomize", &dir]);
    assert!(ok, "kubectl kustomize {dir} failed:\n{stderr}");
    assert!(
        stderr.trim().is_empty(),
        "kubectl kustomize {dir} warned:\n{stderr}"
    );

    let objects: Vec<Value> = serde_yaml::Deserializer::from_str(&yaml)
        .map(Value::deserialize)
        .collect::<Result<_, _>>()
        .expect("kubectl printed YAML");
    let objects: Vec<Value> = objects.into_iter().filter(|o| !o.is_null()).collect();
    assert!(!objects.is_empty(), "{overlay}: nothing rendered");

    validate(overlay, &yaml, objects.len());
    Rendered { overlay, objects }
}

/// `kubernetes-validate --strict` on the rendered YAML, for every version in
/// [`KUBERNETES_VERSIONS`]: fails on any error or warning, and unless every object passed.
fn validate(overlay: &str, yaml: &str, count: usize) {
    let validator = tool("K8S_VALIDATE", "kubernetes-validate");
    let file = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("k8s-{overlay}.yaml"));
    std::fs::write(&file, yaml).expect("write the rendered overlay");
    let mut args = vec!["--strict"];
    for version in KUBERNETES_VERSIONS {
        args.extend(["--kubernetes-version", version]);
    }
    let file_arg = file.to_str().expect("UTF-8 path");
    args.push(file_arg);
    let (ok, stdout, stderr) = run(&validator, &args);
    let all = format!("{stdout}{stderr}");
    let problems: Vec<&str> = all
        .lines()
        .filter(|l| !l.starts_with("INFO ") && !l.trim().is_empty())
        .collect();
    assert!(
        ok && problems.is_empty(),
        "kubernetes-validate --strict rejected {overlay} ({}):\n{}",
        file.display(),
        problems.join("\n")
    );
    let passed = all.lines().filter(|l| l.contains(" passed ")).count();
    assert_eq!(
        passed,
        count * KUBERNETES_VERSIONS.len(),
        "{overlay}: kubernetes-validate did not check every object:\n{all}"
    );
}

/// What every overlay must have.
fn check_overlay(r: &Rendered) {
    let o = r.overlay;
    let services: BTreeSet<String> = SERVICES.iter().map(|s| s.0.to_string()).collect();
    let scaled: BTreeSet<String> = SERVICES
        .iter()
        .filter(|s| s.2)
        .map(|s| s.0.to_string())
        .collect();
    assert_eq!(r.names("Deployment"), services, "{o}: Deployments");
    assert_eq!(r.names("Service"), services, "{o}: Services");
    assert_eq!(
        r.names("PodDisruptionBudget"),
        services,
        "{o}: PodDisruptionBudgets"
    );
    assert_eq!(
        r.names("HorizontalPodAutoscaler"),
        scaled,
        "{o}: HorizontalPodAutoscalers"
    );
    assert_eq!(r.all("ConfigMap").len(), 1, "{o}: one ConfigMap");

    // One namespace for everything, set by the overlay.
    let namespaces: BTreeSet<&str> = r
        .objects
        .iter()
        .map(|obj| str_at(obj, "/metadata/namespace"))
        .collect();
    assert_eq!(namespaces.len(), 1, "{o}: namespaces {namespaces:?}");

    // The image holds every service binary under its command name: the Dockerfile runs
    // build-binaries.sh, which lists them.
    let dockerfile = std::fs::read_to_string(root().join("deploy/docker/Dockerfile")).unwrap();
    assert!(
        dockerfile.contains("deploy/docker/build-binaries.sh"),
        "{dockerfile}"
    );
    let script = std::fs::read_to_string(root().join("deploy/docker/build-binaries.sh")).unwrap();
    let shipped: Vec<&str> = script
        .lines()
        .find_map(|line| line.strip_prefix("binaries=("))
        .and_then(|rest| rest.strip_suffix(')'))
        .expect("build-binaries.sh lists its binaries as binaries=(...)")
        .split_whitespace()
        .collect();

    for (name, port, hpa) in SERVICES {
        let what = format!("{o}: {name}");
        let deployment = r.get("Deployment", name);
        let pod = &deployment["spec"]["template"];
        let spec = &pod["spec"];
        let c = r.container(name);

        // The pod is the one the selectors pick.
        let labels = pod["metadata"]["labels"].as_object().unwrap();
        let matches = |selector: &Value| {
            let selector = selector.as_object().expect("selector");
            !selector.is_empty() && selector.iter().all(|(k, v)| labels.get(k) == Some(v))
        };
        assert!(
            matches(&deployment["spec"]["selector"]["matchLabels"]),
            "{what}: Deployment selector"
        );
        assert!(
            matches(&r.get("Service", name)["spec"]["selector"]),
            "{what}: Service selector"
        );
        assert!(
            matches(&r.get("PodDisruptionBudget", name)["spec"]["selector"]["matchLabels"]),
            "{what}: PodDisruptionBudget selector"
        );

        // The program, from the one image.
        assert_eq!(c["command"], serde_json::json!([name]), "{what}: command");
        assert!(
            shipped.contains(&name),
            "{what}: the image does not ship the binary ({shipped:?})"
        );
        assert!(
            str_at(c, "/image").contains("budget-audit"),
            "{what}: image"
        );

        // Ports: gRPC where the service listens, metrics (and report's page) on 9090.
        let ports: BTreeMap<&str, i64> = c["ports"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| (str_at(p, "/name"), int_at(p, "/containerPort")))
            .collect();
        assert_eq!(ports.get("grpc"), Some(&port), "{what}: grpc port");
        assert_eq!(
            ports.get("metrics"),
            Some(&METRICS_PORT),
            "{what}: metrics port"
        );
        let env: BTreeMap<&str, &str> = c["env"]
            .as_array()
            .map(|list| {
                list.iter()
                    .filter_map(|e| Some((e["name"].as_str()?, e["value"].as_str()?)))
                    .collect()
            })
            .unwrap_or_default();
        assert_eq!(
            env.get("BUDGET_GRPC_ADDR").copied(),
            Some(format!("0.0.0.0:{port}").as_str()),
            "{what}: BUDGET_GRPC_ADDR"
        );
        let service_ports: BTreeMap<&str, &str> = r.get("Service", name)["spec"]["ports"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| (str_at(p, "/name"), str_at(p, "/targetPort")))
            .collect();
        assert_eq!(
            service_ports,
            BTreeMap::from([("grpc", "grpc"), ("metrics", "metrics")]),
            "{what}: Service ports"
        );
        let annotations = &pod["metadata"]["annotations"];
        assert_eq!(
            annotations["prometheus.io/scrape"], "true",
            "{what}: scrape"
        );
        assert_eq!(
            annotations["prometheus.io/port"],
            METRICS_PORT.to_string(),
            "{what}: scrape port"
        );

        // Probes: native gRPC health checks on the gRPC port, nothing else.
        for probe in ["readinessProbe", "livenessProbe"] {
            let p = &c[probe];
            assert_eq!(
                p["grpc"]["port"].as_i64(),
                Some(port),
                "{what}: {probe} is not a gRPC probe on {port}: {p}"
            );
            for other in ["httpGet", "tcpSocket", "exec"] {
                assert!(p.get(other).is_none(), "{what}: {probe} has {other}");
            }
        }

        // Resources: requests and limits of CPU and memory, requests within limits.
        for kind in ["requests", "limits"] {
            for resource in ["cpu", "memory"] {
                assert!(
                    !c["resources"][kind][resource].is_null(),
                    "{what}: no {kind}.{resource}"
                );
            }
        }
        assert!(
            millicores(&c["resources"]["requests"]["cpu"])
                <= millicores(&c["resources"]["limits"]["cpu"]),
            "{what}: CPU request above the limit"
        );

        // Security: non-root, read-only root filesystem, no privilege escalation, no
        // capabilities, the runtime's seccomp profile, no API token; /tmp writable.
        let psc = &spec["securityContext"];
        assert_eq!(psc["runAsNonRoot"], true, "{what}: pod runAsNonRoot");
        assert!(int_at(psc, "/runAsUser") > 0, "{what}: runAsUser");
        assert_eq!(
            psc["seccompProfile"]["type"], "RuntimeDefault",
            "{what}: seccomp"
        );
        let sc = &c["securityContext"];
        assert_eq!(sc["runAsNonRoot"], true, "{what}: runAsNonRoot");
        assert_eq!(
            sc["readOnlyRootFilesystem"], true,
            "{what}: readOnlyRootFilesystem"
        );
        assert_eq!(
            sc["allowPrivilegeEscalation"], false,
            "{what}: allowPrivilegeEscalation"
        );
        assert_eq!(
            sc["capabilities"]["drop"],
            serde_json::json!(["ALL"]),
            "{what}: capabilities"
        );
        assert_eq!(
            spec["automountServiceAccountToken"], false,
            "{what}: service account token"
        );
        let volumes = spec["volumes"].as_array().unwrap();
        let volume = |mount: &str| {
            let mount = c["volumeMounts"]
                .as_array()
                .unwrap()
                .iter()
                .find(|m| m["mountPath"] == mount)
                .unwrap_or_else(|| panic!("{what}: nothing mounted at {mount}"));
            volumes
                .iter()
                .find(|v| v["name"] == mount["name"])
                .unwrap_or_else(|| panic!("{what}: no volume {}", mount["name"]))
        };
        assert!(volume("/tmp")["emptyDir"].is_object(), "{what}: /tmp");

        // Configuration: the generated ConfigMap; credentials: the Secret budget-nats (and an
        // optional creds file from budget-nats-creds).
        let config = &r.config_of(name)["data"];
        for key in [
            "NATS_URL",
            "METRICS_ADDR",
            "RUST_LOG",
            "BUDGET_STREAM_REPLICAS",
        ] {
            assert!(config[key].is_string(), "{what}: ConfigMap lacks {key}");
        }
        assert_eq!(
            config["METRICS_ADDR"], "0.0.0.0:9090",
            "{what}: METRICS_ADDR"
        );
        assert!(
            str_at(config, "/NATS_URL").starts_with("nats://"),
            "{what}: NATS_URL"
        );
        assert_eq!(
            r.nats_secret_ref(name)["name"],
            "budget-nats",
            "{what}: NATS secret"
        );
        let creds = &volume("/etc/budget/nats")["secret"];
        assert_eq!(
            creds["secretName"], "budget-nats-creds",
            "{what}: creds file"
        );
        assert_eq!(creds["optional"], true, "{what}: creds file optional");

        // Replicas: the HPA owns the count of a scaled Deployment.
        if hpa {
            assert!(
                deployment["spec"]["replicas"].is_null(),
                "{what}: replicas set although an HPA scales it"
            );
            let h = r.get("HorizontalPodAutoscaler", name);
            assert_eq!(h["spec"]["scaleTargetRef"]["kind"], "Deployment");
            assert_eq!(h["spec"]["scaleTargetRef"]["name"], name);
            let (min, max) = (
                int_at(h, "/spec/minReplicas"),
                int_at(h, "/spec/maxReplicas"),
            );
            assert!(1 <= min && min < max, "{what}: HPA {min}..{max}");
            assert_eq!(h["spec"]["metrics"][0]["resource"]["name"], "cpu");
        } else {
            assert!(
                int_at(deployment, "/spec/replicas") >= 1,
                "{what}: replicas"
            );
        }
    }
}

#[test]
fn dev_overlay() {
    let dev = render("dev");
    check_overlay(&dev);
    // dev runs against a NATS without authentication: the Secret may be absent.
    for (name, _, _) in SERVICES {
        assert_eq!(dev.nats_secret_ref(name)["optional"], true, "dev: {name}");
    }
}

#[test]
fn prod_overlay() {
    let prod = render("prod");
    check_overlay(&prod);
    for (name, _, _) in SERVICES {
        // The credentials are required, and replicas spread over nodes.
        assert_eq!(
            prod.nats_secret_ref(name)["optional"],
            false,
            "prod: {name}"
        );
        let spread =
            &prod.get("Deployment", name)["spec"]["template"]["spec"]["topologySpreadConstraints"];
        assert!(
            spread.as_array().is_some_and(|s| !s.is_empty()),
            "prod: {name} has no topologySpreadConstraints"
        );
        // Streams replicated over the 3-server NATS cluster.
        assert_eq!(
            prod.config_of(name)["data"]["BUDGET_STREAM_REPLICAS"],
            "3",
            "prod: {name}"
        );
    }
}

#[test]
fn prod_is_larger_than_dev() {
    let (dev, prod) = (render("dev"), render("prod"));
    let namespace = |r: &Rendered| str_at(&r.objects[0], "/metadata/namespace").to_string();
    assert_ne!(namespace(&dev), namespace(&prod), "namespaces");
    for (name, _, hpa) in SERVICES {
        let (d, p) = (dev.container(name), prod.container(name));
        assert_ne!(d["image"], p["image"], "{name}: image");
        for kind in ["requests", "limits"] {
            let (dc, pc) = (
                millicores(&d["resources"][kind]["cpu"]),
                millicores(&p["resources"][kind]["cpu"]),
            );
            assert!(pc > dc, "{name}: prod CPU {kind} {pc}m not above dev {dc}m");
        }
        if hpa {
            let (dh, ph) = (
                dev.get("HorizontalPodAutoscaler", name),
                prod.get("HorizontalPodAutoscaler", name),
            );
            for field in ["/spec/minReplicas", "/spec/maxReplicas"] {
                assert!(
                    int_at(ph, field) > int_at(dh, field),
                    "{name}: prod {field} not above dev"
                );
            }
            assert!(int_at(ph, "/spec/minReplicas") >= 2, "{name}: prod HA");
        } else {
            let replicas = |r: &Rendered| int_at(r.get("Deployment", name), "/spec/replicas");
            assert!(replicas(&prod) > replicas(&dev), "{name}: prod replicas");
            assert!(replicas(&prod) >= 2, "{name}: prod HA");
        }
    }
}
