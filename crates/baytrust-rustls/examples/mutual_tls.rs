//! Mutual TLS between two companies of different jurisdictions, each verifying the
//! other with baytrust under its own jurisdiction's trust lists: Harbour Logistics
//! Limited (Hong Kong, RSA) runs the server, Taipa Foods Lda. (Macao, ECDSA P-256)
//! connects. Both use the bundled test PKI and signed lists under `testdata/`.
//!
//! Run: `cargo run -p baytrust-rustls --example mutual_tls` (it also runs as a test:
//! `tests/example.rs`).
//!
//! The bundled organisation certificates carry no host name, so the client pins the
//! server's legal entity instead (`expect_entity`). The clock is stopped at
//! 2026-06-01, when the bundled lists are fresh; a deployment keeps rustls's default
//! clock (`ServerConfig::builder()` / `ClientConfig::builder()`).

use std::error::Error;
use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::Arc;
use std::thread;
use std::time::Duration;

use baytrust::{Jurisdiction, OrgId, Verifier};
use baytrust_rustls::{rejection_in_io, BaytrustClientCertVerifier, BaytrustServerCertVerifier};
use rustls::time_provider::TimeProvider;
use rustls::{ClientConfig, ClientConnection, ServerConfig, ServerConnection, StreamOwned};
use rustls_pki_types::pem::PemObject;
use rustls_pki_types::{CertificateDer, PrivateKeyDer, ServerName, UnixTime};

const TESTDATA: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../testdata");
/// 2026-06-01T00:00:00Z.
const AT: u64 = 1_780_272_000;

#[derive(Debug)]
struct StoppedClock;

impl TimeProvider for StoppedClock {
    fn current_time(&self) -> Option<UnixTime> {
        Some(UnixTime::since_unix_epoch(Duration::from_secs(AT)))
    }
}

/// A relying party of `home` accepting the lists of `accepted`: all three bundled
/// lists loaded, each checked against the operator pinned for its jurisdiction.
fn relying_party(
    home: Jurisdiction,
    accepted: Jurisdiction,
) -> Result<Arc<Verifier>, Box<dyn Error>> {
    let now = baytrust::Time::from_unix_seconds(i64::try_from(AT)?);
    let mut builder = Verifier::builder().home(home).accept(accepted);
    for (jurisdiction, code) in [
        (Jurisdiction::Cn, "cn"),
        (Jurisdiction::Hk, "hk"),
        (Jurisdiction::Mo, "mo"),
    ] {
        builder = builder.trust_list(
            jurisdiction,
            &std::fs::read(format!("{TESTDATA}/trust-lists/{code}.p7s"))?,
            &std::fs::read(format!("{TESTDATA}/pki/{code}/trust-list-operator-ca.pem"))?,
            now,
        )?;
    }
    Ok(Arc::new(builder.build()?))
}

/// An organisation's certificate chain and key from the bundled test PKI.
fn identity(
    jurisdiction: &str,
    org: &str,
) -> Result<(Vec<CertificateDer<'static>>, PrivateKeyDer<'static>), Box<dyn Error>> {
    let chain = CertificateDer::pem_file_iter(format!(
        "{TESTDATA}/pki/{jurisdiction}/org-{org}-chain.pem"
    ))?
    .collect::<Result<Vec<_>, _>>()?;
    let key = PrivateKeyDer::from_pem_file(format!(
        "{TESTDATA}/pki/test-keys-NOT-SECRET-DO-NOT-USE/{jurisdiction}-org-{org}.key.pem"
    ))?;
    Ok((chain, key))
}

fn provider() -> Arc<rustls::crypto::CryptoProvider> {
    Arc::new(rustls::crypto::ring::default_provider())
}

/// The Hong Kong server: accepts only clients recognised by the lists it accepts.
fn server_config(
    clients: &BaytrustClientCertVerifier,
) -> Result<Arc<ServerConfig>, Box<dyn Error>> {
    let (chain, key) = identity("hk", "harbour-logistics")?;
    Ok(Arc::new(
        ServerConfig::builder_with_details(provider(), Arc::new(StoppedClock))
            .with_safe_default_protocol_versions()?
            .with_client_cert_verifier(Arc::new(clients.clone()))
            .with_single_cert(chain, key)?,
    ))
}

