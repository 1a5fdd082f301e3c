//! One server, one shared verifier, clients of the three jurisdictions connecting at
//! the same time: each connection's `peer_identity` names its own client (verdicts are
//! per connection, never handed from one to another).

mod support;

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::thread;
use std::time::Duration;

use baytrust::Jurisdiction;
use baytrust_rustls::{BaytrustClientCertVerifier, BaytrustServerCertVerifier};
use rustls::{ClientConnection, ServerConnection, StreamOwned};
use rustls_pki_types::ServerName;
use support::handshake::{client_config, now, server_config};
use support::pki::{leaf, verifier_accepting_all, LeafSpec};

const TLS13: &[&rustls::SupportedProtocolVersion] = &[&rustls::version::TLS13];

/// Two organisations per jurisdiction (distinct identifiers and keys).
fn clients() -> Vec<LeafSpec> {
    let mut specs = Vec::new();
    for (jurisdiction, second_id) in [
        (Jurisdiction::Cn, "NTRCN-91110000600037341L"),
        (Jurisdiction::Hk, "NTRHK-87654321"),
        (Jurisdiction::Mo, "NTRMO-SO99999"),
    ] {
        specs.push(LeafSpec::of(jurisdiction));
        let mut second = LeafSpec::of(jurisdiction);
        second.org_id = second_id;
        second.serial = 300;
        second.key_slot = "other-leaf";
        specs.push(second);
    }
    specs
}

#[test]
fn concurrent_clients_each_get_their_own_identity() {
    let server_spec = LeafSpec::of(Jurisdiction::Hk);
    let client_verifier = BaytrustClientCertVerifier::new(verifier_accepting_all(Jurisdiction::Hk));
    let server = server_config(&leaf(&server_spec), client_verifier.clone(), TLS13);
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let address = listener.local_addr().unwrap();
    let specs = clients();
    let count = specs.len();

    let acceptor = thread::spawn(move || {
        let mut handlers = Vec::new();
        for _ in 0..count {
            let (socket, _) = listener.accept().unwrap();
            let server = server.clone();
            let verifier = client_verifier.clone();
            handlers.push(thread::spawn(move || {
                socket
                    .set_read_timeout(Some(Duration::from_secs(20)))
                    .unwrap();
                let mut tls = StreamOwned::new(ServerConnection::new(server).unwrap(), socket);
                let mut ping = [0u8; 4];
                tls.read_exact(&mut ping).unwrap();
                let peer = verifier.peer_identity(&tls.conn, now()).unwrap();
                tls.write_all(peer.entity.org_id.canonical().as_bytes())
                    .unwrap();
                tls.conn.send_close_notify();
                tls.flush().unwrap();
            }));
        }
        for handler in handlers {
            handler.join().unwrap();
        }
    });

    let client_threads: Vec<_> = specs
        .into_iter()
        .map(|spec| {
            let config = client_config(
                &leaf(&spec),
                BaytrustServerCertVerifier::new(verifier_accepting_all(spec.jurisdiction)),
                TLS13,
            );
            let name = ServerName::try_from(server_spec.dns_name).unwrap();
            thread::spawn(move || {
                let socket = TcpStream::connect(address).unwrap();
                socket
                    .set_read_timeout(Some(Duration::from_secs(20)))
                    .unwrap();
                let connection = ClientConnection::new(config, name).unwrap();
                let mut tls = StreamOwned::new(connection, socket);
                tls.write_all(b"ping").unwrap();
                let mut told = String::new();
                tls.read_to_string(&mut told).unwrap();
                (spec.org_id, told)
            })
        })
        .collect();
    for client in client_threads {
        let (own, told) = client.join().unwrap();
        assert_eq!(told, own);
    }
    acceptor.join().unwrap();
}
