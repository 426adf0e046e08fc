//! Abuse limits: how often one address may sign in, open accounts, post, and send
//! applications, reports or registrations; how often one employer account may post and one
//! phone number apply, whatever address they come from; and how many wrong passwords one
//! phone number's account may be tried with before sign-in slows to one try a minute. A 429
//! with `Retry-After` beyond that. Token buckets in memory, per process (a province running
//! several processes multiplies them by that number). Behind a proxy every client shares the
//! proxy's address: limit there too, or run with the limits off (`LINGGONG_RATE_LIMIT=off`,
//! also what tests and load benchmarks use).

use std::collections::HashMap;
use std::net::{IpAddr, SocketAddr};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use axum::extract::{ConnectInfo, Request, State};
use axum::http::Method;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::error::ApiError;

/// What is limited, and how: a burst of `burst` requests, then one each `every`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Class {
    /// `POST /api/v1/session`: 10, then one every 6 s.
    SignIn,
    /// `POST /api/v1/accounts`: 5, then one every 10 min.
    Account,
    /// `POST /api/v1/postings` and imports: 60, then one a minute.
    Posting,
    /// Applications, their steps, reports, registrations: 30, then one every 2 s.
    Outbox,
    /// Wrong passwords for one account: 5, then one a minute (a right one costs nothing).
    WrongPassword,
}

/// Whom a limit counts: an address, an account, or a phone number.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Subject {
    /// The client's address (every request of the class).
    Ip(IpAddr),
    /// An employer account (its postings).
    Account(i64),
    /// A phone number (its applications; wrong passwords for its account).
    Phone(String),
}

impl Class {
    fn of(method: &Method, path: &str) -> Option<Self> {
        if *method != Method::POST && *method != Method::PUT {
            return None;
        }
        let path = path.strip_prefix("/api/v1")?;
        match path {
            "/session" => Some(Self::SignIn),
            "/accounts" => Some(Self::Account),
            "/postings" | "/import/postings.jsonl" => Some(Self::Posting),
            "/applications" | "/reports" | "/registrations" => Some(Self::Outbox),
            _ if path.starts_with("/applications/") || path.starts_with("/registrations/") => {
                Some(Self::Outbox)
            }
            _ => None,
        }
    }

    fn rule(self) -> (f64, Duration) {
        match self {
            Self::SignIn => (10.0, Duration::from_secs(6)),
            Self::Account => (5.0, Duration::from_secs(600)),
            Self::Posting => (60.0, Duration::from_secs(60)),
            Self::Outbox => (30.0, Duration::from_secs(2)),
            Self::WrongPassword => (5.0, Duration::from_secs(60)),
        }
    }
}

#[derive(Debug, Clone, Copy)]
struct Bucket {
    tokens: f64,
    at: Instant,
}

/// The buckets of one process.
#[derive(Debug, Default)]
pub struct Limiter {
    buckets: Mutex<HashMap<(Class, Subject), Bucket>>,
    /// The reverse proxy in front, whose `X-Forwarded-For` names the client.
    proxy: Option<IpAddr>,
}

/// Past this many addresses, full buckets are forgotten (they hold no information).
const MAX_TRACKED: usize = 50_000;

impl Limiter {
    /// A limiter for a server behind `proxy` (or reached directly).
    pub fn behind(proxy: Option<IpAddr>) -> Self {
        Self {
            proxy,
            ..Self::default()
        }
    }

    /// The client's address: the peer's, or behind the trusted proxy the last address its
    /// `X-Forwarded-For` names (the one the proxy saw; earlier ones the client could forge).
    pub fn client(&self, peer: IpAddr, forwarded_for: Option<&str>) -> IpAddr {
        if Some(peer) != self.proxy {
            return peer;
        }
        forwarded_for
            .and_then(|list| list.rsplit(',').next())
            .and_then(|last| last.trim().parse().ok())
            .unwrap_or(peer)
    }

    /// Takes one request of `class` from `who` at `now`: `Ok`, or how long to wait.
    pub fn take(&self, class: Class, who: Subject, now: Instant) -> Result<(), Duration> {
        self.with_bucket(class, who, now, |bucket| {
            if bucket.tokens >= 1.0 {
                bucket.tokens -= 1.0;
            }
        })
    }

    /// Whether `who` may make a request of `class` at `now`, without taking it (a wrong
    /// password is taken only once it is known to be wrong).
    pub fn check(&self, class: Class, who: Subject, now: Instant) -> Result<(), Duration> {
        self.with_bucket(class, who, now, |_| {})
    }

