//! `dateline serve`: the query commands over HTTP, as JSON.
//!
//! Every route answers with the rows `--format json` prints (the same typed row model), reads
//! the store through a read-only handle opened per request (SQLite opens in about a millisecond,
//! and no handle is shared between threads), checks its parameters as the command line does,
//! and sets a Content-Security-Policy that allows nothing to run. Listings page with `limit`
//! (default 100, at most 1,000) and `offset`; `X-Total-Count` says how many rows match in all.
//! The routes and their parameters: docs/api.md.

use crate::corpus_cmd;
use anyhow::{Context, Result};
use axum::extract::DefaultBodyLimit;
use axum::extract::{Path as UrlPath, Query, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;
use dateline_store::{Filters, Narrowing, Store, Table};
use std::collections::HashMap;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;

/// Rows a listing returns when the request names no `limit`, and the most it may ask for.
const DEFAULT_ROWS: usize = 100;
const MAX_ROWS: usize = 1000;

/// The routes, with the parameters each takes (served at `/api` and listed in docs/api.md).
const ROUTES: &[(&str, &str)] = &[
    (
        "/api/events",
        "actor, with, type, since, until, place, status, reports, limit, offset",
    ),
    ("/api/actors", "limit, offset"),
    (
        "/api/network",
        "actor, type, since, until, place, status, limit, offset",
    ),
    ("/api/figures", "kind, country, limit, offset"),
    ("/api/figures/points", "kind, country, limit, offset"),
    ("/api/quotes", "speaker, limit, offset"),
    ("/api/stances", "actor, issue, limit, offset"),
    ("/api/stances/evidence", "actor, issue, limit, offset"),
    ("/api/timeline", "actor (required), limit, offset"),
    (
        "/api/search",
        "q (required), raw, since, until, outlet, actor, type, place, limit",
    ),
    (
        "/api/search/facets",
        "q (required), raw, since, until, outlet, actor, type, place",
    ),
    ("/api/articles", "limit, offset"),
    ("/api/articles/{id}", "the article's stored record"),
];

/// The pages, listed at `/api` beside the routes.
const PAGES: &[(&str, &str)] = &[
    (
        "/",
        "the overview: timeline, largest figure series, network, latest articles",
    ),
    (
        "/search",
        "q, raw, since, until, outlet, actor, type, place",
    ),
    ("/events", "actor, with, type, since, until, place"),
    ("/figures", "kind, country"),
    ("/network", "actor, type, since, until"),
    ("/stances", "actor, issue"),
    (
        "/articles/{id}",
        "the article's text with every annotation drawn on it",
    ),
];

/// Rows the overview and the chart pages read: enough for every series and pair of a large
/// store's first screen, few enough to draw in milliseconds.
const CHART_ROWS: usize = 5000;

#[derive(clap::Args)]
pub struct ServeArgs {
    /// Address to listen on: localhost unless told otherwise.
    #[arg(long, default_value = "127.0.0.1:8080")]
    addr: SocketAddr,
    #[command(flatten)]
    db: corpus_cmd::DbArg,
    /// Accept articles from the page and POST /api/ingest (with the bearer token).
    #[arg(long)]
    allow_ingest: bool,
    /// The bearer token an ingest must carry (at least 16 characters; default: generated and
    /// printed). Also read from DATELINE_TOKEN.
    #[arg(long, requires = "allow_ingest")]
    token: Option<String>,
    /// The largest ingest request accepted, in megabytes.
    #[arg(long, value_name = "MB", default_value_t = 64, value_parser = clap::value_parser!(u64).range(1..=4096))]
    max_upload: u64,
}

#[derive(Clone)]
pub(crate) struct Served {
    pub(crate) db: Arc<PathBuf>,
    /// Present when ingest is allowed: the token, and the lock that lets one ingest run at a time.
    pub(crate) ingest: Option<Arc<Gate>>,
}

pub(crate) struct Gate {
    pub(crate) token: String,
    pub(crate) max_bytes: usize,
    pub(crate) one_at_a_time: tokio::sync::Mutex<()>,
}

/// An answer that is not rows: a status and a message, as JSON.
pub(crate) struct Failure(pub(crate) StatusCode, pub(crate) String);

impl IntoResponse for Failure {
    fn into_response(self) -> Response {
        let body = serde_json::json!({ "error": self.1 }).to_string();
        json_response(self.0, body, None)
    }
}

impl From<dateline_store::Error> for Failure {
    fn from(e: dateline_store::Error) -> Self {
        use dateline_store::Error::*;
        let status = match &e {
            UnknownActor(_) => StatusCode::NOT_FOUND,
            SearchSyntax { .. } => StatusCode::BAD_REQUEST,
            _ => StatusCode::INTERNAL_SERVER_ERROR,
        };
        // The command line's advice ("try `dateline actors`", "drop --raw") points to the
        // routes here.
        let message = e
            .to_string()
            .replace("(try `dateline actors`)", "(GET /api/actors lists them)")
            .replace(
                "(drop --raw to search for the words)",
                "(drop raw=true to search for the words)",
            );
        Failure(status, message)
    }
}

pub fn run(args: ServeArgs) -> Result<ExitCode> {
    let db = args.db.db.clone();
    if !db.exists() {
        anyhow::bail!(
            "no corpus database at {} (run `dateline ingest PATH --db {}` first)",
            db.display(),
            db.display()
        );
    }
    // Refuse what is not a corpus before listening: the same checks every query makes.
    Store::open_read(&db)?;
    // The environment keeps the token out of the process list.
    let given = args
        .token
        .clone()
        .or_else(|| std::env::var("DATELINE_TOKEN").ok());
    let ingest = match args.allow_ingest {
        false => None,
        true => Some(Arc::new(Gate {
            token: crate::upload::token(given.clone())?,
            max_bytes: (args.max_upload * 1024 * 1024) as usize,
            one_at_a_time: tokio::sync::Mutex::new(()),
        })),
    };
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .context("starting the server's runtime")?;
    let served = Served {
        db: Arc::new(db),
        ingest,
    };
    runtime.block_on(serve(served, args.addr, given.is_none()))?;
    Ok(ExitCode::SUCCESS)
}

async fn serve(served: Served, addr: SocketAddr, print_token: bool) -> Result<()> {
    let listener = tokio::net::TcpListener::bind(addr)
        .await
        .with_context(|| format!("cannot listen on {addr}"))?;
    let bound = listener.local_addr()?;
    eprintln!(
        "dateline: serving {} at http://{bound}/ (pages; JSON under /api; Ctrl-C stops)",
        served.db.display()
    );
    if let Some(gate) = &served.ingest {
        match print_token {
            true => eprintln!(
                "dateline: ingest allowed at http://{bound}/ingest with the token {} (requests up to {} MB)",
                gate.token,
                gate.max_bytes / (1024 * 1024)
            ),
            false => eprintln!(
                "dateline: ingest allowed at http://{bound}/ingest with the token given (requests up to {} MB)",
                gate.max_bytes / (1024 * 1024)
            ),
        }
    }
    axum::serve(listener, router(served))
        .with_graceful_shutdown(async {
            let _ = tokio::signal::ctrl_c().await;
        })
        .await
        .context("serving")?;
    Ok(())
}

fn router(served: Served) -> Router {
    let limit = served.ingest.as_ref().map_or(1024 * 1024, |g| g.max_bytes);
    let ingest = Router::new()
        .route("/api/ingest", post(crate::upload_routes::api_ingest))
        .route(
            "/ingest",
            get(crate::upload_routes::ingest_page).post(crate::upload_routes::form_ingest),
        )
        .layer(DefaultBodyLimit::max(limit));
    Router::new()
        .merge(ingest)
        .route("/api", get(routes))
        .route("/api/events", get(events))
        .route("/api/actors", get(actors))
        .route("/api/network", get(network))
        .route("/api/figures", get(figures))
        .route("/api/figures/points", get(figure_points))
        .route("/api/quotes", get(quotes))
        .route("/api/stances", get(stances))
        .route("/api/stances/evidence", get(stance_evidence))
        .route("/api/timeline", get(timeline))
        .route("/api/search", get(search))
        .route("/api/search/facets", get(search_facets))
        .route("/api/articles", get(articles))
        .route("/api/articles/{id}", get(article))
        .route("/", get(overview_page))
        .route("/articles/{id}", get(article_page))
        .route("/events", get(events_page))
        .route("/search", get(search_page))
        .route("/figures", get(figures_page))
        .route("/network", get(network_page))
        .route("/stances", get(stances_page))
        .route("/static/app.css", get(stylesheet))
        .fallback(|uri: axum::http::Uri| async move {
            let missing = Failure(
                StatusCode::NOT_FOUND,
                format!(
                    "no such page or route: {} (GET /api lists them)",
                    uri.path()
                ),
            );
            match uri.path().starts_with("/api") {
                true => missing.into_response(),
                false => PageFailure(missing).into_response(),
            }
        })
        .with_state(served)
}

/// A page's failure: the same status and reason as the API's, as a page.
pub(crate) struct PageFailure(pub(crate) Failure);

impl IntoResponse for PageFailure {
    fn into_response(self) -> Response {
        let Failure(status, message) = self.0;
        let mut response = page_response(crate::pages::error_page(status.as_u16(), &message));
        *response.status_mut() = status;
        response
    }
}

impl From<Failure> for PageFailure {
    fn from(f: Failure) -> Self {
        PageFailure(f)
    }
}

type Params = Query<HashMap<String, String>>;

async fn routes() -> Response {
    let list: Vec<serde_json::Value> = ROUTES
        .iter()
        .map(|(path, params)| serde_json::json!({ "route": path, "parameters": params }))
        .chain(
            PAGES
                .iter()
                .map(|(path, what)| serde_json::json!({ "page": path, "parameters": what })),
        )
        .collect();
    json_response(
        StatusCode::OK,
        serde_json::Value::Array(list).to_string(),
        None,
    )
}

async fn events(State(s): State<Served>, Query(p): Params) -> Result<Response, Failure> {
    let mut f = event_filters(&p)?;
    f.status = checked(&p, "status", status_arg)?;
    let reports = flag(&p, "reports")?;
    rows(s, move |store| match reports {
        true => store.event_reports(&f),
        false => store.events(&f),
    })
    .await
}

/// The filters the events route and the timeline page share, checked as the command line
/// checks them.
fn event_filters(p: &HashMap<String, String>) -> Result<Filters, Failure> {
    let mut f = page(p)?;
    f.actor = text(p, "actor");
    f.actor_keys = corpus_cmd::actor_keys(&f.actor);
    f.with = text(p, "with");
    f.with_keys = corpus_cmd::actor_keys(&f.with);
    f.kind = checked(p, "type", corpus_cmd::event_type_arg)?;
    f.since = checked(p, "since", corpus_cmd::date_arg)?;
    f.until = checked(p, "until", corpus_cmd::date_arg)?;
    f.place = text(p, "place");
    Ok(f)
}

async fn actors(State(s): State<Served>, Query(p): Params) -> Result<Response, Failure> {
    let f = page(&p)?;
    rows(s, move |store| store.actors(&f)).await
}

async fn figures(State(s): State<Served>, Query(p): Params) -> Result<Response, Failure> {
    let f = figure_filters(&p)?;
    rows(s, move |store| store.figures(&f)).await
}

fn figure_filters(p: &HashMap<String, String>) -> Result<Filters, Failure> {
    let mut f = page(p)?;
    f.kind = checked(p, "kind", corpus_cmd::figure_kind_arg)?;
    f.country = text(p, "country").map(|c| c.to_uppercase());
    Ok(f)
}

async fn quotes(State(s): State<Served>, Query(p): Params) -> Result<Response, Failure> {
    let mut f = page(&p)?;
    f.actor = text(&p, "speaker");
    f.actor_keys = corpus_cmd::actor_keys(&f.actor);
    rows(s, move |store| store.quotes(&f)).await
}

async fn stances(State(s): State<Served>, Query(p): Params) -> Result<Response, Failure> {
    let f = stance_filters(&p)?;
    rows(s, move |store| store.stances(&f)).await
}

fn stance_filters(p: &HashMap<String, String>) -> Result<Filters, Failure> {
    let mut f = page(p)?;
    f.actor = text(p, "actor");
    f.actor_keys = corpus_cmd::actor_keys(&f.actor);
    f.issue = text(p, "issue");
    Ok(f)
}

async fn timeline(State(s): State<Served>, Query(p): Params) -> Result<Response, Failure> {
    let mut f = page(&p)?;
    f.actor = Some(required(&p, "actor")?);
    f.actor_keys = corpus_cmd::actor_keys(&f.actor);
    rows(s, move |store| store.timeline(&f)).await
}

async fn search(State(s): State<Served>, Query(p): Params) -> Result<Response, Failure> {
    let q = required(&p, "q")?;
    let raw = flag(&p, "raw")?;
    let limit = page(&p)?.limit.unwrap_or(DEFAULT_ROWS);
    let (narrow, narrowed) = narrowing(&p)?;
    rows(s, move |store| match narrowed.is_empty() {
        true => store.search(&q, limit, raw),
        false => store.search_narrowed(&q, raw, &narrow, limit, ("[", "]")),
    })
    .await
}

/// The facets of a search's matches: the commonest months, outlets, actors, event types and
/// places, with the number of matching articles of each.
async fn search_facets(State(s): State<Served>, Query(p): Params) -> Result<Response, Failure> {
    let q = required(&p, "q")?;
    let raw = flag(&p, "raw")?;
    let (narrow, _) = narrowing(&p)?;
    rows(s, move |store| {
        store.search_facets(&q, raw, &narrow, FACET_VALUES)
    })
    .await
}

/// A search's narrowings as (parameter, value), as the page lists them.
type Narrowed = Vec<(&'static str, String)>;

/// Values each facet of a search lists.
const FACET_VALUES: usize = 8;

/// What a search is narrowed by, checked as the command line checks dates and event types,
/// and the same as (parameter, value) pairs in the order the page shows them.
fn narrowing(p: &HashMap<String, String>) -> Result<(Narrowing, Narrowed), Failure> {
    let actor = text(p, "actor");
    let narrow = Narrowing {
        since: checked(p, "since", corpus_cmd::date_arg)?,
        until: checked(p, "until", corpus_cmd::date_arg)?,
        outlet: text(p, "outlet"),
        actor_keys: corpus_cmd::actor_keys(&actor),
        actor,
        kind: checked(p, "type", corpus_cmd::event_type_arg)?,
        place: text(p, "place"),
    };
    let named = [
        ("since", &narrow.since),
        ("until", &narrow.until),
        ("outlet", &narrow.outlet),
        ("actor", &narrow.actor),
        ("type", &narrow.kind),
        ("place", &narrow.place),
    ];
    let narrowed = named
        .into_iter()
        .filter_map(|(n, v)| v.clone().map(|v| (n, v)))
        .collect();
    Ok((narrow, narrowed))
}

async fn network(State(s): State<Served>, Query(p): Params) -> Result<Response, Failure> {
    let mut f = event_filters(&p)?;
    f.status = checked(&p, "status", status_arg)?;
    rows(s, move |store| store.network(&f)).await
}

async fn figure_points(State(s): State<Served>, Query(p): Params) -> Result<Response, Failure> {
    let f = figure_filters(&p)?;
    rows(s, move |store| store.figure_points(&f)).await
}

async fn stance_evidence(State(s): State<Served>, Query(p): Params) -> Result<Response, Failure> {
    let f = stance_filters(&p)?;
    rows(s, move |store| store.stance_evidence(&f)).await
}

async fn articles(State(s): State<Served>, Query(p): Params) -> Result<Response, Failure> {
    let f = page(&p)?;
    rows(s, move |store| store.articles(&f)).await
}

async fn article(
    State(s): State<Served>,
    UrlPath(id): UrlPath<String>,
) -> Result<Response, Failure> {
    let wanted = id.clone();
    match blocking(s, move |store| store.article(&wanted)).await? {
        Some(record) => Ok(json_response(StatusCode::OK, record, None)),
        None => Err(Failure(
            StatusCode::NOT_FOUND,
            format!("no article {id:?} in this corpus"),
        )),
    }
}

/// The annotated article: its text with every annotation drawn on it (`pages`).
async fn article_page(
    State(s): State<Served>,
    UrlPath(id): UrlPath<String>,
) -> Result<Response, PageFailure> {
    let wanted = id.clone();
    let Some(json) = blocking(s, move |store| store.article(&wanted)).await? else {
        return Err(PageFailure(Failure(
            StatusCode::NOT_FOUND,
            format!("no article {id:?} in this corpus"),
        )));
    };
    let record: dateline_core::Record = serde_json::from_str(&json).map_err(|e| {
        Failure(
            StatusCode::INTERNAL_SERVER_ERROR,
            format!("the stored record of {id:?} does not parse: {e}"),
        )
    })?;
    Ok(page_response(crate::pages::article_page(&record)))
}

/// The events timeline for an actor, a pair, a place, a type or a period, each event with its
/// reports.
async fn events_page(State(s): State<Served>, Query(p): Params) -> Result<Response, PageFailure> {
    let f = event_filters(&p)?;
    let (events, reports) = blocking(s, move |store| {
        let events = store.events(&f)?;
        let reports = reports_of(store, &events)?;
        Ok((events, reports))
    })
    .await?;
    Ok(page_response(crate::pages::events_page(
        &events, &reports, &p,
    )))
}

/// The reports of the events a page shows, and only theirs.
fn reports_of(store: &Store, events: &Table) -> dateline_store::Result<Table> {
    let column = events.columns.iter().position(|c| c == "event");
    let shown: Vec<i64> = events
        .rows
        .iter()
        .filter_map(|r| column.and_then(|i| r[i].parse().ok()))
        .collect();
    match shown.is_empty() {
        true => Ok(Table::default()),
        false => store.event_reports(&Filters {
            event_ids: shown,
            ..Filters::default()
        }),
    }
}

/// The search page: words as written (or FTS5 with `raw=true`) narrowed by the facets chosen,
/// the facets of the matches, and the results linked to their pages.
async fn search_page(State(s): State<Served>, Query(p): Params) -> Result<Response, PageFailure> {
    let query = text(&p, "q");
    let raw = flag(&p, "raw")?;
    let limit = page(&p)?.limit.unwrap_or(DEFAULT_ROWS);
    let (narrow, narrowed) = narrowing(&p)?;
    let asked = crate::pages::SearchAsked {
        q: query.clone().unwrap_or_default(),
        raw,
        narrowed,
    };
    let found = match query {
        None => None,
        Some(q) => Some(
            blocking(s, move |store| {
                let marks = (crate::pages::MATCH_START, crate::pages::MATCH_END);
                let results = store.search_narrowed(&q, raw, &narrow, limit, marks)?;
                let facets = store.search_facets(&q, raw, &narrow, FACET_VALUES)?;
                Ok((results, facets))
            })
            .await?,
        ),
    };
    Ok(page_response(crate::pages::search_page(
        &asked,
        found.as_ref().map(|f| &f.0),
        found.as_ref().map(|f| &f.1),
    )))
}

/// The overview: the latest events, the largest figure series, the network, the latest articles.
async fn overview_page(State(s): State<Served>) -> Result<Response, PageFailure> {
    let tables = blocking(s, |store| {
        let latest = |n: usize| Filters {
            limit: Some(n),
            ..Filters::default()
        };
        let events = store.latest_events(&latest(12))?;
        let figures = store.figure_points(&latest(CHART_ROWS))?;
        let network = store.network(&latest(60))?;
        let articles = store.articles(&latest(12))?;
        Ok([events, figures, network, articles])
    })
    .await?;
    let [events, figures, network, articles] = &tables;
    Ok(page_response(crate::panels::overview_page(
        &crate::panels::Overview {
            events,
            figures,
            network,
            articles,
        },
    )))
}

/// Every casualty and damage series as a chart, one line per source.
async fn figures_page(State(s): State<Served>, Query(p): Params) -> Result<Response, PageFailure> {
    let mut f = figure_filters(&p)?;
    f.limit = Some(CHART_ROWS);
    let points = blocking(s, move |store| store.figure_points(&f)).await?;
    Ok(page_response(crate::panels::figures_page(&points, &p)))
}

/// Who did what to whom in a period: the graph and the table of pairs.
async fn network_page(State(s): State<Served>, Query(p): Params) -> Result<Response, PageFailure> {
    let mut f = event_filters(&p)?;
    // At least 200 pairs: the graph draws the most mentioned actors among them.
    f.limit = f.limit.map(|n| n.max(200));
    let edges = blocking(s, move |store| store.network(&f)).await?;
    Ok(page_response(crate::panels::network_page(&edges, &p)))
}

/// Actors by issues, each cell opening to the statements behind it.
async fn stances_page(State(s): State<Served>, Query(p): Params) -> Result<Response, PageFailure> {
    let mut f = stance_filters(&p)?;
    f.limit = Some(CHART_ROWS);
    let evidence = blocking(s, move |store| store.stance_evidence(&f)).await?;
    Ok(page_response(crate::panels::stances_page(&evidence, &p)))
}

async fn stylesheet() -> Response {
    let mut headers = security_headers();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/css; charset=utf-8"),
    );
    (StatusCode::OK, headers, include_str!("../assets/app.css")).into_response()
}

/// An HTML page: only the server's own stylesheet may load, no script runs, nothing frames it.
pub(crate) fn page_response(html: String) -> Response {
    let mut headers = security_headers();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/html; charset=utf-8"),
    );
    headers.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static("default-src 'none'; style-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'"),
    );
    (StatusCode::OK, headers, html).into_response()
}

