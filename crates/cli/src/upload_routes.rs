//! The routes of ingest from the page: `GET /ingest` (the form), `POST /ingest` (the form's
//! answer, a page) and `POST /api/ingest` (multipart files and text, or one file as the body;
//! the answer as JSON). All three refuse when the server was not started with
//! `--allow-ingest`, and the two posts without the token (see `upload`).

use crate::pages::{escape, shell};
use crate::serve::{json_response, page_response, Failure, Gate, PageFailure, Served};
use crate::upload::{self, Report, Upload};
use axum::extract::{FromRequest, Multipart, Query, Request, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::Response;
use std::collections::HashMap;
use std::fmt::Write;
use std::sync::Arc;

/// A request's parts once read: the uploads and the token given in the form, if any.
#[derive(Default)]
struct Posted {
    uploads: Vec<Upload>,
    token: Option<String>,
}

fn gate(s: &Served) -> Result<Arc<Gate>, Failure> {
    s.ingest.clone().ok_or_else(|| {
        Failure(
            StatusCode::FORBIDDEN,
            "ingest is off: start `dateline serve --allow-ingest` to accept articles".into(),
        )
    })
}

fn unauthorised() -> Failure {
    Failure(
        StatusCode::UNAUTHORIZED,
        "the ingest token is missing or wrong (Authorization: Bearer TOKEN, or the form's token field; dateline serve printed it)".into(),
    )
}

/// The form: files to upload, text to paste, the token.
pub async fn ingest_page(State(s): State<Served>) -> Result<Response, PageFailure> {
    let g = gate(&s)?;
    let body = format!(
        "<form method=\"post\" action=\"/ingest\" enctype=\"multipart/form-data\" class=\"ingest\">\
         <p><label>Files (text, HTML, JSON Lines, .gz; up to {} MB in all)<br><input type=\"file\" name=\"files\" multiple></label></p>\
         <p><label>Or paste an article<br><textarea name=\"text\" rows=\"12\" cols=\"80\"></textarea></label></p>\
         <p><label>Token <input type=\"password\" name=\"token\" autocomplete=\"off\" required></label> \
         <button>Ingest</button></p></form>",
        g.max_bytes / (1024 * 1024)
    );
    Ok(page_response(shell(
        "Ingest",
        "<p class=\"meta\">Articles are analysed and stored as <code>dateline ingest</code> stores them.</p>",
        "one",
        &body,
    )))
}

/// The form's answer: what was stored and what was skipped, as a page.
pub async fn form_ingest(
    State(s): State<Served>,
    request: Request,
) -> Result<Response, PageFailure> {
    let g = gate(&s)?;
    let posted = read_multipart(request, &s).await?;
    if !posted
        .token
        .as_deref()
        .is_some_and(|t| upload::token_matches(&g.token, t))
    {
        return Err(unauthorised().into());
    }
    let report = run(&s, &g, posted.uploads).await?;
    Ok(page_response(report_page(&report)))
}

/// `POST /api/ingest`: multipart files and text, or the body as one file (`?name=` gives its
/// name, which says its format; else it is named by its content type).
pub async fn api_ingest(
    State(s): State<Served>,
    headers: HeaderMap,
    Query(p): Query<HashMap<String, String>>,
    request: Request,
) -> Result<Response, Failure> {
    let g = gate(&s)?;
    let bearer = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .map(str::trim);
    // A wrong header is refused before the body is read.
    if bearer.is_some_and(|t| !upload::token_matches(&g.token, t)) {
        return Err(unauthorised());
    }
    let multipart = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("multipart/form-data"));
    let posted = match multipart {
        true => read_multipart(request, &s).await?,
        false => {
            if bearer.is_none() {
                return Err(unauthorised());
            }
            read_body(request, &headers, &p, g.max_bytes).await?
        }
    };
    let form_token = posted.token.as_deref();
    if bearer.is_none() && !form_token.is_some_and(|t| upload::token_matches(&g.token, t)) {
        return Err(unauthorised());
    }
    let report = run(&s, &g, posted.uploads).await?;
    let body = serde_json::to_string_pretty(&report).unwrap_or_default();
    Ok(json_response(StatusCode::OK, body, None))
}