    /// Refills the bucket to `now`, says whether it holds a token, then applies `then`.
    fn with_bucket(
        &self,
        class: Class,
        who: Subject,
        now: Instant,
        then: impl FnOnce(&mut Bucket),
    ) -> Result<(), Duration> {
        let (burst, every) = class.rule();
        let Ok(mut buckets) = self.buckets.lock() else {
            return Ok(()); // a poisoned lock must not lock everyone out
        };
        if buckets.len() > MAX_TRACKED {
            buckets.retain(|(c, _), b| {
                let (burst, every) = c.rule();
                b.tokens + now.duration_since(b.at).as_secs_f64() / every.as_secs_f64() < burst
            });
        }
        let bucket = buckets.entry((class, who)).or_insert(Bucket {
            tokens: burst,
            at: now,
        });
        let refill = now.duration_since(bucket.at).as_secs_f64() / every.as_secs_f64();
        bucket.tokens = (bucket.tokens + refill).min(burst);
        bucket.at = now;
        let verdict = if bucket.tokens >= 1.0 {
            Ok(())
        } else {
            Err(every.mul_f64(1.0 - bucket.tokens))
        };
        then(bucket);
        verdict
    }
}

/// The middleware (installed only when the limits are on).
pub async fn limit(
    State(limiter): State<std::sync::Arc<Limiter>>,
    req: Request,
    next: Next,
) -> Response {
    let class = Class::of(req.method(), req.uri().path());
    let forwarded = req
        .headers()
        .get("x-forwarded-for")
        .and_then(|v| v.to_str().ok());
    let ip = req
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map(|ConnectInfo(addr)| limiter.client(addr.ip(), forwarded));
    if let (Some(class), Some(ip)) = (class, ip)
        && let Err(wait) = limiter.take(class, Subject::Ip(ip), Instant::now())
    {
        return ApiError::rate_limited(wait).into_response();
    }
    next.run(req).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_burst_is_allowed_then_one_per_interval_per_address_and_class() {
        let limiter = Limiter::default();
        let ip = |text: &str| Subject::Ip(text.parse().unwrap());
        let (a, b) = (ip("10.0.0.1"), ip("10.0.0.2"));
        let t0 = Instant::now();
        for _ in 0..10 {
            assert_eq!(limiter.take(Class::SignIn, a.clone(), t0), Ok(()));
        }
        let wait = limiter.take(Class::SignIn, a.clone(), t0).unwrap_err();
        assert_eq!(wait, Duration::from_secs(6));
        assert_eq!(
            limiter.take(Class::SignIn, b, t0),
            Ok(()),
            "another address"
        );
        assert_eq!(
            limiter.take(Class::Outbox, a.clone(), t0),
            Ok(()),
            "another class"
        );
        assert_eq!(
            limiter.take(Class::SignIn, a.clone(), t0 + Duration::from_secs(6)),
            Ok(()),
            "refilled"
        );
        assert!(
            limiter
                .take(Class::SignIn, a, t0 + Duration::from_secs(6))
                .is_err()
        );
    }

    #[test]
    fn a_check_takes_nothing_and_a_phone_is_counted_apart_from_its_address() {
        let limiter = Limiter::default();
        let phone = Subject::Phone("13800000001".into());
        let t0 = Instant::now();
        for _ in 0..5 {
            assert_eq!(
                limiter.check(Class::WrongPassword, phone.clone(), t0),
                Ok(())
            );
            assert_eq!(
                limiter.take(Class::WrongPassword, phone.clone(), t0),
                Ok(())
            );
        }
        let wait = limiter.check(Class::WrongPassword, phone.clone(), t0);
        assert_eq!(wait, Err(Duration::from_secs(60)));
        assert_eq!(wait, limiter.check(Class::WrongPassword, phone.clone(), t0));
        let other = Subject::Phone("13800000002".into());
        assert_eq!(limiter.check(Class::WrongPassword, other, t0), Ok(()));
        let later = t0 + Duration::from_secs(60);
        assert_eq!(limiter.check(Class::WrongPassword, phone, later), Ok(()));
    }

    #[test]
    fn the_client_is_the_trusted_proxys_last_forwarded_address_and_no_one_elses() {
        let proxy: IpAddr = "127.0.0.1".parse().unwrap();
        let limiter = Limiter::behind(Some(proxy));
        let client = |peer: &str, header| limiter.client(peer.parse().unwrap(), header);
        let ip = |text: &str| -> IpAddr { text.parse().unwrap() };
        assert_eq!(
            client("127.0.0.1", Some("6.6.6.6, 10.1.2.3")),
            ip("10.1.2.3")
        );
        assert_eq!(client("127.0.0.1", Some("not an address")), proxy);
        assert_eq!(client("127.0.0.1", None), proxy);
        assert_eq!(
            client("10.9.9.9", Some("1.2.3.4")),
            ip("10.9.9.9"),
            "not the proxy"
        );
        assert_eq!(
            Limiter::default().client(ip("10.9.9.9"), Some("1.2.3.4")),
            ip("10.9.9.9")
        );
    }

    #[test]
    fn only_changes_to_limited_routes_are_classed() {
        assert_eq!(
            Class::of(&Method::POST, "/api/v1/session"),
            Some(Class::SignIn)
        );
        assert_eq!(Class::of(&Method::DELETE, "/api/v1/session"), None);
        assert_eq!(
            Class::of(&Method::POST, "/api/v1/applications/x/confirm"),
            Some(Class::Outbox)
        );
        assert_eq!(Class::of(&Method::GET, "/api/v1/feed"), None);
        assert_eq!(Class::of(&Method::POST, "/api/v1/moderation/x"), None);
    }
}
