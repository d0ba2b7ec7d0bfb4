//! Font discovery, loading and metrics (helper C).
