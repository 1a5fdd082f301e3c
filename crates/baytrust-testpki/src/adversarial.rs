//! Adversarial pools for path building (`edge/`): an impostor root with the HK root's
//! name but another key (the builder must fall back to the cross-certified path), 50
//! decoy issuers sharing the HK issuing CA's name and key identifier but not its key,
//! and a path-explosion pool whose every layer offers several valid issuers, so an
//! unbounded search would try exponentially many paths.

use rcgen::{CertificateParams, KeyIdMethod};
use x509_parser::prelude::{FromDer, X509Certificate};

use crate::ca::Ca;
use crate::extensions::MUTUAL_RECOGNITION_POLICY;
use crate::hierarchy::Hierarchy;
use crate::keys::{KeyKind, KeyStore};
use crate::output::Output;
use crate::{names, profile, validity, Result};

/// How many decoy issuers share the HK issuing CA's name.
const DECOYS: u64 = 50;
/// Layers of the path-explosion pool, and certificates per layer.
const EXPLOSION_LAYERS: usize = 5;
const EXPLOSION_WIDTH: u64 = 4;

/// Makes and writes the adversarial pools.
pub fn generate(keys: &KeyStore, out: &Output, hk: &Hierarchy) -> Result<()> {
    impostor_root(keys, out, hk)?;
    decoy_issuers(keys, out, hk)?;
    path_explosion(keys, out)
}

/// `edge/impostor-hk-root.pem`: self-signed, the HK root's subject, another key.
fn impostor_root(keys: &KeyStore, out: &Output, hk: &Hierarchy) -> Result<()> {
    let params = profile::root(
        hk.root.params().distinguished_name.clone(),
        0x1B05,
        validity::ROOT,
    );
    let impostor = Ca::self_signed(params, keys.key("edge-impostor-hk-root", KeyKind::Rsa2048)?)?;
    out.cert("edge/impostor-hk-root.pem", impostor.der())
}

/// `edge/decoy-issuers-50.pem`: CAs under the HK root named like the HK issuing CA and
/// carrying its subjectKeyIdentifier, so neither name nor key identifier tells them
/// apart; only the signature check does.
fn decoy_issuers(keys: &KeyStore, out: &Output, hk: &Hierarchy) -> Result<()> {
    let (_, real) = X509Certificate::from_der(hk.issuing.der())?;
    let ski = real
        .extensions()
        .iter()
        .find_map(|e| match e.parsed_extension() {
            x509_parser::extensions::ParsedExtension::SubjectKeyIdentifier(kid) => {
                Some(kid.0.to_vec())
            }
            _ => None,
        })
        .ok_or("HK issuing CA has no subjectKeyIdentifier")?;
    let decoy_key = keys.key("edge-decoy-issuer", KeyKind::Rsa2048)?;
    let mut ders = Vec::new();
    for i in 0..DECOYS {
        let mut params = profile::intermediate(
            hk.issuing.params().distinguished_name.clone(),
            0xDEC0 + i,
            validity::ISSUING,
            Some(0),
        )?;
        params.key_identifier_method = KeyIdMethod::PreSpecified(ski.clone());
        ders.push(hk.root.issue(&params, &decoy_key)?);
    }
    let refs: Vec<&[u8]> = ders.iter().map(Vec::as_slice).collect();
    out.certs("edge/decoy-issuers-50.pem", &refs)
}

/// The CA parameters of explosion layer `layer` (1 = nearest the leaf).
fn layer_params(layer: usize, serial: u64) -> Result<CertificateParams> {
    profile::intermediate(
        names::ca(
            "HK",
            "BayTrust Test Path Explosion",
            &format!("Explosion Layer {layer}"),
        )?,
        serial,
        validity::ISSUING,
        None,
    )
}

/// `edge/path-explosion-pool.pem` and `edge/path-explosion-leaf.pem`: layer k holds
/// `EXPLOSION_WIDTH` certificates with one name and one key, each signed by layer k+1's
/// key, so every certificate of layer k+1 is a valid issuer of every certificate of
/// layer k; the top layer's issuer exists nowhere, so no path completes.
fn path_explosion(keys: &KeyStore, out: &Output) -> Result<()> {
    let layer_key =
        |layer: usize| keys.key(&format!("edge-explosion-layer-{layer}"), KeyKind::Rsa2048);
    let mut pool = Vec::new();
    for layer in 1..=EXPLOSION_LAYERS {
        let issuer = Ca::self_signed(layer_params(layer + 1, 0xE0F0)?, layer_key(layer + 1)?)?;
        let subject_key = layer_key(layer)?;
        for i in 0..EXPLOSION_WIDTH {
            let serial = 0xE100 + (layer as u64) * 0x10 + i;
            pool.push(issuer.issue(&layer_params(layer, serial)?, &subject_key)?);
        }
    }
    let refs: Vec<&[u8]> = pool.iter().map(Vec::as_slice).collect();
    out.certs("edge/path-explosion-pool.pem", &refs)?;

    let layer_one = Ca::self_signed(layer_params(1, 0xE0F1)?, layer_key(1)?)?;
    let leaf = profile::org_leaf(
        names::hong_kong_org(
            "Explosion Victim Limited".into(),
            "45678901-000",
            "TEST Path Explosion",
        )?,
        0xE0FF,
        validity::LEAF,
        MUTUAL_RECOGNITION_POLICY,
        vec![],
    )?;
    let der = layer_one.issue(&leaf, &keys.key("edge-explosion-leaf", KeyKind::Rsa2048)?)?;
    out.cert("edge/path-explosion-leaf.pem", &der)
}
