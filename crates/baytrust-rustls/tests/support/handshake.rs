//! One real rustls handshake over loopback TCP: a server thread and a client thread,
//! each a `StreamOwned` over its socket, each configured at the fixed test time. After
//! the handshake the client sends `ping`, the server answers `pong`, and each side
//! reports what its closure read from its connection (or the I/O error it stopped on).

use std::io::{self, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::Arc;
use std::thread;
use std::time::Duration;

use baytrust_rustls::{BaytrustClientCertVerifier, BaytrustServerCertVerifier};
use rustls::crypto::CryptoProvider;
use rustls::time_provider::TimeProvider;
use rustls::{ClientConfig, ClientConnection, ServerConfig, ServerConnection, StreamOwned};
use rustls_pki_types::{ServerName, UnixTime};

use super::pki::{at, Leaf};

/// rustls's clock, stopped at the test time.
#[derive(Debug)]
pub struct FixedTime;

impl TimeProvider for FixedTime {
    fn current_time(&self) -> Option<UnixTime> {
        Some(now())
    }
}

/// The test time as rustls's `UnixTime`.
pub fn now() -> UnixTime {
    UnixTime::since_unix_epoch(Duration::from_secs(
        u64::try_from(at().unix_seconds()).unwrap(),
    ))
}

fn provider() -> Arc<CryptoProvider> {
    Arc::new(rustls::crypto::ring::default_provider())
}

pub fn server_config(
    leaf: &Leaf,
    verifier: BaytrustClientCertVerifier,
    versions: &[&'static rustls::SupportedProtocolVersion],
) -> Arc<ServerConfig> {
    Arc::new(
        ServerConfig::builder_with_details(provider(), Arc::new(FixedTime))
            .with_protocol_versions(versions)
            .unwrap()
            .with_client_cert_verifier(Arc::new(verifier))
            .with_single_cert(leaf.chain.clone(), leaf.key())
            .unwrap(),
    )
}

pub fn client_config(
    leaf: &Leaf,
    verifier: BaytrustServerCertVerifier,
    versions: &[&'static rustls::SupportedProtocolVersion],
) -> Arc<ClientConfig> {
    Arc::new(
        ClientConfig::builder_with_details(provider(), Arc::new(FixedTime))
            .with_protocol_versions(versions)
            .unwrap()
            .dangerous()
            .with_custom_certificate_verifier(Arc::new(verifier))
            .with_client_auth_cert(leaf.chain.clone(), leaf.key())
            .unwrap(),
    )
}

/// What each side saw.
pub struct Outcome<S, C> {
    pub server: io::Result<S>,
    pub client: io::Result<C>,
}

const TIMEOUT: Duration = Duration::from_secs(20);

/// Runs one handshake of `client` to `server` (the client asking for `server_name`),
/// then `ping`/`pong`; `on_server` and `on_client` read the established connections.
pub fn run<S: Send + 'static, C>(
    server: Arc<ServerConfig>,
    client: Arc<ClientConfig>,
    server_name: &str,
    on_server: impl FnOnce(&ServerConnection) -> S + Send + 'static,
    on_client: impl FnOnce(&ClientConnection) -> C,
) -> Outcome<S, C> {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let address = listener.local_addr().unwrap();
    let server_thread = thread::spawn(move || -> io::Result<S> {
        let (socket, _) = listener.accept()?;
        socket.set_read_timeout(Some(TIMEOUT))?;
        let connection = ServerConnection::new(server).map_err(io::Error::other)?;
        let mut tls = StreamOwned::new(connection, socket);
        while tls.conn.is_handshaking() {
            tls.conn.complete_io(&mut tls.sock)?;
        }
        let mut ping = [0u8; 4];
        tls.read_exact(&mut ping)?;
        assert_eq!(&ping, b"ping");
        let seen = on_server(&tls.conn);
        tls.write_all(b"pong")?;
        tls.flush()?;
        tls.conn.send_close_notify();
        let _ = tls.conn.complete_io(&mut tls.sock);
        Ok(seen)
    });
    let name = ServerName::try_from(server_name.to_owned()).unwrap();
    let client_result = (|| -> io::Result<C> {
        let socket = TcpStream::connect(address)?;
        socket.set_read_timeout(Some(TIMEOUT))?;
        let connection = ClientConnection::new(client, name).map_err(io::Error::other)?;
        let mut tls = StreamOwned::new(connection, socket);
        while tls.conn.is_handshaking() {
            tls.conn.complete_io(&mut tls.sock)?;
        }
        tls.write_all(b"ping")?;
        tls.flush()?;
        let mut pong = [0u8; 4];
        tls.read_exact(&mut pong)?;
        assert_eq!(&pong, b"pong");
        Ok(on_client(&tls.conn))
    })();
    let server_result = server_thread.join().unwrap();
    Outcome {
        server: server_result,
        client: client_result,
    }
}

/// The rustls error inside an I/O error, if any.
pub fn rustls_error(error: &io::Error) -> Option<&rustls::Error> {
    error.get_ref()?.downcast_ref::<rustls::Error>()
}
