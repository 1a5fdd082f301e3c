//! Three-certificate test PKIs (root → issuing CA → many leaves) made with rcgen:
//! P-256, RSA-2048 (keys from `testdata/pki/test-keys-NOT-SECRET-DO-NOT-USE`, since
//! rcgen's ring backend generates no RSA keys) and Ed25519.

use rcgen::{
    date_time_ymd, BasicConstraints, CertificateParams, DnType, ExtendedKeyUsagePurpose, IsCa,
    Issuer, KeyPair, KeyUsagePurpose, SerialNumber,
};

/// The key algorithm of a PKI.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Alg {
    /// ECDSA P-256 with SHA-256.
    P256,
    /// RSA-2048 PKCS #1 v1.5 with SHA-256.
    Rsa2048,
    /// Ed25519.
    Ed25519,
}

/// A root, its issuing CA and `leaves` end-entity certificates (DER), with the first
/// leaf's key as PKCS #8 PEM (every leaf has the same key, distinct serial and name).
pub struct Pki {
    /// The self-signed root.
    pub root: Vec<u8>,
    /// The root as PEM.
    pub root_pem: String,
    /// The issuing CA, signed by the root.
    pub ca: Vec<u8>,
    /// End-entity certificates signed by the issuing CA (digitalSignature; EKU
    /// clientAuth and emailProtection).
    pub leaves: Vec<Vec<u8>>,
    /// The leaves' private key, PKCS #8 PEM.
    pub leaf_key_pem: String,
}

fn rsa_key(name: &str) -> KeyPair {
    let pem = String::from_utf8(crate::testdata(&format!(
        "pki/test-keys-NOT-SECRET-DO-NOT-USE/{name}.key.pem"
    )))
    .expect("PEM is text");
    KeyPair::from_pem_and_sign_algo(&pem, &rcgen::PKCS_RSA_SHA256).expect("RSA key")
}

fn keys(alg: Alg) -> [KeyPair; 3] {
    match alg {
        Alg::P256 => [(); 3].map(|()| KeyPair::generate().expect("P-256 key")),
        Alg::Ed25519 => {
            [(); 3].map(|()| KeyPair::generate_for(&rcgen::PKCS_ED25519).expect("Ed25519 key"))
        }
        Alg::Rsa2048 => [
            rsa_key("hk-issuing-ca"),
            rsa_key("hk-org-harbour-logistics"),
            rsa_key("mo-org-cotai-trading"),
        ],
    }
}

fn params(common_name: &str, serial: u64) -> CertificateParams {
    let mut params = CertificateParams::new(Vec::<String>::new()).expect("no SAN");
    params.not_before = date_time_ymd(2025, 1, 1);
    params.not_after = date_time_ymd(2030, 1, 1);
    params.serial_number = Some(SerialNumber::from(serial));
    params
        .distinguished_name
        .push(DnType::OrganizationName, "Baytrust Bench");
    params
        .distinguished_name
        .push(DnType::CommonName, common_name);
    params
}

/// A PKI of `alg` with `leaves` leaves, names tagged with `tag`.
pub fn pki(alg: Alg, leaves: usize, tag: &str) -> Pki {
    let [root_key, ca_key, leaf_key] = keys(alg);
    let mut root_params = params(&format!("Bench Root {tag}"), 1);
    root_params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
    root_params.key_usages = vec![KeyUsagePurpose::KeyCertSign, KeyUsagePurpose::CrlSign];
    let root = root_params.self_signed(&root_key).expect("root");
    let root_issuer = Issuer::new(root_params, &root_key);

    let mut ca_params = params(&format!("Bench Issuing CA {tag}"), 2);
    ca_params.is_ca = IsCa::Ca(BasicConstraints::Constrained(0));
    ca_params.key_usages = vec![KeyUsagePurpose::KeyCertSign, KeyUsagePurpose::CrlSign];
    ca_params.use_authority_key_identifier_extension = true;
    let ca = ca_params.signed_by(&ca_key, &root_issuer).expect("CA");
    let ca_issuer = Issuer::new(ca_params, &ca_key);

    let leaves = (0..leaves)
        .map(|i| {
            let mut leaf = params(&format!("Bench Leaf {tag} {i}"), 1_000 + i as u64);
            leaf.key_usages = vec![KeyUsagePurpose::DigitalSignature];
            leaf.extended_key_usages = vec![
                ExtendedKeyUsagePurpose::ClientAuth,
                ExtendedKeyUsagePurpose::EmailProtection,
            ];
            leaf.use_authority_key_identifier_extension = true;
            leaf.signed_by(&leaf_key, &ca_issuer)
                .expect("leaf")
                .der()
                .to_vec()
        })
        .collect();
    Pki {
        root_pem: root.pem(),
        root: root.der().to_vec(),
        ca: ca.der().to_vec(),
        leaves,
        leaf_key_pem: leaf_key.serialize_pem(),
    }
}
