//! `baytrust auth serve|connect`: two real processes on 127.0.0.1 authenticate each
//! other — an SM2 mainland company and a Hong Kong company — and each prints the other's
//! canonical OrgId; when one side does not recognise the other, both exit 4 and say why.

mod support;

use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::PathBuf;
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

use support::testdata;

const KEYS: &str = "pki/test-keys-NOT-SECRET-DO-NOT-USE";

/// An organisation: its chain file and key file under testdata.
struct Org {
    chain: &'static str,
    key: &'static str,
}

const CN_SM2: Org = Org {
    chain: "pki/cn-sm2/org-qianhai-tech-chain.pem",
    key: "cn-sm2-org-qianhai-tech.key.pem",
};
const HK_RSA: Org = Org {
    chain: "pki/hk/org-harbour-logistics-chain.pem",
    key: "hk-org-harbour-logistics.key.pem",
};

fn path(relative: &str) -> String {
    testdata(relative).display().to_string()
}

/// `--cert --key` of `org` and the trust arguments loading the lists of `lists`.
fn args(org: &Org, lists: &[&str], extra: &[&str]) -> Vec<String> {
    let mut args = vec![
        "--cert".to_owned(),
        path(org.chain),
        "--key".to_owned(),
        path(&format!("{KEYS}/{}", org.key)),
        "--now".to_owned(),
        "2026-06-01T00:00:00Z".to_owned(),
        "--timeout".to_owned(),
        "20".to_owned(),
    ];
    for code in lists {
        args.push("--trust-list".into());
        args.push(path(&format!("trust-lists/{code}.p7s")));
        args.push("--operator-cert".into());
        args.push(path(&format!("pki/{code}/trust-list-operator-ca.pem")));
    }
    args.extend(extra.iter().map(|s| (*s).to_owned()));
    args
}

