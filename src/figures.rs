//! Figures computed from the facts (helper A).