/// Ingests the uploads, one request at a time, off the async threads.
async fn run(s: &Served, g: &Gate, uploads: Vec<Upload>) -> Result<Report, Failure> {
    if uploads.iter().all(|u| u.bytes.is_empty()) {
        return Err(Failure(
            StatusCode::BAD_REQUEST,
            "nothing to ingest: upload files (field \"files\") or paste text (field \"text\")"
                .into(),
        ));
    }
    let _one = g.one_at_a_time.lock().await;
    let db = s.db.clone();
    let uploads: Vec<Upload> = uploads
        .into_iter()
        .filter(|u| !u.bytes.is_empty())
        .collect();
    tokio::task::spawn_blocking(move || upload::ingest(&db, uploads))
        .await
        .map_err(|e| Failure(StatusCode::INTERNAL_SERVER_ERROR, e.to_string()))?
        .map_err(|e| Failure(StatusCode::INTERNAL_SERVER_ERROR, format!("{e:#}")))
}

async fn read_multipart(request: Request, s: &Served) -> Result<Posted, Failure> {
    let mut form = Multipart::from_request(request, s)
        .await
        .map_err(|e| Failure(e.status(), format!("reading the upload: {}", e.body_text())))?;
    let mut posted = Posted::default();
    let too_big = |e: axum::extract::multipart::MultipartError| {
        let status = e.status();
        let why = match status {
            StatusCode::PAYLOAD_TOO_LARGE => {
                "the request is larger than --max-upload allows".to_string()
            }
            _ => e.body_text(),
        };
        Failure(status, format!("reading the upload: {why}"))
    };
    while let Some(field) = form.next_field().await.map_err(too_big)? {
        let name = field.name().unwrap_or("").to_string();
        let file = field.file_name().map(str::to_string);
        let bytes = field.bytes().await.map_err(too_big)?.to_vec();
        match name.as_str() {
            "token" => posted.token = Some(String::from_utf8_lossy(&bytes).trim().to_string()),
            "text" => posted.uploads.push(Upload {
                name: "pasted.txt".into(),
                bytes,
            }),
            _ => posted.uploads.push(Upload {
                name: file.unwrap_or_else(|| format!("{name}.txt")),
                bytes,
            }),
        }
    }
    Ok(posted)
}

async fn read_body(
    request: Request,
    headers: &HeaderMap,
    p: &HashMap<String, String>,
    limit: usize,
) -> Result<Posted, Failure> {
    let bytes = axum::body::to_bytes(request.into_body(), limit)
        .await
        .map_err(|_| {
            Failure(
                StatusCode::PAYLOAD_TOO_LARGE,
                format!(
                    "the request is larger than the {} MB --max-upload allows",
                    limit / (1024 * 1024)
                ),
            )
        })?;
    let kind = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    let name = p.get("name").cloned().unwrap_or_else(|| {
        match kind {
            k if k.contains("html") => "upload.html",
            k if k.contains("json") => "upload.jsonl",
            k if k.contains("gzip") => "upload.txt.gz",
            _ => "upload.txt",
        }
        .to_string()
    });
    Ok(Posted {
        uploads: vec![Upload {
            name,
            bytes: bytes.to_vec(),
        }],
        token: None,
    })
}

fn report_page(r: &Report) -> String {
    let mut body = format!(
        "<p class=\"report\">{} inputs · {} articles analysed · <b>{} stored</b> · {} already stored · {} replaced by a fuller copy · {} near-duplicates</p>",
        r.inputs.len(),
        r.analysed,
        r.stored,
        r.already_stored,
        r.replaced,
        r.near_duplicates
    );
    for (heading, list) in [
        ("Skipped", &r.skipped),
        ("Not an article format", &r.ignored),
    ] {
        if list.is_empty() {
            continue;
        }
        let _ = write!(body, "<h2>{heading}</h2><ul class=\"skipped\">");
        for item in list {
            let _ = write!(body, "<li>{}</li>", escape(item));
        }
        body.push_str("</ul>");
    }
    body.push_str("<p><a href=\"/ingest\">Ingest more</a> · <a href=\"/\">Overview</a></p>");
    shell("Ingested", "", "one", &body)
}
