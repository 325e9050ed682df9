//! What the commands need to know about the terminal they print to.

/// Columns of the terminal on standard output: its own size, else `COLUMNS`, else 100 (a
/// terminal that reports no size, such as some CI consoles).
pub fn width() -> usize {
    console::Term::stdout()
        .size_checked()
        .map(|(_, cols)| cols as usize)
        .filter(|&cols| cols > 0)
        .or_else(|| std::env::var("COLUMNS").ok()?.parse().ok())
        .unwrap_or(100)
}
