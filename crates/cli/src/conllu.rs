//! `dateline tag` output: each sentence of an article as CoNLL-U, with the language layer's part
//! of speech, head, relation and entity tag, and every token's byte span in the article.

use dateline_core::Document;
use std::fmt::Write;

/// One article as CoNLL-U sentences. Columns: ID, FORM, LEMMA (`_`), UPOS (`_`), XPOS (tag),
/// FEATS (`_`), HEAD, DEPREL, DEPS (`_`), MISC (`Span=start:end|NER=tag`). Untagged tokens show
/// `_`. The lines of one article end with a blank line, so a whole run is one CoNLL-U file.
pub fn render(doc: &Document) -> String {
    let text = doc.text();
    let tokens = &doc.tokens;
    let mut out = String::new();
    let _ = writeln!(out, "# newdoc id = {}", doc.record.id);
    for sentence in &doc.record.sentences {
        let first = tokens.partition_point(|t| t.start < sentence.0);
        let last = tokens.partition_point(|t| t.start < sentence.1);
        if first == last {
            continue;
        }
        let _ = writeln!(out, "# sent = {}:{}", sentence.0, sentence.1);
        let sentence_text = text.get(sentence.0..sentence.1).unwrap_or("");
        let _ = writeln!(out, "# text = {}", one_line(sentence_text));
        for i in first..last {
            write_token(&mut out, doc, i, first);
        }
        out.push('\n');
    }
    // The engine adds the newline after each record.
    out.pop();
    out
}

fn write_token(out: &mut String, doc: &Document, i: usize, first: usize) {
    let token = &doc.tokens[i];
    let parse = &doc.parse;
    let form = token.text(doc.text());
    let (tag, head, dep, ent) = if parse.has(i) {
        let head = parse.heads[i] as usize;
        let head = if head == i { 0 } else { head + 1 - first };
        (
            parse.tags[i],
            head.to_string(),
            parse.deps[i],
            parse.ents[i],
        )
    } else {
        ("_", "_".to_string(), "_", "_")
    };
    let _ = writeln!(
        out,
        "{}\t{}\t_\t_\t{}\t_\t{}\t{}\t_\tSpan={}:{}|NER={}",
        i + 1 - first,
        form,
        tag,
        head,
        dep,
        token.start,
        token.end,
        ent
    );
}

/// Sentence text on one comment line.
fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}