fn security_headers() -> HeaderMap {
    let mut headers = HeaderMap::new();
    headers.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static("default-src 'none'; frame-ancestors 'none'"),
    );
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    headers
}

/// Runs a query on a read-only handle off the async threads and answers with its rows.
async fn rows<F>(s: Served, query: F) -> Result<Response, Failure>
where
    F: FnOnce(&Store) -> dateline_store::Result<Table> + Send + 'static,
{
    let table = blocking(s, query).await?;
    Ok(table_response(&table))
}

async fn blocking<T, F>(s: Served, work: F) -> Result<T, Failure>
where
    T: Send + 'static,
    F: FnOnce(&Store) -> dateline_store::Result<T> + Send + 'static,
{
    let db = s.db.clone();
    tokio::task::spawn_blocking(move || {
        let store = Store::open_read(&db)?;
        Ok(work(&store)?)
    })
    .await
    .map_err(|e| Failure(StatusCode::INTERNAL_SERVER_ERROR, e.to_string()))?
}

fn table_response(table: &Table) -> Response {
    json_response(StatusCode::OK, table.render("json"), table.total)
}

/// A JSON body with the headers every answer carries: nothing may run or be sniffed.
pub(crate) fn json_response(status: StatusCode, body: String, total: Option<usize>) -> Response {
    let mut headers = security_headers();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json; charset=utf-8"),
    );
    if let Some(n) = total {
        headers.insert("x-total-count", HeaderValue::from(n as u64));
    }
    (status, headers, body).into_response()
}

