//! `Budget`: how much work one verification may do — signature checks, path-building
//! steps and name-constraint comparisons, drawn from one allowance — so that hostile
//! certificate pools cannot make verification slow.

use crate::Error;

/// Limits on one verification (`verify_chain` makes one per call;
/// CMS verification spends one across all signers). The defaults are rustls-webpki's
/// `Budget` defaults, whose sources are cited on each field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Budget {
    /// Signature verifications allowed: 100. rustls-webpki takes this figure from Go's
    /// remediation of CVE-2018-16875 (crypto/x509 path-building denial of service),
    /// noting that Go later added key-identifier matching because real deployments hit
    /// the limit; baytrust tries key-identifier matches first for the same reason.
    pub signature_checks: usize,
    /// Path-building steps (candidate issuers considered): 200,000, rustls-webpki's
    /// `build_chain_calls`, taken from NSS mozilla::pkix (`pkixbuild.cpp`). It bounds
    /// the search even when signatures are never reached (e.g. many same-named
    /// certificates that fail before their signature is checked).
    pub build_steps: usize,
    /// Name-against-subtree comparisons in name-constraint checking: 250,000,
    /// rustls-webpki's `name_constraint_comparisons`, taken from Go crypto/x509's
    /// default for `VerifyOptions.MaxConstraintComparisions` (sic; `verify.go`).
    pub name_constraint_comparisons: usize,
}

impl Default for Budget {
    fn default() -> Self {
        Self {
            signature_checks: 100,
            build_steps: 200_000,
            name_constraint_comparisons: 250_000,
        }
    }
}

/// What is left of a [`Budget`] during one verification. One value is threaded through
/// every path search of that verification, so the limits hold for the whole of it.
#[derive(Debug)]
pub(crate) struct BudgetLeft {
    limits: Budget,
    signature_checks_used: usize,
    build_steps_used: usize,
    name_comparisons_left: usize,
}

impl BudgetLeft {
    /// A fresh allowance of `limits`.
    pub(crate) fn new(limits: Budget) -> Self {
        Self {
            limits,
            signature_checks_used: 0,
            build_steps_used: 0,
            name_comparisons_left: limits.name_constraint_comparisons,
        }
    }

    /// Spends one signature check, or fails with [`Error::BudgetExceeded`].
    pub(crate) fn spend_signature_check(&mut self) -> Result<(), Error> {
        if self.signature_checks_used >= self.limits.signature_checks {
            return Err(Error::BudgetExceeded {
                what: "signature checks",
                limit: self.limits.signature_checks,
            });
        }
        // Below the limit just checked, so it cannot overflow.
        self.signature_checks_used = self.signature_checks_used.saturating_add(1);
        Ok(())
    }

    /// Spends one build step, or fails with [`Error::BudgetExceeded`].
    pub(crate) fn spend_build_step(&mut self) -> Result<(), Error> {
        if self.build_steps_used >= self.limits.build_steps {
            return Err(Error::BudgetExceeded {
                what: "build steps",
                limit: self.limits.build_steps,
            });
        }
        self.build_steps_used = self.build_steps_used.saturating_add(1);
        Ok(())
    }

    /// Runs `check` with the name-constraint comparisons left, which it counts down;
    /// an exhausted allowance is reported with this budget's limit.
    pub(crate) fn with_name_comparisons<T>(
        &mut self,
        check: impl FnOnce(&mut usize) -> Result<T, Error>,
    ) -> Result<T, Error> {
        check(&mut self.name_comparisons_left).map_err(|error| match error {
            Error::BudgetExceeded {
                what: "name-constraint comparisons",
                ..
            } => Error::BudgetExceeded {
                what: "name-constraint comparisons",
                limit: self.limits.name_constraint_comparisons,
            },
            other => other,
        })
    }
}
