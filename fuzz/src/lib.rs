//! What the server targets share: one market per process, driven in-process through the real
//! router (`tower::ServiceExt::oneshot`, no socket). The market is a SQLite file (in /dev/shm
//! when there is one, so commits cost no disk), seeded with the demo's accounts and 40
//! postings at a fixed "now", with staff and the demo employer signed in and records in each
//! state a request can act on. Requests name them by placeholders, replaced before sending:
//!
//! | placeholder | what |
//! |---|---|
//! | `{staff}`, `{employer}` | the session token of each (`cookie: linggong_session={staff}`) |
//! | `{posting}` | a published posting of the employer |
//! | `{pending}` | a posting of the employer waiting for staff (its pay looks wrong) |
//! | `{application}`, `{token}` | an application to `{posting}`, submitted, and its bearer token |
//! | `{offered}`, `{confirmed}`, `{arrived}` | one offered, one confirmed, one arrived (`{offered_token}`, …) |
//! | `{code}` | the check-in code of `{confirmed}` |
//! | `{registration}`, `{registration_token}` | a registration and its bearer token |
//!
//! After a request that changed something, [`Market::restore`] puts back each record that is
//! no longer in its state (a new one, under a new id), so every input finds them as above.
//! Other changes stay (accounts, reports, postings): a crash is reproduced by its input alone
//! in most cases, else by the corpus run in order. `LINGGONG_FUZZ_TRACE=1` prints each
//! request's method, path, status and the start of its body.

use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::{Arc, Mutex, OnceLock};
use std::time::Duration;

use axum::Router;
use axum::body::Body;
use axum::http::{HeaderMap, Method, Request, StatusCode, header};
use futures_util::StreamExt;
use linggong_core::Timestamp;
use linggong_server::clock::ManualClock;
use linggong_server::store::SqlStore;
use linggong_server::{AppState, DEMO_EMPLOYER, DEMO_PASSWORD, DEMO_STAFF, MarketConfig};
use serde_json::{Value, json};
use tower::ServiceExt;

/// The instant the market lives at (the tests' instant).
pub const NOW: &str = "2026-11-23T09:00:00+08:00";
/// How long a live stream's first bytes may take: a stream that is up to date sends nothing.
const FIRST_EVENT: Duration = Duration::from_millis(50);
/// How long any other body may take to end (they are in memory: a hang if it does not).
const WHOLE_BODY: Duration = Duration::from_secs(2);
/// The applications kept in each state: placeholder, its token's, the state, the steps there.
const APPLICATIONS: [(&str, &str, &str, &[&str]); 4] = [
    ("{application}", "{token}", "submitted", &[]),
    ("{offered}", "{offered_token}", "offered", &["offer"]),
    (
        "{confirmed}",
        "{confirmed_token}",
        "confirmed",
        &["offer", "confirm"],
    ),
    (
        "{arrived}",
        "{arrived_token}",
        "arrived",
        &["offer", "confirm", "arrive"],
    ),
];

/// The market of this process.
pub struct Market {
    rt: tokio::runtime::Runtime,
    app: Router,
    names: Mutex<Vec<(&'static str, String)>>,
    /// A clean posting of the demo, the template of `{posting}` and `{pending}`.
    template: Value,
    made: AtomicU32,
}

/// An answer: its status, headers and body (a live stream's first bytes only).
#[derive(Debug)]
pub struct Answer {
    /// The status.
    pub status: StatusCode,
    /// The headers.
    pub headers: HeaderMap,
    /// The body, or what of it came within the time allowed.
    pub body: Vec<u8>,
}

impl Answer {
    /// The body as JSON (`null` if it is not).
    pub fn json(&self) -> Value {
        serde_json::from_slice(&self.body).unwrap_or(Value::Null)
    }

    /// Whether the body is a live stream.
    pub fn is_stream(&self) -> bool {
        content_type(&self.headers).starts_with("text/event-stream")
    }
}

fn content_type(headers: &HeaderMap) -> &str {
    headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
}

/// How a helper request says who it is.
enum As<'a> {
    Anyone,
    Session(&'a str),
    Bearer(&'a str),
}

/// The market, opened on first use.
pub fn market() -> &'static Market {
    static MARKET: OnceLock<Market> = OnceLock::new();
    MARKET.get_or_init(Market::open)
}

impl Market {
    fn open() -> Self {
        let rt = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .expect("a runtime");
        let now: Timestamp = NOW.parse().unwrap();
        let store = rt.block_on(async {
            let store = SqlStore::connect(&database_url())
                .await
                .expect("the database");
            linggong_server::seed_demo(&store, 40, now)
                .await
                .expect("the demo");
            store
        });
        let clock = Arc::new(ManualClock::new(now));
        let app = linggong_server::router(AppState::new(store, clock, MarketConfig::default()));
        let mut market = Self {
            rt,
            app,
            names: Mutex::new(Vec::new()),
            template: Value::Null,
            made: AtomicU32::new(0),
        };
        let feed = market.call(Method::GET, "/api/v1/feed?limit=1", As::Anyone, Value::Null);
        market.template = feed.json()["changes"][0]["posting"].clone();
        market.sign_in();
        market.restore();
        market
    }

