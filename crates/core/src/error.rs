use thiserror::Error;

/// Errors a stage can report. The pipeline turns them into diagnostics on the document, so one
/// failing stage never stops a batch.
#[derive(Debug, Error)]
pub enum Error {
    #[error("stage {stage}: {message}")]
    Stage {
        stage: &'static str,
        message: String,
    },
    #[error("stage {stage} panicked: {message}")]
    Panic {
        stage: &'static str,
        message: String,
    },
}

pub type Result<T> = std::result::Result<T, Error>;
