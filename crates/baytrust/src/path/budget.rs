//! `Budget`: how much work one path search may do, so that hostile certificate pools
//! cannot make verification slow.

use crate::Error;

/// Limits on one call of [`verify_chain`](super::verify_chain).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Budget {
    /// Signature verifications allowed. 100, as rustls-webpki's `Budget` allows; that
    /// figure comes from Chromium's path builder experience that real paths need a
    /// handful and only a path-explosion attack needs more.
    pub signature_checks: usize,
    /// Path-building steps (candidate issuers considered). 200,000, rustls-webpki's
    /// `build_chain_calls` limit, which bounds the search even when signatures are
    /// never reached (e.g. many same-named certificates with the wrong keys).
    pub build_steps: usize,
}

impl Default for Budget {
    fn default() -> Self {
        Self {
            signature_checks: 100,
            build_steps: 200_000,
        }
    }
}

/// What is left of a [`Budget`] during one search.
#[derive(Debug)]
pub(crate) struct BudgetLeft {
    limits: Budget,
    signature_checks_used: usize,
    build_steps_used: usize,
}

impl BudgetLeft {
    pub(crate) fn new(limits: Budget) -> Self {
        Self {
            limits,
            signature_checks_used: 0,
            build_steps_used: 0,
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
        self.signature_checks_used += 1;
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
        self.build_steps_used += 1;
        Ok(())
    }
}