    /// Sends `request`; the answer with its body read (a stream's first bytes only).
    pub fn send(&self, request: Request<Body>) -> Answer {
        static TRACE: OnceLock<bool> = OnceLock::new();
        let trace = *TRACE.get_or_init(|| std::env::var_os("LINGGONG_FUZZ_TRACE").is_some());
        let asked = trace.then(|| format!("{} {}", request.method(), request.uri()));
        let answer = self.rt.block_on(async {
            let response = self.app.clone().oneshot(request).await.expect("infallible");
            let (parts, body) = response.into_parts();
            let stream = content_type(&parts.headers).starts_with("text/event-stream");
            let mut frames = body.into_data_stream();
            let mut bytes = Vec::new();
            if stream {
                if let Ok(Some(Ok(first))) = tokio::time::timeout(FIRST_EVENT, frames.next()).await
                {
                    bytes.extend_from_slice(&first);
                }
            } else {
                let whole = async {
                    while let Some(frame) = frames.next().await {
                        bytes.extend_from_slice(&frame.expect("a body frame"));
                    }
                };
                tokio::time::timeout(WHOLE_BODY, whole)
                    .await
                    .expect("the body ends");
            }
            Answer {
                status: parts.status,
                headers: parts.headers,
                body: bytes,
            }
        });
        if let Some(asked) = asked {
            let body = String::from_utf8_lossy(&answer.body);
            let start: String = body.chars().take(300).collect();
            eprintln!("{asked} → {} {start}", answer.status);
        }
        answer
    }

    /// A request of the market's own (JSON, as a client sends it).
    fn call(&self, method: Method, path: &str, who: As<'_>, body: Value) -> Answer {
        let mut request = Request::builder().method(method).uri(path);
        request = match who {
            As::Anyone => request,
            As::Session(token) => {
                request.header(header::COOKIE, format!("linggong_session={token}"))
            }
            As::Bearer(token) => request.header(header::AUTHORIZATION, format!("Bearer {token}")),
        };
        let body = if body.is_null() {
            Body::empty()
        } else {
            request = request.header(header::CONTENT_TYPE, "application/json");
            Body::from(body.to_string())
        };
        self.send(request.body(body).unwrap())
    }

    /// `text` with every placeholder replaced.
    pub fn expand(&self, text: &str) -> String {
        let names = self.names.lock().unwrap();
        names.iter().fold(text.to_string(), |text, (name, value)| {
            text.replace(name, value)
        })
    }

    fn set(&self, name: &'static str, value: String) {
        let mut names = self.names.lock().unwrap();
        names.retain(|(n, _)| *n != name);
        names.push((name, value));
    }

    fn get(&self, name: &str) -> String {
        let names = self.names.lock().unwrap();
        let found = names.iter().find(|(n, _)| *n == name);
        found.map_or_else(String::new, |(_, v)| v.clone())
    }

    /// Signs staff and the employer in again if either session has ended.
    pub fn keep_signed_in(&self) {
        let ended = ["{staff}", "{employer}"].iter().any(|name| {
            let token = self.get(name);
            let who = self.call(
                Method::GET,
                "/api/v1/session",
                As::Session(&token),
                Value::Null,
            );
            who.status != StatusCode::OK
        });
        if ended {
            self.sign_in();
        }
    }

    /// Signs staff and the employer in, and keeps their session tokens.
    fn sign_in(&self) {
        for (name, phone) in [("{staff}", DEMO_STAFF), ("{employer}", DEMO_EMPLOYER)] {
            let body = json!({"phone": phone, "password": DEMO_PASSWORD});
            let answer = self.call(Method::POST, "/api/v1/session", As::Anyone, body);
            assert_eq!(answer.status, StatusCode::NO_CONTENT, "sign-in of {phone}");
            let token = answer
                .headers
                .get_all(header::SET_COOKIE)
                .iter()
                .filter_map(|v| v.to_str().ok())
                .find_map(|v| v.strip_prefix("linggong_session="))
                .and_then(|v| v.split(';').next())
                .expect("a session cookie")
                .to_string();
            self.set(name, token);
        }
    }

