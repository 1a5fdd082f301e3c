//! A certificate authority of the test PKI: its parameters, key and certificate, and
//! the issuing of certificates under it.

use rcgen::{CertificateParams, Issuer, KeyPair, PublicKeyData};

use crate::Result;

/// A CA whose certificate has been made and which can issue certificates.
pub struct Ca {
    /// The parameters its certificate was made from (subject, key identifier method).
    params: CertificateParams,
    /// Its private key.
    key: KeyPair,
    /// Its certificate, DER.
    der: Vec<u8>,
}

impl Ca {
    /// A self-signed CA (a root).
    pub fn self_signed(params: CertificateParams, key: KeyPair) -> Result<Self> {
        let der = params.self_signed(&key)?.der().to_vec();
        Ok(Ca { params, key, der })
    }

    /// A CA whose certificate `issuer` signs.
    pub fn signed_by(params: CertificateParams, key: KeyPair, issuer: &Ca) -> Result<Self> {
        let der = issuer.issue(&params, &key)?;
        Ok(Ca { params, key, der })
    }

    /// Signs a certificate made from `params` for the public key `subject_key`; DER.
    pub fn issue(
        &self,
        params: &CertificateParams,
        subject_key: &impl PublicKeyData,
    ) -> Result<Vec<u8>> {
        let issuer = Issuer::from_params(&self.params, &self.key);
        Ok(params.signed_by(subject_key, &issuer)?.der().to_vec())
    }

    /// Its certificate, DER.
    pub fn der(&self) -> &[u8] {
        &self.der
    }

    /// Its key pair (the public half is the subject key of a cross-certificate).
    pub fn key(&self) -> &KeyPair {
        &self.key
    }

    /// The parameters its certificate was made from.
    pub fn params(&self) -> &CertificateParams {
        &self.params
    }
}