const ALL: &[&str] = &["cn", "hk", "mo"];

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("baytrust-auth-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Starts `baytrust auth serve --once --listen 127.0.0.1:0` and waits for the address
/// it bound.
fn serve(name: &str, server_args: Vec<String>) -> (Child, String) {
    let port_file = scratch(name).join("port");
    let mut child = Command::new(env!("CARGO_BIN_EXE_baytrust"))
        .args([
            "auth",
            "serve",
            "--once",
            "--listen",
            "127.0.0.1:0",
            "--port-file",
        ])
        .arg(&port_file)
        .args(server_args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run baytrust auth serve");
    let started = Instant::now();
    loop {
        if let Ok(address) = std::fs::read_to_string(&port_file) {
            return (child, address);
        }
        if let Some(status) = child.try_wait().unwrap() {
            let output = child.wait_with_output().unwrap();
            panic!(
                "server exited with {status} before listening: {}",
                String::from_utf8_lossy(&output.stderr)
            );
        }
        assert!(
            started.elapsed() < Duration::from_secs(60),
            "server never listened"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

fn connect(address: &str, client_args: Vec<String>) -> Output {
    Command::new(env!("CARGO_BIN_EXE_baytrust"))
        .args(["auth", "connect", address])
        .args(client_args)
        .output()
        .expect("run baytrust auth connect")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn line_value(output: &Output, key: &str) -> Option<String> {
    text(&output.stdout)
        .lines()
        .find_map(|line| line.strip_prefix(&format!("{key}: ")).map(str::to_owned))
}

#[test]
fn an_sm2_mainland_company_and_a_hk_company_authenticate_each_other_over_loopback() {
    let (server, address) = serve("pair", args(&HK_RSA, ALL, &[]));
    let client = connect(&address, args(&CN_SM2, ALL, &[]));
    let server = server.wait_with_output().unwrap();
    assert_eq!(client.status.code(), Some(0), "{}", text(&client.stderr));
    assert_eq!(server.status.code(), Some(0), "{}", text(&server.stderr));
    assert_eq!(
        line_value(&client, "org_id").as_deref(),
        Some("NTRHK-12345678")
    );
    assert_eq!(
        line_value(&server, "org_id").as_deref(),
        Some("NTRCN-91110000600037341L")
    );
    assert_eq!(line_value(&client, "jurisdiction").as_deref(), Some("HK"));
    assert_eq!(
        line_value(&server, "peer").as_deref(),
        Some("前海科技有限公司")
    );
    assert!(line_value(&server, "recognised_by")
        .unwrap()
        .starts_with("CN trust list"));
    let binding = line_value(&client, "session_binding").unwrap();
    assert_eq!(binding.len(), 64);
    assert_eq!(line_value(&server, "session_binding"), Some(binding));
    assert!(text(&client.stderr).contains("Authentication successful"));
    assert!(text(&server.stderr).contains("listening on 127.0.0.1:"));
}

#[test]
fn the_reverse_direction_authenticates_and_reports_as_json() {
    let (server, address) = serve("reverse", args(&CN_SM2, ALL, &["--json"]));
    let client = connect(
        &address,
        args(
            &HK_RSA,
            ALL,
            &["--json", "--expect", "NTRCN-91110000600037341L"],
        ),
    );
    let server = server.wait_with_output().unwrap();
    assert_eq!(client.status.code(), Some(0), "{}", text(&client.stderr));
    assert_eq!(server.status.code(), Some(0), "{}", text(&server.stderr));
    let client: serde_json::Value = serde_json::from_slice(&client.stdout).unwrap();
    let server: serde_json::Value = serde_json::from_slice(&server.stdout).unwrap();
    assert_eq!(client["role"], "initiator");
    assert_eq!(client["authenticated"], true);
    assert_eq!(client["peer"]["org_id"], "NTRCN-91110000600037341L");
    assert_eq!(client["recognition"]["jurisdiction"], "CN");
    assert_eq!(server["role"], "responder");
    assert_eq!(server["peer"]["org_id"], "NTRHK-12345678");
    assert_eq!(client["session_binding"], server["session_binding"]);
}

#[test]
fn a_responder_not_accepting_the_cn_list_refuses_and_both_exit_4_saying_why() {
    let (server, address) = serve("accept-hk", args(&HK_RSA, ALL, &["--accept", "HK"]));
    let client = connect(&address, args(&CN_SM2, ALL, &[]));
    let server = server.wait_with_output().unwrap();
    assert_eq!(server.status.code(), Some(4), "{}", text(&server.stderr));
    assert_eq!(client.status.code(), Some(4), "{}", text(&client.stderr));
    let server_said = text(&server.stderr);
    assert!(
        server_said.contains("Authentication failure: the peer is not recognised (NOT_RECOGNISED"),
        "{server_said}"
    );
    assert!(
        server_said.contains("does not accept the CN trust list"),
        "{server_said}"
    );
    assert!(
        server_said.contains("[AuthPeerNotRecognised]"),
        "{server_said}"
    );
    let client_said = text(&client.stderr);
    assert!(
        client_said
            .contains("Authentication failure: the peer refused us: the peer is not recognised"),
        "{client_said}"
    );
    assert!(client.stdout.is_empty() && server.stdout.is_empty());
}

#[test]
fn an_initiator_not_accepting_the_hk_list_refuses_and_both_exit_4_saying_why() {
    let (server, address) = serve("accept-cn", args(&HK_RSA, ALL, &[]));
    let client = connect(&address, args(&CN_SM2, ALL, &["--accept", "CN"]));
    let server = server.wait_with_output().unwrap();
    assert_eq!(client.status.code(), Some(4), "{}", text(&client.stderr));
    assert_eq!(server.status.code(), Some(4), "{}", text(&server.stderr));
    assert!(
        text(&client.stderr).contains("does not accept the HK trust list"),
        "{}",
        text(&client.stderr)
    );
    assert!(
        text(&server.stderr).contains("the peer refused us: the peer is not recognised"),
        "{}",
        text(&server.stderr)
    );
}

#[test]
fn a_certificate_from_an_unlisted_ca_is_refused_by_both() {
    // The responder loads no HK list: the HK company's CA is listed nowhere it looks.
    let (server, address) = serve("unlisted", args(&CN_SM2, &["cn", "mo"], &["--json"]));
    let client = connect(&address, args(&HK_RSA, ALL, &[]));
    let server = server.wait_with_output().unwrap();
    assert_eq!(server.status.code(), Some(4));
    assert_eq!(client.status.code(), Some(4));
    let report: serde_json::Value = serde_json::from_slice(&server.stdout).unwrap();
    assert_eq!(report["authenticated"], false);
    assert_eq!(report["refused_by"], "local");
    assert_eq!(report["error_kind"], "AuthPeerNotRecognised");
    assert!(
        report["error"]
            .as_str()
            .unwrap()
            .contains("NO_CERTIFICATE_CHAIN_FOUND"),
        "{report}"
    );
    assert!(text(&client.stderr).contains("NO_CERTIFICATE_CHAIN_FOUND"));
}

#[test]
fn an_initiator_expecting_another_entity_is_refused_by_the_responder() {
    let (server, address) = serve("expect", args(&HK_RSA, ALL, &[]));
    let client = connect(&address, args(&CN_SM2, ALL, &["--expect", "NTRMO-40321"]));
    let server = server.wait_with_output().unwrap();
    assert_eq!(server.status.code(), Some(4));
    assert_eq!(client.status.code(), Some(4));
    assert!(
        text(&server.stderr)
            .contains("expected NTRMO-40321, the peer is NTRHK-12345678 [AuthIdentityUnexpected]"),
        "{}",
        text(&server.stderr)
    );
}

#[test]
fn an_oversize_frame_is_refused_before_it_is_read() {
    let (server, address) = serve("oversize", args(&HK_RSA, ALL, &[]));
    let mut stream = TcpStream::connect(address.trim()).unwrap();
    stream.write_all(&u32::MAX.to_be_bytes()).unwrap();
    let mut answer = Vec::new();
    let _ = stream.read_to_end(&mut answer);
    let server = server.wait_with_output().unwrap();
    assert_eq!(server.status.code(), Some(4));
    assert!(
        text(&server.stderr).contains("[AuthMessageTooLarge]"),
        "{}",
        text(&server.stderr)
    );
    // The refusal frame: length, tag 0, the reason.
    assert_eq!(answer.get(4), Some(&0));
    assert!(text(&answer).contains("AuthMessageTooLarge"));
}

#[test]
fn a_silent_peer_times_out_as_unreadable() {
    let mut server_args = args(&HK_RSA, ALL, &[]);
    let timeout = server_args.iter().position(|a| a == "--timeout").unwrap();
    server_args[timeout + 1] = "1".into();
    let (server, address) = serve("silent", server_args);
    let _stream = TcpStream::connect(address.trim()).unwrap();
    let server = server.wait_with_output().unwrap();
    assert_eq!(server.status.code(), Some(2), "{}", text(&server.stderr));
    assert!(
        text(&server.stderr).contains("connection: cannot read"),
        "{}",
        text(&server.stderr)
    );
}

#[test]
fn bad_options_exit_1_unreadable_files_2_and_a_mismatched_key_3() {
    let run = |extra: Vec<String>| {
        Command::new(env!("CARGO_BIN_EXE_baytrust"))
            .args(["auth", "connect", "127.0.0.1:9"])
            .args(extra)
            .output()
            .unwrap()
    };
    let bad_expect = run(args(&CN_SM2, ALL, &["--expect", "not-an-org-id"]));
    assert_eq!(
        bad_expect.status.code(),
        Some(1),
        "{}",
        text(&bad_expect.stderr)
    );
    let mut missing_key = args(&CN_SM2, ALL, &[]);
    missing_key[3] = "/nonexistent/key.pem".into();
    assert_eq!(run(missing_key).status.code(), Some(2));
    let mut wrong_key = args(&CN_SM2, ALL, &[]);
    wrong_key[3] = path(&format!("{KEYS}/{}", HK_RSA.key));
    let wrong = run(wrong_key);
    assert_eq!(wrong.status.code(), Some(3), "{}", text(&wrong.stderr));
    assert!(text(&wrong.stderr).contains("signing key does not belong"));
}

/// Without `--once` the server outlives a connection that fails: a silent client
/// times out, and the next client still authenticates.
#[test]
fn a_serving_responder_survives_a_failed_connection() {
    let port_file = scratch("survive").join("port");
    let mut server_args = args(&HK_RSA, ALL, &[]);
    let timeout = server_args.iter().position(|a| a == "--timeout").unwrap();
    server_args[timeout + 1] = "1".into();
    let mut server = Command::new(env!("CARGO_BIN_EXE_baytrust"))
        .args(["auth", "serve", "--listen", "127.0.0.1:0", "--port-file"])
        .arg(&port_file)
        .args(server_args)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let started = Instant::now();
    let address = loop {
        if let Ok(address) = std::fs::read_to_string(&port_file) {
            break address;
        }
        assert!(
            started.elapsed() < Duration::from_secs(60),
            "server never listened"
        );
        std::thread::sleep(Duration::from_millis(50));
    };
    {
        let mut silent = TcpStream::connect(address.trim()).unwrap();
        let mut sink = Vec::new();
        let _ = silent.read_to_end(&mut sink);
    }
    let client = connect(&address, args(&CN_SM2, ALL, &[]));
    let _ = server.kill();
    let _ = server.wait();
    assert_eq!(client.status.code(), Some(0), "{}", text(&client.stderr));
    assert_eq!(
        line_value(&client, "org_id").as_deref(),
        Some("NTRHK-12345678")
    );
}

fn write_frame(stream: &mut TcpStream, bytes: &[u8]) {
    stream
        .write_all(&u32::try_from(bytes.len()).unwrap().to_be_bytes())
        .unwrap();
    stream.write_all(bytes).unwrap();
}

fn read_frame(stream: &mut TcpStream) -> Vec<u8> {
    let mut length = [0u8; 4];
    stream.read_exact(&mut length).unwrap();
    let mut bytes = vec![0u8; usize::try_from(u32::from_be_bytes(length)).unwrap()];
    stream.read_exact(&mut bytes).unwrap();
    bytes
}

/// An initiator (this test, through the library) whose message 3 is tampered with:
/// the responder process refuses it, says why in a refusal frame, and exits 4.
#[test]
fn a_tampered_message_3_is_refused_by_the_serving_process_with_the_reason() {
    let read = |p: &str| std::fs::read(testdata(p)).unwrap();
    let now = baytrust::Time::parse_rfc3339("2026-06-01T00:00:00Z").unwrap();
    let mut builder = baytrust::Verifier::builder();
    for (jurisdiction, code) in [
        (baytrust::Jurisdiction::Cn, "cn"),
        (baytrust::Jurisdiction::Hk, "hk"),
        (baytrust::Jurisdiction::Mo, "mo"),
    ] {
        builder = builder
            .trust_list(
                jurisdiction,
                &read(&format!("trust-lists/{code}.p7s")),
                &read(&format!("pki/{code}/trust-list-operator-ca.pem")),
                now,
            )
            .unwrap();
    }
    let verifier = builder.build().unwrap();
    let credentials = baytrust::Credentials::new(
        baytrust::decode_certificates(&read(CN_SM2.chain)).unwrap(),
        baytrust::SigningKey::from_pkcs8_pem(&read(&format!("{KEYS}/{}", CN_SM2.key))).unwrap(),
    )
    .unwrap();
    let cache = baytrust::ReplayCache::default();
    let initiator = baytrust::Initiator::new(&verifier, &credentials, &cache);

    let (server, address) = serve("tampered-3", args(&HK_RSA, ALL, &[]));
    let mut stream = TcpStream::connect(address.trim()).unwrap();
    let (waiting, message1) = initiator
        .start(now, &mut baytrust::SystemNonceSource)
        .unwrap();
    write_frame(&mut stream, message1.as_bytes());
    let message2 = baytrust::Message2::from_der(&read_frame(&mut stream)).unwrap();
    let (peer, message3) = waiting.finish(&message2, now).unwrap();
    assert_eq!(peer.entity.org_id.canonical(), "NTRHK-12345678");
    let mut tampered = message3.as_bytes().to_vec();
    *tampered.last_mut().unwrap() ^= 1;
    write_frame(&mut stream, &tampered);
    let answer = read_frame(&mut stream);
    let server = server.wait_with_output().unwrap();
    assert_eq!(server.status.code(), Some(4));
    assert_eq!(answer.first(), Some(&0), "a refusal frame");
    assert!(
        text(&answer).contains("[AuthSignatureInvalid]"),
        "{}",
        text(&answer)
    );
    assert!(
        text(&server.stderr).contains("initiator's signature over the transcript does not verify"),
        "{}",
        text(&server.stderr)
    );
}