    /// Puts back every record a request took out of its state (see the module).
    pub fn restore(&self) {
        let staff = self.get("{staff}");
        let status = |path: String, who: As<'_>| {
            let answer = self.call(Method::GET, &path, who, Value::Null);
            answer.json()["status"].as_str().unwrap_or("").to_string()
        };
        let posting_gone = status(
            format!("/api/v1/postings/{}", self.get("{posting}")),
            As::Session(&staff),
        ) != "published";
        if posting_gone {
            self.set("{posting}", self.new_posting(false));
        }
        if status(
            format!("/api/v1/postings/{}", self.get("{pending}")),
            As::Session(&staff),
        ) != "pending_review"
        {
            self.set("{pending}", self.new_posting(true));
        }
        for (name, token_name, state, steps) in APPLICATIONS {
            let token = self.get(token_name);
            let path = format!("/api/v1/applications/{}", self.get(name));
            if posting_gone || status(path, As::Bearer(&token)) != state {
                let (id, token, code) = self.new_application(steps);
                if state == "confirmed" {
                    self.set("{code}", code);
                }
                self.set(name, id);
                self.set(token_name, token);
            }
        }
        let registration = self.get("{registration}");
        let token = self.get("{registration_token}");
        let path = format!("/api/v1/registrations/{registration}");
        if self
            .call(Method::GET, &path, As::Bearer(&token), Value::Null)
            .status
            != StatusCode::OK
        {
            let (id, answer) = self.first_new(|id, _| {
                let profile = json!({"id": id, "trades": ["保洁员"],
                    "location": {"lat": 32.06, "lng": 118.79}, "priority": ["elderly"]});
                let body = json!({"id": id, "profile": profile,
                    "consent": {"registration": true, "priority": true}});
                self.call(Method::POST, "/api/v1/registrations", As::Anyone, body)
            });
            self.set("{registration_token}", self.token(&answer));
            self.set("{registration}", id);
        }
    }

    /// A new posting of the employer: the template under a new id; `pending` with a pay far
    /// from the usual (the audit warns, staff look first).
    fn new_posting(&self, pending: bool) -> String {
        let id = format!("fuzz-{}", self.new_id().0);
        let mut posting = self.template.clone();
        posting["id"] = json!(id);
        // Room for every application the inputs confirm before one takes it out of its state.
        posting["headcount"] = json!(50);
        if pending {
            posting["pay"]["amount"] = json!(5000);
            posting["pay"]["unit"] = json!("day");
        }
        let employer = self.get("{employer}");
        let answer = self.call(
            Method::POST,
            "/api/v1/postings",
            As::Session(&employer),
            posting,
        );
        let expected = if pending {
            "pending_review"
        } else {
            "published"
        };
        assert_eq!(answer.json()["status"], expected, "a new posting");
        id
    }

    /// A new application to `{posting}` taken through `steps`: its id, token and check-in code.
    fn new_application(&self, steps: &[&str]) -> (String, String, String) {
        // A fresh id and phone number (an input may have taken one: then the next).
        let (id, answer) = self.first_new(|id, n| {
            let body = json!({"id": id, "posting_id": self.get("{posting}"), "name": "王师傅",
                "phone": format!("137{n:08}"), "created_at": NOW});
            self.call(Method::POST, "/api/v1/applications", As::Anyone, body)
        });
        let token = self.token(&answer);
        let employer = self.get("{employer}");
        let path = format!("/api/v1/applications/{id}");
        let code = |market: &Self| {
            let answer = market.call(Method::GET, &path, As::Bearer(&token), Value::Null);
            answer.json()["check_in_code"]
                .as_str()
                .unwrap_or("")
                .to_string()
        };
        for step in steps {
            let path = format!("{path}/{step}");
            let answer = match *step {
                "confirm" => self.call(Method::POST, &path, As::Bearer(&token), Value::Null),
                "arrive" => {
                    let body = json!({"code": code(self)});
                    self.call(Method::POST, &path, As::Session(&employer), body)
                }
                _ => self.call(Method::POST, &path, As::Session(&employer), Value::Null),
            };
            assert_eq!(answer.status, StatusCode::OK, "{step}: {:?}", answer.json());
        }
        let code = code(self);
        (id, token, code)
    }

    fn token(&self, answer: &Answer) -> String {
        let token = answer.json()["token"].as_str().map(str::to_string);
        token.unwrap_or_else(|| panic!("a token in {:?}", answer.json()))
    }

    /// A UUID of the harness's own, and its number.
    fn new_id(&self) -> (String, u32) {
        let n = self.made.fetch_add(1, Ordering::Relaxed) + 1;
        (format!("0f1e2d3c-4b5a-4978-8695-{n:012x}"), n)
    }

    /// The first of `make(id, n)` over new ids that the market takes as new (201).
    fn first_new(&self, make: impl Fn(&str, u32) -> Answer) -> (String, Answer) {
        for _ in 0..10 {
            let (id, n) = self.new_id();
            let answer = make(&id, n);
            if answer.status == StatusCode::CREATED {
                return (id, answer);
            }
        }
        panic!("the harness could not make a record")
    }
}

/// A fresh SQLite file for this process; files of processes that are gone are removed.
fn database_url() -> String {
    let dir = std::path::Path::new("/dev/shm");
    let dir = if dir.is_dir() {
        dir.to_path_buf()
    } else {
        std::env::temp_dir()
    };
    let prefix = "linggong-fuzz-";
    for entry in std::fs::read_dir(&dir).into_iter().flatten().flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let pid = name
            .strip_prefix(prefix)
            .and_then(|rest| rest.split('.').next());
        if let Some(pid) = pid
            && !std::path::Path::new(&format!("/proc/{pid}")).exists()
        {
            let _ = std::fs::remove_file(entry.path());
        }
    }
    let path = dir.join(format!("{prefix}{}.db", std::process::id()));
    format!("sqlite://{}", path.display())
}