/// The Macao client: accepts only the Hong Kong company it means to talk to.
fn client_config(server: &BaytrustServerCertVerifier) -> Result<Arc<ClientConfig>, Box<dyn Error>> {
    let (chain, key) = identity("mo", "taipa-foods")?;
    Ok(Arc::new(
        ClientConfig::builder_with_details(provider(), Arc::new(StoppedClock))
            .with_safe_default_protocol_versions()?
            .dangerous()
            .with_custom_certificate_verifier(Arc::new(server.clone()))
            .with_client_auth_cert(chain, key)?,
    ))
}

/// One connection: the server answers with the name of the client it authenticated,
/// or says why it refused it. Returns (what the server said, what the client read).
fn connect(
    clients: BaytrustClientCertVerifier,
    server: BaytrustServerCertVerifier,
) -> Result<(String, std::io::Result<String>), Box<dyn Error>> {
    let listener = TcpListener::bind("127.0.0.1:0")?;
    let address = listener.local_addr()?;
    let server_config = server_config(&clients)?;
    let server_thread = thread::spawn(move || -> Result<String, String> {
        let (socket, _) = listener.accept().map_err(|e| e.to_string())?;
        let connection = ServerConnection::new(server_config).map_err(|e| e.to_string())?;
        let mut tls = StreamOwned::new(connection, socket);
        let mut request = [0u8; 5];
        if let Err(error) = tls.read_exact(&mut request) {
            // The application sees baytrust's reason, not just the alert rustls sent.
            return Ok(match rejection_in_io(&error) {
                Some(rejection) => format!("refused the client: {rejection}"),
                None => format!("connection failed: {error}"),
            });
        }
        let peer = clients
            .peer_identity(&tls.conn, StoppedClock.current_time().ok_or("no time")?)
            .map_err(|e| e.to_string())?;
        let recognised_by = peer
            .recognition
            .map(|r| format!("{} list, {}", r.jurisdiction, r.service))
            .unwrap_or_default();
        let answer = format!(
            "hello {} ({}), recognised by the {recognised_by}",
            peer.entity.organisation, peer.entity.org_id
        );
        tls.write_all(answer.as_bytes())
            .map_err(|e| e.to_string())?;
        tls.conn.send_close_notify();
        tls.flush().map_err(|e| e.to_string())?;
        Ok(format!("authenticated {}", peer.entity.org_id))
    });

    let socket = TcpStream::connect(address)?;
    socket.set_read_timeout(Some(Duration::from_secs(20)))?;
    let name = ServerName::try_from("harbour-logistics.hk.example")?;
    let connection = ClientConnection::new(client_config(&server)?, name)?;
    let mut tls = StreamOwned::new(connection, socket);
    let client_side = (|| -> std::io::Result<String> {
        tls.write_all(b"hello")?;
        let mut answer = String::new();
        tls.read_to_string(&mut answer)?;
        Ok(answer)
    })();
    let server_side = server_thread
        .join()
        .map_err(|_| "server thread panicked")??;
    Ok((server_side, client_side))
}

/// Runs two connections: one that succeeds, and one the server refuses because it
/// no longer accepts the Macao list.
pub fn main() -> Result<(), Box<dyn Error>> {
    let harbour_logistics = OrgId::read_canonical("NTRHK-12345678")?;
    // The Macao client accepts the Hong Kong list, and only Harbour Logistics.
    let pinning_client =
        BaytrustServerCertVerifier::new(relying_party(Jurisdiction::Mo, Jurisdiction::Hk)?)
            .expect_entity(harbour_logistics);

    let hk_accepting_mo =
        BaytrustClientCertVerifier::new(relying_party(Jurisdiction::Hk, Jurisdiction::Mo)?);
    let (server_side, client_side) = connect(hk_accepting_mo, pinning_client.clone())?;
    println!("server: {server_side}");
    let answer = client_side?;
    println!("client: {answer}");
    if !answer.starts_with("hello Taipa Foods Lda. (NTRMO-SO81234)") {
        return Err(format!("unexpected answer: {answer}").into());
    }

    let hk_accepting_cn_only =
        BaytrustClientCertVerifier::new(relying_party(Jurisdiction::Hk, Jurisdiction::Cn)?);
    let (server_side, client_side) = connect(hk_accepting_cn_only, pinning_client)?;
    println!("server: {server_side}");
    println!("client: {client_side:?}");
    if !server_side.contains("NotRecognised") || client_side.is_ok() {
        return Err("the second connection should have been refused".into());
    }
    Ok(())
}
