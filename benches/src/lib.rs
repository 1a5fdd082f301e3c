//! The contenders of baytrust's benchmarks, shared by the criterion bench
//! (`cargo bench -p baytrust-benches`) and the round-robin driver
//! (`cargo run --release -p baytrust-benches --bin round-robin`): every group runs
//! baytrust next to the tool a user would otherwise pick, on the same inputs, generated
//! here (rcgen, OpenSSL) or read from `testdata/`.
//!
//! A [`Group`] is built only when asked for (some inputs take seconds to make), and
//! every contender has checked its own result once before it is timed.

pub mod batch;
pub mod chain;
pub mod cms;
pub mod crl;
pub mod pki;
pub mod sig;

/// One contender: a name (criterion's function name) and one call of the operation.
pub struct Contender {
    /// The function name inside the group, e.g. `baytrust/rsa2048-sha256`.
    pub name: String,
    /// One operation; the result is consumed (black-boxed) inside.
    pub run: Box<dyn FnMut()>,
}

impl Contender {
    /// A contender called `name` running `run`.
    pub fn new(name: impl Into<String>, run: impl FnMut() + 'static) -> Self {
        Self {
            name: name.into(),
            run: Box::new(run),
        }
    }
}

/// A benchmark group: contenders on the same input, and the ratios that matter.
pub struct Group {
    /// The group name, e.g. `sig-verify`.
    pub name: &'static str,
    /// Bytes processed per call, for a throughput figure.
    pub bytes: Option<u64>,
    /// The contenders, in display order.
    pub contenders: Vec<Contender>,
    /// Ratios reported: (numerator, denominator) contender names; < 1 means the
    /// numerator is faster.
    pub ratios: Vec<(String, String)>,
}

impl Group {
    /// A group with no contenders yet.
    pub fn new(name: &'static str) -> Self {
        Self {
            name,
            bytes: None,
            contenders: Vec::new(),
            ratios: Vec::new(),
        }
    }

    /// Adds a contender.
    pub fn push(&mut self, contender: Contender) {
        self.contenders.push(contender);
    }

    /// Reports `numerator / denominator`.
    pub fn ratio(&mut self, numerator: &str, denominator: &str) {
        self.ratios
            .push((numerator.to_owned(), denominator.to_owned()));
    }
}

/// Builds the groups of one name (setting up their inputs).
pub type GroupBuilder = fn() -> Vec<Group>;

/// The groups by name, each built on demand, in the order of issue 13.
pub fn group_builders() -> Vec<(&'static str, GroupBuilder)> {
    vec![
        ("sig-verify", sig::groups),
        ("chain-p256", chain::p256_groups),
        ("chain-rsa2048", chain::rsa_groups),
        ("chain-anchors", chain::anchor_groups),
        ("cms-detached", cms::groups),
        ("verify-many", batch::groups),
    ]
}

/// The validation time of every contender: 2026-06-01T00:00:00Z.
pub const VALIDATION_UNIX: u64 = 1_780_272_000;

/// [`VALIDATION_UNIX`] as baytrust's time.
pub fn validation_time() -> baytrust::Time {
    baytrust::Time::parse_rfc3339("2026-06-01T00:00:00Z").expect("fixed time")
}

/// `testdata/<path>` of the workspace.
pub fn testdata(path: &str) -> Vec<u8> {
    let full = format!("{}/../testdata/{path}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&full).unwrap_or_else(|e| panic!("{full}: {e}"))
}

/// Leaks `bytes`, for certificates borrowed for the whole run.
pub fn leak(bytes: Vec<u8>) -> &'static [u8] {
    Box::leak(bytes.into_boxed_slice())
}