/// The page a listing asks for: `limit` (1 to 1,000, default 100) and `offset`.
fn page(p: &HashMap<String, String>) -> Result<Filters, Failure> {
    let limit = checked(p, "limit", |v| {
        corpus_cmd::limit_arg(v).and_then(|n| match n <= MAX_ROWS {
            true => Ok(n),
            false => Err(format!("{n} is more than the {MAX_ROWS} rows a page holds")),
        })
    })?;
    let offset = checked(p, "offset", |v| {
        v.parse::<usize>()
            .map_err(|_| format!("{v:?} is not a whole number of rows to skip"))
    })?;
    Ok(Filters {
        limit: Some(limit.unwrap_or(DEFAULT_ROWS)),
        offset,
        ..Filters::default()
    })
}

fn text(p: &HashMap<String, String>, name: &str) -> Option<String> {
    p.get(name)
        .map(|v| v.trim().to_string())
        .filter(|v| !v.is_empty())
}

fn required(p: &HashMap<String, String>, name: &str) -> Result<String, Failure> {
    text(p, name).ok_or_else(|| {
        Failure(
            StatusCode::BAD_REQUEST,
            format!("the parameter {name:?} is required"),
        )
    })
}

/// A parameter checked as the command line checks it; a bad value names the parameter.
fn checked<T>(
    p: &HashMap<String, String>,
    name: &str,
    parse: impl Fn(&str) -> Result<T, String>,
) -> Result<Option<T>, Failure> {
    match text(p, name) {
        None => Ok(None),
        Some(v) => parse(&v)
            .map(Some)
            .map_err(|why| Failure(StatusCode::BAD_REQUEST, format!("{name}: {why}"))),
    }
}

fn flag(p: &HashMap<String, String>, name: &str) -> Result<bool, Failure> {
    Ok(checked(p, name, |v| match v {
        "true" | "1" | "yes" => Ok(true),
        "false" | "0" | "no" => Ok(false),
        _ => Err(format!("{v:?} is not true or false")),
    })?
    .unwrap_or(false))
}

fn status_arg(v: &str) -> Result<String, String> {
    match v {
        "occurred" | "planned" | "negated" | "hypothetical" => Ok(v.to_string()),
        _ => Err(format!(
            "{v:?} is not a status: occurred, planned, negated or hypothetical"
        )),
    }
}
